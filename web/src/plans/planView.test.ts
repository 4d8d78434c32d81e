import { describe, expect, it } from "vitest";
import { compareRow, coverage, decisionWords, readPlan, why, words, type CoverageCatalog } from "./planView";

const content = {
  strategy: "sequential",
  requested_strategy: "auto",
  problems: [{ id: "depression", severity: "severe" }],
  phases: [
    {
      name: "engagement and motivation",
      sessions: 3,
      review_at_session: 3,
      models: ["act"],
      goals: ["agree goals"],
      switch_criteria: ["client states a change goal"],
      techniques: [
        {
          id: "goal_agreement",
          model: "common_factors",
          fit: 0.5,
          therapist: "t-ana",
          components: [{ name: "evidence", value: 0.667, weight: 0.3, reason: "modest evidence for depression" }],
        },
      ],
    },
    { name: "skills", sessions: 7, techniques: [{ id: "activity_scheduling", fit: 0.3 }, "thought_record"] },
  ],
  excluded: [{ id: "cat_exits", reason: "competence: no therapist on the case is trained in cat" }],
  offered_options: [{ for: "skills", options: ["activity_scheduling", "graded_task_assignment"] }],
  client_choices: { skills: "graded_task_assignment", bad: 3 },
};

const catalog: CoverageCatalog = {
  problems: new Map([
    ["depression", [{ id: "low_activation", weight: 3 }, { id: "negative_cognitions", weight: 3 }, { id: "self_criticism", weight: 1 }]],
  ]),
  techniques: new Map([
    ["activity_scheduling", ["low_activation"]],
    ["thought_record", ["negative_cognitions"]],
    ["goal_agreement", ["ambivalence"]],
  ]),
};

describe("reading a plan version's content", () => {
  it("reads phases, techniques (objects or bare ids), options and only string choices", () => {
    const plan = readPlan(content);
    expect(plan.phases.map((phase) => phase.techniques.map((each) => each.id))).toEqual([
      ["goal_agreement"],
      ["activity_scheduling", "thought_record"],
    ]);
    expect(plan.phases[0]?.reviewAtSession).toBe(3);
    expect(plan.phases[1]?.techniques[1]?.fit).toBeNull();
    expect(plan.offeredOptions).toEqual([{ decision: "skills", options: ["activity_scheduling", "graded_task_assignment"] }]);
    expect(plan.clientChoices).toEqual({ skills: "graded_task_assignment" });
  });

  it("never throws on a shape it does not know", () => {
    for (const odd of [null, 3, "plan", [], { phases: "x", excluded: [null], offered_options: [{}] }]) {
      expect(() => readPlan(odd)).not.toThrow();
    }
    expect(readPlan(null).strategy).toBe("unknown");
  });
});

describe("why this technique, why not that one", () => {
  const plan = readPlan(content);
  it("a planned technique: its phase and fit components", () => {
    const answer = why(plan, "goal_agreement");
    expect(answer.kind).toBe("planned");
    if (answer.kind === "planned") {
      expect(answer.phase).toBe("engagement and motivation");
      expect(answer.technique.components[0]?.reason).toBe("modest evidence for depression");
    }
  });
  it("an excluded technique: the rule that left it out", () => {
    expect(why(plan, "cat_exits")).toEqual({ kind: "excluded", reason: "competence: no therapist on the case is trained in cat" });
  });
  it("an eligible technique the planner did not choose", () => {
    expect(why(plan, "body_scan")).toEqual({ kind: "not_chosen", fit: null });
    const ranked = readPlan({ ...content, ranking: [{ id: "body_scan", fit: 0.12, model: "mbct" }] });
    expect(why(ranked, "body_scan")).toEqual({ kind: "not_chosen", fit: 0.12 });
  });
});

describe("comparing strategies", () => {
  it("counts the mechanisms of the client's problems that planned techniques work on", () => {
    expect(coverage(readPlan(content), catalog)).toEqual({
      covered: ["low_activation", "negative_cognitions"],
      uncovered: ["self_criticism"],
    });
  });
  it("sums sessions and techniques and averages the known fits", () => {
    const row = compareRow(readPlan(content), catalog);
    expect(row.sessions).toBe(10);
    expect(row.techniques).toBe(3);
    expect(row.meanFit).toBeCloseTo(0.4);
    expect(row.lowestFit).toBe(0.3);
  });
  it("names the client's decisions", () => {
    expect(decisionWords("skills")).toBe("skills phase");
    expect(decisionWords("ranking")).toBe("Other well-fitting techniques");
    expect(decisionWords("preference:past_orientation")).toBe("Preference: past orientation");
  });
  it("shows ids as words", () => {
    expect(words("selective_synthesis")).toBe("selective synthesis");
  });
});
