// One session: what was recorded (attendance, techniques and their helpfulness), the
// questionnaires given in it, and giving another one on the spot — the form built from the
// instrument's definition, then the score and the monitor's conclusion at once. The chosen
// questionnaire is in the address (`?give=phq9`), so a session that ends mid-form returns here.
import { useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useMe } from "../auth/session";
import { useLinkedTherapists, useMayChangeRecord } from "../careTeam/careTeamQueries";
import { useAdministrations, useClientSummary } from "../client/clientQueries";
import { amendedNotes, currentVersion } from "../notes/amendments";
import { QuestionnaireForm } from "../questionnaire/QuestionnaireForm";
import { SubmissionResult } from "../questionnaire/SubmissionResult";
import { formatDate, formatDateTime, formatScore } from "../shared/format";
import { useInstrument, useInstruments } from "../shared/instruments";
import { Loading, Problem } from "../shared/QueryState";
import { ATTENDANCE_WORDS, useSessionVersions, useSubmitMeasure, useTechniques, type Submitted } from "./sessionQueries";

export function SessionPage() {
  const params = useParams();
  const clientId = Number(params.clientId);
  const sessionId = Number(params.sessionId);
  const [search, setSearch] = useSearchParams();
  const give = search.get("give");
  const summary = useClientSummary(clientId);
  const sessions = useSessionVersions(clientId);
  const me = useMe().data;
  const mayWrite = useMayChangeRecord(clientId);
  const therapists = useLinkedTherapists();
  const administrations = useAdministrations(clientId);
  const instruments = useInstruments();
  const techniques = useTechniques();
  const definition = useInstrument(give);
  const submit = useSubmitMeasure(clientId, sessionId);
  const [result, setResult] = useState<{ submitted: Submitted; name: string } | null>(null);

  const techniqueNames = useMemo(
    () => new Map((techniques.data ?? []).map((each) => [each.id, each.name])),
    [techniques.data],
  );
  const instrumentNames = useMemo(
    () => new Map((instruments.data ?? []).map((each) => [each.id, each.short_name || each.name])),
    [instruments.data],
  );

  if (summary.isPending || sessions.isPending) return <Loading what="the session" />;
  if (summary.isError) return <Problem error={summary.error} />;
  if (sessions.isError) return <Problem error={sessions.error} />;
  const client = summary.data;
  const asked = sessions.data.find((each) => each.id === sessionId);
  const session = asked && currentVersion(sessions.data, asked.id);
  if (!asked || !session) return <Problem error={new Error("no such session")} />;
  if (session.id !== asked.id) {
    return (
      <p className="notice">
        This is an earlier version of the session of {formatDate(asked.date)}; it was amended since.{" "}
        <Link to={`/clients/${clientId}/sessions/${session.id}`}>Open the current version</Link>
      </p>
    );
  }
  const earlier = amendedNotes(sessions.data).find((each) => each.note.id === session.id)?.earlier ?? [];
  // Questionnaires stay with the version they were given in: every version's count here.
  const versionIds = new Set([session.id, ...earlier.map((each) => each.note.id)]);
  const given = (administrations.data ?? []).filter(
    (each) => each.session_id !== null && versionIds.has(each.session_id),
  );
  const names = new Map((therapists.data ?? []).map((each) => [each.userId, each.name]));
  const who = (userId: number | null) =>
    userId === null ? "an import" : me?.user.id === userId ? "you" : names.get(userId) ?? `account ${userId}`;
  const episodeOpen = client.episode?.id === session.episode_id && !client.episode.closed_on;
  const techniqueList = (uses: typeof session.techniques) =>
    uses.length === 0
      ? "no techniques"
      : uses
          .map(
            (use) =>
              `${techniqueNames.get(use.technique) ?? use.technique}` +
              (use.helpfulness === null ? "" : ` (helpfulness ${use.helpfulness})`),
          )
          .join(", ");
  // The questionnaires already used in this episode first: they are the ones to repeat.
  const usedInEpisode = new Set(client.instruments.map((each) => each.instrument));
  const offered = [...(instruments.data ?? [])].sort(
    (left, right) =>
      Number(usedInEpisode.has(right.id)) - Number(usedInEpisode.has(left.id)) ||
      (left.short_name || left.name).localeCompare(right.short_name || right.name),
  );

  function choose(id: string | null) {
    setResult(null);
    submit.reset();
    const next = new URLSearchParams(search);
    if (id) next.set("give", id);
    else next.delete("give");
    setSearch(next, { replace: false });
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}`}>{client.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span>Session of {formatDate(session.date)}</span>
      </nav>
      <h1>Session of {formatDate(session.date)}</h1>
      <p className="lede">
        {client.name} · {ATTENDANCE_WORDS[session.attendance]}
      </p>

      <div className="session-grid">
        <section className="panel" aria-labelledby="questionnaire-heading">
          <h2 id="questionnaire-heading">Questionnaires in this session</h2>
          {given.length === 0 && !result && <p className="muted">None given yet.</p>}
          {given.length > 0 && (
            <ul className="given">
              {given.map((each) => (
                <li key={each.id}>
                  <strong>{instrumentNames.get(each.instrument) ?? each.instrument}</strong>{" "}
                  {formatScore(each.total)} <span className="muted">{each.band}</span>
                </li>
              ))}
            </ul>
          )}

          {result && (
            <>
              <SubmissionResult
                result={result.submitted}
                instrumentName={result.name}
                clientId={clientId}
                plan={client.plan}
              />
              <div className="actions">
                <button type="button" className="button-secondary" onClick={() => choose(null)}>
                  Give another questionnaire
                </button>
                <Link to={`/clients/${clientId}`}>Back to {client.name}'s chart</Link>
              </div>
            </>
          )}

          {!result && !give && (
            <div className="give">
              <h3>Give a questionnaire</h3>
              <p className="hint">On this device, in the session. The ones used in this episode are first.</p>
              {instruments.isPending && <Loading what="questionnaires" />}
              <ul className="instrument-choices">
                {offered.map((each) => (
                  <li key={each.id}>
                    <button type="button" className="button-choice" onClick={() => choose(each.id)}>
                      <strong>{each.short_name || each.name}</strong>
                      <span className="muted">
                        {usedInEpisode.has(each.id) ? "Used in this episode" : each.name}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}

          {!result && give && (
            <div className="give">
              <h3>{instrumentNames.get(give) ?? give}</h3>
              {definition.isPending && <Loading what="the questionnaire" />}
              {definition.isError && <Problem error={definition.error} />}
              {definition.data && (
                <QuestionnaireForm
                  key={give}
                  instrument={definition.data}
                  busy={submit.isPending}
                  error={submit.error}
                  onCancel={() => choose(null)}
                  onSubmit={(body) =>
                    submit.mutate(body, {
                      onSuccess: (submitted) => setResult({ submitted, name: instrumentNames.get(give) ?? give }),
                    })
                  }
                />
              )}
            </div>
          )}
        </section>

        <aside className="panel" aria-labelledby="recorded-heading">
          <h2 id="recorded-heading">Recorded</h2>
          {session.supersedes !== null && (
            <p className="amendment-note">
              Amended on {formatDateTime(session.recorded_at)} by {who(session.recorded_by)}
              {session.amendment_reason !== "" && <>: “{session.amendment_reason}”</>}
            </p>
          )}
          <dl className="facts">
            <dt>Date</dt>
            <dd>{formatDate(session.date)}</dd>
            <dt>Attendance</dt>
            <dd>{ATTENDANCE_WORDS[session.attendance]}</dd>
            <dt>Techniques</dt>
            <dd>
              {session.techniques.length === 0 ? (
                "None recorded"
              ) : (
                <ul className="techniques">
                  {session.techniques.map((use) => (
                    <li key={use.technique}>
                      {techniqueNames.get(use.technique) ?? use.technique}
                      <span className="muted">
                        {" "}
                        · {use.helpfulness === null ? "helpfulness not rated" : `helpfulness ${use.helpfulness} of 10`}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          {earlier.length > 0 && (
            <details className="note-earlier session-earlier">
              <summary>{earlier.length === 1 ? "The earlier version" : `${earlier.length} earlier versions`}</summary>
              <ol>
                {earlier.map(({ note: old, amendedBy }) => (
                  <li key={old.id}>
                    <p className="note-meta">
                      Recorded {formatDateTime(old.recorded_at)} by {who(old.recorded_by)}; amended on{" "}
                      {formatDateTime(amendedBy.recorded_at)} by {who(amendedBy.recorded_by)}
                    </p>
                    {amendedBy.amendment_reason !== "" && (
                      <p className="amendment-reason">Why: {amendedBy.amendment_reason}</p>
                    )}
                    <p>
                      {formatDate(old.date)} · {ATTENDANCE_WORDS[old.attendance]} · {techniqueList(old.techniques)}
                    </p>
                  </li>
                ))}
              </ol>
            </details>
          )}
          {mayWrite && episodeOpen && (
            <Link className="button-link button-secondary-link" to={`/clients/${clientId}/sessions/${session.id}/amend`}>
              Amend the session…
            </Link>
          )}
        </aside>
      </div>
    </>
  );
}
