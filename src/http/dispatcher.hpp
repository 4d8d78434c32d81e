#pragma once
// Turns one parsed HTTP request into one response: finds the route, authenticates the caller,
// checks role and CSRF token, parses the JSON body within limits, runs the handler, maps its
// error to a status, adds the security headers, counts and logs the request. Knows nothing of
// sockets, so all of this is unit-tested without a network.

#include <mutex>
#include <vector>

#include "core/clock.hpp"
#include "http/event_log.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/security/session_manager.hpp"

namespace tessera::http {

class Dispatcher {
 public:
  /// All references must outlive the dispatcher; the route table must not change after the
  /// first request.
  Dispatcher(const RouteTable& routes, SessionManager& sessions, MetricsRegistry& metrics,
             EventLog& log, const Clock& clock, JsonLimits json_limits)
      : routes_(routes), sessions_(sessions), metrics_(metrics), log_(log), clock_(clock),
        json_limits_(json_limits) {}

  /// Safe to call from several threads at once.
  Response Handle(const Request& request);

  /// Where Handle(request) should run: the matched route's Execution; kEventLoop when no route
  /// matches (the answer is an error built without blocking). Cheap; any thread.
  Execution ExecutionOf(const Request& request) const;

  /// A response for a request the transport refused before it was complete (body or header
  /// too large, malformed HTTP): the same error body, headers, metrics and log line.
  Response Reject(const Error& error, int status, const Request& partial_request);

 private:
  // A route's log label ("GET /api/v1/me") and metrics, prepared once so that a request
  // builds no label and takes no lock to count itself.
  struct RouteLabel {
    std::string label;
    RequestMetrics* metrics = nullptr;
  };
  const RouteLabel& LabelOf(const Route* route);

  Result<Response> Dispatch(const Request& request, const RouteLabel*& label,
                            std::optional<Principal>& principal);
  Result<Principal> Authenticate(const Request& request);
  Response Finish(Response response, const Request& request, const std::string& request_id,
                  const RouteLabel& label, const std::optional<Principal>& principal,
                  std::chrono::steady_clock::time_point started);

  const RouteTable& routes_;
  SessionManager& sessions_;
  MetricsRegistry& metrics_;
  EventLog& log_;
  const Clock& clock_;
  JsonLimits json_limits_;
  std::once_flag labels_prepared_;
  std::vector<RouteLabel> route_labels_;  // index: position in routes_.routes()
  RouteLabel unmatched_;
};

/// Adds the headers every response carries: Cache-Control: no-store, a Content-Security-Policy
/// that allows nothing and no framing, X-Content-Type-Options, Referrer-Policy, X-Frame-Options,
/// Cross-Origin-Opener/Resource-Policy, and HSTS when served over TLS.
void AddSecurityHeaders(Response& response, Transport transport);

/// The Set-Cookie value that carries a session token (or clears it when `token` is empty).
std::string SessionCookie(std::string_view token, std::chrono::seconds max_age);

}  // namespace tessera::http
