// What a questionnaire form needs from an instrument's definition file (docs/instruments.md):
// its items with their answers, which items may be left unanswered, and whether the answers
// given so far can be submitted. The rules are read from the file, never written in here:
// a `sum` scale needs every item; a `prorated_sum` or `mean` scale allows blanks down to its
// `minimum_answered`; an item with `scored: false` counts in no scale and may be left blank.
// The server checks the same rules again and its refusal names the item.
import type { Schemas } from "../api/types";

export interface AnswerOption {
  value: number;
  label?: string;
}

export interface AnswerSet {
  id: string;
  options?: AnswerOption[];
  range?: { minimum: number; maximum: number; step: number };
}

export interface QuestionItem {
  id: string;
  answers: string;
  text?: string;
  scored?: boolean;
  reverse_scored?: boolean;
}

interface Scale {
  id?: string;
  name: string;
  method: string;
  items?: string[];
  minimum_answered?: number;
}

interface Flag {
  id: string;
  item?: string;
  items?: string[];
  message: string;
}

/// The parts of a definition file the form reads.
export interface FormDefinition {
  id: string;
  name: string;
  shortName: string;
  itemTextIncluded: boolean;
  /// The instruction printed above the items on the published form ("Over the last 2 weeks,
  /// ..."); null where the definition has none (not verified against the published form).
  instructions: string | null;
  answerSets: Map<string, AnswerSet>;
  items: QuestionItem[];
  scales: Scale[];
  /// Items a risk or concern flag looks at (PHQ-9 item 9, CORE-10 item 6).
  flaggedItems: Set<string>;
}

export function formDefinition(instrument: Schemas["Instrument"]): FormDefinition {
  const scoring = instrument.scoring as { total?: Scale; subscales?: Scale[] };
  const items = instrument.items as unknown as QuestionItem[];
  const scored = items.filter((item) => item.scored !== false).map((item) => item.id);
  const scales: Scale[] = [];
  if (scoring.total) scales.push({ ...scoring.total, items: scoring.total.items ?? scored });
  for (const subscale of scoring.subscales ?? []) scales.push(subscale);
  const flags = (instrument.flags ?? []) as unknown as Flag[];
  const licence = instrument.licence as { item_text?: string };
  return {
    id: instrument.id,
    name: instrument.name,
    shortName: instrument.short_name ?? instrument.id,
    itemTextIncluded: licence.item_text === "included",
    instructions: instrument.instructions?.text ?? null,
    answerSets: new Map(
      (instrument.answer_sets as unknown as AnswerSet[]).map((set) => [set.id, set]),
    ),
    items,
    scales,
    flaggedItems: new Set(flags.flatMap((flag) => (flag.item ? [flag.item] : flag.items ?? []))),
  };
}

/// A scale that allows blanks, and how many of its items may be left blank.
export interface SkipBudget {
  name: string;
  items: Set<string>;
  maxSkipped: number;
}

const ALLOWS_BLANKS = new Set(["prorated_sum", "mean"]);

/// The scales that limit blanks: every scale whose items are answered directly (a weighted
/// scale is limited through its subscales). A `sum` scale allows none.
function limitingScales(definition: FormDefinition): SkipBudget[] {
  return definition.scales
    .filter((scale) => scale.method !== "weighted" && (scale.items?.length ?? 0) > 0)
    .map((scale) => {
      const items = new Set(scale.items);
      const maxSkipped = ALLOWS_BLANKS.has(scale.method)
        ? Math.max(0, items.size - (scale.minimum_answered ?? items.size))
        : 0;
      return { name: scale.name, items, maxSkipped };
    });
}

/// An item's answer in the form: a value, explicitly skipped, or not yet given.
export type Answer = number | "skipped";

/// Whether the instrument allows `itemId` to be left blank at all.
export function mayBeSkipped(definition: FormDefinition, itemId: string): boolean {
  return limitingScales(definition).every(
    (scale) => !scale.items.has(itemId) || scale.maxSkipped > 0,
  );
}

/// Whether skipping `itemId` now keeps every scale within the blanks it allows.
export function canSkipNow(
  definition: FormDefinition,
  answers: ReadonlyMap<string, Answer>,
  itemId: string,
): boolean {
  if (!mayBeSkipped(definition, itemId)) return false;
  return limitingScales(definition).every((scale) => {
    if (!scale.items.has(itemId)) return true;
    const skipped = [...scale.items].filter(
      (each) => each !== itemId && answers.get(each) === "skipped",
    ).length;
    return skipped + 1 <= scale.maxSkipped;
  });
}

/// What blanks the instrument allows, in words, or null when every item must be answered.
export function skipRuleInWords(definition: FormDefinition): string | null {
  const budgets = limitingScales(definition).filter((scale) => scale.maxSkipped > 0);
  const unscored = definition.items.filter((item) => item.scored === false).length;
  const parts = budgets.map(
    (scale) =>
      `${scale.name}: up to ${scale.maxSkipped} of its ${scale.items.size} items may be skipped`,
  );
  if (unscored > 0) parts.push(`${unscored} unscored items may be skipped`);
  return parts.length > 0 ? parts.join("; ") + "." : null;
}

export interface FormProgress {
  answered: number;
  skipped: number;
  /// Items with neither an answer nor an allowed skip, in form order.
  missing: string[];
  complete: boolean;
}

export function formProgress(
  definition: FormDefinition,
  answers: ReadonlyMap<string, Answer>,
): FormProgress {
  let answered = 0;
  let skipped = 0;
  const missing: string[] = [];
  for (const item of definition.items) {
    const answer = answers.get(item.id);
    if (typeof answer === "number") answered++;
    else if (answer === "skipped") skipped++;
    else missing.push(item.id);
  }
  const withinBudgets = limitingScales(definition).every(
    (scale) =>
      [...scale.items].filter((each) => answers.get(each) === "skipped").length <=
      scale.maxSkipped,
  );
  return { answered, skipped, missing, complete: missing.length === 0 && withinBudgets };
}

/// The request body: every item of the instrument, null for a skipped one.
export function submission(
  definition: FormDefinition,
  answers: ReadonlyMap<string, Answer>,
): Schemas["SubmitMeasureRequest"] {
  const given: Record<string, number | null> = {};
  for (const item of definition.items) {
    const answer = answers.get(item.id);
    given[item.id] = typeof answer === "number" ? answer : null;
  }
  return { instrument: definition.id, answers: given };
}

/// A value typed on a line (ORS, SRS: 0 to 10 in steps of 0.01) is valid when it lies in the
/// range on a step; returns the value or null.
export function lineValue(text: string, range: NonNullable<AnswerSet["range"]>): number | null {
  if (text.trim() === "") return null;
  const value = Number(text.replace(",", "."));
  if (!Number.isFinite(value) || value < range.minimum || value > range.maximum) return null;
  const steps = (value - range.minimum) / range.step;
  return Math.abs(steps - Math.round(steps)) < 1e-6 ? value : null;
}
