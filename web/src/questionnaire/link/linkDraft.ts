// What the questionnaire-link page keeps on the device while the client answers (issue 18):
// the answers given so far and, once "Send" was pressed, the idempotency key of that sending,
// so a dropped connection loses nothing and a resend stores nothing twice. Kept in
// localStorage under a key made from the token's first characters (never the whole token),
// and removed once the server has the answers.
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

export function loadDraft(token: string): LinkDraft {
  try {
    const text = window.localStorage.getItem(keyFor(token));
    if (!text) return { answers: {} };
    const parsed = JSON.parse(text) as LinkDraft;
    return parsed && typeof parsed.answers === "object" ? parsed : { answers: {} };
  } catch {
    return { answers: {} };
  }
}

export function saveDraft(token: string, draft: LinkDraft): void {
  try {
    window.localStorage.setItem(keyFor(token), JSON.stringify(draft));
  } catch {
    // Storage full or disabled (private mode): the answers stay in the page only.
  }
}

export function clearDraft(token: string): void {
  try {
    window.localStorage.removeItem(keyFor(token));
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
