// A plan's status as a word on a badge with a shape (never colour alone).
import { STATUS_WORDS, type PlanStatus } from "./planQueries";

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return <span className={`plan-status plan-status-${status}`}>{STATUS_WORDS[status]}</span>;
}
