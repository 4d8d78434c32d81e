// What a clinician sees the moment a questionnaire is scored: the score and its severity band,
// any risk or concern flag first, provisional screening results with their caution, and what
// the monitor concluded (on track or not, the expected band, proposals, alerts raised).
import { useEffect, useRef } from "react";
import { alertDetail, alertKind, SEVERITY_WORDS } from "../alerts/alertKinds";
import { Link } from "react-router-dom";
import { rationaleWords, withTechniqueNames } from "../proposals/proposalText";
import { useAcceptProposal, useTechniques, type Submitted } from "../sessions/sessionQueries";
import { Problem } from "../shared/QueryState";
import { formatRange, formatScore } from "../shared/format";

const STATUS_WORDS: Record<string, { words: string; tone: "ok" | "warn" | "risk" | "info" }> = {
  on_track: { words: "On track", tone: "ok" },
  improved: { words: "Reliably improved", tone: "ok" },
  recovered: { words: "Recovered", tone: "ok" },
  not_on_track: { words: "Not on track", tone: "warn" },
  deteriorated: { words: "Reliable deterioration", tone: "risk" },
};

// How the monitor formed its expectation (docs/monitor.md).
const METHOD_WORDS: Record<string, string> = {
  growth_model: "the practice's growth model of its own closed episodes",
  intake_course: "the practice's course table by intake score",
  rational_rule: "the rational rule (no practice model in use yet)",
};

export function monitorStatus(status: string) {
  return STATUS_WORDS[status] ?? { words: status.replaceAll("_", " "), tone: "info" as const };
}

interface Props {
  result: Submitted;
  instrumentName: string;
  clientId: number;
  /// The episode's active plan, which an accepted proposal changes (null: none to change).
  plan: { id: number; version: number } | null;
}

export function SubmissionResult({ result, instrumentName, clientId, plan }: Props) {
  const accept = useAcceptProposal(clientId);
  const techniques = useTechniques();
  const names = new Map((techniques.data ?? []).map((each) => [each.id, each.name]));
  const heading = useRef<HTMLHeadingElement>(null);
  // The result replaces the form: the focus goes to it so a screen reader reads it at once.
  useEffect(() => heading.current?.focus(), []);
  const monitoring = result.monitoring;
  const status = monitorStatus(monitoring.status);
  const flags = result.score?.flags ?? [];
  const screening = result.score?.screening;
  return (
    <section className="result" aria-labelledby="result-heading">
      <h3 id="result-heading" ref={heading} tabIndex={-1}>
        {instrumentName}: <span className="result-score">{formatScore(result.total)}</span>{" "}
        <span className="result-band">{result.band}</span>
      </h3>
      {result.score?.prorated && (
        <p className="muted">
          Prorated from {result.score.answered} of {result.score.item_count} answered items.
        </p>
      )}
      {flags.map((flag) => (
        <p key={flag.id} className="flag" role="alert">
          <span className="risk-tag">Risk</span> {flag.message}
        </p>
      ))}
      {screening && screening.provisional_results.length > 0 && (
        <div className="screening">
          <p>
            Provisional screening result:{" "}
            {screening.provisional_results.map((each) => each.label).join("; ")}.
          </p>
          <p className="muted">{screening.caution}</p>
        </div>
      )}
      <div className="monitor-verdict">
        <h4>What the monitor concluded</h4>
        <p>
          <span className={`verdict verdict-${status.tone}`}>{status.words}</span>{" "}
          {monitoring.expected !== null && monitoring.band_low !== null && monitoring.band_high !== null && (
            <span>
              Expected about {formatScore(monitoring.expected)} at this session (band{" "}
              {formatRange(monitoring.band_low, monitoring.band_high)}).
            </span>
          )}
        </p>
        {monitoring.method && (
          <p className="muted">
            Expectation from {METHOD_WORDS[monitoring.method] ?? monitoring.method.replaceAll("_", " ")}.
          </p>
        )}
        <p className="muted">Monitor's detail: {monitoring.detail}</p>
        {monitoring.projected_end && (
          <p>
            Projected by session {monitoring.projected_end.session}: about{" "}
            {formatScore(monitoring.projected_end.expected)} (
            {formatRange(monitoring.projected_end.low, monitoring.projected_end.high)}).
          </p>
        )}
      </div>
      {result.alerts.length > 0 && (
        <div className="raised">
          <h4>Alerts raised</h4>
          <ul>
            {result.alerts.map((alert) => {
              const kind = alertKind(alert.kind);
              return (
                <li key={alert.id}>
                  <span className={`severity severity-${kind.severity}`}>{SEVERITY_WORDS[kind.severity]}</span>{" "}
                  <strong>{kind.title}</strong>: {alertDetail(alert.detail)}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {monitoring.proposals.length > 0 && (
        <div className="proposals">
          <h4>What to consider</h4>
          <ul>
            {monitoring.proposals.map((proposal) => (
              <li key={proposal.id}>
                <strong>{withTechniqueNames(proposal.summary, names)}</strong>
                {proposal.rationale && (
                  <div className="muted">{rationaleWords(proposal.rationale, names)}</div>
                )}
                {plan && !accept.isSuccess && (
                  <button
                    type="button"
                    className="button-secondary proposal-accept"
                    disabled={accept.isPending}
                    aria-label={`Accept into the plan: ${withTechniqueNames(proposal.summary, names)}`}
                    onClick={() => accept.mutate({ plan, proposalId: proposal.id })}
                  >
                    Accept into the plan
                  </button>
                )}
              </li>
            ))}
          </ul>
          {accept.isError && <Problem error={accept.error} />}
          {accept.isSuccess && (
            <p className="notice" role="status">
              Accepted: the plan is now at version {accept.data.current_version}.{" "}
              <Link to={`/clients/${clientId}/plans/${accept.data.id}`}>Open the plan</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
