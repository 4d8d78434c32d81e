// One plan: its status and sign-offs (the clinician's signature and the client's agreement,
// which together make a draft the active plan), the phases with their techniques and why each
// was chosen, why any other technique was not, the options offered to the client and their
// choices, the plan's history and, while it is active, the monitor's proposals to adapt it.
import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import { useClientSummary } from "../client/clientQueries";
import { ProposalList } from "../proposals/ProposalList";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { useCoverageCatalog } from "./coverageCatalog";
import { ClientChoices } from "./ClientChoices";
import { PlanHistory } from "./PlanHistory";
import { PlanPhases } from "./PlanPhases";
import { OwnAdaptation } from "./OwnAdaptation";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { SignOffPanel } from "./SignOffPanel";
import { strategyWords, usePlan } from "./planQueries";
import { readPlan, words } from "./planView";
import { WhyNot } from "./WhyNot";

export function PlanPage() {
  const params = useParams();
  const clientId = Number(params.clientId);
  const planId = Number(params.planId);
  const summary = useClientSummary(clientId);
  const plan = usePlan(planId);
  const { names } = useCoverageCatalog();
  const current = plan.data?.versions.find((each) => each.version === plan.data?.current_version);
  const view = useMemo(() => readPlan(current?.content), [current]);

  if (plan.isPending || summary.isPending) return <Loading what="the plan" />;
  if (plan.isError) return <Problem error={plan.error} />;
  if (summary.isError) return <Problem error={summary.error} />;
  if (plan.data.client_id !== clientId || !current) return <Problem error={new Error("not this client's plan")} />;
  const name = (id: string) => names.get(id) ?? words(id);
  const changeable = plan.data.status === "draft" || plan.data.status === "active";

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}`}>{summary.data.name}</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}/plans`}>Treatment plans</Link> <span aria-hidden="true">›</span>{" "}
        <span>Plan {planId}</span>
      </nav>
      <div className="page-head client-head">
        <h1>
          {strategyWords(view.strategy)} plan
        </h1>
        <PlanStatusBadge status={plan.data.status} />
      </div>
      <p className="lede">
        {summary.data.name} · plan {planId}, version {current.version} ({current.reason}, {formatDate(current.created_at)})
        {view.requestedStrategy === "auto" && " · strategy chosen by the planner"}
        {view.homeModel && ` · home model ${words(view.homeModel)}`}
        {view.template && ` · ${words(view.template)}`}
      </p>

      <div className="client-grid">
        <div className="client-main">
          {view.clientGoals.length > 0 && (
            <section className="panel" aria-labelledby="goals-heading">
              <h2 id="goals-heading">The client's goals, in their words</h2>
              <ul>
                {view.clientGoals.map((goal) => (
                  <li key={goal}>{goal}</li>
                ))}
              </ul>
            </section>
          )}
          <PlanPhases view={view} name={name} />
          <ClientChoices
            clientId={clientId}
            plan={plan.data}
            view={view}
            name={name}
            changeable={changeable}
          />
          <PlanHistory clientId={clientId} plan={plan.data} />
          <WhyNot view={view} names={names} />
          {view.explanation.length > 0 && (
            <section className="panel" aria-labelledby="explanation-heading">
              <h2 id="explanation-heading">How the planner built it</h2>
              <ul className="explanation">
                {view.explanation.map((line, lineIdx) => (
                  <li key={lineIdx}>{line}</li>
                ))}
              </ul>
              {view.referrals.length > 0 && <p>Referrals: {view.referrals.join("; ")}</p>}
              {view.competenceGaps.length > 0 && <p>Competence gaps: {view.competenceGaps.join("; ")}</p>}
            </section>
          )}
        </div>
        <aside className="client-side">
          <SignOffPanel clientId={clientId} plan={plan.data} />
          {plan.data.status === "active" && (
            <div className="panel">
              <ProposalList
                clientId={clientId}
                episodeId={plan.data.episode_id}
                plan={{ id: plan.data.id, version: plan.data.current_version }}
                headingLevel="h2"
              />
            </div>
          )}
          {plan.data.status === "active" && (
            <OwnAdaptation clientId={clientId} plan={plan.data} view={view} name={name} />
          )}
        </aside>
      </div>
    </>
  );
}
