// The consultation inbox: every thread on the caller's clients, newest activity first, with the
// client, how many messages and who wrote them, and how many are new to the caller (messages
// by others since the caller last wrote in the thread: the server keeps no read markers).
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import { formatDateTime, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { useConsultationInbox, type InboxEntry } from "./consultationQueries";
import "./consultations.css";

type Show = "all" | "unread" | "mine";

const SHOW_LABELS: Record<Show, string> = {
  all: "All threads",
  unread: "With new messages",
  mine: "Threads I take part in",
};

function shown(entry: InboxEntry, show: Show): boolean {
  if (show === "unread") return entry.unread > 0;
  if (show === "mine") return entry.taking_part;
  return true;
}

export function ConsultationsPage() {
  const inbox = useConsultationInbox();
  const [show, setShow] = useState<Show>("all");
  const showId = useId();
  const entries = (inbox.data ?? []).filter((entry) => shown(entry, show));
  const unreadThreads = (inbox.data ?? []).filter((entry) => entry.unread > 0).length;

  return (
    <>
      <div className="page-head">
        <h1>Consultations</h1>
      </div>
      <p className="lede">
        Discussions of a client with colleagues on the care team, newest first. Start one from the
        client's page.
        {inbox.data && inbox.data.length > 0 && ` ${plural(inbox.data.length, "thread")}, ${unreadThreads} with new messages.`}
      </p>
      {inbox.data && inbox.data.length > 0 && (
        <div className="filters">
          <div className="field">
            <label htmlFor={showId}>Show</label>
            <select id={showId} value={show} onChange={(event) => setShow(event.target.value as Show)}>
              {(Object.keys(SHOW_LABELS) as Show[]).map((key) => (
                <option key={key} value={key}>
                  {SHOW_LABELS[key]}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {inbox.isPending && <Loading what="consultations" />}
      {inbox.isError && <Problem error={inbox.error} />}
      {inbox.data?.length === 0 && (
        <p className="empty">No consultations yet. Open a client's page and choose Consultations to start one.</p>
      )}
      {inbox.data && inbox.data.length > 0 && entries.length === 0 && (
        <p className="empty">No thread matches “{SHOW_LABELS[show]}”.</p>
      )}
      <ul className="thread-list">
        {entries.map((entry) => (
          <InboxRow key={entry.id} entry={entry} />
        ))}
      </ul>
    </>
  );
}

function InboxRow({ entry }: { entry: InboxEntry }) {
  const names = entry.authors.map((author) => author.name);
  return (
    <li className={entry.unread > 0 ? "thread-row thread-unread" : "thread-row"}>
      <div className="thread-main">
        <h2 className="thread-topic">
          <Link to={`/clients/${entry.client_id}/consultations/${entry.id}`}>{entry.topic}</Link>
        </h2>
        <p className="thread-meta">
          About <Link to={`/clients/${entry.client_id}`}>{entry.client_name}</Link>
          {" · "}
          {plural(entry.messages, "message")}
          {names.length > 0 && ` from ${names.join(", ")}`}
        </p>
      </div>
      <div className="thread-state">
        {entry.unread > 0 ? (
          <span className="status status-alert_to_review">{plural(entry.unread, "new message")}</span>
        ) : (
          <span className="status status-no_open_alerts">{entry.messages === 0 ? "No messages yet" : "Up to date"}</span>
        )}
        <span className="muted thread-when">Last activity {formatDateTime(entry.last_activity_at)}</span>
        {!entry.taking_part && <span className="muted">You have not written here yet</span>}
      </div>
    </li>
  );
}
