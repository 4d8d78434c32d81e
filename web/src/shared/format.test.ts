import { describe, expect, it } from "vitest";
import { formatDate, formatRange, formatScore, plural } from "./format";

describe("formatScore", () => {
  const cases: [number | null, string][] = [
    [14, "14"],
    [14.434794765340756, "14.4"],
    [14.96, "15"],
    [0, "0"],
    [23.45, "23.5"],
    [null, "—"],
    [Number.NaN, "—"],
  ];
  it.each(cases)("%s reads as %s", (value, expected) => {
    expect(formatScore(value)).toBe(expected);
  });
});

describe("formatRange", () => {
  it("rounds both ends to whole points", () => {
    expect(formatRange(8.6, 14.5)).toBe("9–15");
  });
});

describe("formatDate", () => {
  it("reads dates and timestamps in day month year", () => {
    expect(formatDate("2026-03-03")).toBe("3 Mar 2026");
    expect(formatDate("2026-03-03T23:30:00Z")).toBe("3 Mar 2026");
    expect(formatDate(null)).toBe("—");
  });
});

describe("plural", () => {
  it("counts", () => {
    expect(plural(1, "alert")).toBe("1 alert");
    expect(plural(3, "alert")).toBe("3 alerts");
  });
});
