// A caseload status as a word on a coloured badge with a shape (never colour alone).
import { STATUS_LOOK, type CaseloadStatus } from "../caseload/caseloadStatus";

export function StatusBadge({ status }: { status: CaseloadStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <span className={`status status-${status}`} title={look.explanation}>
      {look.words}
    </span>
  );
}
