// The practice dashboard: outcome rates (reliable improvement, recovery, deterioration; the NHS
// Talking Therapies indicators), alert handling times and measure completion over a period,
// for the caller's clients (an admin's: the practice). Each rate is shown with its count and
// what it is counted over; per clinician when the route gives a breakdown.
import { useId, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { useMe } from "../auth/session";
import { formatDate, formatHours, formatRate, plural } from "../shared/format";
import { useInstrumentNames } from "../shared/instruments";
import { Loading, Problem } from "../shared/QueryState";
import { ClinicianTable } from "./ClinicianTable";
import { OutcomeTable } from "./OutcomeTable";
import { usePracticeStatistics } from "./practiceQueries";
import { clinicianRows, indicatorRows, monthsBefore, outcomeRows } from "./practiceView";
import "./practice.css";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function PracticePage() {
  const [search, setSearch] = useSearchParams();
  const from = ISO_DATE.test(search.get("from") ?? "") ? (search.get("from") as string) : "";
  const to = ISO_DATE.test(search.get("to") ?? "") ? (search.get("to") as string) : "";
  const statistics = usePracticeStatistics({ from, to });
  const names = useInstrumentNames();
  const role = useMe().data?.user.role;
  const [rangeProblem, setRangeProblem] = useState<string | null>(null);
  const fromId = useId();
  const toId = useId();

  function choose(next: { from: string; to: string }) {
    setRangeProblem(null);
    const params = new URLSearchParams();
    if (next.from) params.set("from", next.from);
    if (next.to) params.set("to", next.to);
    setSearch(params);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") };
    if (next.from && next.to && next.from > next.to) {
      setRangeProblem("The first day must not be after the last day.");
      return;
    }
    choose(next);
  }

  const stats = statistics.data;
  const whose = role === "admin" ? "Every client of the practice" : "The clients of the care teams you are on";
  const period =
    from || to
      ? `${from ? formatDate(from) : "the first record"} to ${to ? formatDate(to) : "today"}`
      : "all time";

  return (
    <>
      <div className="page-head">
        <h1>Practice</h1>
      </div>
      <p className="lede">
        {whose}, {period}. Each rate with how many it counts.
      </p>

      <form className="panel period" onSubmit={submit} aria-label="Period" key={`${from}|${to}`}>
        <div className="field">
          <label htmlFor={fromId}>From</label>
          <input id={fromId} name="from" type="date" className="input-date" defaultValue={from} />
        </div>
        <div className="field">
          <label htmlFor={toId}>To</label>
          <input id={toId} name="to" type="date" className="input-date" defaultValue={to} />
        </div>
        <div className="period-actions">
          <button type="submit" className="button-primary">
            Show
          </button>
          <button type="button" className="button-quiet" onClick={() => choose({ from: monthsBefore(today(), 3), to: today() })}>
            Last 3 months
          </button>
          <button type="button" className="button-quiet" onClick={() => choose({ from: monthsBefore(today(), 12), to: today() })}>
            Last 12 months
          </button>
          <button type="button" className="button-quiet" onClick={() => choose({ from: "", to: "" })}>
            All time
          </button>
        </div>
        {rangeProblem && (
          <p className="problem period-problem" role="alert">
            {rangeProblem}
          </p>
        )}
      </form>

      {statistics.isPending && <Loading what="the practice statistics" />}
      {statistics.isError && <Problem error={statistics.error} />}
      {stats && (
        <div className={statistics.isFetching ? "practice refreshing" : "practice"} aria-busy={statistics.isFetching}>
          <dl className="tiles">
            <div>
              <dt>Clients</dt>
              <dd>{stats.clients}</dd>
            </div>
            <div>
              <dt>Episodes</dt>
              <dd>
                {stats.episodes.open} open · {stats.episodes.closed} closed
              </dd>
            </div>
            <div>
              <dt>Sessions</dt>
              <dd>{stats.sessions}</dd>
            </div>
            <div>
              <dt>Questionnaires given</dt>
              <dd>{stats.administrations}</dd>
            </div>
          </dl>

          <div className="practice-grid">
            <section className="panel" aria-labelledby="nhs-heading">
              <h2 id="nhs-heading">NHS Talking Therapies indicators</h2>
              <p className="hint">
                Closed episodes with a PHQ-9 and a GAD-7 at the first and the last session:{" "}
                {plural(stats.nhs_talking_therapies.paired_episodes, "episode")},{" "}
                {stats.nhs_talking_therapies.caseness} of them a case at the start.
              </p>
              <table className="figures indicator-table">
                <thead>
                  <tr>
                    <th scope="col">Indicator</th>
                    <th scope="col">Rate</th>
                  </tr>
                </thead>
                <tbody>
                  {indicatorRows(stats.nhs_talking_therapies).map((row) => (
                    <tr key={row.name}>
                      <th scope="row">
                        {row.name}
                        <span className="counted">of {row.counted}</span>
                      </th>
                      <td className="figure">{row.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="panel" aria-labelledby="care-heading">
              <h2 id="care-heading">Alerts and questionnaires</h2>
              <dl className="stacked-facts">
                <div>
                  <dt>Time to the first response to an alert</dt>
                  <dd>
                    <span className="figure">{formatHours(stats.alerts.median_hours_to_first_handling)}</span>
                    <span className="counted">
                      median of {plural(stats.alerts.handled, "handled alert")}, acknowledged or resolved by a person
                    </span>
                  </dd>
                </div>
                <div>
                  <dt>Alerts still open</dt>
                  <dd>
                    <span className="figure">{stats.alerts.open}</span>
                  </dd>
                </div>
                <div>
                  <dt>Measure completion</dt>
                  <dd>
                    <span className="figure">
                      {formatRate(stats.measure_completion.with_measure, stats.measure_completion.attended_sessions)}
                    </span>
                    <span className="counted">of attended sessions had a questionnaire given in them</span>
                  </dd>
                </div>
              </dl>
            </section>
          </div>

          <OutcomeTable
            id="closed"
            title="Outcomes of closed episodes"
            hint="From the first to the last score of each closed episode, per questionnaire (reliable change and the clinical cut-off: Jacobson & Truax)."
            rows={outcomeRows(stats.outcomes, names.data)}
          />
          <OutcomeTable
            id="open"
            title="Open episodes so far"
            hint="From the first to the latest score of each open episode."
            rows={outcomeRows(stats.outcomes_open, names.data)}
          />
          <ClinicianTable rows={clinicianRows(stats)} role={role} />
        </div>
      )}
    </>
  );
}
