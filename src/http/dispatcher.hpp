#pragma once
// Turns one parsed HTTP request into one response: finds the route, authenticates the caller,
// checks role and CSRF token, parses the JSON body within limits, runs the handler, maps its
// error to a status, adds the security headers, counts and logs the request. Knows nothing of
// sockets, so all of this is unit-tested without a network.

#include <memory>
#include <mutex>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "http/event_log.hpp"
#include "http/json_body.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/security/session_manager.hpp"
#include "http/security/trusted_proxies.hpp"
#include "http/static_site.hpp"

namespace tessera::http {

class Dispatcher {
 public:
  /// All references must outlive the dispatcher; the route table must not change after the
  /// first request.
  Dispatcher(const RouteTable& routes, SessionManager& sessions, MetricsRegistry& metrics,
             EventLog& log, const Clock& clock, JsonLimits json_limits)
      : routes_(routes),
        sessions_(sessions),
        metrics_(metrics),
        log_(log),
        clock_(clock),
        json_limits_(json_limits) {}

  /// Behind reverse proxies: requests from these peers are attributed to the client their
  /// X-Forwarded-For names (security/trusted_proxies.hpp), for the rate limiter, handlers and
  /// logs. Call before the first Handle; the default trusts no one.
  void TrustProxies(TrustedProxies proxies) { trusted_proxies_ = std::move(proxies); }

  /// Answers GET requests that no route matches from `site` (the web app, static_site.hpp):
  /// its files and, for paths outside /api/ that name no file, its page. Its answers get the
  /// security headers like any other, but keep their own Cache-Control and the page's
  /// Content-Security-Policy. `site` must outlive the dispatcher; null (the default) serves
  /// nothing. Call before the first Handle.
  void ServeWebApp(const StaticSite* site) { web_app_ = site; }

  /// Serves one request and answers it through `sink`, exactly once: before returning for
  /// synchronous routes and for requests refused on the way (no route, no session, bad body),
  /// later for an asynchronous route (from whichever thread completes its Responder). The
  /// request and everything the handler's HandlerContext refers to stay alive until then.
  /// Safe to call from several threads at once.
  void Handle(Request request, std::shared_ptr<ResponseSink> sink);

  /// Handle, waiting for the answer (tests and tools): an asynchronous route's finishing step
  /// (Responder::SendFrom) runs on the calling thread.
  Response Handle(const Request& request);

  /// Where Handle(request) should run: the matched route's Execution; kEventLoop when no route
  /// matches (the answer is an error built without blocking); kHandlerPool for a kEventLoop
  /// route whose session the cache cannot answer. Leaves what it found (the route, the cached
  /// session) in request.notes for Handle, which then looks up neither again; Handle must
  /// follow at once on the same thread when the answer is kEventLoop. Cheap; any thread.
  Execution ExecutionOf(Request& request) const;

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

  class Exchange;
  // Checked against the route table, the session, the role, the CSRF token and the body
  // limits: the route whose handler is to run, or the answer that ends the request here.
  using Admission = std::variant<const Route*, Response>;
  Result<Admission> Admit(Exchange& exchange);
  Result<Principal> Authenticate(const Request& request);
  void Dispatch(const std::shared_ptr<Exchange>& exchange);
  Response Finish(Response response, const Request& request, const std::string& request_id,
                  const RouteLabel& label, const std::optional<Principal>& principal,
                  std::chrono::steady_clock::time_point started);

  const RouteTable& routes_;
  SessionManager& sessions_;
  MetricsRegistry& metrics_;
  EventLog& log_;
  const Clock& clock_;
  JsonLimits json_limits_;
  TrustedProxies trusted_proxies_;
  std::once_flag labels_prepared_;
  std::vector<RouteLabel> route_labels_;  // index: position in routes_.routes()
  RouteLabel unmatched_;
  const StaticSite* web_app_ = nullptr;
  RouteLabel web_app_label_;  // "GET (web app)"
};

/// Adds the headers every response carries: Cache-Control: no-store, a Content-Security-Policy
/// that allows nothing and no framing, X-Content-Type-Options, Referrer-Policy, X-Frame-Options,
/// Cross-Origin-Opener/Resource-Policy, and HSTS when served over TLS. A response that already
/// sets Cache-Control or Content-Security-Policy (the web app's files and page) keeps its own.
void AddSecurityHeaders(Response& response, Transport transport);

/// The Set-Cookie value that carries a session token (or clears it when `token` is empty).
std::string SessionCookie(std::string_view token, std::chrono::seconds max_age);

}  // namespace tessera::http
