// One session: what was recorded (attendance, techniques and their helpfulness), the
// questionnaires given in it, and giving another one on the spot — the form built from the
// instrument's definition, then the score and the monitor's conclusion at once. The chosen
// questionnaire is in the address (`?give=phq9`), so a session that ends mid-form returns here.
import { useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useAdministrations, useClientSummary, useSessions } from "../client/clientQueries";
import { QuestionnaireForm } from "../questionnaire/QuestionnaireForm";
import { SubmissionResult } from "../questionnaire/SubmissionResult";
import { formatDate, formatScore } from "../shared/format";
import { useInstrument, useInstruments } from "../shared/instruments";
import { Loading, Problem } from "../shared/QueryState";
import { ATTENDANCE_WORDS, useSubmitMeasure, useTechniques, type Submitted } from "./sessionQueries";

export function SessionPage() {
  const params = useParams();
  const clientId = Number(params.clientId);
  const sessionId = Number(params.sessionId);
  const [search, setSearch] = useSearchParams();
  const give = search.get("give");
  const summary = useClientSummary(clientId);
  const sessions = useSessions(clientId);
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
  const names = useMemo(
    () => new Map((instruments.data ?? []).map((each) => [each.id, each.short_name || each.name])),
    [instruments.data],
  );

  if (summary.isPending || sessions.isPending) return <Loading what="the session" />;
  if (summary.isError) return <Problem error={summary.error} />;
  if (sessions.isError) return <Problem error={sessions.error} />;
  const client = summary.data;
  const session = sessions.data.find((each) => each.id === sessionId);
  if (!session) return <Problem error={new Error("no such session")} />;
  const given = (administrations.data ?? []).filter((each) => each.session_id === sessionId);
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
                  <strong>{names.get(each.instrument) ?? each.instrument}</strong>{" "}
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
              <h3>{names.get(give) ?? give}</h3>
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
                      onSuccess: (submitted) => setResult({ submitted, name: names.get(give) ?? give }),
                    })
                  }
                />
              )}
            </div>
          )}
        </section>

        <aside className="panel" aria-labelledby="recorded-heading">
          <h2 id="recorded-heading">Recorded</h2>
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
        </aside>
      </div>
    </>
  );
}
