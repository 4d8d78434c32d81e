import { describe, expect, it } from "vitest";
import { changeWords, rationaleWords, withTechniqueNames } from "./proposalText";

const names = new Map([
  ["cbt_behavioural_activation", "Behavioural activation"],
  ["mi_decisional_balance", "Decisional balance"],
]);

describe("withTechniqueNames", () => {
  it("replaces every quoted catalogue id with its name", () => {
    expect(
      withTechniqueNames(
        "Consider adding or assimilating 'cbt_behavioural_activation' (ranked highly); then 'mi_decisional_balance'",
        names,
      ),
    ).toBe("Consider adding or assimilating “Behavioural activation” (ranked highly); then “Decisional balance”");
  });
  it("leaves quoted words the catalogue does not know", () => {
    expect(withTechniqueNames("The client rated 'unknown_thing' unhelpful", names)).toBe(
      "The client rated 'unknown_thing' unhelpful",
    );
  });
  it("leaves text without quotes alone", () => {
    expect(withTechniqueNames("Move to the next phase", names)).toBe("Move to the next phase");
  });
});

describe("changeWords", () => {
  it("names the technique added", () => {
    expect(changeWords({ change: "add_technique", technique: "cbt_behavioural_activation" }, names)).toBe(
      "Adds a technique: Behavioural activation",
    );
  });
  it("says the phase and an unknown change in words", () => {
    expect(changeWords({ change: "move_to_next_phase", phase: "Skills" }, names)).toBe(
      "Moves the plan to its next phase (phase “Skills”)",
    );
    expect(changeWords({ change: "something_new" }, names)).toBe("something new");
  });
});

describe("rationaleWords", () => {
  it("names the alert kinds that prompted a proposal in words", () => {
    expect(rationaleWords("prompted by no_reliable_change, risk_item and other_thing", names)).toBe(
      "prompted by “No reliable change by the review point”, “Risk item endorsed” and other_thing",
    );
  });
});
