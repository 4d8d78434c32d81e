import { describe, expect, it } from "vitest";
import { meetsRiskFlag } from "./linkDraft";

describe("meetsRiskFlag", () => {
  const item9 = { instrument: "phq9", item: "9", when: "above", value: 0 };
  it("reads the definition's rule", () => {
    expect(meetsRiskFlag(item9, 0)).toBe(false);
    expect(meetsRiskFlag(item9, 1)).toBe(true);
    expect(meetsRiskFlag(item9, "skipped")).toBe(false);
    expect(meetsRiskFlag(item9, undefined)).toBe(false);
    expect(meetsRiskFlag({ ...item9, when: "at_least", value: 2 }, 2)).toBe(true);
  });
});
