// An alert's history in the order it happened: every administration that triggered it (the
// first raised it, later ones updated it) and every handling (acknowledged, resolved, resolved
// automatically, re-opened) with who, when and the note (docs/monitor.md "Alert lifecycle").
import type { Alert } from "../api/types";

export interface HistoryEntry {
  at: string;
  /// What happened, in words ("Raised", "Triggered again", "Acknowledged", ...).
  what: string;
  /// Who did it: "you", their name, "account 12" when the name is not known, or null for the
  /// monitor.
  who: string | null;
  /// The trigger's detail or the handling's note.
  text: string;
  kind: "trigger" | "handling";
}

const HANDLING_WORDS: Record<string, string> = {
  acknowledged: "Acknowledged",
  resolved: "Resolved",
  auto_resolved: "Resolved automatically (the condition cleared)",
  reopened: "Re-opened",
};

/// Oldest first. Handlings from before the lifecycle (free-text actions) read as
/// acknowledgements, as the server counts them.
export function alertHistory(
  alert: Pick<Alert, "triggers" | "handlings">,
  myId: number | null,
  names: ReadonlyMap<number, string> = new Map(),
): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  alert.triggers.forEach((trigger, index) => {
    const level = trigger.level === null ? "" : ` (answer ${trigger.level})`;
    entries.push({
      at: trigger.triggered_at,
      what: index === 0 ? "Raised" : "Triggered again",
      who: null,
      text: `${trigger.detail}${level}`,
      kind: "trigger",
    });
  });
  for (const handling of alert.handlings) {
    const automatic = handling.action === "auto_resolved";
    entries.push({
      at: handling.handled_at,
      what: HANDLING_WORDS[handling.action] ?? `Acknowledged (${handling.action})`,
      who: automatic
        ? null
        : handling.handled_by === myId
          ? "you"
          : names.get(handling.handled_by) ?? `account ${handling.handled_by}`,
      text: handling.note,
      kind: "handling",
    });
  }
  // Stable: a trigger and a handling at the same instant keep trigger first.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((left, right) => left.entry.at.localeCompare(right.entry.at) || left.index - right.index)
    .map(({ entry }) => entry);
}

/// Risk alerts (an endorsed risk item, a questionnaire's risk flag) are never resolved by the
/// monitor: only a clinician resolves them, saying what was done.
export function isRiskAlert(kind: string): boolean {
  return kind === "risk_item" || kind.startsWith("flag:");
}
