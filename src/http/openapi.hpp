#pragma once
// The OpenAPI 3 document, generated from the route table so that it cannot drift from what
// the server serves.

#include <string>

#include "http/router.hpp"

namespace tessera::http {

struct ApiInfo {
  std::string title = "tessera API";
  std::string version = "0.1.0";
};

/// The OpenAPI 3.0.3 document as JSON text. Each operation lists its path parameters, request
/// body schema, the roles that may call it (x-tessera-roles) and its security (session cookie
/// or bearer token) or none for public routes.
std::string OpenApiDocument(const RouteTable& table, const ApiInfo& info = {});

/// The name of the session cookie (with the `__Host-` prefix: Path=/, Secure, no Domain).
inline constexpr std::string_view kSessionCookieName = "__Host-tessera_session";
/// The header that carries the CSRF token on cookie-authenticated writes.
inline constexpr std::string_view kCsrfHeaderName = "X-CSRF-Token";

}  // namespace tessera::http
