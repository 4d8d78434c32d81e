// The plan builder's start: the episode's plans with their status, drafting a new plan with
// one strategy, or drafting one per strategy to compare them side by side and keep one (the
// others are discarded with the reason). The comparison's plans are in the address
// (`?compare=10,11,...`), so it survives a reload or a session that ends.
import { useQueries } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api, data } from "../api/client";
import { useClientSummary } from "../client/clientQueries";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { FULL, STRATEGIES, strategyWords, useClientPlans, useCreatePlans, type Strategy } from "./planQueries";
import { readPlan } from "./planView";
import { StrategyComparison } from "./StrategyComparison";

export function PlansPage() {
  const clientId = Number(useParams().clientId);
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const summary = useClientSummary(clientId);
  const plans = useClientPlans(clientId);
  const create = useCreatePlans(clientId);
  const [strategy, setStrategy] = useState<Strategy>("auto");
  const episode = summary.data?.episode ?? null;
  const inEpisode = (plans.data ?? []).filter((plan) => plan.episode_id === episode?.id);
  const details = useQueries({
    queries: inEpisode.map((plan) => ({
      queryKey: ["plan", plan.id, "all"],
      queryFn: () => data(api.GET("/api/v1/plans/{plan_id}", { params: { path: { plan_id: plan.id }, query: FULL } })),
    })),
  });
  const compare = (search.get("compare") ?? "")
    .split(",")
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);

  if (summary.isPending) return <Loading what="the client" />;
  if (summary.isError) return <Problem error={summary.error} />;
  const client = summary.data;
  const open = episode !== null && !episode.closed_on;

  function draftOne(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!episode) return;
    create.mutate(
      { episodeId: episode.id, strategies: [strategy] },
      { onSuccess: ([plan]) => plan && navigate(`/clients/${clientId}/plans/${plan.id}`) },
    );
  }

  function compareAll() {
    if (!episode) return;
    create.mutate(
      { episodeId: episode.id, strategies: STRATEGIES.map((each) => each.id) },
      { onSuccess: (made) => setSearch({ compare: made.map((plan) => plan.id).join(",") }) },
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}`}>{client.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span>Treatment plans</span>
      </nav>
      <h1>Treatment plans</h1>
      <p className="lede">
        {client.name}
        {episode ? ` · episode since ${formatDate(episode.opened_on)}` : " · no episode of care yet"}
      </p>

      {compare.length > 0 && <StrategyComparison clientId={clientId} planIds={compare} onDone={() => setSearch({})} />}

      <section className="panel" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans in this episode</h2>
        {plans.isPending && <Loading what="plans" />}
        {plans.isError && <Problem error={plans.error} />}
        {plans.data && inEpisode.length === 0 && <p className="muted">No plans yet. Draft one below.</p>}
        {inEpisode.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby="plans-heading" tabIndex={0}>
          <table className="plain-table stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Strategy</th>
                <th scope="col">Version</th>
                <th scope="col">Latest change</th>
              </tr>
            </thead>
            <tbody>
              {[...inEpisode]
                .sort((left, right) => statusRank(left.status) - statusRank(right.status) || right.id - left.id)
                .map((plan) => {
                  const detail = details[inEpisode.indexOf(plan)]?.data;
                  const content = detail?.versions.at(-1)?.content;
                  return (
                    <tr key={plan.id}>
                      <th scope="row">
                        <Link to={`/clients/${clientId}/plans/${plan.id}`}>Plan {plan.id}</Link>
                      </th>
                      <td data-label="Status">
                        <PlanStatusBadge status={plan.status} />
                      </td>
                      <td data-label="Strategy">{content ? strategyWords(readPlan(content).strategy) : "…"}</td>
                      <td data-label="Version">{plan.current_version}</td>
                      <td data-label="Latest change">{plan.current_reason ?? ""}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          </div>
        )}
      </section>

      {open && (
        <section className="panel" aria-labelledby="new-plan-heading">
          <h2 id="new-plan-heading">Draft a new plan</h2>
          <p className="hint">
            A draft changes nothing until you sign it and the client agrees; it then replaces the
            active plan. The planner uses the client's stored profile and the care team's
            therapists.
          </p>
          <form onSubmit={draftOne}>
            <fieldset className="choices">
              <legend>Strategy</legend>
              <div className="choice-list choice-list-wide">
                <label className="choice choice-described">
                  <input type="radio" name="strategy" checked={strategy === "auto"} onChange={() => setStrategy("auto")} />
                  <span>
                    <strong>Let the planner choose</strong>
                    <span className="muted">The strategy the client's profile calls for, with the reason.</span>
                  </span>
                </label>
                {STRATEGIES.map((each) => (
                  <label key={each.id} className="choice choice-described">
                    <input
                      type="radio"
                      name="strategy"
                      checked={strategy === each.id}
                      onChange={() => setStrategy(each.id)}
                    />
                    <span>
                      <strong>{each.words}</strong>
                      <span className="muted">{each.what}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {create.isError && <Problem error={create.error} />}
            <div className="actions">
              <button type="submit" className="button-primary" disabled={create.isPending}>
                Draft this plan
              </button>
              <button type="button" className="button-secondary" disabled={create.isPending} onClick={compareAll}>
                Compare every strategy side by side
              </button>
              {create.isPending && <span role="status">Drafting…</span>}
            </div>
          </form>
        </section>
      )}
    </>
  );
}

function statusRank(status: string): number {
  return ["active", "draft", "superseded", "discarded"].indexOf(status);
}
