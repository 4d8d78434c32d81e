// The home page: the clinician's clients sorted by need, each with their status in words,
// open alerts, latest scores and when they were last scored; a search by name and a filter
// by status.
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { useInstrumentNames } from "../shared/instruments";
import { formatDate, formatScore, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { StatusBadge } from "../shared/StatusBadge";
import { fetchCaseload, type CaseloadRow } from "./caseloadSource";
import { STATUS_LOOK, type CaseloadStatus } from "./caseloadStatus";

function LatestScores({ row }: { row: CaseloadRow }) {
  const names = useInstrumentNames().data;
  const shown = row.latestScores.filter((instrument) => instrument.latest.total !== null).slice(0, 2);
  if (shown.length === 0) return <span className="muted">No scores</span>;
  return (
    <ul className="scores">
      {shown.map((instrument) => (
        <li key={instrument.instrument}>
          <span className="score-name">{names?.get(instrument.instrument) ?? instrument.instrument}</span>{" "}
          <strong>{formatScore(instrument.latest.total)}</strong>{" "}
          <span className="muted">{instrument.latest.band}</span>
        </li>
      ))}
    </ul>
  );
}

export function CaseloadPage() {
  const caseload = useQuery({ queryKey: ["caseload"], queryFn: fetchCaseload });
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

  const needAttention = (caseload.data ?? []).filter((row) => row.openAlerts > 0).length;

  return (
    <>
      <div className="page-head">
        <h1>Caseload</h1>
        {caseload.data && (
          <p className="lede">
            {plural(caseload.data.length, "client")}; {needAttention} with open alerts, most
            urgent first.
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
            {(Object.keys(STATUS_LOOK) as CaseloadStatus[]).map((each) => (
              <option key={each} value={each}>
                {STATUS_LOOK[each].words}
              </option>
            ))}
          </select>
        </div>
      </div>
      {caseload.isPending && <Loading what="your caseload" />}
      {caseload.isError && <Problem error={caseload.error} />}
      {caseload.data && rows.length === 0 && (
        <p className="empty">No clients match. Clear the search or choose another status.</p>
      )}
      {rows.length > 0 && (
        <table className="caseload">
          <caption className="visually-hidden">
            Your clients, most urgent first: status, open alerts, latest scores, last scored.
          </caption>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Status</th>
              <th scope="col">Open alerts</th>
              <th scope="col">Latest scores</th>
              <th scope="col">Last scored</th>
              <th scope="col">In care since</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.clientId}>
                <th scope="row">
                  <Link to={`/clients/${row.clientId}`}>{row.name}</Link>
                </th>
                <td data-label="Status">
                  <StatusBadge status={row.status} />
                </td>
                <td data-label="Open alerts">{row.openAlerts === 0 ? "None" : row.openAlerts}</td>
                <td data-label="Latest scores">
                  <LatestScores row={row} />
                </td>
                <td data-label="Last scored">{formatDate(row.lastScoredAt)}</td>
                <td data-label="In care since">
                  {row.episodeClosedOn
                    ? `Closed ${formatDate(row.episodeClosedOn)}`
                    : formatDate(row.episodeOpenedOn)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
