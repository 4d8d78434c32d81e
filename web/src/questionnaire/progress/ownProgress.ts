// The geometry of the client's own progress chart (decision 0260): scores by session date on a
// small line chart, with the questionnaire's clinical cut-off as a dashed line. Pure, so it is
// tested without a browser.
import type { Schemas } from "../../api/types";

export type SharedProgress = Schemas["SharedProgress"];
export type ProgressSeries = SharedProgress["instruments"][number];

export const CHART = { width: 320, height: 160, left: 32, right: 12, top: 12, bottom: 24 } as const;

export interface ChartPoint {
  x: number;
  y: number;
  date: string;
  score: number;
}

export interface ChartGeometry {
  points: ChartPoint[];
  cutOffY: number | null;
  top: number; // the score at the top of the chart
}

/// Positions of the points (oldest left) and of the cut-off line, scaled from 0 to a round
/// number above the highest score and the cut-off.
export function chartGeometry(series: ProgressSeries): ChartGeometry {
  const highest = Math.max(1, series.cut_off ?? 0, ...series.points.map((point) => point.score));
  const top = Math.ceil((highest * 1.1) / 5) * 5;
  const innerWidth = CHART.width - CHART.left - CHART.right;
  const innerHeight = CHART.height - CHART.top - CHART.bottom;
  const y = (score: number) => CHART.top + innerHeight * (1 - score / top);
  const step = series.points.length > 1 ? innerWidth / (series.points.length - 1) : 0;
  const points = series.points.map((point, index) => ({
    x: CHART.left + (series.points.length > 1 ? index * step : innerWidth / 2),
    y: y(point.score),
    date: point.date,
    score: point.score,
  }));
  return { points, cutOffY: series.cut_off == null ? null : y(series.cut_off), top };
}

/// What the chart says, in words (its accessible name, and the list under it).
export function directionWords(series: ProgressSeries): string {
  return series.higher_is_worse
    ? `On the ${series.name}, lower scores mean fewer difficulties.`
    : `On the ${series.name}, higher scores mean you are doing better.`;
}
