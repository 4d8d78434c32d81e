#pragma once
// Route families. Each Add*Routes function registers one family's endpoints; the handlers are
// thin: parse the request, call the domain, shape the JSON.

#include "core/clock.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/session_manager.hpp"

namespace tessera::http {

/// GET /healthz, GET /metrics, GET /api/v1/openapi.json (generated from `table` itself).
/// `metrics` must outlive the table.
Status AddSystemRoutes(RouteTable& table, const MetricsRegistry& metrics);

/// POST /api/v1/login, POST /api/v1/logout, GET /api/v1/me. The references must outlive the
/// table.
Status AddAuthRoutes(RouteTable& table, Authenticator& authenticator, SessionManager& sessions);

}  // namespace tessera::http
