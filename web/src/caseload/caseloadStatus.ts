// A client's status in words (never colour alone). The caseload's statuses come from the
// server (GET /api/v1/caseload: risk ... no_data, docs/monitor.md "Caseload"), which also sorts
// by need; the client page still derives its badge from the client's open alerts
// (caseloadStatus below).
import { alertKind } from "../alerts/alertKinds";

/// The caseload's statuses, most in need first (the server's order).
export const CASELOAD_STATUSES = [
  "risk",
  "not_on_track",
  "alliance_concern",
  "dropout_risk",
  "on_track",
  "recovered",
  "no_data",
] as const;

export type CaseloadStatus =
  | (typeof CASELOAD_STATUSES)[number]
  | "alert_to_review"
  | "no_open_alerts"
  | "no_scores"
  | "episode_closed";

export interface StatusLook {
  words: string;
  /// What the status means, for the badge's title and screen readers.
  explanation: string;
}

export const STATUS_LOOK: Record<CaseloadStatus, StatusLook> = {
  risk: { words: "Risk", explanation: "an open alert about risk (a risk item was endorsed)" },
  not_on_track: {
    words: "Not on track",
    explanation: "an open alert: not on track, deteriorating or no reliable change",
  },
  alliance_concern: { words: "Alliance concern", explanation: "an open alliance alert" },
  dropout_risk: { words: "Drop-out risk", explanation: "an open drop-out risk alert" },
  on_track: {
    words: "On track",
    explanation: "two or more scores of the main outcome measure and no open alert of concern",
  },
  recovered: {
    words: "Recovered",
    explanation: "the latest score of the main outcome measure is a recovery from the first",
  },
  no_data: { words: "No scores yet", explanation: "fewer than two scores of an outcome measure" },
  alert_to_review: { words: "Alert to review", explanation: "another open alert" },
  no_open_alerts: {
    words: "No open alerts",
    explanation: "scores recorded and no open alert in this episode",
  },
  no_scores: { words: "No scores yet", explanation: "no questionnaire in this episode yet" },
  episode_closed: { words: "Episode closed", explanation: "the latest episode is closed" },
};

// Most urgent first, for the client page's badge from its open alerts.
const STATUS_ORDER: CaseloadStatus[] = [
  "risk",
  "not_on_track",
  "alliance_concern",
  "dropout_risk",
  "alert_to_review",
  "no_scores",
  "no_open_alerts",
  "episode_closed",
];

const STATUS_OF_KIND: Record<string, CaseloadStatus> = {
  risk_item: "risk",
  reliable_deterioration: "not_on_track",
  not_on_track: "not_on_track",
  no_reliable_change: "not_on_track",
  alliance_rupture: "alliance_concern",
  dropout_risk: "dropout_risk",
};

function statusOfKind(kind: string): CaseloadStatus {
  if (kind.startsWith("flag:") || alertKind(kind).severity === "critical") return "risk";
  return STATUS_OF_KIND[kind] ?? "alert_to_review";
}

export interface StatusInput {
  openAlertKinds: string[];
  episodeClosed: boolean;
  scoreCount: number;
}

/// The most urgent status the client's open alerts give; without open alerts, whether the
/// episode is closed or has scores.
export function caseloadStatus(input: StatusInput): CaseloadStatus {
  if (input.openAlertKinds.length > 0) {
    return input.openAlertKinds
      .map(statusOfKind)
      .reduce((worst, status) =>
        STATUS_ORDER.indexOf(status) < STATUS_ORDER.indexOf(worst) ? status : worst,
      );
  }
  if (input.episodeClosed) return "episode_closed";
  return input.scoreCount > 0 ? "no_open_alerts" : "no_scores";
}

