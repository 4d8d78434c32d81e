// Where the caseload comes from: the one file to change when GET /api/v1/caseload (issue 15)
// lands, which will return these rows (status, alerts, last session) in one call. Today it
// is assembled from GET /api/v1/clients, the open alerts (GET /api/v1/alerts?state=open) and
// each client's summary (GET /api/v1/clients/{client_id}/summary).
import { allPages, api, data } from "../api/client";
import type { Alert, ClientListItem, InstrumentSummary } from "../api/types";
import { caseloadStatus, sortByNeed, type CaseloadStatus } from "./caseloadStatus";

export interface CaseloadRow {
  clientId: number;
  name: string;
  status: CaseloadStatus;
  openAlerts: number;
  openAlertKinds: string[];
  episodeOpenedOn: string | null;
  episodeClosedOn: string | null;
  /// The latest score of each questionnaire in the episode, most used first.
  latestScores: InstrumentSummary[];
  lastScoredAt: string | null;
  planVersion: number | null;
}

// Summaries are fetched a few at a time, not all at once, so a large caseload does not
// queue hundreds of requests on the server's connection limit.
const SUMMARY_CONCURRENCY = 6;

async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const itemIdx = next++;
      results[itemIdx] = await work(items[itemIdx] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function fetchCaseload(): Promise<CaseloadRow[]> {
  const [clients, openAlerts] = await Promise.all([
    allPages<ClientListItem>((cursor) =>
      api.GET("/api/v1/clients", { params: { query: { limit: 200, cursor } } }),
    ),
    allPages<Alert>((cursor) =>
      api.GET("/api/v1/alerts", {
        params: { query: { state: "open", limit: 200, cursor } },
      }),
    ),
  ]);
  const summaries = await mapLimited(clients, SUMMARY_CONCURRENCY, (client) =>
    data(
      api.GET("/api/v1/clients/{client_id}/summary", {
        params: { path: { client_id: client.id } },
      }),
    ),
  );
  const rows = summaries.map((summary): CaseloadRow => {
    const kinds = openAlerts
      .filter((alert) => alert.client_id === summary.client_id)
      .map((alert) => alert.kind);
    const scores = [...summary.instruments].sort((left, right) => right.count - left.count);
    const scoreCount = scores.reduce((sum, instrument) => sum + instrument.count, 0);
    const lastScoredAt =
      scores.map((instrument) => instrument.latest.administered_at).sort().at(-1) ?? null;
    return {
      clientId: summary.client_id,
      name: summary.name,
      status: caseloadStatus({
        openAlertKinds: kinds,
        episodeClosed: summary.episode?.closed_on != null,
        scoreCount,
      }),
      openAlerts: kinds.length,
      openAlertKinds: kinds,
      episodeOpenedOn: summary.episode?.opened_on ?? null,
      episodeClosedOn: summary.episode?.closed_on ?? null,
      latestScores: scores,
      lastScoredAt,
      planVersion: summary.plan?.version ?? null,
    };
  });
  return sortByNeed(rows);
}
