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
  // One allocation for these, the request id and a handler's own few.
  response.headers.reserve(response.headers.size() + 12);
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

namespace {

struct Credential {
  std::string token;
  CredentialKind kind;
};

// The session token a request carries: a bearer header, else the session cookie.
Result<Credential> CredentialOf(const Request& request) {
  if (const auto authorization = request.Header("authorization")) {
    // The scheme name is case-insensitive (RFC 9110 section 11.1).
    constexpr std::string_view kBearer = "bearer ";
    std::string scheme(authorization->substr(0, kBearer.size()));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
    if (scheme != kBearer) {
      return Unauthenticated("Authorization header must be 'Bearer <token>'");
    }
    return Credential{std::string(authorization->substr(kBearer.size())), CredentialKind::kBearer};
  }
  if (const auto cookies = request.Header("cookie")) {
    if (auto token = FindCookie(*cookies, kSessionCookieName)) {
      return Credential{std::move(*token), CredentialKind::kCookie};
    }
  }
  return Unauthenticated("log in first: no session cookie or bearer token");
}

}  // namespace

Result<Principal> Dispatcher::Authenticate(const Request& request) {
  TRY_ASSIGN(const Credential credential, CredentialOf(request));
  return sessions_.Authenticate(credential.token, credential.kind,
                                request.execution == Execution::kEventLoop
                                    ? SessionManager::StoreAccess::kCacheOnly
                                    : SessionManager::StoreAccess::kAllowed);
}

const Dispatcher::RouteLabel& Dispatcher::LabelOf(const Route* route) {
  std::call_once(labels_prepared_, [this] {
    unmatched_ = {"unmatched", &metrics_.Route("unmatched")};
    for (const Route& each : routes_.routes()) {
      std::string label = std::string(MethodName(each.method)) + " " + each.pattern;
      RequestMetrics* metrics = &metrics_.Route(label);
      route_labels_.push_back({std::move(label), metrics});
    }
  });
  if (route == nullptr) return unmatched_;
  return route_labels_[static_cast<std::size_t>(route - routes_.routes().data())];
}

Result<Response> Dispatcher::Dispatch(const Request& request, const RouteLabel*& label,
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
  label = &LabelOf(&route);
  const std::string& route_label = label->label;
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

Execution Dispatcher::ExecutionOf(const Request& request) const {
  const std::string_view target = request.target;
  const std::string_view path = target.substr(0, target.find('?'));
  // A percent-encoded path is decoded by Dispatch; matching the raw path can only miss (and
  // then the pool is the safe place), never pick a different route's execution wrongly for
  // a plain path.
  if (path.find('%') != std::string_view::npos) return Execution::kHandlerPool;
  const RouteTable::Match match = routes_.Find(request.method, path);
  if (match.outcome != RouteTable::Outcome::kFound) return Execution::kEventLoop;
  const Route& route = *match.route;
  if (route.execution == Execution::kEventLoop && route.authentication == Authentication::kSession) {
    // The handler never blocks, but checking the session might: inline only when the session
    // cache can answer (a missing or malformed credential is refused without the store).
    const Result<Credential> credential = CredentialOf(request);
    if (credential && !sessions_.IsCached(credential->token)) return Execution::kHandlerPool;
  }
  return route.execution;
}

Response Dispatcher::Handle(const Request& request) {
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = NewRequestId();
  const RouteLabel* label = &LabelOf(nullptr);
  std::optional<Principal> principal;
  Response response;
  try {
    Result<Response> result = Dispatch(request, label, principal);
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
  return Finish(std::move(response), request, request_id, *label, principal, started);
}

Response Dispatcher::Reject(const Error& error, int status, const Request& partial_request) {
  const auto started = std::chrono::steady_clock::now();
  Response response = ErrorResponse(error);
  response.status = status;
  return Finish(std::move(response), partial_request, NewRequestId(), LabelOf(nullptr),
                std::nullopt, started);
}

Response Dispatcher::Finish(Response response, const Request& request,
                            const std::string& request_id, const RouteLabel& label,
                            const std::optional<Principal>& principal,
                            std::chrono::steady_clock::time_point started) {
  AddSecurityHeaders(response, request.transport);
  response.headers.emplace_back("X-Request-Id", request_id);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  label.metrics->Observe(response.status, seconds);
  const LogLevel level = response.status >= 500 ? LogLevel::kError : LogLevel::kInfo;
  log_.Write(level, RequestLogLine({.time = clock_.Now(),
                                    .request_id = request_id,
                                    .method = MethodName(request.method),
                                    .route = label.label,
                                    .status = response.status,
                                    .duration_ms = seconds * 1000.0,
                                    .source = request.source_address,
                                    .user_id = principal ? principal->user_id.value() : 0}));
  return response;
}

}  // namespace tessera::http
