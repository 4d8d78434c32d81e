// Record a session: its date, whether the client attended, and the techniques used with the
// client's own 0–10 rating of how much each helped. The current plan's techniques are offered
// first. After recording, the session's page opens to give questionnaires.
// Amending a recorded session (`amending`) is the same form, filled in from the session, with
// why it is amended: it is saved as a new version that supersedes the old one, which is kept.
import { useId, useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import type { Schemas } from "../api/types";
import { useClientSummary, usePlanVersion } from "../client/clientQueries";
import { summarizePlan } from "../client/planSummary";
import { formatDate } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import { ATTENDANCE_WORDS, useRecordSession, useTechniques, type Attendance } from "./sessionQueries";

interface TechniqueRow {
  key: number;
  technique: string;
  helpfulness: string;
}

/// Today as the record's date (YYYY-MM-DD in the clinician's own time zone).
function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

function rowsOf(session: Schemas["Session"] | undefined): TechniqueRow[] {
  if (!session || session.techniques.length === 0) return [{ key: 0, technique: "", helpfulness: "" }];
  return session.techniques.map((use, position) => ({
    key: position,
    technique: use.technique,
    helpfulness: use.helpfulness === null ? "" : String(use.helpfulness),
  }));
}

export function RecordSessionPage({ amending }: { amending?: Schemas["Session"] }) {
  const clientId = Number(useParams().clientId);
  const summary = useClientSummary(clientId);
  const plan = usePlanVersion(summary.data?.plan);
  const techniques = useTechniques();
  const record = useRecordSession(clientId);
  const navigate = useNavigate();
  const [attendance, setAttendance] = useState<Attendance>(amending?.attendance ?? "attended");
  const [rows, setRows] = useState<TechniqueRow[]>(() => rowsOf(amending));
  const [nextKey, setNextKey] = useState(() => rowsOf(amending).length);
  const [reason, setReason] = useState("");
  const ids = useId();

  const planned = useMemo(() => {
    if (!plan.data) return new Set<string>();
    return new Set(summarizePlan(plan.data.content).phases.flatMap((phase) => phase.techniques));
  }, [plan.data]);
  const [inPlan, others] = useMemo(() => {
    const all = [...(techniques.data ?? [])].sort((left, right) => left.name.localeCompare(right.name));
    return [all.filter((each) => planned.has(each.id)), all.filter((each) => !planned.has(each.id))];
  }, [techniques.data, planned]);

  if (summary.isPending) return <Loading what="the client" />;
  if (summary.isError) return <Problem error={summary.error} />;
  const client = summary.data;
  const episode = client.episode;
  // An amendment stays in its session's episode, which must still be open (the server's rule).
  const episodeOpen = !!episode && !episode.closed_on && (!amending || amending.episode_id === episode.id);
  const title = amending ? `Amend the session of ${formatDate(amending.date)}` : "Record a session";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!episode) return;
    const form = new FormData(event.currentTarget);
    const used: NonNullable<Schemas["RecordSessionRequest"]["techniques"]> =
      attendance === "attended"
        ? rows
            .filter((row) => row.technique !== "")
            .map((row) => ({
              technique: row.technique,
              helpfulness: row.helpfulness === "" ? null : Number(row.helpfulness),
            }))
        : [];
    record.mutate(
      {
        episode_id: episode.id,
        date: String(form.get("date") ?? ""),
        attendance,
        techniques: used,
        ...(amending ? { supersedes: amending.id, amendment_reason: reason.trim() } : {}),
      },
      { onSuccess: (session) => navigate(`/clients/${clientId}/sessions/${session.id}`) },
    );
  }

  function update(key: number, change: Partial<TechniqueRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span>{" "}
        <Link to={`/clients/${clientId}`}>{client.name}</Link> <span aria-hidden="true">›</span>{" "}
        <span>{title}</span>
      </nav>
      <h1>{title}</h1>
      {!episode || !episodeOpen ? (
        <p className="notice">
          {amending
            ? `The episode of care this session belongs to is closed, so the session cannot be amended.`
            : `${client.name} has no open episode of care, so a session cannot be recorded.`}
        </p>
      ) : (
        <>
          <p className="lede">
            {client.name} · in care since {formatDate(episode.opened_on)}
          </p>
          <form className="panel session-form" onSubmit={submit}>
            <label htmlFor={`${ids}-date`}>Date of the session</label>
            <input
              id={`${ids}-date`}
              name="date"
              type="date"
              defaultValue={amending?.date ?? today()}
              required
              className="input-date"
            />

            <fieldset className="choices">
              <legend>Attendance</legend>
              <div className="choice-list choice-list-wide">
                {(Object.keys(ATTENDANCE_WORDS) as Attendance[]).map((each) => (
                  <label key={each} className="choice">
                    <input
                      type="radio"
                      name="attendance"
                      value={each}
                      checked={attendance === each}
                      onChange={() => setAttendance(each)}
                    />
                    <span>{ATTENDANCE_WORDS[each]}</span>
                  </label>
                ))}
              </div>
            </fieldset>

            {attendance === "attended" && (
              <fieldset className="techniques-used">
                <legend>Techniques used, and how much the client found each helped</legend>
                <p className="hint">
                  Helpfulness is the client's own rating, from 0 (not at all) to 10 (very much).
                  {planned.size > 0 && " The current plan's techniques are listed first."}
                </p>
                {techniques.isError && <Problem error={techniques.error} />}
                {rows.map((row, rowIdx) => (
                  <div className="technique-row" key={row.key}>
                    <div className="field">
                      <label htmlFor={`${ids}-t${row.key}`}>Technique {rowIdx + 1}</label>
                      <select
                        id={`${ids}-t${row.key}`}
                        value={row.technique}
                        onChange={(event) => update(row.key, { technique: event.target.value })}
                      >
                        <option value="">Choose a technique…</option>
                        {inPlan.length > 0 && (
                          <optgroup label="In the current plan">
                            {inPlan.map((each) => (
                              <option key={each.id} value={each.id}>
                                {each.name}
                              </option>
                            ))}
                          </optgroup>
                        )}
                        <optgroup label={inPlan.length > 0 ? "Other techniques" : "Techniques"}>
                          {others.map((each) => (
                            <option key={each.id} value={each.id}>
                              {each.name}
                            </option>
                          ))}
                        </optgroup>
                      </select>
                    </div>
                    <div className="field field-narrow">
                      <label htmlFor={`${ids}-h${row.key}`}>Helpfulness</label>
                      <select
                        id={`${ids}-h${row.key}`}
                        value={row.helpfulness}
                        onChange={(event) => update(row.key, { helpfulness: event.target.value })}
                      >
                        <option value="">Not rated</option>
                        {Array.from({ length: 11 }, (_, value) => (
                          <option key={value} value={String(value)}>
                            {value}
                            {value === 0 ? " (not at all)" : value === 10 ? " (very much)" : ""}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={`Remove technique ${rowIdx + 1}`}
                      onClick={() => setRows((current) => current.filter((each) => each.key !== row.key))}
                    >
                      Remove
                    </button>
                  </div>
                ))}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setRows((current) => [...current, { key: nextKey, technique: "", helpfulness: "" }]);
                    setNextKey(nextKey + 1);
                  }}
                >
                  Add a technique
                </button>
              </fieldset>
            )}
            {amending && (
              <>
                <label htmlFor={`${ids}-reason`}>Why amend the session</label>
                <p className="hint" id={`${ids}-reason-hint`}>
                  Kept with the new version; the version it replaces stays in the record, shown as amended.
                </p>
                <input
                  id={`${ids}-reason`}
                  type="text"
                  required
                  maxLength={500}
                  aria-describedby={`${ids}-reason-hint`}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </>
            )}
            {record.isError && <Problem error={record.error} />}
            <div className="actions">
              <button type="submit" className="button-primary" disabled={record.isPending}>
                {record.isPending ? "Saving…" : amending ? "Save the amendment" : "Record session"}
              </button>
              <Link to={amending ? `/clients/${clientId}/sessions/${amending.id}` : `/clients/${clientId}`}>Cancel</Link>
            </div>
          </form>
        </>
      )}
    </>
  );
}
