// An alert's history, folded: what raised it and every later trigger, each acknowledgement and
// the resolution, with who and when and their notes.
import type { Alert } from "../api/types";
import { useMe } from "../auth/session";
import { useLinkedTherapists } from "../careTeam/careTeamQueries";
import { formatDate } from "../shared/format";
import { alertHistory } from "./alertHistory";

export function AlertHistory({ alert }: { alert: Alert }) {
  const myId = useMe().data?.user.id ?? null;
  // Accounts by their therapist's name (an account without a profile stays "account N").
  const therapists = useLinkedTherapists();
  const names = new Map((therapists.data ?? []).map((each) => [each.userId, each.name]));
  const entries = alertHistory(alert, myId, names);
  if (entries.length === 0) return null;
  return (
    <details className="alert-history">
      <summary>History ({entries.length})</summary>
      <ol>
        {entries.map((entry, index) => (
          <li key={index} className={`history-${entry.kind}`}>
            <span className="history-what">{entry.what}</span>{" "}
            <span className="muted">
              {formatDate(entry.at)}
              {entry.who ? ` · by ${entry.who}` : entry.kind === "trigger" ? " · by the monitor" : ""}
            </span>
            {entry.text && <div className="history-text">{entry.text}</div>}
          </li>
        ))}
      </ol>
    </details>
  );
}
