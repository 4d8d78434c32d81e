// What each alert kind means to a clinician: its words, how urgent it is, and which caseload
// status it puts the client in. Kinds are the monitor's (src/monitor/report.hpp) plus the
// instrument flags ("flag:<id>", raised when no monitor is configured) and break-glass access.

export type Severity = "critical" | "high" | "warning" | "info";

export interface AlertKind {
  title: string;
  severity: Severity;
}

const KINDS: Record<string, AlertKind> = {
  risk_item: { title: "Risk item endorsed", severity: "critical" },
  reliable_deterioration: { title: "Reliable deterioration", severity: "high" },
  not_on_track: { title: "Not on track", severity: "warning" },
  no_reliable_change: { title: "No reliable change by the review point", severity: "warning" },
  alliance_rupture: { title: "Alliance concern", severity: "warning" },
  dropout_risk: { title: "Drop-out risk", severity: "warning" },
  low_motivation: { title: "Low motivation", severity: "info" },
  break_glass: { title: "Emergency access to the record", severity: "high" },
};

/// The kind's words and severity; an unknown kind is shown by its own name as a warning.
export function alertKind(kind: string): AlertKind {
  const known = KINDS[kind];
  if (known) return known;
  if (kind.startsWith("flag:")) return { title: "Questionnaire flag", severity: "critical" };
  return { title: kind.replaceAll("_", " "), severity: "warning" };
}

/// The words of a kind this page knows; undefined for any other word.
export function knownAlertTitle(kind: string): string | undefined {
  return Object.hasOwn(KINDS, kind) ? KINDS[kind]?.title : undefined;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, warning: 2, info: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export const SEVERITY_WORDS: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  warning: "Warning",
  info: "For information",
};

/// Most severe first, then oldest first (what has waited longest).
export function byUrgency<T extends { kind: string; raised_at: string }>(alerts: T[]): T[] {
  return [...alerts].sort(
    (left, right) =>
      severityRank(alertKind(left.kind).severity) - severityRank(alertKind(right.kind).severity) ||
      left.raised_at.localeCompare(right.raised_at),
  );
}

/// The monitor's detail without its leading severity ("high: ..."), which the card shows
/// as a badge already.
export function alertDetail(detail: string): string {
  return detail.replace(/^(critical|high|warning|info):\s*/i, "");
}
