import { describe, expect, it } from "vitest";
import { summarizePlan } from "./planSummary";

describe("summarizePlan", () => {
  it("reads strategy, phases and goals from the planner's JSON", () => {
    const summary = summarizePlan({
      strategy: "selective_synthesis",
      phases: [
        { name: "Stabilise", models: ["cbt"], sessions: 6, goals: ["sleep"], techniques: [{ id: "behavioural-activation" }] },
      ],
      client_goals: ["Back to work"],
    });
    expect(summary.strategy).toBe("selective synthesis");
    expect(summary.phases).toEqual([
      { name: "Stabilise", models: ["cbt"], sessions: 6, goals: ["sleep"], techniques: ["behavioural-activation"] },
    ]);
    expect(summary.clientGoals).toEqual(["Back to work"]);
  });

  it("survives content that is not a plan", () => {
    expect(summarizePlan("not json").phases).toEqual([]);
    expect(summarizePlan(null).strategy).toBe("unknown");
  });
});
