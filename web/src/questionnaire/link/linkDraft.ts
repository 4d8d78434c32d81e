// What the questionnaire-link page keeps on the device while the client answers (issue 18):
// the answers given so far and, once "Send" was pressed, the idempotency key of that sending,
// so a dropped connection loses nothing and a resend stores nothing twice. Kept in
// localStorage under a key made from the token's first characters (never the whole token),
// and removed once the server has the answers. On a kiosk tablet (decision 0251) they are kept
// in sessionStorage instead, which the kiosk page clears when the client is done.
import type { Answer } from "../questionnaireRules";

export interface LinkDraft {
  /// instrument id -> item id -> answer
  answers: Record<string, Record<string, Answer>>;
  /// Set when the client pressed Send: the same key on every resend of these answers.
  idempotencyKey?: string;
}

const PREFIX = "tessera-questionnaire-link:";

function keyFor(token: string): string {
  return PREFIX + token.slice(0, 8);
}

/// Where a page keeps its draft: the phone's localStorage survives the browser being closed;
/// the kiosk's sessionStorage ends with the tab.
export type DraftPlace = "device" | "tab";

function storageFor(place: DraftPlace): Storage {
  return place === "tab" ? window.sessionStorage : window.localStorage;
}

export function loadDraft(token: string, place: DraftPlace = "device"): LinkDraft {
  try {
    const text = storageFor(place).getItem(keyFor(token));
    if (!text) return { answers: {} };
    const parsed = JSON.parse(text) as LinkDraft;
    return parsed && typeof parsed.answers === "object" ? parsed : { answers: {} };
  } catch {
    return { answers: {} };
  }
}

export function saveDraft(token: string, draft: LinkDraft, place: DraftPlace = "device"): void {
  try {
    storageFor(place).setItem(keyFor(token), JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the answers stay in the page only.
  }
}

export function clearDraft(token: string, place: DraftPlace = "device"): void {
  try {
    storageFor(place).removeItem(keyFor(token));
  } catch {
    // Nothing kept.
  }
}

/// Removes every questionnaire draft this app kept in `storage` (the kiosk's clean-up).
export function clearAllDrafts(storage: Storage): void {
  try {
    for (const key of Object.keys(storage)) if (key.startsWith(PREFIX)) storage.removeItem(key);
  } catch {
    // Nothing kept.
  }
}

export function newIdempotencyKey(): string {
  return window.crypto.randomUUID();
}

export interface RiskFlag {
  instrument: string;
  item: string;
  when: string;
  value: number;
}

/// Whether an answer meets a risk item's rule (the definition's own flag: "above" 0 for PHQ-9
/// item 9), so the crisis information shows the moment it is given.
export function meetsRiskFlag(flag: RiskFlag, answer: Answer | undefined): boolean {
  if (typeof answer !== "number") return false;
  switch (flag.when) {
    case "above":
      return answer > flag.value;
    case "at_least":
      return answer >= flag.value;
    case "below":
      return answer < flag.value;
    case "at_most":
      return answer <= flag.value;
    default:
      return false;
  }
}
