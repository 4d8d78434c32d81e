// Where the caseload comes from: GET /api/v1/caseload (issue 15), one paged call that returns
// every client the clinician may see with the server's status, active alerts by severity, last
// session, outcome scores and the active plan's phase, already sorted by need (docs/monitor.md
// "Caseload"). The rows keep the server's order.
import { allPages, api } from "../api/client";
import type { components } from "../api/schema";
import type { CaseloadStatus } from "./caseloadStatus";

type CaseloadEntry = components["schemas"]["CaseloadEntry"];

export interface CaseloadRow {
  clientId: number;
  name: string;
  status: CaseloadStatus;
  /// Open or acknowledged alerts, all severities.
  activeAlerts: number;
  criticalAlerts: number;
  oldestActiveAlertAt: string | null;
  lastSession: string | null;
  /// The primary outcome measure's first and latest score in the episode.
  outcome: { instrument: string; first: number | null; latest: number | null } | null;
  planPhase: string | null;
  planVersion: number | null;
  /// What is due for the client's latest session (issue 18; docs/schedules.md), or null
  /// without an open episode.
  due: { sessionNumber: number; beforeSession: string[]; endOfSession: string[] } | null;
  /// The lead clinician's name: in a supervisor's team view only (null elsewhere, and when the
  /// care team has no lead).
  lead: string | null;
}

/// "mine": the caller's own clients; "team": a supervisor's team view (the clients led by the
/// clinicians of the teams they supervise; docs/decisions/0210-supervision-read-access.md).
export type CaseloadScope = "mine" | "team";

export function caseloadRow(entry: CaseloadEntry): CaseloadRow {
  const alerts = entry.active_alerts;
  return {
    clientId: entry.client_id,
    name: entry.name,
    status: entry.status,
    activeAlerts: alerts.critical + alerts.high + alerts.warning + alerts.info,
    criticalAlerts: alerts.critical,
    oldestActiveAlertAt: entry.oldest_active_alert_at,
    lastSession: entry.last_session,
    outcome: entry.outcome,
    planPhase: entry.plan?.phase ?? null,
    planVersion: entry.plan?.version ?? null,
    due: entry.due
      ? {
          sessionNumber: entry.due.session_number,
          beforeSession: entry.due.before_session,
          endOfSession: entry.due.end_of_session,
        }
      : null,
    lead: entry.lead?.name ?? null,
  };
}

export async function fetchCaseload(scope: CaseloadScope = "mine"): Promise<CaseloadRow[]> {
  const entries = await allPages<CaseloadEntry>((cursor) =>
    api.GET("/api/v1/caseload", { params: { query: { limit: 200, cursor, scope } } }),
  );
  return entries.map(caseloadRow);
}
