// The client's resolved alerts, folded under the ones still to handle: each with its history
// (what raised it, who acknowledged and resolved it, when and with what note).
import type { Alert } from "../api/types";
import { formatDate } from "../shared/format";
import { AlertHistory } from "./AlertHistory";
import { alertKind } from "./alertKinds";

export function ResolvedAlerts({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0) return null;
  const newestFirst = [...alerts].sort((left, right) => right.last_triggered_at.localeCompare(left.last_triggered_at));
  return (
    <details className="resolved-alerts">
      <summary>Resolved alerts ({alerts.length})</summary>
      <ul>
        {newestFirst.map((alert) => (
          <li key={alert.id}>
            <strong>{alertKind(alert.kind).title}</strong>{" "}
            <span className="muted">raised {formatDate(alert.raised_at)}</span>
            <AlertHistory alert={alert} />
          </li>
        ))}
      </ul>
    </details>
  );
}
