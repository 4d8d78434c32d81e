// The client's own progress chart (decision 0260), shown to the client only when their
// clinician shares it: on the receipt of a questionnaire link and on a client account's own
// page. Their own scores by session, the questionnaire's clinical cut-off, and the scores as a
// list (the chart is not the only way to read them). Nothing of the monitor's judgement.
import { formatDate, formatScore } from "../../shared/format";
import { CHART, chartGeometry, directionWords, type ProgressSeries, type SharedProgress } from "./ownProgress";

export function OwnProgress({ progress, title = "Your progress" }: { progress: SharedProgress; title?: string }) {
  if (!progress.shared || progress.instruments.length === 0) return null;
  return (
    <section className="own-progress" aria-labelledby="own-progress-title">
      <h2 id="own-progress-title">{title}</h2>
      <p className="hint">Your clinician shares these with you: your own scores, one for each time you answered.</p>
      {progress.instruments.map((series) => (
        <SeriesChart key={series.instrument} series={series} />
      ))}
    </section>
  );
}

function SeriesChart({ series }: { series: ProgressSeries }) {
  const geometry = chartGeometry(series);
  const titleId = `own-progress-${series.instrument}`;
  const summary = series.points.map((point) => `${formatDate(point.date)}: ${formatScore(point.score)}`).join("; ");
  return (
    <figure className="own-progress-figure" aria-labelledby={titleId}>
      <figcaption id={titleId}>
        <strong>{series.name}</strong> <span className="muted">{directionWords(series)}</span>
      </figcaption>
      <svg
        className="own-progress-chart"
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        role="img"
        aria-label={`${series.name} scores: ${summary}`}
      >
        <line className="own-progress-axis" x1={CHART.left} x2={CHART.left} y1={CHART.top} y2={CHART.height - CHART.bottom} />
        <line
          className="own-progress-axis"
          x1={CHART.left}
          x2={CHART.width - CHART.right}
          y1={CHART.height - CHART.bottom}
          y2={CHART.height - CHART.bottom}
        />
        <text className="own-progress-label" x={CHART.left - 4} y={CHART.top + 4} textAnchor="end">
          {geometry.top}
        </text>
        <text className="own-progress-label" x={CHART.left - 4} y={CHART.height - CHART.bottom} textAnchor="end">
          0
        </text>
        {geometry.cutOffY !== null && (
          <line
            className="own-progress-cutoff"
            x1={CHART.left}
            x2={CHART.width - CHART.right}
            y1={geometry.cutOffY}
            y2={geometry.cutOffY}
          />
        )}
        {geometry.points.length > 1 && (
          <polyline className="own-progress-line" points={geometry.points.map((point) => `${point.x},${point.y}`).join(" ")} />
        )}
        {geometry.points.map((point) => (
          <circle key={`${point.date}-${point.x}`} className="own-progress-point" cx={point.x} cy={point.y} r={4} />
        ))}
      </svg>
      {series.cut_off != null && (
        <p className="hint">The dashed line at {formatScore(series.cut_off)} is where this questionnaire's clinical range begins.</p>
      )}
      <ol className="own-progress-scores" aria-label={`${series.name} scores`}>
        {series.points.map((point, index) => (
          <li key={`${point.date}-${index}`}>
            {formatDate(point.date)}: <strong>{formatScore(point.score)}</strong>
          </li>
        ))}
      </ol>
    </figure>
  );
}
