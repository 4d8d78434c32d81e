// Audit entries in words: "read", "changed"; record types as words ("client summary").
import type { AuditEntry } from "./adminQueries";

const ACTIONS: Record<AuditEntry["action"], string> = {
  create: "created",
  read: "read",
  amend: "changed",
  export: "exported",
  import: "imported",
  sign_off: "signed off",
  handle: "handled",
  verify: "verified",
  deny: "was refused",
  login: "signed in",
  logout: "signed out",
  login_failure: "failed to sign in",
};

export function actionText(action: AuditEntry["action"]): string {
  return ACTIONS[action] ?? action;
}

/// "client_summary" -> "client summary".
export function recordTypeText(recordType: string): string {
  return recordType.replace(/_/g, " ");
}

export const SENSITIVITY: Record<AuditEntry["sensitivity"], string> = {
  administrative: "administrative",
  identifying: "identifying",
  clinical: "clinical",
  psychotherapy_note: "psychotherapy note",
};
