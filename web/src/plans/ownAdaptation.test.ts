import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { brokenRules } from "./ownAdaptation";

describe("the rules an own adaptation breaks, from the server's refusal", () => {
  it.each([
    [
      "the adapted plan breaks the plan's rules: technique 'emdr' was left out of the plan: no therapist on the case is trained in emdr (to accept it anyway, give 'override_reason')",
      ["technique 'emdr' was left out of the plan: no therapist on the case is trained in emdr"],
    ],
    [
      "field x: the adapted plan breaks the plan's rules: a; b (to accept it anyway, give 'override_reason')",
      ["a", "b"],
    ],
    ["proposal.technique: required for change 'add_technique'", null],
  ])("%s", (message, rules) => {
    expect(brokenRules(new ApiError(400, "invalid_argument", message))).toEqual(rules);
  });

  it("is null for anything but a 400", () => {
    expect(brokenRules(new ApiError(409, "conflict", "the adapted plan breaks the plan's rules: a"))).toBeNull();
    expect(brokenRules(new Error("network"))).toBeNull();
  });
});
