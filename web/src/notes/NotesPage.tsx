// A client's notes: progress notes, the shared record the care team reads, and — in a visibly
// separate area — the clinician's own psychotherapy notes, which only their author can read
// and which stay out of exports, search and reports. Text being written is kept in this tab if
// the session ends, and offered back after signing in.
import { useId, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { useMe } from "../auth/session";
import { useMayChangeRecord } from "../careTeam/careTeamQueries";
import { useClientSummary, useSessions } from "../client/clientQueries";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { useDraft } from "../shared/useDraft";
import { AmendNote } from "./AmendNote";
import { amendedNotes } from "./amendments";
import { NoteEditor } from "./NoteEditor";
import {
  useProgressNotes,
  usePsychotherapyNotes,
  useWriteProgressNote,
  useWritePsychotherapyNote,
} from "./noteQueries";

function newestFirst<T extends { written_at: string; id: number }>(notes: T[]): T[] {
  return [...notes].sort((left, right) => right.written_at.localeCompare(left.written_at) || right.id - left.id);
}

export function NotesPage() {
  const clientId = Number(useParams().clientId);
  const me = useMe().data;
  const summary = useClientSummary(clientId);
  const sessions = useSessions(clientId);
  const progress = useProgressNotes(clientId);
  const privateNotes = usePsychotherapyNotes(clientId);
  const writeProgress = useWriteProgressNote(clientId);
  const writePrivate = useWritePsychotherapyNote(clientId);
  const progressDraft = useDraft("progress-note");
  const privateDraft = useDraft("psychotherapy-note");
  const [sessionId, setSessionId] = useState("");
  const sessionField = useId();
  // A supervisor reading the client for supervision writes nothing here (the server refuses).
  const mayWrite = useMayChangeRecord(clientId) === true;

  const who = (authorId: number) => (me?.user.id === authorId ? "you" : `user ${authorId}`);
  if (summary.isPending) return <Loading what="the client" />;
  if (summary.isError) return <Problem error={summary.error} />;
  const client = summary.data;
  const sessionDates = new Map((sessions.data ?? []).map((each) => [each.id, each.date]));
  const episodeSessions = (sessions.data ?? [])
    .filter((each) => each.episode_id === client.episode?.id)
    .sort((left, right) => right.date.localeCompare(left.date));

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}`}>{client.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span>Notes</span>
      </nav>
      <h1>Notes</h1>
      <p className="lede">{client.name}</p>

      <div className="notes-grid">
        <section className="panel" aria-labelledby="progress-notes-heading">
          <h2 id="progress-notes-heading">Progress notes</h2>
          <p className="hint">Part of the clinical record: the client's care team can read them.</p>
          {mayWrite && (
            <NoteEditor
              label="New progress note"
              hint="What happened in the session, what was agreed, what comes next."
              draft={progressDraft}
              busy={writeProgress.isPending}
              error={writeProgress.error}
              submitLabel="Save progress note"
              onSave={(text) =>
                writeProgress.mutate(
                  { text, session_id: sessionId === "" ? null : Number(sessionId) },
                  { onSuccess: () => progressDraft.saved() },
                )
              }
            >
              {episodeSessions.length > 0 && (
                <>
                  <label htmlFor={sessionField}>Session</label>
                  <select id={sessionField} value={sessionId} onChange={(event) => setSessionId(event.target.value)}>
                    <option value="">Not about one session</option>
                    {episodeSessions.map((each) => (
                      <option key={each.id} value={String(each.id)}>
                        {formatDate(each.date)}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </NoteEditor>
          )}
          {progress.isPending && <Loading what="progress notes" />}
          {progress.isError && <Problem error={progress.error} />}
          {progress.data?.length === 0 && <p className="muted">No progress notes yet.</p>}
          <ol className="notes">
            {amendedNotes(progress.data ?? [])
              .sort((left, right) => right.note.written_at.localeCompare(left.note.written_at) || right.note.id - left.note.id)
              .map(
              ({ note, earlier }) => (
                <li key={note.id}>
                  <p className="note-meta">
                    {formatDate(note.written_at)} · {who(note.author_id)}
                    {note.session_id !== null && ` · session of ${formatDate(sessionDates.get(note.session_id))}`}
                    {earlier.length > 0 && " · amended"}
                  </p>
                  <p className="note-text">{note.text}</p>
                  {earlier.length > 0 && (
                    <details className="note-earlier">
                      <summary>
                        {earlier.length === 1 ? "The earlier version" : `${earlier.length} earlier versions`}
                      </summary>
                      <ol>
                        {earlier.map(({ note: old, amendedBy }) => (
                          <li key={old.id}>
                            <p className="note-meta">
                              Written {formatDate(old.written_at)} by {who(old.author_id)}; amended on{" "}
                              {formatDate(amendedBy.written_at)} by {who(amendedBy.author_id)}
                            </p>
                            {amendedBy.amendment_reason !== "" && (
                              <p className="amendment-reason">Why: {amendedBy.amendment_reason}</p>
                            )}
                            <p className="note-text">{old.text}</p>
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                  {me?.user.id === note.author_id && (
                    <AmendNote
                      note={note}
                      busy={writeProgress.isPending}
                      error={writeProgress.error}
                      onSave={(text, reason, done) =>
                        writeProgress.mutate(
                          { text, session_id: note.session_id, supersedes: note.id, amendment_reason: reason },
                          { onSuccess: done },
                        )
                      }
                    />
                  )}
                </li>
              ),
            )}
          </ol>
        </section>

        <section className="panel panel-private" aria-labelledby="private-notes-heading">
          <h2 id="private-notes-heading">
            <span className="private-tag">Private</span> Your psychotherapy notes
          </h2>
          <p className="hint">
            Only you can read these: not the care team, not an administrator. They are kept apart
            from the record and left out of exports, search and reports.
          </p>
          {mayWrite && (
            <NoteEditor
              label="New psychotherapy note"
              hint="Your own process notes: impressions, hypotheses, your reactions."
              draft={privateDraft}
              busy={writePrivate.isPending}
              error={writePrivate.error}
              submitLabel="Save private note"
              onSave={(text) => writePrivate.mutate({ text }, { onSuccess: () => privateDraft.saved() })}
            />
          )}
          {privateNotes.isPending && <Loading what="your private notes" />}
          {privateNotes.isError && <Problem error={privateNotes.error} />}
          {privateNotes.data?.length === 0 && <p className="muted">No private notes yet.</p>}
          <ol className="notes">
            {newestFirst(privateNotes.data ?? []).map((note) => (
              <li key={note.id}>
                <p className="note-meta">{formatDate(note.written_at)}</p>
                <p className="note-text">{note.text}</p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
