// One questionnaire's progress: the chart, its course in words, and the scores as a table.
import { useId, useMemo } from "react";
import type { Administration, Alert, CoursePoint, Session } from "../api/types";
import { alertKind } from "../alerts/alertKinds";
import { formatDate, formatRange, formatScore } from "../shared/format";
import { useInstrumentDefinition } from "../shared/instruments";
import { Loading, Problem } from "../shared/QueryState";
import { ProgressChart } from "./ProgressChart";
import { describeCourse, hasExpectedBand, progressSeries } from "./progress";

interface Props {
  instrument: string;
  administrations: Administration[];
  sessions: Session[];
  episodeId: number;
  alerts: Alert[];
  course: CoursePoint[];
}

export function InstrumentProgress({ instrument, administrations, sessions, episodeId, alerts, course }: Props) {
  const definition = useInstrumentDefinition(instrument);
  const headingId = useId();
  const series = useMemo(
    () =>
      definition.data
        ? progressSeries(definition.data, administrations, sessions, episodeId, alerts, course)
        : null,
    [definition.data, administrations, sessions, episodeId, alerts, course],
  );
  if (definition.isPending) return <Loading what={`the ${instrument} definition`} />;
  if (definition.isError) return <Problem error={definition.error} />;
  if (!series || series.points.length === 0) return null;
  const words = describeCourse(series);
  const banded = hasExpectedBand(series);
  return (
    <section className="panel progress" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {series.title} <span className="muted">{definition.data?.construct}</span>
      </h2>
      <p className="course">{words}</p>
      <ProgressChart series={series} label={`${series.title} scores by session. ${words}`} />
      <p className="legend">
        <span className="legend-line">Score by session</span>
        {banded && <span className="legend-band">Expected band from the monitor</span>}
        {series.cutoff !== null && <span className="legend-cutoff">Clinical cut-off ({series.cutoff})</span>}
        <span className="legend-alert">Alert raised</span>
        <span className="legend-zones">Shading: severity bands of the questionnaire</span>
      </p>
      <details className="scores-table">
        <summary>Scores as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Date</th>
              <th scope="col">Score</th>
              <th scope="col">Severity</th>
              {banded && <th scope="col">Expected band</th>}
              <th scope="col">Alerts</th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((point) => (
              <tr key={point.administrationId}>
                <td>{point.session}</td>
                <td>{formatDate(point.date)}</td>
                <td>{formatScore(point.score)}</td>
                <td>{point.band}</td>
                {banded && (
                  <td>{point.expected ? formatRange(point.expected.low, point.expected.high) : "—"}</td>
                )}
                <td>{point.alerts.map((alert) => alertKind(alert.kind).title).join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
