// One client's consultation threads and starting a new one: a topic and the first message,
// which are sent together (the thread is opened, then the message posted to it).
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMayChangeRecord } from "../careTeam/careTeamQueries";
import { useClientSummary } from "../client/clientQueries";
import { formatDateTime, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { useDraft } from "../shared/useDraft";
import { api, data } from "../api/client";
import { MessageEditor } from "./MessageEditor";
import { lastActivity, useClientThreads, useOpenThread } from "./consultationQueries";
import "./consultations.css";

export function ClientConsultationsPage() {
  const clientId = Number(useParams().clientId);
  const summary = useClientSummary(clientId);
  const threads = useClientThreads(clientId);
  const mayWrite = useMayChangeRecord(clientId);

  if (summary.isPending) return <Loading what="the client" />;
  if (summary.isError) return <Problem error={summary.error} />;
  const client = summary.data;
  const sorted = [...(threads.data ?? [])].sort((left, right) =>
    (lastActivity(right) || "").localeCompare(lastActivity(left) || "") || right.id - left.id,
  );

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}`}>{client.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span>Consultations</span>
      </nav>
      <h1>Consultations</h1>
      <p className="lede">About {client.name}, with colleagues on the care team.</p>
      <div className="consult-grid">
        <section className="panel" aria-labelledby="threads-heading">
          <h2 id="threads-heading">Threads</h2>
          {threads.isPending && <Loading what="threads" />}
          {threads.isError && <Problem error={threads.error} />}
          {threads.data?.length === 0 && <p className="empty">No consultations about {client.name} yet.</p>}
          <ul className="thread-list thread-list-plain">
            {sorted.map((thread) => {
              const last = thread.messages[thread.messages.length - 1];
              return (
                <li key={thread.id} className="thread-row">
                  <div className="thread-main">
                    <h3 className="thread-topic">
                      <Link to={`/clients/${clientId}/consultations/${thread.id}`}>{thread.topic}</Link>
                    </h3>
                    <p className="thread-meta">
                      {plural(thread.messages.length, "message")}
                      {last && ` · last from ${last.author_name}, ${formatDateTime(last.posted_at)}`}
                    </p>
                    {last && <p className="thread-excerpt">{last.text}</p>}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
        {mayWrite === undefined ? null : mayWrite ? (
          <StartThread clientId={clientId} />
        ) : (
          <p className="panel muted">
            You read {client.name}'s consultations for supervision; only the care team starts or answers them.
          </p>
        )}
      </div>
    </>
  );
}

function StartThread({ clientId }: { clientId: number }) {
  const open = useOpenThread(clientId);
  const navigate = useNavigate();
  const queries = useQueryClient();
  const draft = useDraft("first-message");
  const [topic, setTopic] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const topicId = useId();

  async function start(text: string) {
    setFailure(null);
    setBusy(true);
    try {
      const thread = await open.mutateAsync(topic.trim());
      await data(
        api.POST("/api/v1/consultations/{thread_id}/messages", {
          params: { path: { thread_id: thread.id } },
          body: { text },
        }),
      );
      draft.saved();
      await queries.invalidateQueries({ queryKey: ["consultations"] });
      navigate(`/clients/${clientId}/consultations/${thread.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="start-heading">
      <h2 id="start-heading">Start a consultation</h2>
      <p className="hint">Everyone on the client's care team can read and answer it.</p>
      <label htmlFor={topicId}>Topic</label>
      <input id={topicId} value={topic} maxLength={200} onChange={(event) => setTopic(event.target.value)} />
      <MessageEditor
        label="First message"
        draft={draft}
        busy={busy}
        blocked={topic.trim() === ""}
        error={failure}
        submitLabel="Start the consultation"
        onSend={(text) => void start(text)}
      />
    </section>
  );
}
