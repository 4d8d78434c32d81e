// One open alert: what it is, how urgent, when, the monitor's detail, and acknowledging it
// with a note.
import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Alert } from "../api/types";
import { formatDate } from "../shared/format";
import { Problem } from "../shared/QueryState";
import { SEVERITY_WORDS, alertDetail, alertKind } from "./alertKinds";
import { useAcknowledge } from "./alertQueries";

export function AlertCard({ alert, clientName }: { alert: Alert; clientName?: string }) {
  const kind = alertKind(alert.kind);
  const acknowledge = useAcknowledge();
  const [open, setOpen] = useState(false);
  const noteId = useId();
  const headingId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get("note") ?? "").trim();
    acknowledge.mutate({ alertId: alert.id, note });
  }

  return (
    <article className={`alert-card severity-${kind.severity}`} aria-labelledby={headingId}>
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
      </div>
      {acknowledge.isSuccess ? (
        <p className="notice" role="status">
          Acknowledged.
        </p>
      ) : open ? (
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
      ) : (
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
          Acknowledge…
        </button>
      )}
    </article>
  );
}
