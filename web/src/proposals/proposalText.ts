// A monitor proposal in a clinician's words: the monitor quotes technique ids
// ("Consider adding 'cbt_behavioural_activation'"), the page shows the catalogue's names.
import { knownAlertTitle } from "../alerts/alertKinds";

/// `text` with every quoted id the catalogue knows ('id') replaced by its name; quoted words
/// the catalogue does not know are left as they are.
export function withTechniqueNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/'([a-z0-9_]+)'/g, (quoted, id: string) => {
    const name = names.get(id);
    return name === undefined ? quoted : `“${name}”`;
  });
}

/// A proposal's rationale with the alert kinds it names ("prompted by no_reliable_change") in
/// words ("prompted by “No reliable change by the review point”") and technique ids by name.
export function rationaleWords(text: string, names: ReadonlyMap<string, string>): string {
  return withTechniqueNames(text, names).replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (word) => {
    const title = knownAlertTitle(word);
    return title === undefined ? word : `“${title}”`;
  });
}

const CHANGE_WORDS: Record<string, string> = {
  none: "No change to the plan's content; recorded as a new version",
  move_to_next_phase: "Moves the plan to its next phase",
  return_to_earlier_phase: "Returns the plan to an earlier phase",
  add_technique: "Adds a technique",
  remove_technique: "Takes a technique out",
  add_common_factor_action: "Adds work on the therapeutic relationship",
};

/// What accepting the proposal does to the plan, in words (the technique by name).
export function changeWords(
  proposal: { change: string; technique?: string; phase?: string },
  names: ReadonlyMap<string, string>,
): string {
  const base = CHANGE_WORDS[proposal.change] ?? proposal.change.replaceAll("_", " ");
  const technique = proposal.technique ? names.get(proposal.technique) ?? proposal.technique : "";
  const parts = [base + (technique ? `: ${technique}` : "")];
  if (proposal.phase) parts.push(`(phase “${proposal.phase}”)`);
  return parts.join(" ");
}
