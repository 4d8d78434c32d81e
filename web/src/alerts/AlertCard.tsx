// One open alert: what it is, how urgent, when, the monitor's detail and what to do about it;
// acknowledging it with a note; the monitor's proposals for the client's active plan, one of
// which can be accepted from here; and, in the inbox, a box to select it for handling several
// at once.
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Alert } from "../api/types";
import { useClientSummary } from "../client/clientQueries";
import { ProposalList, type Accepted } from "../proposals/ProposalList";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { SEVERITY_WORDS, alertDetail, alertKind } from "./alertKinds";
import { useAcknowledge } from "./alertQueries";

interface Props {
  alert: Alert;
  clientName?: string;
  /// In the inbox: whether the alert is selected for handling several at once.
  selection?: { selected: boolean; onChange: (selected: boolean) => void };
  onAccepted?: (accepted: Accepted) => void;
}

export function AlertCard({ alert, clientName, selection, onAccepted }: Props) {
  const kind = alertKind(alert.kind);
  const acknowledge = useAcknowledge();
  const [open, setOpen] = useState(false);
  const [proposalsOpen, setProposalsOpen] = useState(false);
  const noteId = useId();
  const headingId = useId();
  const selectId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "").trim();
    acknowledge.mutate({ alertId: alert.id, note });
  }

  return (
    <article className={`alert-card severity-${kind.severity}`} aria-labelledby={headingId}>
      {selection && (
        <div className="alert-select">
          <input
            id={selectId}
            type="checkbox"
            checked={selection.selected}
            onChange={(event) => selection.onChange(event.target.checked)}
          />
          <label htmlFor={selectId} className="visually-hidden">
            Select: {kind.title}
            {clientName ? `, ${clientName}` : ""}
          </label>
        </div>
      )}
      <div className="alert-body">
        <div className="alert-head">
          <span className={`severity severity-${kind.severity}`}>{SEVERITY_WORDS[kind.severity]}</span>
          <h3 id={headingId}>
            {kind.title}
            {clientName !== undefined && (
              <>
                {" · "}
                <Link to={`/clients/${alert.client_id}`}>{clientName}</Link>
              </>
            )}
          </h3>
          <span className="muted">raised {formatDate(alert.raised_at)}</span>
        </div>
        {alert.detail && <p className="alert-detail">{alertDetail(alert.detail)}</p>}
        {alert.actions.length > 0 && (
          <details className="alert-guidance">
            <summary>What to do</summary>
            <ul>
              {alert.actions.map((action) => (
                <li key={action}>{action}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="alert-actions">
        {acknowledge.isSuccess ? (
          <p className="notice" role="status">
            Acknowledged.
          </p>
        ) : (
          !open && (
            <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
              Acknowledge…
            </button>
          )
        )}
        {alert.episode_id !== null && (
          <button
            type="button"
            className="button-quiet"
            aria-expanded={proposalsOpen}
            onClick={() => setProposalsOpen(!proposalsOpen)}
          >
            {proposalsOpen ? "Hide the proposals" : "Proposals…"}
          </button>
        )}
      </div>
      {open && !acknowledge.isSuccess && (
        <form className="acknowledge" onSubmit={submit}>
          <label htmlFor={noteId}>Note (what you did or will do)</label>
          <textarea id={noteId} name="note" rows={2} required maxLength={2000} />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={acknowledge.isPending}>
              Acknowledge
            </button>
            <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
          {acknowledge.isError && <Problem error={acknowledge.error} />}
        </form>
      )}
      {proposalsOpen && alert.episode_id !== null && (
        <div className="alert-proposals">
          <AlertProposals clientId={alert.client_id} episodeId={alert.episode_id} onAccepted={onAccepted} />
        </div>
      )}
    </article>
  );
}

/// The proposals for the alert's client: the active plan comes from the client's summary.
function AlertProposals({
  clientId,
  episodeId,
  onAccepted,
}: {
  clientId: number;
  episodeId: number;
  onAccepted?: (accepted: Accepted) => void;
}) {
  const summary = useClientSummary(clientId);
  if (summary.isPending) return <Loading what="the client's plan" />;
  if (summary.isError) return <Problem error={summary.error} />;
  return (
    <ProposalList
      clientId={clientId}
      episodeId={episodeId}
      plan={summary.data.plan}
      headingLevel="h4"
      onAccepted={onAccepted}
    />
  );
}
