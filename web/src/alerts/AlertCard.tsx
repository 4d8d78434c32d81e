// One alert: what it is, how urgent, when, the monitor's detail and what to do about it;
// acknowledging it or resolving it with a note (kept across a session that ends); its history;
// the monitor's proposals for the client's active plan, one of which can be accepted from here;
// and, in the inbox, a box to select it for handling several at once.
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import type { Alert } from "../api/types";
import { useClientSummary } from "../client/clientQueries";
import { ProposalList, type Accepted } from "../proposals/ProposalList";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { SEVERITY_WORDS, alertDetail, alertKind } from "./alertKinds";
import { useMe } from "../auth/session";
import { useDraft } from "../shared/useDraft";
import { AlertHistory } from "./AlertHistory";
import { isRiskAlert } from "./alertHistory";
import { AlertNoteForm, type NoteMode } from "./AlertNoteForm";
import { useAcknowledge, useResolve } from "./alertQueries";

interface Props {
  alert: Alert;
  clientName?: string;
  /// In the inbox: whether the alert is selected for handling several at once.
  selection?: { selected: boolean; onChange: (selected: boolean) => void };
  onAccepted?: (accepted: Accepted) => void;
  /// False where the caller only reads the client (a supervisor's supervision): no handling.
  mayChange?: boolean;
}

export function AlertCard({ alert, clientName, selection, onAccepted, mayChange = true }: Props) {
  const kind = alertKind(alert.kind);
  const acknowledge = useAcknowledge();
  const resolve = useResolve();
  const role = useMe().data?.user.role;
  const mayHandle = mayChange && (role === "clinician" || role === "supervisor");
  const risk = isRiskAlert(alert.kind);
  const drafts: Record<NoteMode, ReturnType<typeof useDraft>> = {
    acknowledge: useDraft(`alert-${alert.id}-acknowledge`),
    resolve: useDraft(`alert-${alert.id}-resolve`),
  };
  // A note kept from before the session ended opens its form again.
  const [mode, setMode] = useState<NoteMode | null>(() =>
    drafts.resolve.kept ? "resolve" : drafts.acknowledge.kept ? "acknowledge" : null,
  );
  const [proposalsOpen, setProposalsOpen] = useState(false);
  const headingId = useId();
  const selectId = useId();
  const done = resolve.isSuccess ? "Resolved." : acknowledge.isSuccess ? "Acknowledged." : null;

  function save(note: string) {
    if (mode === null) return;
    const draft = drafts[mode];
    const mutation = mode === "resolve" ? resolve : acknowledge;
    // Forgotten once the server has it, even if the card has left the list by then.
    mutation
      .mutateAsync({ alertId: alert.id, note })
      .then(() => draft.saved())
      .catch(() => undefined);
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
          <span className="muted">
            raised {formatDate(alert.raised_at)}
            {alert.state !== "open" && ` · ${alert.state}`}
          </span>
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
        <AlertHistory alert={alert} />
      </div>
      <div className="alert-actions">
        {done ? (
          <p className="notice" role="status">
            {done}
          </p>
        ) : (
          mayHandle &&
          mode === null &&
          alert.state !== "resolved" && (
            <>
              {alert.state === "open" && (
                <button type="button" className="button-secondary" onClick={() => setMode("acknowledge")}>
                  Acknowledge…
                </button>
              )}
              <button type="button" className="button-secondary" onClick={() => setMode("resolve")}>
                Resolve…
              </button>
            </>
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
      {mode !== null && !done && (
        <AlertNoteForm
          mode={mode}
          risk={risk}
          draft={drafts[mode]}
          busy={(mode === "resolve" ? resolve : acknowledge).isPending}
          error={(mode === "resolve" ? resolve : acknowledge).error}
          onSave={save}
          onCancel={() => {
            drafts[mode].saved();
            setMode(null);
          }}
        />
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
  /// False where the caller only reads the client (a supervisor's supervision): no handling.
  mayChange?: boolean;
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
