#include "http/dispatcher.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <exception>
#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/openapi.hpp"

namespace tessera::http {
namespace {

std::string NewRequestId() {
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  return hex;
}

std::string AllowHeader(const std::vector<Method>& methods) {
  std::string allow;
  for (Method method : methods) {
    if (!allow.empty()) allow += ", ";
    allow += MethodName(method);
  }
  return allow;
}

bool RoleAllowed(const Route& route, Role role) {
  for (Role allowed : route.roles) {
    if (allowed == role) return true;
  }
  return false;
}

bool IsJsonContentType(std::string_view value) {
  const auto semicolon = value.find(';');
  std::string_view media = value.substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  // Media types are case-insensitive (RFC 9110 section 8.3.1).
  constexpr std::string_view kJson = "application/json";
  return media.size() == kJson.size() &&
         std::equal(media.begin(), media.end(), kJson.begin(), [](char left, char right) {
           return std::tolower(static_cast<unsigned char>(left)) == right;
         });
}

}  // namespace

void AddSecurityHeaders(Response& response, Transport transport) {
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back(
      "Content-Security-Policy",
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  response.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
  if (transport == Transport::kTls) {
    response.headers.emplace_back("Strict-Transport-Security",
                                  "max-age=63072000; includeSubDomains");
  }
}

std::string SessionCookie(std::string_view token, std::chrono::seconds max_age) {
  // `__Host-` binds the cookie to this origin: browsers accept it only with Secure, Path=/ and
  // no Domain. Loopback counts as a secure context in current browsers, so Secure is set on
  // plain-HTTP loopback too (the only place tessera serves plain HTTP).
  return std::string(kSessionCookieName) + "=" + std::string(token) +
         "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(token.empty() ? 0 : max_age.count());
}

Result<Principal> Dispatcher::Authenticate(const Request& request) {
  if (const auto authorization = request.Header("authorization")) {
    // The scheme name is case-insensitive (RFC 9110 section 11.1).
    constexpr std::string_view kBearer = "bearer ";
    std::string scheme(authorization->substr(0, kBearer.size()));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
    if (scheme != kBearer) {
      return Unauthenticated("Authorization header must be 'Bearer <token>'");
    }
    return sessions_.Authenticate(authorization->substr(kBearer.size()), CredentialKind::kBearer);
  }
  if (const auto cookies = request.Header("cookie")) {
    if (const auto token = FindCookie(*cookies, kSessionCookieName)) {
      return sessions_.Authenticate(*token, CredentialKind::kCookie);
    }
  }
  return Unauthenticated("log in first: no session cookie or bearer token");
}

Result<Response> Dispatcher::Dispatch(const Request& request, std::string& route_label,
                                   std::optional<Principal>& principal) {
  TRY_ASSIGN(const Target target, ParseTarget(request.target));
  const RouteTable::Match match = routes_.Find(request.method, target.path);
  if (match.outcome == RouteTable::Outcome::kNoSuchPath) {
    return NotFound("no route for " + std::string(MethodName(request.method)) + " " +
                    target.path);
  }
  if (match.outcome == RouteTable::Outcome::kMethodNotAllowed) {
    Response response = ErrorResponse(Error(
        ErrorCode::kInvalidArgument, std::string(MethodName(request.method)) +
                                         " is not allowed here; use " + AllowHeader(match.allowed)));
    response.status = 405;
    response.headers.emplace_back("Allow", AllowHeader(match.allowed));
    return response;
  }
  const http::Route& route = *match.route;
  route_label = std::string(MethodName(route.method)) + " " + route.pattern;
  if (route.authentication == Authentication::kSession) {
    TRY_ASSIGN(principal, Authenticate(request));
    if (!RoleAllowed(route, principal->role)) {
      return PermissionDenied("role '" + std::string(RoleName(principal->role)) +
                              "' may not use " + route_label);
    }
    // Browsers attach cookies to cross-site requests on their own; a write must prove it came
    // from a page that could read the session's CSRF token. Bearer tokens are never ambient.
    if (principal->credential == CredentialKind::kCookie && IsWrite(route.method)) {
      const auto sent = request.Header("x-csrf-token");
      if (!sent || sent->size() != principal->csrf_token.size() ||
          sodium_memcmp(sent->data(), principal->csrf_token.data(), sent->size()) != 0) {
        return PermissionDenied("missing or wrong " + std::string(kCsrfHeaderName) +
                                " header for a cookie-authenticated write");
      }
    }
  }
  std::optional<nlohmann::json> body;
  if (route.body == RequestBody::kJson) {
    const auto content_type = request.Header("content-type");
    if (!content_type || !IsJsonContentType(*content_type)) {
      return InvalidArgument("Content-Type must be application/json");
    }
    TRY_ASSIGN(body, ParseJsonBody(request.body, json_limits_));
  } else if (!request.body.empty()) {
    return InvalidArgument(route_label + " takes no request body");
  }
  const HandlerContext context{request, target, match.params,
                               principal ? &*principal : nullptr, body ? &*body : nullptr};
  return route.handler(context);
}

Response Dispatcher::Handle(const Request& request) {
  if (!trusted_proxies_.empty() && request.Header("x-forwarded-for")) {
    // A copy only behind a trusted proxy; the header is consumed, so nothing reads it twice.
    Request forwarded = request;
    forwarded.source_address =
        trusted_proxies_.ClientAddress(request.source_address, request.Header("x-forwarded-for"));
    forwarded.headers.erase("x-forwarded-for");
    return Handle(forwarded);
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = NewRequestId();
  std::string route_label = "unmatched";
  std::optional<Principal> principal;
  Response response;
  try {
    Result<Response> result = Dispatch(request, route_label, principal);
    response = result ? std::move(*result) : ErrorResponse(result.error());
    if (!result && (result.error().code() == ErrorCode::kInternal ||
                    result.error().code() == ErrorCode::kDataLoss)) {
      // The message stays in the log only; it names no health data (handlers' errors name
      // fields and rules, not values).
      log_.Write(LogLevel::kError,
                 DumpJson({{"event", "internal_error"},
                           {"request_id", request_id},
                           {"message", result.error().message()}}));
    }
  } catch (const std::exception& exception) {
    response = ErrorResponse(Error(ErrorCode::kInternal, exception.what()));
    log_.Write(LogLevel::kError,
               DumpJson({{"event", "handler_exception"}, {"request_id", request_id}}));
  }
  return Finish(std::move(response), request, request_id, route_label, principal, started);
}

Response Dispatcher::Reject(const Error& error, int status, const Request& partial_request) {
  const auto started = std::chrono::steady_clock::now();
  Response response = ErrorResponse(error);
  response.status = status;
  return Finish(std::move(response), partial_request, NewRequestId(), "unmatched", std::nullopt,
                started);
}

Response Dispatcher::Finish(Response response, const Request& request,
                            const std::string& request_id, const std::string& route_label,
                            const std::optional<Principal>& principal,
                            std::chrono::steady_clock::time_point started) {
  AddSecurityHeaders(response, request.transport);
  response.headers.emplace_back("X-Request-Id", request_id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.ObserveRequest(route_label, response.status, seconds);
  nlohmann::json line = {{"time", FormatUtc(clock_.Now())},
                         {"event", "request"},
                         {"request_id", request_id},
                         {"method", std::string(MethodName(request.method))},
                         {"route", route_label},
                         {"status", response.status},
                         {"duration_ms", seconds * 1000.0},
                         {"source", request.source_address}};
  if (principal) line["user_id"] = principal->user_id.value();
  log_.Write(response.status >= 500 ? LogLevel::kError : LogLevel::kInfo, DumpJson(line));
  return response;
}

}  // namespace tessera::http
