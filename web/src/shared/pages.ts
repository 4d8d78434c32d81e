// Which pages of the clinician frame each role may use: the header shows exactly these, and a
// page outside them answers "not available to your role" (RequireRole in app/App.tsx). The
// roles follow the API's (docs/http.md, "Routes"): alerts are handled by clinicians and
// supervisors, accounts and the audit log are the admin's.
import type { Role } from "../api/types";

export type PageKey =
  | "caseload"
  | "alerts"
  | "consultations"
  | "practice"
  | "profile"
  | "accounts"
  | "teams"
  | "audit"
  | "access-history";

export interface NavPage {
  key: PageKey;
  path: string;
  label: string;
  roles: readonly Role[];
}

const CARE: readonly Role[] = ["clinician", "supervisor"];
const STAFF: readonly Role[] = ["admin", "clinician", "supervisor"];
const ADMIN: readonly Role[] = ["admin"];

/// In header order.
export const NAV_PAGES: readonly NavPage[] = [
  { key: "caseload", path: "/", label: "Caseload", roles: STAFF },
  { key: "alerts", path: "/alerts", label: "Alerts", roles: CARE },
  { key: "consultations", path: "/consultations", label: "Consultations", roles: CARE },
  { key: "practice", path: "/practice", label: "Practice", roles: STAFF },
  { key: "profile", path: "/profile", label: "My profile", roles: STAFF },
  { key: "accounts", path: "/admin/accounts", label: "Accounts", roles: ADMIN },
  { key: "teams", path: "/admin/teams", label: "Teams", roles: ADMIN },
  { key: "audit", path: "/admin/audit", label: "Audit log", roles: ADMIN },
  { key: "access-history", path: "/admin/access-history", label: "Access history", roles: ADMIN },
];

export function pagesFor(role: Role): NavPage[] {
  return NAV_PAGES.filter((page) => page.roles.includes(role));
}

export function mayUse(role: Role, key: PageKey): boolean {
  return NAV_PAGES.some((page) => page.key === key && page.roles.includes(role));
}
