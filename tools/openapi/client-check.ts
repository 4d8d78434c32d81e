// Compiled (never run) by `tools/openapi/run typecheck` against the client types generated from
// the OpenAPI document: a client can be written from the document alone, and these lines stop
// compiling when a body loses its schema or a field changes its type.
import type { components, paths } from "./generated/tessera-api";

type Schemas = components["schemas"];
type Json<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;

type ClientRead = Json<paths["/api/v1/clients/{client_id}"]["get"]["responses"][200]>;
type SessionCreated = Json<paths["/api/v1/clients/{client_id}/sessions"]["post"]["responses"][201]>;
type SessionInput = paths["/api/v1/clients/{client_id}/sessions"]["post"]["requestBody"];
type EpisodePage = Json<paths["/api/v1/clients/{client_id}/episodes"]["get"]["responses"][200]>;
type PlanCreated = Json<paths["/api/v1/clients/{client_id}/plans"]["post"]["responses"][201]>;
type Failure = Json<paths["/api/v1/clients/{client_id}"]["get"]["responses"][404]>;

export function clientName(client: ClientRead): string {
  return client.identifiers.name;
}

export function attended(session: SessionCreated): boolean {
  const attendance: Schemas["Session"]["attendance"] = session.attendance;
  return attendance === "attended";
}

export const newSession: NonNullable<SessionInput>["content"]["application/json"] = {
  episode_id: 1,
  date: "2026-01-12",
  attendance: "did_not_attend",
  techniques: [{ technique: "cbt.thought_record", helpfulness: 7 }],
};

export function openEpisodes(page: EpisodePage): number[] {
  const next: string | null = page.next_cursor;
  void next;
  return page.items.filter((episode) => episode.closed_on === null).map((episode) => episode.id);
}

export function offered(plan: PlanCreated): string[] {
  return plan.versions.flatMap((version) => version.content.offered_options.map((option) => option.for));
}

export function message(failure: Failure): string {
  const code: Schemas["Error"]["error"]["code"] = failure.error.code;
  return `${code}: ${failure.error.message}`;
}

export function pathParameters(): paths["/api/v1/plans/{plan_id}/versions/{version}"]["get"]["parameters"]["path"] {
  return { plan_id: 3, version: 1 };
}
