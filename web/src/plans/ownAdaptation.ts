// The clinician's own adaptation of the active plan (POST /plans/{id}/adaptations with
// `proposal`): the changes it may make and, when the server refuses it because the adapted plan
// breaks the planner's rules, which rules (from its 400: "the adapted plan breaks the plan's
// rules: <rule>; <rule> (to accept it anyway, give 'override_reason')").
import { ApiError } from "../api/client";

export type OwnChange = "add_technique" | "remove_technique" | "move_to_next_phase" | "return_to_earlier_phase";

export const CHANGE_WORDS: Record<OwnChange, string> = {
  add_technique: "Add a technique to a phase",
  remove_technique: "Take a technique out of a phase",
  move_to_next_phase: "Move on to the next phase",
  return_to_earlier_phase: "Return to an earlier phase",
};

export function namesTechnique(change: OwnChange): boolean {
  return change === "add_technique" || change === "remove_technique";
}

const RULES_PREFIX = "the adapted plan breaks the plan's rules: ";
const RULES_SUFFIX = " (to accept it anyway, give 'override_reason')";

/// The planner's rules the adapted plan breaks, or null when the error is not that refusal.
export function brokenRules(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const start = error.message.indexOf(RULES_PREFIX);
  if (start < 0) return null;
  let rules = error.message.slice(start + RULES_PREFIX.length);
  const end = rules.lastIndexOf(RULES_SUFFIX);
  if (end >= 0) rules = rules.slice(0, end);
  const list = rules
    .split("; ")
    .map((rule) => rule.trim())
    .filter((rule) => rule !== "");
  return list.length > 0 ? list : null;
}
