// The alerts inbox: every open alert across the caseload (or every active one: open and
// acknowledged), most severe first, then oldest; each one acknowledged or resolved with a note,
// its history read, its proposals opened and one accepted; several open ones selected and
// acknowledged at once with one note (all or none).
import { useId, useState, type FormEvent } from "react";
import { AcceptedNotice, type Accepted } from "../proposals/ProposalList";
import { plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { AlertCard } from "./AlertCard";
import { useAcknowledgeMany, useOpenAlerts } from "./alertQueries";

export function AlertsPage() {
  const [shown, setShown] = useState<"open" | "active">("open");
  const alerts = useOpenAlerts(undefined, shown);
  const stateId = useId();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // Shown above the list: the card of the alert the proposal answered leaves it.
  const [accepted, setAccepted] = useState<(Accepted & { clientName: string }) | null>(null);
  const listed = alerts.data ?? [];
  // Only open alerts can be acknowledged (an acknowledged one waits to be resolved).
  const open = listed.filter((alert) => alert.state === "open");
  // Only alerts still open count: one handled elsewhere drops out of the selection.
  const chosen = open.filter((alert) => selected.has(alert.id)).map((alert) => alert.id);

  function select(id: number, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        {alerts.data && (
          <p className="lede">
            {alerts.data.length === 0
              ? shown === "open"
                ? "No open alerts."
                : "No open or acknowledged alerts."
              : `${plural(alerts.data.length, shown === "open" ? "open alert" : "alert")}${
                  shown === "open" ? "" : " open or acknowledged"
                }, most severe first, then longest waiting.`}
          </p>
        )}
        <div className="alert-filter">
          <label htmlFor={stateId}>Show</label>
          <select
            id={stateId}
            value={shown}
            onChange={(event) => {
              setShown(event.target.value === "active" ? "active" : "open");
              setSelected(new Set());
            }}
          >
            <option value="open">Open alerts</option>
            <option value="active">Open and acknowledged (not yet resolved)</option>
          </select>
        </div>
      </div>
      {alerts.isPending && <Loading what="alerts" />}
      {alerts.isError && <Problem error={alerts.error} />}
      {accepted && <AcceptedNotice accepted={accepted} clientName={accepted.clientName} />}
      {open.length > 1 && (
        <BulkAcknowledge
          chosen={chosen}
          total={open.length}
          onSelectAll={(on) => setSelected(new Set(on ? open.map((alert) => alert.id) : []))}
          onDone={() => setSelected(new Set())}
        />
      )}
      <div className="alert-list">
        {listed.map((alert) => (
          <AlertCard
            key={alert.id}
            alert={alert}
            clientName={alert.client_name}
            selection={
              alert.state === "open"
                ? { selected: selected.has(alert.id), onChange: (on) => select(alert.id, on) }
                : undefined
            }
            onAccepted={(done) => setAccepted({ ...done, clientName: alert.client_name })}
          />
        ))}
      </div>
    </>
  );
}

interface BulkProps {
  chosen: number[];
  total: number;
  onSelectAll: (on: boolean) => void;
  onDone: () => void;
}

/// Selecting every alert and acknowledging the chosen ones with one note.
function BulkAcknowledge({ chosen, total, onSelectAll, onDone }: BulkProps) {
  const acknowledge = useAcknowledgeMany();
  const [done, setDone] = useState<number | null>(null);
  const noteId = useId();
  const allId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const note = String(new FormData(form).get("note") ?? "").trim();
    acknowledge.mutate(
      { alertIds: chosen, note },
      {
        onSuccess: (answer) => {
          setDone(answer.items.length);
          form.reset();
          onDone();
        },
      },
    );
  }

  return (
    <form className="panel bulk-acknowledge" onSubmit={submit} aria-label="Handle several alerts at once">
      <div className="bulk-select">
        <input
          id={allId}
          type="checkbox"
          checked={chosen.length === total}
          onChange={(event) => onSelectAll(event.target.checked)}
        />
        <label htmlFor={allId}>Select all {total}</label>
        <span className="muted" aria-live="polite">
          {chosen.length === 0 ? "None selected" : `${plural(chosen.length, "alert")} selected`}
        </span>
      </div>
      {chosen.length > 0 && (
        <>
          <label htmlFor={noteId}>One note for the {plural(chosen.length, "selected alert")}</label>
          <textarea id={noteId} name="note" rows={2} required maxLength={2000} />
          <div className="actions">
            <button type="submit" className="button-primary" disabled={acknowledge.isPending}>
              Acknowledge {plural(chosen.length, "alert")}
            </button>
          </div>
        </>
      )}
      {acknowledge.isError && <Problem error={acknowledge.error} />}
      {done !== null && chosen.length === 0 && (
        <p className="notice" role="status">
          Acknowledged {plural(done, "alert")} with one note.
        </p>
      )}
    </form>
  );
}
