// Every strategy's draft side by side: phases with their sessions, the number of techniques,
// their fit, and which mechanisms of the client's problems they work on. Keeping one discards
// the other drafts of the comparison, with the reason.
import { useQueries } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router-dom";
import { api, data } from "../api/client";
import { Loading, Problem } from "../shared/QueryState";
import { useCoverageCatalog } from "./coverageCatalog";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { FULL, strategyWords, useDiscardPlans } from "./planQueries";
import { compareRow, formatFit, readPlan, words } from "./planView";

type Row = ReturnType<typeof compareRow>;

function Phases({ row }: { row: Row }) {
  return (
    <ol className="compact">
      {row.phases.map((phase, phaseIdx) => (
        <li key={phaseIdx}>
          {phase.name}
          {phase.sessions !== null && <span className="muted"> · {phase.sessions}</span>}
        </li>
      ))}
    </ol>
  );
}

function Fit({ row }: { row: Row }) {
  return <>{row.meanFit === null ? "—" : `${formatFit(row.meanFit)}, ${formatFit(row.lowestFit ?? 0)}`}</>;
}

function Coverage({ row }: { row: Row }) {
  const total = row.coverage.covered.length + row.coverage.uncovered.length;
  if (total === 0) return <>—</>;
  return (
    <>
      <strong>
        {row.coverage.covered.length} of {total}
      </strong>{" "}
      mechanisms
      {row.coverage.uncovered.length > 0 && (
        <div className="muted">not addressed: {row.coverage.uncovered.map(words).join(", ")}</div>
      )}
    </>
  );
}

interface Props {
  clientId: number;
  planIds: number[];
  onDone: () => void;
}

export function StrategyComparison({ clientId, planIds, onDone }: Props) {
  const navigate = useNavigate();
  const { catalog } = useCoverageCatalog();
  const discard = useDiscardPlans(clientId);
  const plans = useQueries({
    queries: planIds.map((planId) => ({
      queryKey: ["plan", planId, "all"],
      queryFn: () => data(api.GET("/api/v1/plans/{plan_id}", { params: { path: { plan_id: planId }, query: FULL } })),
    })),
  });
  const failed = plans.find((each) => each.isError);
  if (failed) return <Problem error={failed.error} />;
  if (!catalog || plans.some((each) => each.isPending)) return <Loading what="the comparison" />;
  const columns = plans.flatMap((each) => (each.data ? [each.data] : []));
  const rows = columns.map((plan) => {
    const view = readPlan(plan.versions.at(-1)?.content);
    return { plan, view, row: compareRow(view, catalog) };
  });

  function keep(planId: number, strategy: string) {
    const others = columns.filter((plan) => plan.id !== planId && plan.status === "draft").map((plan) => plan.id);
    discard.mutate(
      { planIds: others, reason: `compared side by side; the ${strategyWords(strategy).toLowerCase()} plan was kept` },
      { onSuccess: () => navigate(`/clients/${clientId}/plans/${planId}`) },
    );
  }

  const actions = (plan: (typeof columns)[number], strategy: string) => (
    <div className="comparison-actions">
      <Link to={`/clients/${clientId}/plans/${plan.id}`}>
        Open<span className="visually-hidden"> the {strategyWords(strategy)} plan</span>
      </Link>
      {plan.status === "draft" && (
        <button
          type="button"
          className="button-primary"
          disabled={discard.isPending}
          aria-label={`Keep this one: ${strategyWords(strategy)}`}
          onClick={() => keep(plan.id, strategy)}
        >
          Keep this one
        </button>
      )}
    </div>
  );

  return (
    <section className="panel comparison" aria-labelledby="comparison-heading">
      <h2 id="comparison-heading">Every strategy side by side</h2>
      <p className="hint">
        Each column is a draft. Fit is the planner's score of each technique for this client (0 to
        1, higher fits better); coverage counts the mechanisms of the client's problems (from the
        catalogue) that at least one planned technique works on. Keep one to discard the others.
      </p>
      <div className="table-scroll comparison-wide" role="region" aria-labelledby="comparison-heading" tabIndex={0}>
        <table className="comparison-table">
          <thead>
            <tr>
              <td />
              {rows.map(({ plan, view }) => (
                <th scope="col" key={plan.id}>
                  {strategyWords(view.strategy)}
                  {view.homeModel && <div className="muted">home model {words(view.homeModel)}</div>}
                  {view.template && <div className="muted">{words(view.template)}</div>}
                  <div>
                    <PlanStatusBadge status={plan.status} />
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Phases</th>
              {rows.map(({ plan, row }) => (
                <td key={plan.id}>
                  <Phases row={row} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Sessions planned</th>
              {rows.map(({ plan, row }) => (
                <td key={plan.id}>{row.sessions}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">Techniques</th>
              {rows.map(({ plan, row }) => (
                <td key={plan.id}>{row.techniques}</td>
              ))}
            </tr>
            <tr>
              <th scope="row">Fit (mean, lowest)</th>
              {rows.map(({ plan, row }) => (
                <td key={plan.id}>
                  <Fit row={row} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">Target coverage</th>
              {rows.map(({ plan, row }) => (
                <td key={plan.id}>
                  <Coverage row={row} />
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">
                <span className="visually-hidden">Actions</span>
              </th>
              {rows.map(({ plan, view }) => (
                <td key={plan.id}>
                  {actions(plan, view.strategy)}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {/* On a phone the table would scroll sideways: one card per strategy instead (CSS shows
          one or the other; the hidden one is out of the accessibility tree). */}
      <ul className="comparison-cards">
        {rows.map(({ plan, view, row }) => (
          <li key={plan.id} className="comparison-card">
            <h3>
              {strategyWords(view.strategy)} <PlanStatusBadge status={plan.status} />
            </h3>
            {view.homeModel && <div className="muted">home model {words(view.homeModel)}</div>}
            {view.template && <div className="muted">{words(view.template)}</div>}
            <dl>
              <dt>Phases</dt>
              <dd>
                <Phases row={row} />
              </dd>
              <dt>Sessions planned</dt>
              <dd>{row.sessions}</dd>
              <dt>Techniques</dt>
              <dd>{row.techniques}</dd>
              <dt>Fit (mean, lowest)</dt>
              <dd>
                <Fit row={row} />
              </dd>
              <dt>Target coverage</dt>
              <dd>
                <Coverage row={row} />
              </dd>
            </dl>
            {actions(plan, view.strategy)}
          </li>
        ))}
      </ul>
      {discard.isError && <Problem error={discard.error} />}
      <div className="actions">
        <button type="button" className="button-quiet" onClick={onDone}>
          Close the comparison (keep the drafts)
        </button>
      </div>
    </section>
  );
}
