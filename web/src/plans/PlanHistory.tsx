// The plan's history as a timeline, oldest first: every version with why it was made and what
// prompted it (the client's feedback in their words, the alert it answered, the questionnaire
// score it followed), its sign-offs, and the plan's status changes.
import { useId } from "react";
import { alertKind } from "../alerts/alertKinds";
import { useClientAlerts } from "../alerts/alertQueries";
import { useAdministrations } from "../client/clientQueries";
import { formatDate, formatScore } from "../shared/format";
import { useInstrumentNames } from "../shared/instruments";
import { STATUS_WORDS, type Plan } from "./planQueries";

interface Event {
  at: string;
  key: string;
  what: string;
  why: string;
  prompts: string[];
  kind: "version" | "status";
}

export function PlanHistory({ clientId, plan }: { clientId: number; plan: Plan }) {
  const headingId = useId();
  const alerts = useClientAlerts(clientId);
  const administrations = useAdministrations(clientId);
  const instruments = useInstrumentNames();
  const alertWords = (id: number) => {
    const alert = alerts.data?.find((each) => each.id === id);
    return alert ? `the alert “${alertKind(alert.kind).title}” of ${formatDate(alert.raised_at)}` : `alert ${id}`;
  };
  const scoreWords = (id: number) => {
    const given = administrations.data?.find((each) => each.id === id);
    return given
      ? `${instruments.data?.get(given.instrument) ?? given.instrument} of ${formatScore(given.total)} on ${formatDate(given.administered_at)}`
      : `questionnaire ${id}`;
  };

  const events: Event[] = [
    ...plan.versions.map((version) => {
      const prompted = version.prompted_by;
      const prompts: string[] = [];
      if (prompted?.client_feedback) prompts.push(`The client's feedback: “${prompted.client_feedback}”`);
      if (prompted?.alert_id) prompts.push(`Answers ${alertWords(prompted.alert_id)}`);
      if (prompted?.administration_id) prompts.push(`After the ${scoreWords(prompted.administration_id)}`);
      return {
        at: version.created_at,
        key: `v${version.version}`,
        what: `Version ${version.version}`,
        why: version.reason ?? "",
        prompts: [
          ...prompts,
          ...version.sign_offs.map((each) =>
            each.role === "client" ? `Client agreed, ${formatDate(each.signed_at)}` : `Signed as ${each.role}, ${formatDate(each.signed_at)}`,
          ),
        ],
        kind: "version" as const,
      };
    }),
    ...plan.status_history.map((change, changeIdx) => ({
      at: change.changed_at,
      key: `s${changeIdx}`,
      what: `${STATUS_WORDS[change.status]} (version ${change.version})`,
      why: change.reason ?? "",
      prompts: [],
      kind: "status" as const,
    })),
  ].sort((left, right) => left.at.localeCompare(right.at) || left.key.localeCompare(right.key));

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>History</h2>
      <ol className="plan-timeline">
        {events.map((event) => (
          <li key={event.key} className={`timeline-${event.kind}`}>
            <div className="timeline-head">
              <strong>{event.what}</strong> <span className="muted">{formatDate(event.at)}</span>
            </div>
            {event.why && <div>{event.why}</div>}
            {event.prompts.length > 0 && (
              <ul className="timeline-prompts">
                {event.prompts.map((prompt) => (
                  <li key={prompt}>{prompt}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
