// A client's place on the caseload: one status in words (never colour alone), from the open
// alerts the monitor raised and whether there are scores at all; and the caseload sorted by
// need. Pure functions over the rows caseloadSource.ts assembles.
import { alertKind } from "../alerts/alertKinds";

export type CaseloadStatus =
  | "risk"
  | "not_on_track"
  | "alliance_concern"
  | "dropout_risk"
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
  alert_to_review: { words: "Alert to review", explanation: "another open alert" },
  no_open_alerts: {
    words: "No open alerts",
    explanation: "scores recorded and no open alert in this episode",
  },
  no_scores: { words: "No scores yet", explanation: "no questionnaire in this episode yet" },
  episode_closed: { words: "Episode closed", explanation: "the latest episode is closed" },
};

// Most urgent first: the order a clinician should look at their clients in.
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

export function statusRank(status: CaseloadStatus): number {
  return STATUS_ORDER.indexOf(status);
}

/// By status (most urgent first), then more open alerts first, then name.
export function sortByNeed<T extends { status: CaseloadStatus; openAlerts: number; name: string }>(
  rows: T[],
): T[] {
  return [...rows].sort(
    (left, right) =>
      statusRank(left.status) - statusRank(right.status) ||
      right.openAlerts - left.openAlerts ||
      left.name.localeCompare(right.name),
  );
}
