#pragma once
// Turns one parsed HTTP request into one response: finds the route, authenticates the caller,
// checks role and CSRF token, parses the JSON body within limits, runs the handler, maps its
// error to a status, adds the security headers, counts and logs the request. Knows nothing of
// sockets, so all of this is unit-tested without a network.

#include "core/clock.hpp"
#include "http/event_log.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/security/session_manager.hpp"
#include "http/security/trusted_proxies.hpp"

namespace tessera::http {

class Dispatcher {
 public:
  /// All references must outlive the dispatcher; the route table must not change after this.
  Dispatcher(const RouteTable& routes, SessionManager& sessions, MetricsRegistry& metrics,
             EventLog& log, const Clock& clock, JsonLimits json_limits)
      : routes_(routes), sessions_(sessions), metrics_(metrics), log_(log), clock_(clock),
        json_limits_(json_limits) {}

  /// Behind reverse proxies: requests from these peers are attributed to the client their
  /// X-Forwarded-For names (security/trusted_proxies.hpp), for the rate limiter, handlers and
  /// logs. Call before the first Handle; the default trusts no one.
  void TrustProxies(TrustedProxies proxies) { trusted_proxies_ = std::move(proxies); }

  /// Safe to call from several threads at once.
  Response Handle(const Request& request);

  /// A response for a request the transport refused before it was complete (body or header
  /// too large, malformed HTTP): the same error body, headers, metrics and log line.
  Response Reject(const Error& error, int status, const Request& partial_request);

 private:
  Result<Response> Dispatch(const Request& request, std::string& route_label,
                         std::optional<Principal>& principal);
  Result<Principal> Authenticate(const Request& request);
  Response Finish(Response response, const Request& request, const std::string& request_id,
                  const std::string& route_label, const std::optional<Principal>& principal,
                  std::chrono::steady_clock::time_point started);

  const RouteTable& routes_;
  SessionManager& sessions_;
  MetricsRegistry& metrics_;
  EventLog& log_;
  const Clock& clock_;
  JsonLimits json_limits_;
  TrustedProxies trusted_proxies_;
};

/// Adds the headers every response carries: Cache-Control: no-store, a Content-Security-Policy
/// that allows nothing and no framing, X-Content-Type-Options, Referrer-Policy, X-Frame-Options,
/// Cross-Origin-Opener/Resource-Policy, and HSTS when served over TLS.
void AddSecurityHeaders(Response& response, Transport transport);

/// The Set-Cookie value that carries a session token (or clears it when `token` is empty).
std::string SessionCookie(std::string_view token, std::chrono::seconds max_age);

}  // namespace tessera::http
