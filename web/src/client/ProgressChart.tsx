// The progress chart of one questionnaire: scores by session over the instrument's severity
// zones, the monitor's expected band (shaded) and expected score (dotted) where it formed one,
// the clinical cut-off as a dashed line, and a marker above every session whose score raised
// an alert. Drawn by uPlot on a canvas (no inline styles or scripts, so it works under
// the server's strict Content-Security-Policy); the same numbers are in the table beside it
// (ProgressTable), which is what screen readers and keyboard users read.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatScore } from "../shared/format";
import type { ProgressSeries } from "./progress";

const HEIGHT = 300;
const LINE = "#1f4e79";
const EXPECTED = "#2f7d6d";
const BAND_FILL = "rgba(47, 125, 109, 0.18)";
const ALERT = "#b42318";

// Zone shades from least to most severe: light enough for the line and labels to stay clear.
function zoneFill(severity: number): string {
  const light = [236, 246, 238];
  const dark = [251, 224, 220];
  const mix = light.map((channel, channelIdx) =>
    Math.round(channel + ((dark[channelIdx] as number) - channel) * severity),
  );
  return `rgb(${mix.join(",")})`;
}

function drawZonesAndCutoff(series: ProgressSeries) {
  return (chart: uPlot) => {
    const { ctx, bbox } = chart;
    const ratio = window.devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    ctx.font = `${12 * ratio}px system-ui, sans-serif`;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const zone of series.zones) {
      const top = chart.valToPos(zone.high, "y", true);
      const bottom = chart.valToPos(zone.low, "y", true);
      ctx.fillStyle = zoneFill(zone.severity);
      ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
      ctx.fillStyle = "#4a5560";
      ctx.fillText(zone.label, bbox.left + bbox.width - 6 * ratio, (top + bottom) / 2);
    }
    if (series.cutoff !== null) {
      const y = chart.valToPos(series.cutoff, "y", true);
      ctx.strokeStyle = "#6b3fa0";
      ctx.lineWidth = 1.5 * ratio;
      ctx.setLineDash([6 * ratio, 4 * ratio]);
      ctx.beginPath();
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.textAlign = "left";
      ctx.fillStyle = "#6b3fa0";
      ctx.fillText(`clinical cut-off ${series.cutoff}`, bbox.left + 6 * ratio, y - 9 * ratio);
    }
    ctx.restore();
  };
}

function drawAlertMarkers(series: ProgressSeries) {
  return (chart: uPlot) => {
    const { ctx } = chart;
    const ratio = window.devicePixelRatio || 1;
    const size = 7 * ratio;
    ctx.save();
    ctx.fillStyle = ALERT;
    for (const point of series.points) {
      if (point.alerts.length === 0) continue;
      const x = chart.valToPos(point.session, "x", true);
      const y = chart.valToPos(point.score, "y", true) - 12 * ratio;
      ctx.beginPath();
      ctx.moveTo(x, y + size);
      ctx.lineTo(x - size, y - size * 0.8);
      ctx.lineTo(x + size, y - size * 0.8);
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  };
}

export function ProgressChart({ series, label }: { series: ProgressSeries; label: string }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element || series.points.length === 0) return;
    const sessions = series.points.map((point) => point.session);
    const lastSession = Math.max(...sessions, 2);
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 9 } },
      scales: {
        x: { time: false, range: [0.5, lastSession + 0.5] },
        y: { range: [0, series.yMax] },
      },
      axes: [
        {
          label: "Session",
          splits: () => sessions,
          values: (_chart, splits) => splits.map((split) => String(split)),
          grid: { show: false },
        },
        {
          label: `${series.title} score`,
          values: (_chart, splits) => splits.map((split) => formatScore(split)),
          grid: { stroke: "rgba(0,0,0,0.06)" },
        },
      ],
      series: [
        {},
        {
          label: series.title,
          stroke: LINE,
          width: 2.5,
          points: { show: true, size: 8, fill: LINE, stroke: LINE },
        },
        { label: "expected band, upper", stroke: "rgba(47,125,109,0.45)", width: 1, points: { show: false } },
        { label: "expected band, lower", stroke: "rgba(47,125,109,0.45)", width: 1, points: { show: false } },
        { label: "expected", stroke: EXPECTED, width: 1.5, dash: [2, 4], points: { show: false } },
      ],
      bands: [{ series: [2, 3], fill: BAND_FILL }],
      hooks: {
        drawClear: [drawZonesAndCutoff(series)],
        draw: [drawAlertMarkers(series)],
      },
    };
    const clamp = (value: number) => Math.min(Math.max(value, 0), series.yMax);
    const expectation = (pick: (expected: NonNullable<ProgressSeries["points"][number]["expected"]>) => number) =>
      series.points.map((point) => (point.expected ? clamp(pick(point.expected)) : null));
    const data: uPlot.AlignedData = [
      sessions,
      series.points.map((point) => point.score),
      expectation((expected) => expected.high),
      expectation((expected) => expected.low),
      expectation((expected) => expected.value),
    ];
    const chart = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => {
      chart.setSize({ width: Math.max(element.clientWidth, 280), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [series]);

  return <div className="progress-chart" ref={container} role="img" aria-label={label} />;
}
