// The form's rules read from the shipped instrument files (data/instruments), the same files
// the server scores with.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/types";
import {
  canSkipNow,
  formDefinition,
  formProgress,
  lineValue,
  mayBeSkipped,
  skipRuleInWords,
  submission,
  type Answer,
} from "./questionnaireRules";

function instrument(id: string) {
  const file = path.resolve(__dirname, "../../../data/instruments", `${id}.json`);
  return formDefinition(JSON.parse(readFileSync(file, "utf8")) as Schemas["Instrument"]);
}

function allAnswered(id: string, value = 1): Map<string, Answer> {
  return new Map(instrument(id).items.map((item) => [item.id, value]));
}

describe("questionnaire rules from the definition files", () => {
  it.each([
    ["phq9", "Over the last 2 weeks, how often have you been bothered by any of the following problems?"],
    ["gad7", "Over the last 2 weeks, how often have you been bothered by any of the following problems?"],
    ["core10", "Over the last week..."],
    ["pcl5", "In the past month, how much were you bothered by:"],
    ["phq2", null],
    ["who5", null],
  ])("%s's instruction stem shown above the items: %s", (id, stem) => {
    expect(instrument(id).instructions).toBe(stem);
  });

  it("PHQ-9 is a sum: no item may be skipped and item 9 is the flagged one", () => {
    const phq9 = instrument("phq9");
    expect(phq9.items).toHaveLength(9);
    expect(phq9.items.every((item) => !mayBeSkipped(phq9, item.id))).toBe(true);
    expect(skipRuleInWords(phq9)).toBeNull();
    expect([...phq9.flaggedItems]).toEqual(["9"]);
    expect(phq9.itemTextIncluded).toBe(true);
  });

  it("CORE-10 is prorated from 9 answers: one item may be skipped, not two", () => {
    const core10 = instrument("core10");
    const answers = allAnswered("core10");
    expect(canSkipNow(core10, answers, "3")).toBe(true);
    answers.set("3", "skipped");
    expect(formProgress(core10, answers).complete).toBe(true);
    expect(canSkipNow(core10, answers, "4")).toBe(false);
    // Skipping the same item again stays within the budget.
    expect(canSkipNow(core10, answers, "3")).toBe(true);
    answers.set("4", "skipped");
    expect(formProgress(core10, answers).complete).toBe(false);
    expect(skipRuleInWords(core10)).toContain("up to 1 of its 10 items");
  });

  it("URICA's unscored items may be left blank; its mean subscales need every item", () => {
    const urica = instrument("urica");
    expect(mayBeSkipped(urica, "4")).toBe(true);
    expect(mayBeSkipped(urica, "1")).toBe(false);
    const answers = allAnswered("urica", 3);
    for (const item of urica.items.filter((each) => each.scored === false)) answers.set(item.id, "skipped");
    expect(formProgress(urica, answers).complete).toBe(true);
  });

  it("a form is complete only when every item is answered or allowed to be skipped", () => {
    const gad7 = instrument("gad7");
    const answers = allAnswered("gad7");
    answers.delete("7");
    expect(formProgress(gad7, answers)).toEqual({ answered: 6, skipped: 0, missing: ["7"], complete: false });
    answers.set("7", 0);
    expect(formProgress(gad7, answers).complete).toBe(true);
  });

  it("the submission names every item, null for a skipped one", () => {
    const core10 = instrument("core10");
    const answers = allAnswered("core10", 2);
    answers.set("10", "skipped");
    const body = submission(core10, answers);
    expect(body.instrument).toBe("core10");
    expect(Object.keys(body.answers ?? {})).toHaveLength(10);
    expect(body.answers?.["10"]).toBeNull();
    expect(body.answers?.["1"]).toBe(2);
  });

  it("ORS and SRS lines take values in range on a 0.01 step", () => {
    const ors = instrument("ors");
    expect(ors.itemTextIncluded).toBe(false);
    const range = ors.answerSets.get("line")?.range;
    if (!range) throw new Error("ORS has a line answer set");
    const cases: [string, number | null][] = [
      ["0", 0], ["10", 10], ["7.25", 7.25], ["7,5", 7.5], ["7.255", null], ["10.01", null], ["-0.01", null], ["", null], ["x", null],
    ];
    for (const [text, expected] of cases) expect(lineValue(text, range), text).toBe(expected);
  });
});
