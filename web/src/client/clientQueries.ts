// What the client page reads: the summary, the sessions and questionnaires of the record, and
// the current plan version.
import { useQuery } from "@tanstack/react-query";
import { allPages, api, data } from "../api/client";
import type { Administration, Session } from "../api/types";

export function useClientSummary(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "summary"],
    queryFn: () =>
      data(
        api.GET("/api/v1/clients/{client_id}/summary", {
          params: { path: { client_id: clientId } },
        }),
      ),
  });
}

export function useSessions(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "sessions"],
    queryFn: () =>
      allPages<Session>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/sessions", {
          params: { path: { client_id: clientId }, query: { limit: "200", cursor } as never },
        }),
      ),
  });
}

export function useAdministrations(clientId: number) {
  return useQuery({
    queryKey: ["client", clientId, "measures"],
    queryFn: () =>
      allPages<Administration>((cursor) =>
        api.GET("/api/v1/clients/{client_id}/measures", {
          params: { path: { client_id: clientId }, query: { limit: "200", cursor } as never },
        }),
      ),
  });
}

export function usePlanVersion(plan: { id: number; version: number } | null | undefined) {
  return useQuery({
    queryKey: ["plan", plan?.id, plan?.version],
    enabled: !!plan,
    queryFn: () =>
      data(
        api.GET("/api/v1/plans/{plan_id}/versions/{version}", {
          params: { path: { plan_id: plan?.id ?? 0, version: plan?.version ?? 0 } },
        }),
      ),
  });
}

/// The monitor's judgement of every session of the episode: expected score and band.
export function useCourse(clientId: number, episodeId: number | undefined) {
  return useQuery({
    queryKey: ["client", clientId, "course", episodeId],
    enabled: episodeId !== undefined,
    queryFn: () =>
      data(
        api.GET("/api/v1/clients/{client_id}/episodes/{episode_id}/course", {
          params: { path: { client_id: clientId, episode_id: episodeId ?? 0 } },
        }),
      ),
  });
}
