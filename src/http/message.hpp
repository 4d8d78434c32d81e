#pragma once
// Framework-free HTTP messages. The Beast adapter (server.cpp) converts to and from these, so
// routing, security and handlers are tested without sockets.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete };

/// "GET", "POST", ...
std::string_view MethodName(Method method);
/// The method for a request line token; nullopt for methods tessera does not serve.
std::optional<Method> ParseMethod(std::string_view token);
/// Writes change state: they need CSRF protection under cookie authentication.
bool IsWrite(Method method);

enum class Transport { kPlain, kTls };

/// Where a request's handler runs. kEventLoop only for handlers that never block (no store,
/// no password hashing, no waiting): they are answered on the io thread without a hand-off.
/// Everything else runs on the handler pool (server.handler_threads), so a slow handler never
/// stalls the connections sharing its io thread.
enum class Execution { kHandlerPool, kEventLoop };

/// What the dispatcher learnt while choosing where a request runs, kept for handling it
/// (dispatcher.cpp defines it).
struct DispatchNotes;

struct Request {
  Method method = Method::kGet;
  std::string target;  // path and query as sent, e.g. "/api/v1/clients?limit=10"
  /// Header names are lower-cased by the adapter; a repeated header keeps its last value.
  std::map<std::string, std::string> headers;
  std::string body;
  std::string source_address;  // the peer's IP address
  Transport transport = Transport::kPlain;
  /// Where it is being handled (set by the server): on the event loop nothing may block, so a
  /// session is then checked against the session cache only.
  Execution execution = Execution::kHandlerPool;
  /// Left by Dispatcher::ExecutionOf for Dispatcher::Handle (the matched route, the cached
  /// session), so that neither is looked up twice; opaque to everyone else. Empty by default.
  std::shared_ptr<DispatchNotes> notes;

  /// The header's value, or nullopt. `name` must be lower case.
  std::optional<std::string_view> Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  /// Extra headers in order (e.g. several Set-Cookie lines).
  std::vector<std::pair<std::string, std::string>> headers;
};

/// The way back to a request's connection, handed out by the transport (server.cpp) with each
/// request. Both calls are safe from any thread.
class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  /// Sends the finished answer: exactly once per request (later calls are ignored).
  virtual void Send(Response response) = 0;
  /// Runs `task` soon on the connection's event loop, never inline on the calling thread.
  virtual void Post(std::function<void()> task) = 0;
};

/// Splits a target into its path and decoded query parameters. Percent-decoding errors and
/// repeated parameters are reported by name.
struct Target {
  std::string path;
  std::map<std::string, std::string> query;
};
Result<Target> ParseTarget(std::string_view target);

/// The value of cookie `name` in a Cookie header, or nullopt.
std::optional<std::string> FindCookie(std::string_view cookie_header, std::string_view name);

}  // namespace tessera::http
