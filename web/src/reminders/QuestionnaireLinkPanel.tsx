// On the client page (issue 18): issue a questionnaire link for what is due before the next
// session, sent by email or text message on the channels the client agreed to (docs/reminders.md),
// or copied to give by hand; started on this device for a waiting-room tablet (kiosk mode,
// decision 0251); whether the client sees their own progress chart (decision 0260); and the
// client's reminders with their delivery state.
import { useState } from "react";
import { formatDate, plural } from "../shared/format";
import { Loading, Problem } from "../shared/QueryState";
import {
  CHANNEL_WORDS,
  STATE_WORDS,
  consentedChannels,
  useIssueLink,
  useProgressSharing,
  useReminderContact,
  useReminders,
  useSetProgressSharing,
  useStartKiosk,
  type ReminderMessage,
} from "./reminderQueries";

function absolute(url: string): string {
  return url.startsWith("/") ? `${window.location.origin}${url}` : url;
}

function when(value: string): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function QuestionnaireLinkPanel({ clientId }: { clientId: number }) {
  const contact = useReminderContact(clientId);
  const reminders = useReminders(clientId);
  const issue = useIssueLink(clientId);
  const [copied, setCopied] = useState(false);
  const channels = consentedChannels(contact.data);
  const channelWords = channels.map((channel) => CHANNEL_WORDS[channel].toLowerCase()).join(" and ");

  async function copy(url: string) {
    await navigator.clipboard.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <section className="panel no-print" aria-labelledby="links-heading">
      <h2 id="links-heading">Questionnaires before the session</h2>
      {contact.isPending && <Loading what="the client's contact" />}
      {contact.data && (
        <p className="muted">
          {channels.length > 0
            ? `A new link is sent by ${channelWords}, as the client agreed.`
            : "The client has not agreed to reminders by email or text: copy the link and give it to them."}
        </p>
      )}
      <button type="button" className="button-primary" disabled={issue.isPending} onClick={() => issue.mutate()}>
        {issue.isPending ? "Issuing…" : "Issue a questionnaire link"}
      </button>
      {issue.isError && (
        <p className="problem" role="alert">
          {issue.error.message}
        </p>
      )}
      {issue.data && (
        <div className="issued-link" role="status">
          <p>
            A link for {plural(issue.data.instruments.length, "questionnaire")}, usable once until{" "}
            {formatDate(issue.data.expires_at)}.{" "}
            {issue.data.reminders.length > 0
              ? `${plural(issue.data.reminders.length, "reminder")} queued.`
              : "No reminder sent."}
          </p>
          <label className="issued-link-field">
            <span>The link (shown only now)</span>
            <input type="text" readOnly value={absolute(issue.data.url)} onFocus={(event) => event.currentTarget.select()} />
          </label>
          <button type="button" className="button-quiet" onClick={() => void copy(absolute(issue.data.url))}>
            {copied ? "Copied" : "Copy the link"}
          </button>
        </div>
      )}
      <KioskStart clientId={clientId} />
      <ProgressSharingChoice clientId={clientId} />
      <h3 className="reminders-heading">Reminders</h3>
      {reminders.isPending && <Loading what="reminders" />}
      {reminders.isError && <Problem error={reminders.error} />}
      {reminders.data?.length === 0 && <p className="muted">No reminders yet.</p>}
      {reminders.data && reminders.data.length > 0 && (
        <ul className="reminder-list" aria-label="Reminders and their delivery">
          {reminders.data.slice(0, 10).map((message) => (
            <ReminderRow key={message.id} message={message} />
          ))}
        </ul>
      )}
    </section>
  );
}

/// Kiosk mode: the questionnaires due, on this device, for the client to answer in the waiting
/// room. Asks first, because it signs the clinician out of this device.
function KioskStart({ clientId }: { clientId: number }) {
  const [asked, setAsked] = useState(false);
  const start = useStartKiosk(clientId);
  return (
    <div className="kiosk-start">
      {!asked && (
        <button type="button" className="button-quiet" onClick={() => setAsked(true)}>
          Start on this device…
        </button>
      )}
      {asked && (
        <div className="kiosk-confirm" role="group" aria-labelledby="kiosk-confirm-text">
          <p id="kiosk-confirm-text">
            For a tablet handed to the client: it shows only the questionnaires due now. You are
            signed out of this device first; when the client has sent their answers the tablet
            shows a neutral screen and nothing about them.
          </p>
          <div className="actions">
            <button type="button" className="button-primary" disabled={start.isPending} onClick={() => start.mutate()}>
              {start.isPending ? "Starting…" : "Sign out and start"}
            </button>
            <button type="button" className="button-quiet" onClick={() => setAsked(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {start.isError && (
        <p className="problem" role="alert">
          {start.error.message}
        </p>
      )}
    </div>
  );
}

/// Whether the client sees their own progress chart: after answering a link, and when signed in.
function ProgressSharingChoice({ clientId }: { clientId: number }) {
  const progress = useProgressSharing(clientId);
  const change = useSetProgressSharing(clientId);
  const episodeId = progress.data?.episode_id;
  if (progress.isError) return <Problem error={progress.error} />;
  if (!progress.data || episodeId == null) return null;
  return (
    <div className="progress-sharing">
      <label className="check">
        <input
          type="checkbox"
          checked={progress.data.shared}
          disabled={change.isPending}
          onChange={(event) => change.mutate({ episodeId, shared: event.currentTarget.checked })}
        />{" "}
        Show the client their own progress chart (after they answer a link, and when they sign in)
      </label>
      <p className="hint">Their own scores and each questionnaire's cut-off; never alerts or the expected range.</p>
      {change.isError && (
        <p className="problem" role="alert">
          {change.error.message}
        </p>
      )}
    </div>
  );
}

function ReminderRow({ message }: { message: ReminderMessage }) {
  const failed = message.state === "failed_retrying" || message.state === "failed_permanently";
  return (
    <li className="reminder-row">
      <span className={`reminder-state reminder-${message.state}`}>{STATE_WORDS[message.state]}</span>{" "}
      <span>
        {CHANNEL_WORDS[message.channel]} to {message.recipient}
      </span>
      <span className="muted reminder-detail">
        {message.sent_at ? `sent ${when(message.sent_at)}` : `queued ${when(message.created_at)}`}
        {message.attempts > 0 && ` · ${plural(message.attempts, "attempt")}`}
        {message.state === "failed_retrying" && ` · next try ${when(message.next_attempt_at)}`}
      </span>
      {failed && message.last_error && <span className="reminder-error">{message.last_error}</span>}
    </li>
  );
}
