// One consultation thread: its messages, oldest first, each with its author's name and time,
// and a reply (kept in the tab if the session ends before it is sent).
import { Link, useParams } from "react-router-dom";
import { useMe } from "../auth/session";
import { useClientSummary } from "../client/clientQueries";
import { formatDateTime, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { useDraft } from "../shared/useDraft";
import { useMayChangeRecord } from "../careTeam/careTeamQueries";
import { MessageEditor } from "./MessageEditor";
import { useClientThreads, usePostMessage } from "./consultationQueries";
import "./consultations.css";

export function ThreadPage() {
  const params = useParams();
  const clientId = Number(params.clientId);
  const threadId = Number(params.threadId);
  const me = useMe().data;
  const summary = useClientSummary(clientId);
  const threads = useClientThreads(clientId);
  const post = usePostMessage(threadId);
  const draft = useDraft("reply");
  const mayWrite = useMayChangeRecord(clientId);

  if (summary.isPending || threads.isPending) return <Loading what="the consultation" />;
  if (summary.isError) return <Problem error={summary.error} />;
  if (threads.isError) return <Problem error={threads.error} />;
  const client = summary.data;
  const thread = threads.data.find((each) => each.id === threadId);
  if (!thread) {
    return (
      <>
        <h1>Consultation not found</h1>
        <p>
          There is no such consultation about {client.name}.{" "}
          <Link to={`/clients/${clientId}/consultations`}>Their consultations</Link>
        </p>
      </>
    );
  }
  const authors = [...new Set(thread.messages.map((message) => message.author_name))];

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/consultations">Consultations</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}/consultations`}>{client.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span>{thread.topic}</span>
      </nav>
      <h1>{thread.topic}</h1>
      <p className="lede">
        About <Link to={`/clients/${clientId}`}>{client.name}</Link> · {plural(thread.messages.length, "message")}
        {authors.length > 0 && ` from ${authors.join(", ")}`}
      </p>
      <section className="panel thread" aria-label="Messages">
        {thread.messages.length === 0 && <p className="empty">No messages yet.</p>}
        <ol className="messages">
          {thread.messages.map((message, index) => {
            const mine = message.author_id === me?.user.id;
            return (
              <li key={index} className={mine ? "message message-mine" : "message"}>
                <p className="message-meta">
                  <strong>{message.author_name}</strong>
                  {mine && <span className="muted"> (you)</span>} ·{" "}
                  <time dateTime={message.posted_at}>{formatDateTime(message.posted_at)}</time>
                </p>
                <p className="message-text">{message.text}</p>
              </li>
            );
          })}
        </ol>
        {mayWrite && (
          <MessageEditor
            label="Your reply"
            draft={draft}
            busy={post.isPending}
            error={post.error}
            submitLabel="Send reply"
            onSend={(text) => post.mutate(text, { onSuccess: () => draft.saved() })}
          />
        )}
        {mayWrite === false && (
          <p className="muted">You read this thread for supervision; only the care team answers it.</p>
        )}
      </section>
    </>
  );
}
