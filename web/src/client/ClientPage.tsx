// A client at a glance: who and which episode, open alerts (to acknowledge), a progress chart
// per questionnaire, and the active plan.
import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import { CareTeamPanel } from "../careTeam/CareTeamPanel";
import { useMayChangeRecord } from "../careTeam/careTeamQueries";
import { ConsultationsLink } from "../consultations/ConsultationsLink";
import type { CoursePoint } from "../api/types";
import { AlertCard } from "../alerts/AlertCard";
import { ResolvedAlerts } from "../alerts/ResolvedAlerts";
import { useClientAlerts, useOpenAlerts } from "../alerts/alertQueries";
import { caseloadStatus } from "../caseload/caseloadStatus";
import { formatDate, plural } from "../shared/format";
import { printReport, useUnfoldWhenPrinting } from "../shared/printReport";
import { Loading, Problem } from "../shared/QueryState";
import { StatusBadge } from "../shared/StatusBadge";
import { ATTENDANCE_WORDS } from "../sessions/sessionQueries";
import { useAdministrations, useClientSummary, useCourse, useSessions } from "./clientQueries";
import { InstrumentProgress } from "./InstrumentProgress";
import { PlanPanel } from "./PlanPanel";
import { QuestionnaireLinkPanel } from "../reminders/QuestionnaireLinkPanel";

// The episode's primary outcome measure first (the monitor's judgement rests on it).
function primaryFirst<T extends { instrument: string }>(instruments: T[], course: CoursePoint[]): T[] {
  const primary = new Set(course.filter((point) => point.primary).map((point) => point.instrument));
  return [...instruments].sort(
    (left, right) => Number(primary.has(right.instrument)) - Number(primary.has(left.instrument)),
  );
}

export function ClientPage() {
  const clientId = Number(useParams().clientId);
  useUnfoldWhenPrinting();
  const summary = useClientSummary(clientId);
  const alerts = useOpenAlerts(clientId);
  const sessions = useSessions(clientId);
  const administrations = useAdministrations(clientId);
  const episode = summary.data?.episode ?? null;
  const course = useCourse(clientId, episode?.id);
  const allAlerts = useClientAlerts(clientId);
  const activeAlerts = useOpenAlerts(clientId, "active");
  // A supervisor reading a team client for supervision is offered no form the server refuses.
  const mayWrite = useMayChangeRecord(clientId);
  const episodeAdministrations = useMemo(() => {
    const inEpisode = new Set(
      (sessions.data ?? []).filter((each) => each.episode_id === episode?.id).map((each) => each.id),
    );
    return (administrations.data ?? []).filter(
      (each) => each.session_id !== null && inEpisode.has(each.session_id),
    );
  }, [sessions.data, administrations.data, episode?.id]);

  if (!Number.isInteger(clientId) || clientId <= 0) return <Problem error={new Error("bad id")} />;
  if (summary.isPending) return <Loading what="the client" />;
  if (summary.isError) return <Problem error={summary.error} />;
  const client = summary.data;
  const openAlerts = alerts.data ?? [];
  const scoreCount = client.instruments.reduce((sum, each) => sum + each.count, 0);
  const status = caseloadStatus({
    openAlertKinds: openAlerts.map((alert) => alert.kind),
    episodeClosed: episode?.closed_on != null,
    scoreCount,
  });
  const attended = (sessions.data ?? []).filter((each) => each.episode_id === episode?.id);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Caseload</Link> <span aria-hidden="true">›</span> <span>{client.name}</span>
      </nav>
      <p className="print-only report-title">
        Progress report · printed {formatDate(new Date().toISOString())}
      </p>
      <div className="page-head client-head">
        <h1>{client.name}</h1>
        <StatusBadge status={status} />
        <div className="head-actions">
          <button type="button" className="button-quiet" onClick={printReport}>
            Print the progress report
          </button>
          <Link to={`/clients/${clientId}/notes`}>Notes</Link>
          <Link to={`/clients/${clientId}/plans`}>Treatment plans</Link>
          <ConsultationsLink clientId={clientId} />
          {episode && !episode.closed_on && mayWrite && (
            <Link className="button-link" to={`/clients/${clientId}/sessions/new`}>
              Record a session
            </Link>
          )}
        </div>
      </div>
      <p className="lede">
        {episode
          ? `${episode.closed_on ? "Episode closed " + formatDate(episode.closed_on) : "In care since " + formatDate(episode.opened_on)}` +
            `${episode.reason ? ` · ${episode.reason}` : ""} · ${plural(attended.length, "session")}`
          : "No episode of care yet."}
      </p>

      <div className="client-grid">
        <div className="client-main">
          {(sessions.isPending || administrations.isPending) && <Loading what="scores" />}
          {administrations.isError && <Problem error={administrations.error} />}
          {episode && sessions.data && administrations.data &&
            primaryFirst(client.instruments, course.data?.points ?? []).map((instrument) => (
              <InstrumentProgress
                key={instrument.instrument}
                instrument={instrument.instrument}
                administrations={episodeAdministrations}
                sessions={sessions.data}
                episodeId={episode.id}
                alerts={allAlerts.data ?? openAlerts}
                course={course.data?.points ?? []}
              />
            ))}
          {episode && client.instruments.length === 0 && (
            <p className="empty">No questionnaires in this episode yet.</p>
          )}
        </div>
        <aside className="client-side">
          <section className="panel no-print" aria-labelledby="open-alerts-heading">
            <h2 id="open-alerts-heading">Open alerts</h2>
            <p className="hint">Open and acknowledged ones, until resolved; resolved ones are folded below.</p>
            {activeAlerts.isPending && <Loading what="alerts" />}
            {activeAlerts.isError && <Problem error={activeAlerts.error} />}
            {activeAlerts.data?.length === 0 && <p className="muted">No open or acknowledged alerts.</p>}
            <div className="alert-list">
              {(activeAlerts.data ?? []).map((alert) => (
                <AlertCard key={alert.id} alert={alert} mayChange={mayWrite === true} />
              ))}
            </div>
            <ResolvedAlerts alerts={(allAlerts.data ?? []).filter((alert) => alert.state === "resolved")} />
          </section>
          <PlanPanel plan={client.plan} clientId={clientId} />
          <CareTeamPanel clientId={clientId} clientName={client.name} />
          {episode && !episode.closed_on && mayWrite && <QuestionnaireLinkPanel clientId={clientId} />}
          {attended.length > 0 && (
            <section className="panel no-print" aria-labelledby="sessions-heading">
              <h2 id="sessions-heading">Recent sessions</h2>
              <ul className="session-links">
                {[...attended]
                  .sort((left, right) => right.date.localeCompare(left.date) || right.id - left.id)
                  .slice(0, 5)
                  .map((each) => (
                    <li key={each.id}>
                      <Link to={`/clients/${clientId}/sessions/${each.id}`}>{formatDate(each.date)}</Link>{" "}
                      <span className="muted">{ATTENDANCE_WORDS[each.attendance]}</span>
                    </li>
                  ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </>
  );
}
