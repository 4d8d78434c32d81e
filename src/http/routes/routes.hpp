#pragma once
// Route families. Each Add*Routes function registers one family's endpoints; the handlers are
// thin: parse the request, call the domain, shape the JSON.

#include "core/clock.hpp"
#include "core/records/session_dates.hpp"
#include "http/metrics.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/password_hasher.hpp"
#include "http/security/session_manager.hpp"
#include "http/store_backed/store_pool.hpp"

namespace tessera::http {

/// GET /healthz, GET /metrics, GET /api/v1/openapi.json (generated from `table` itself).
/// `metrics` must outlive the table.
Status AddSystemRoutes(RouteTable& table, const MetricsRegistry& metrics);

/// What a login needs to open an author's psychotherapy-note key (decision 0131): the store
/// (null without one: no note keys) and the argon2id cost of the wraps.
struct NoteKeyLogin {
  StorePool* store = nullptr;
  PasswordHashParameters cost;
};

/// POST /api/v1/login, POST /api/v1/logout, GET /api/v1/me. The references must outlive the
/// table. A clinician's or supervisor's login also unlocks (or first creates) their note key.
Status AddAuthRoutes(RouteTable& table, Authenticator& authenticator, SessionManager& sessions,
                     NoteKeyLogin note_keys = {});

/// What every store-backed route family gets. The references must outlive the table.
struct StoreRoutes {
  StorePool& store;
  const PageLimits& pages;
  const Clock& clock;
  /// Told when an account is disabled, so that its cached sessions end at once (may be null
  /// where nothing caches sessions).
  SessionManager* sessions = nullptr;
  /// The session dates accepted ([records] in the config; core/records/session_dates.hpp).
  SessionDateWindow session_dates{};
};

/// What the account routes need beyond the store: the hasher for new passwords, the login
/// rate limiter that every current-password and TOTP-code check counts against, and the
/// admin TOTP policy. The references must outlive the table.
struct AccountSecurity {
  const PasswordHasher& hasher;
  LoginRateLimiter& limiter;
  AdminTotpPolicy admin_totp = AdminTotpPolicy::kOptional;
};

/// Every route family over the clinical store (routes/store_routes.cpp lists them).
Status AddStoreRoutes(RouteTable& table, const StoreRoutes& routes,
                      const AccountSecurity& security);

/// Accounts: list, create, disable/enable (revoking sessions), link a client account, and the
/// caller's own TOTP enrolment (routes/user_routes.cpp; replacing an enrolled factor proves
/// its current code, counted against the login rate limiter).
Status AddUserRoutes(RouteTable& table, const StoreRoutes& routes, const AccountSecurity& security);

/// Passwords and second factors after enrolment: the caller changes their own password or
/// removes their own TOTP factor (proving the current one), an admin resets another account's
/// password or TOTP factor (routes/account_security_routes.cpp).
Status AddAccountSecurityRoutes(RouteTable& table, const StoreRoutes& routes,
                                const AccountSecurity& security);

/// The clinical record families, one file each under routes/ (the file names match).
Status AddTherapistRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddClientRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddCareTeamRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddTeamRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddEpisodeRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddSessionRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddProgressNoteRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddPsychotherapyNoteRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddConsultationRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddBreakGlassRoutes(RouteTable& table, const StoreRoutes& routes);
Status AddAuditRoutes(RouteTable& table, const StoreRoutes& routes);
/// GET /api/v1/clients/{client_id}/summary (routes/client_summary_routes.cpp).
Status AddClientSummaryRoutes(RouteTable& table, const StoreRoutes& routes);

}  // namespace tessera::http
