// A client's access history (admin): who read or changed the client's record, and when,
// newest first — the accounting of disclosures a client may ask for. The client is chosen
// from the list and kept in the address (?client=).
import { useId, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { formatDateTime, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { useAccessHistory, useAccounts, useClients } from "./adminQueries";
import { actionText, recordTypeText, SENSITIVITY } from "./auditText";
import "./admin.css";

const SHOWN = 100;

export function AccessHistoryPage() {
  const [search, setSearch] = useSearchParams();
  const chosen = Number(search.get("client"));
  const clientId = Number.isInteger(chosen) && chosen > 0 ? chosen : null;
  const clients = useClients();
  const accounts = useAccounts();
  const history = useAccessHistory(clientId);
  const [limit, setLimit] = useState(SHOWN);
  const clientField = useId();

  const names = useMemo(
    () => new Map((accounts.data ?? []).map((account) => [account.id, `${account.username} (${account.role})`])),
    [accounts.data],
  );
  const entries = useMemo(() => [...(history.data ?? [])].reverse(), [history.data]);
  const client = clients.data?.find((each) => each.id === clientId);
  const readers = new Set(entries.map((entry) => entry.actor_id));

  return (
    <>
      <div className="page-head">
        <h1>Access history</h1>
      </div>
      <p className="lede">Who read or changed a client's record, and when, newest first. Opening it is recorded too.</p>
      <div className="filters">
        <div className="field">
          <label htmlFor={clientField}>Client</label>
          {clients.isError ? (
            <Problem error={clients.error} />
          ) : (
            <select
              id={clientField}
              value={clientId === null ? "" : String(clientId)}
              onChange={(event) => {
                setLimit(SHOWN);
                setSearch(event.target.value ? { client: event.target.value } : {});
              }}
            >
              <option value="">{clients.isPending ? "Loading clients…" : "Choose a client"}</option>
              {(clients.data ?? []).map((each) => (
                <option key={each.id} value={String(each.id)}>
                  {each.name}
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
      {clientId !== null && history.isPending && <Loading what="the access history" />}
      {history.isError && <Problem error={history.error} />}
      {history.data && (
        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">{client ? client.name : `Client ${clientId}`}</h2>
          <p className="hint">
            {plural(entries.length, "entry", "entries")} by {plural(readers.size, "account")}.
          </p>
          <div className="table-scroll">
            <table className="audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Record</th>
                  <th scope="col">Kind of data</th>
                </tr>
              </thead>
              <tbody>
                {entries.slice(0, limit).map((entry) => (
                  <tr key={entry.sequence}>
                    <td data-label="When">{formatDateTime(entry.at)}</td>
                    <td data-label="Who">
                      {entry.actor_id === null ? "the system" : (names.get(entry.actor_id) ?? `account ${entry.actor_id}`)}
                    </td>
                    <td data-label="What">{actionText(entry.action)}</td>
                    <td data-label="Record">
                      {recordTypeText(entry.record_type)}
                      {entry.record_id && <span className="muted"> {entry.record_id}</span>}
                    </td>
                    <td data-label="Kind of data">{SENSITIVITY[entry.sensitivity] ?? entry.sensitivity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {entries.length > limit && (
            <div className="actions">
              <button type="button" className="button-quiet" onClick={() => setLimit(limit + SHOWN)}>
                Show {Math.min(SHOWN, entries.length - limit)} older entries
              </button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
