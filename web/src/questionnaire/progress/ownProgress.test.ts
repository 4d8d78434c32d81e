import { describe, expect, it } from "vitest";
import { CHART, chartGeometry, directionWords, type ProgressSeries } from "./ownProgress";

const phq9: ProgressSeries = {
  instrument: "phq9",
  name: "PHQ-9",
  higher_is_worse: true,
  cut_off: 10,
  points: [
    { date: "2026-11-01", score: 18 },
    { date: "2026-11-15", score: 12 },
    { date: "2026-12-01", score: 8 },
  ],
};

describe("the client's own progress chart", () => {
  it("puts the oldest score left, a lower score lower, and the cut-off between", () => {
    const geometry = chartGeometry(phq9);
    expect(geometry.points.map((point) => point.score)).toEqual([18, 12, 8]);
    expect(geometry.points[0]!.x).toBe(CHART.left);
    expect(geometry.points[2]!.x).toBe(CHART.width - CHART.right);
    expect(geometry.points[0]!.y).toBeLessThan(geometry.points[1]!.y);
    expect(geometry.cutOffY!).toBeGreaterThan(geometry.points[1]!.y);
    expect(geometry.cutOffY!).toBeLessThan(geometry.points[2]!.y);
    expect(geometry.top).toBe(20);
  });

  it("draws one score in the middle and no cut-off when the questionnaire has none", () => {
    const geometry = chartGeometry({ ...phq9, cut_off: null, points: [{ date: "2026-12-01", score: 4 }] });
    expect(geometry.points[0]!.x).toBe(CHART.left + (CHART.width - CHART.left - CHART.right) / 2);
    expect(geometry.cutOffY).toBeNull();
  });

  it("says which way is better in words", () => {
    expect(directionWords(phq9)).toBe("On the PHQ-9, lower scores mean fewer difficulties.");
    expect(directionWords({ ...phq9, name: "WHO-5", higher_is_worse: false })).toBe(
      "On the WHO-5, higher scores mean you are doing better.",
    );
  });
});
