// The active plan in brief: strategy, phases with models, sessions and goals, and sign-offs.
import { useMemo } from "react";
import { Link } from "react-router-dom";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { usePlanVersion } from "./clientQueries";
import { summarizePlan } from "./planSummary";

export function PlanPanel({ plan, clientId }: { plan: { id: number; version: number } | null; clientId: number }) {
  const version = usePlanVersion(plan);
  const summary = useMemo(() => (version.data ? summarizePlan(version.data.content) : null), [version.data]);
  return (
    <section className="panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading">Treatment plan</h2>
      {!plan && <p className="muted">No active plan in this episode.</p>}
      {plan && version.isPending && <Loading what="the plan" />}
      {version.isError && <Problem error={version.error} />}
      {plan && version.data && summary && (
        <>
          <p>
            Version {version.data.version}, {summary.strategy}
            {summary.homeModel ? ` (home model ${summary.homeModel})` : ""}.{" "}
            <span className="muted">
              {version.data.sign_offs.length === 0
                ? "Not signed yet."
                : `Signed by ${version.data.sign_offs.map((each) => each.role).join(" and ")} (${formatDate(version.data.sign_offs.at(-1)?.signed_at)}).`}
            </span>
          </p>
          <ol className="phases">
            {summary.phases.map((phase, phaseIdx) => (
              <li key={phaseIdx}>
                <strong>{phase.name}</strong>
                {phase.sessions !== null && <span className="muted"> · {phase.sessions} sessions</span>}
                {phase.models.length > 0 && <div className="muted">{phase.models.join(", ")}</div>}
                {phase.goals.length > 0 && <div>Goals: {phase.goals.join("; ")}</div>}
              </li>
            ))}
          </ol>
          {summary.clientGoals.length > 0 && (
            <p>
              Client's goals: <span>{summary.clientGoals.join("; ")}</span>
            </p>
          )}
        </>
      )}
      <p className="panel-links">
        {plan && <Link to={`/clients/${clientId}/plans/${plan.id}`}>Open the plan</Link>}
        <Link to={`/clients/${clientId}/plans`}>{plan ? "All plans and new drafts" : "Build a plan"}</Link>
      </p>
    </section>
  );
}
