// The home page: the clinician's clients sorted by need (the server's order, GET
// /api/v1/caseload), each with their status in words, active alerts, the main outcome measure's
// first and latest score, the last session and the active plan's phase; a search by name and a
// filter by status. A supervisor switches between their own clients and their team's (the team
// view, with each client's lead clinician; shown first, as a supervisor's own list is usually
// empty).
import { useQuery } from "@tanstack/react-query";
import { useMe } from "../auth/session";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { useInstrumentNames } from "../shared/instruments";
import { formatDate, formatScore, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { StatusBadge } from "../shared/StatusBadge";
import { fetchCaseload, type CaseloadRow, type CaseloadScope } from "./caseloadSource";
import { CASELOAD_STATUSES, STATUS_LOOK, type CaseloadStatus } from "./caseloadStatus";

function Outcome({ row }: { row: CaseloadRow }) {
  const names = useInstrumentNames().data;
  if (!row.outcome) return <span className="muted">No scores</span>;
  const { instrument, first, latest } = row.outcome;
  return (
    <span>
      <span className="score-name">{names?.get(instrument) ?? instrument}</span>{" "}
      {formatScore(first)} → <strong>{formatScore(latest)}</strong>
    </span>
  );
}

/// What is due for the client's latest session (GET /api/v1/caseload `due`).
function Due({ due }: { due: CaseloadRow["due"] }) {
  const names = useInstrumentNames().data;
  if (!due) return <span className="muted">No open episode</span>;
  const named = (ids: string[]) => ids.map((id) => names?.get(id) ?? id).join(", ");
  if (due.beforeSession.length === 0 && due.endOfSession.length === 0)
    return <span className="muted">Nothing due</span>;
  return (
    <span>
      Session {due.sessionNumber}
      {due.beforeSession.length > 0 && <>: {named(due.beforeSession)} before</>}
      {due.endOfSession.length > 0 && <>; {named(due.endOfSession)} at the end</>}
    </span>
  );
}

/// "My clients / My team" for supervisors: two buttons, the chosen one pressed.
function ScopeSwitch({ scope, onChange }: { scope: CaseloadScope; onChange: (scope: CaseloadScope) => void }) {
  const choices: { scope: CaseloadScope; words: string }[] = [
    { scope: "mine", words: "My clients" },
    { scope: "team", words: "My team" },
  ];
  return (
    <div className="scope-switch" role="group" aria-label="Whose clients">
      {choices.map((choice) => (
        <button
          key={choice.scope}
          type="button"
          className={choice.scope === scope ? "button-primary" : "button-quiet"}
          aria-pressed={choice.scope === scope}
          onClick={() => onChange(choice.scope)}
        >
          {choice.words}
        </button>
      ))}
    </div>
  );
}

export function CaseloadPage() {
  const supervisor = useMe().data?.user.role === "supervisor";
  const [chosenScope, setChosenScope] = useState<CaseloadScope | null>(null);
  const scope: CaseloadScope = chosenScope ?? (supervisor ? "team" : "mine");
  const teamView = scope === "team";
  const caseload = useQuery({ queryKey: ["caseload", scope], queryFn: () => fetchCaseload(scope) });
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<CaseloadStatus | "all">("all");

  const rows = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (caseload.data ?? []).filter(
      (row) =>
        (status === "all" || row.status === status) &&
        (needle === "" || row.name.toLocaleLowerCase().includes(needle)),
    );
  }, [caseload.data, search, status]);

  const needAttention = (caseload.data ?? []).filter((row) => row.activeAlerts > 0).length;

  return (
    <>
      <div className="page-head">
        <h1>{teamView ? "Team caseload" : "Caseload"}</h1>
        {caseload.data && (
          <p className="lede">
            {plural(caseload.data.length, "client")}
            {teamView && " of the clinicians you supervise"}; {needAttention} with active alerts,
            most urgent first.
          </p>
        )}
        {supervisor && <ScopeSwitch scope={scope} onChange={setChosenScope} />}
        {teamView && (
          <p className="muted">
            You can open these clients to read their records for supervision; each read is
            recorded as supervision. Psychotherapy notes stay with their author.
          </p>
        )}
      </div>
      <div className="filters" role="search">
        <div className="field">
          <label htmlFor="caseload-search">Find a client</label>
          <input
            id="caseload-search"
            type="search"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder="Name"
          />
        </div>
        <div className="field">
          <label htmlFor="caseload-status">Status</label>
          <select
            id="caseload-status"
            value={status}
            onChange={(event) => setStatus(event.target.value as CaseloadStatus | "all")}
          >
            <option value="all">All statuses</option>
            {CASELOAD_STATUSES.map((each) => (
              <option key={each} value={each}>
                {STATUS_LOOK[each].words}
              </option>
            ))}
          </select>
        </div>
      </div>
      {caseload.isPending && <Loading what={teamView ? "your team's caseload" : "your caseload"} />}
      {caseload.isError && <Problem error={caseload.error} />}
      {caseload.data && caseload.data.length === 0 && (
        <p className="empty">
          {teamView
            ? "No clients yet: the clinicians of your teams lead none."
            : "No clients on your care teams yet."}
        </p>
      )}
      {caseload.data && caseload.data.length > 0 && rows.length === 0 && (
        <p className="empty">No clients match. Clear the search or choose another status.</p>
      )}
      {rows.length > 0 && (
        <table className="caseload">
          <caption className="visually-hidden">
            {teamView ? "Your team's clients" : "Your clients"}, most urgent first: status, active
            alerts, outcome scores, last session, plan phase.
          </caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              {teamView && <th scope="col">Lead clinician</th>}
              <th scope="col">Status</th>
              <th scope="col">Active alerts</th>
              <th scope="col">Outcome</th>
              <th scope="col">Last session</th>
              <th scope="col">Due</th>
              <th scope="col">Plan phase</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.clientId}>
                <th scope="row">
                  <Link to={`/clients/${row.clientId}`}>{row.name}</Link>
                </th>
                {teamView && (
                  <td data-label="Lead clinician">{row.lead ?? <span className="muted">No lead</span>}</td>
                )}
                <td data-label="Status">
                  <StatusBadge status={row.status} />
                </td>
                <td data-label="Active alerts">
                  {row.activeAlerts === 0
                    ? "None"
                    : row.criticalAlerts > 0
                      ? `${row.activeAlerts} (${row.criticalAlerts} critical)`
                      : row.activeAlerts}
                </td>
                <td data-label="Outcome">
                  <Outcome row={row} />
                </td>
                <td data-label="Last session">{formatDate(row.lastSession)}</td>
                <td data-label="Due">
                  <Due due={row.due} />
                </td>
                <td data-label="Plan phase">
                  {row.planVersion === null ? (
                    <span className="muted">No active plan</span>
                  ) : (
                    (row.planPhase ?? "—")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
