#include "http/dispatcher.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/openapi.hpp"
#include "http/routes/client_view.hpp"

namespace tessera::http {
namespace {

std::string NewRequestId() {
  // libsodium's generator as before, fetched 4 KiB at a time per thread: its source makes one
  // getrandom(2) system call per call, which was one per request. (Request ids are sent to the
  // client and logged; they only need to be unique and unguessable, not secret.)
  thread_local std::array<unsigned char, 4096> pool;
  thread_local std::size_t used = pool.size();
  if (used == pool.size()) {
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  const unsigned char* random = pool.data() + used;
  constexpr std::size_t kIdBytes = 8;  // 4096 is a multiple
  used += kIdBytes;
  char hex[kIdBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, kIdBytes);
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
  // FHIR bodies (application/fhir+json, /fhir/R4) are JSON too.
  for (const std::string_view json_type : {"application/json", "application/fhir+json"}) {
    if (media.size() == json_type.size() &&
        std::equal(media.begin(), media.end(), json_type.begin(), [](char left, char right) {
          return std::tolower(static_cast<unsigned char>(left)) == right;
        })) {
      return true;
    }
  }
  return false;
}

bool HasHeader(const Response& response, std::string_view name) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [name](const auto& header) { return header.first == name; });
}

}  // namespace

void AddSecurityHeaders(Response& response, Transport transport) {
  // Only the web app's answers set these two themselves; API answers carry none (a check of
  // an empty or two-entry list).
  const bool own_caching = !response.headers.empty() && HasHeader(response, "Cache-Control");
  const bool own_policy =
      !response.headers.empty() && HasHeader(response, "Content-Security-Policy");
  // One allocation for these, the request id and a handler's own few.
  response.headers.reserve(response.headers.size() + 12);
  if (!own_caching) response.headers.emplace_back("Cache-Control", "no-store");
  if (!own_policy) {
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
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

// kInvalidArgument naming every query parameter the route does not declare: a misspelt or
// unsupported filter must not be ignored silently (`GET /audit/entries?client_id=25` returned
// every entry, which a reader takes for that client's).
Status CheckQueryParameters(const Route& route, const Target& target,
                            const std::string& route_label) {
  std::string unknown;
  std::size_t count = 0;
  for (const auto& [name, value] : target.query) {
    const bool declared =
        std::any_of(route.query.begin(), route.query.end(),
                    [&](const QueryParameter& parameter) { return parameter.name == name; });
    if (declared) continue;
    unknown += (count++ == 0 ? "'" : ", '") + name + "'";
  }
  if (count == 0) return Ok();
  std::string takes;
  for (const QueryParameter& parameter : route.query) {
    takes += (takes.empty() ? "" : ", ") + parameter.name;
  }
  return InvalidArgument("unknown query parameter" + std::string(count > 1 ? "s " : " ") + unknown +
                         " for " + route_label + "; it takes " +
                         (takes.empty() ? std::string("none") : takes));
}

// The path of a request target as sent (before percent-decoding).
std::string_view RawPath(std::string_view target) { return target.substr(0, target.find('?')); }

}  // namespace

struct DispatchNotes {
  Method method = Method::kGet;
  RouteTable::Match match;  // for the target's raw path
  // The session, from the cache, when the route is a kEventLoop one that needs it.
  std::optional<Principal> principal;
};

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
    web_app_label_ = {"GET (web app)", &metrics_.Route("GET (web app)")};
    for (const Route& each : routes_.routes()) {
      std::string label = std::string(MethodName(each.method)) + " " + each.pattern;
      RequestMetrics* metrics = &metrics_.Route(label);
      route_labels_.push_back({std::move(label), metrics});
    }
  });
  if (route == nullptr) return unmatched_;
  return route_labels_[static_cast<std::size_t>(route - routes_.routes().data())];
}

// One request on its way through the dispatcher: owns the request and everything the
// handler's HandlerContext refers to, and answers exactly once (the first Complete wins).
class Dispatcher::Exchange final : public Responder::Exchange {
 public:
  Exchange(Dispatcher& dispatcher, Request&& request, std::shared_ptr<ResponseSink> sink)
      : request(std::move(request)),
        request_id(NewRequestId()),
        label(&dispatcher.LabelOf(nullptr)),
        started(std::chrono::steady_clock::now()),
        dispatcher_(dispatcher),
        sink_(std::move(sink)) {}
  ~Exchange() override {
    // An asynchronous handler dropped its Responder without answering (a bug): the client
    // still gets an answer instead of waiting for the time-out.
    if (!claimed_.exchange(true)) Answer(Internal("the request was dropped without an answer"));
  }

  void Complete(Result<Response> answer) override {
    if (!claimed_.exchange(true)) Answer(std::move(answer));
  }
  void CompleteFrom(std::shared_ptr<Responder::Exchange> self,
                    std::function<Result<Response>()> finish) override {
    if (claimed_.exchange(true)) return;
    sink_->Post(
        [self = std::static_pointer_cast<Exchange>(std::move(self)), finish = std::move(finish)] {
          // On the event loop: nothing may escape into it.
          try {
            self->Answer(finish());
          } catch (const std::exception& exception) {
            self->Answer(self->Failed(exception));
          }
        });
  }
  // The answer to a handler that threw (its message goes to neither the client nor the log).
  Response Failed(const std::exception& exception) {
    dispatcher_.log_.Write(LogLevel::kError,
                           DumpJson({{"event", "handler_exception"}, {"request_id", request_id}}));
    return ErrorResponse(Error(ErrorCode::kInternal, exception.what()));
  }

  Request request;
  const std::string request_id;
  const RouteLabel* label;
  const std::chrono::steady_clock::time_point started;
  std::optional<Principal> principal;
  Target target;
  PathParams path_params;
  std::optional<nlohmann::json> body;
  std::optional<HandlerContext> context;

 private:
  void Answer(Result<Response> answer) {
    if (!answer && (answer.error().code() == ErrorCode::kInternal ||
                    answer.error().code() == ErrorCode::kDataLoss)) {
      // The message stays in the log only; it names no health data (handlers' errors name
      // fields and rules, not values).
      dispatcher_.log_.Write(LogLevel::kError, DumpJson({{"event", "internal_error"},
                                                         {"request_id", request_id},
                                                         {"message", answer.error().message()}}));
    }
    Response response =
        answer ? std::move(*answer) : ErrorResponseFor(request.target, answer.error());
    // Let go of the connection as soon as it has its answer.
    const std::shared_ptr<ResponseSink> sink = std::move(sink_);
    sink->Send(
        dispatcher_.Finish(std::move(response), request, request_id, *label, principal, started));
  }

  Dispatcher& dispatcher_;
  std::shared_ptr<ResponseSink> sink_;
  std::atomic<bool> claimed_{false};
};

Result<Dispatcher::Admission> Dispatcher::Admit(Exchange& exchange) {
  const Request& request = exchange.request;
  TRY_ASSIGN(exchange.target, ParseTarget(request.target));
  // ExecutionOf matched the raw path: that match holds when decoding changed nothing.
  DispatchNotes* const notes = request.notes.get();
  const bool noted = notes != nullptr && notes->method == request.method &&
                     exchange.target.path == RawPath(request.target);
  RouteTable::Match match =
      noted ? std::move(notes->match) : routes_.Find(request.method, exchange.target.path);
  if (match.outcome == RouteTable::Outcome::kNoSuchPath) {
    if (web_app_ != nullptr && request.method == Method::kGet && request.body.empty()) {
      if (std::optional<Response> file = web_app_->Serve(exchange.target.path)) {
        exchange.label = &web_app_label_;
        return Admission(std::move(*file));
      }
    }
    return NotFound("no route for " + std::string(MethodName(request.method)) + " " +
                    exchange.target.path);
  }
  if (match.outcome == RouteTable::Outcome::kMethodNotAllowed) {
    Response response = ErrorResponseFor(
        request.target, Error(ErrorCode::kInvalidArgument, std::string(MethodName(request.method)) +
                                                               " is not allowed here; use " +
                                                               AllowHeader(match.allowed)));
    response.status = 405;
    response.headers.emplace_back("Allow", AllowHeader(match.allowed));
    return Admission(std::move(response));
  }
  const http::Route& route = *match.route;
  exchange.path_params = std::move(match.params);
  exchange.label = &LabelOf(&route);
  const std::string& route_label = exchange.label->label;
  if (route.authentication == Authentication::kSession) {
    if (noted && notes->principal && request.execution == Execution::kEventLoop) {
      // Checked against the cache by ExecutionOf on this thread just before.
      exchange.principal = std::move(notes->principal);
    } else {
      TRY_ASSIGN(exchange.principal, Authenticate(request));
    }
    const Principal& principal = *exchange.principal;
    if (!RoleAllowed(route, principal.role)) {
      return PermissionDenied("role '" + std::string(RoleName(principal.role)) + "' may not use " +
                              route_label);
    }
    // Browsers attach cookies to cross-site requests on their own; a write must prove it came
    // from a page that could read the session's CSRF token. Bearer tokens are never ambient.
    if (principal.credential == CredentialKind::kCookie && IsWrite(route.method)) {
      const auto sent = request.Header("x-csrf-token");
      if (!sent || sent->size() != principal.csrf_token.size() ||
          sodium_memcmp(sent->data(), principal.csrf_token.data(), sent->size()) != 0) {
        return PermissionDenied("missing or wrong " + std::string(kCsrfHeaderName) +
                                " header for a cookie-authenticated write");
      }
    }
  }
  TRY(CheckQueryParameters(route, exchange.target, route_label));
  if (route.body == RequestBody::kJson) {
    const auto content_type = request.Header("content-type");
    if (!content_type || !IsJsonContentType(*content_type)) {
      return InvalidArgument(
          "Content-Type must be application/json (application/fhir+json "
          "for FHIR resources)");
    }
    TRY_ASSIGN(exchange.body, ParseJsonBody(request.body, json_limits_));
  } else if (!request.body.empty()) {
    return InvalidArgument(route_label + " takes no request body");
  }
  return Admission(&route);
}

void Dispatcher::Dispatch(const std::shared_ptr<Exchange>& exchange) {
  try {
    Result<Admission> admission = Admit(*exchange);
    if (!admission) return exchange->Complete(Propagate(std::move(admission).error()));
    if (auto* answer = std::get_if<Response>(&*admission)) {
      return exchange->Complete(std::move(*answer));
    }
    const Route& route = *std::get<const Route*>(*admission);
    exchange->context.emplace(HandlerContext{exchange->request, exchange->target,
                                             exchange->path_params,
                                             exchange->principal ? &*exchange->principal : nullptr,
                                             exchange->body ? &*exchange->body : nullptr});
    if (route.async_handler) return route.async_handler(*exchange->context, Responder(exchange));
    exchange->Complete(route.handler(*exchange->context));
  } catch (const std::exception& exception) {
    exchange->Complete(exchange->Failed(exception));
  }
}

Execution Dispatcher::ExecutionOf(Request& request) const {
  const std::string_view path = RawPath(request.target);
  // A percent-encoded path is decoded by Dispatch; matching the raw path can only miss (and
  // then the pool is the safe place), never pick a different route's execution wrongly for
  // a plain path.
  if (path.find('%') != std::string_view::npos) return Execution::kHandlerPool;
  auto notes = std::make_shared<DispatchNotes>();
  notes->method = request.method;
  notes->match = routes_.Find(request.method, path);
  Execution execution = Execution::kEventLoop;
  if (notes->match.outcome == RouteTable::Outcome::kFound) {
    const Route& route = *notes->match.route;
    execution = route.execution;
    if (route.execution == Execution::kEventLoop &&
        route.authentication == Authentication::kSession) {
      // The handler never blocks, but checking the session might: inline only when the
      // session cache can answer (a missing or malformed credential is refused without the
      // store).
      const Result<Credential> credential = CredentialOf(request);
      if (credential) {
        notes->principal = sessions_.Cached(credential->token, credential->kind);
        if (!notes->principal) execution = Execution::kHandlerPool;
      }
    }
  }
  request.notes = std::move(notes);
  return execution;
}

void Dispatcher::Handle(Request request, std::shared_ptr<ResponseSink> sink) {
  if (!trusted_proxies_.empty() && request.Header("x-forwarded-for")) {
    // The header is consumed, so nothing reads it twice.
    request.source_address =
        trusted_proxies_.ClientAddress(request.source_address, request.Header("x-forwarded-for"));
    request.headers.erase("x-forwarded-for");
  }
  Dispatch(std::make_shared<Exchange>(*this, std::move(request), std::move(sink)));
}

namespace {

// Collects one answer for a caller that waits for it, and runs the tasks an asynchronous
// route posts (its finishing step) on that caller's thread meanwhile.
class WaitingSink final : public ResponseSink {
 public:
  void Send(Response response) override {
    std::lock_guard lock(mutex_);
    if (!answer_) answer_ = std::move(response);
    changed_.notify_one();
  }
  void Post(std::function<void()> task) override {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    changed_.notify_one();
  }
  Response Wait() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [this] { return answer_ || !tasks_.empty(); });
      if (tasks_.empty()) return std::move(*answer_);
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> tasks_;
  std::optional<Response> answer_;
};

}  // namespace

Response Dispatcher::Handle(const Request& request) {
  auto sink = std::make_shared<WaitingSink>();
  Request copy(request);
  // Its own notes: handling uses them up, and the caller's request may be handled again.
  if (request.notes) copy.notes = std::make_shared<DispatchNotes>(*request.notes);
  Handle(std::move(copy), sink);
  return sink->Wait();
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
  // Every answer to a client account goes through the one client-view mapping.
  if (principal && principal->role == Role::kClient)
    response = ClientViewResponse(std::move(response));
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
