#pragma once
// The network front: an HTTP/1.1 server on Boost.Beast/Asio (asynchronous, a small thread
// pool), with TLS 1.2/1.3 through OpenSSL when a certificate is configured. It only moves bytes:
// every request becomes an http::Request handed to the handlers (the Dispatcher). Beast and
// Asio appear in server.cpp only.

#include <cstdint>
#include <functional>
#include <memory>

#include "core/result.hpp"
#include "http/config.hpp"
#include "http/message.hpp"

namespace tessera::http {

struct ServerHandlers {
  /// Serves one complete request and answers it through the sink, exactly once, now or later
  /// from any thread (the sink is the request's connection; it stays open until then).
  /// Called on the io threads (for kEventLoop requests) or the handler pool, concurrently.
  std::function<void(Request, std::shared_ptr<ResponseSink>)> handle;
  /// Answers a request the server refused before it was complete (too large, malformed).
  std::function<Response(const Error&, int status, const Request&)> reject;
  /// Where `handle` runs for this request; called on an io thread, must not block. It may
  /// leave notes in the request for `handle` (Request::notes). Empty: every request runs on
  /// the handler pool.
  std::function<Execution(Request&)> execution;
};

class Server {
 public:
  /// Binds the listening socket and loads the certificate. kInvalidArgument for a bad address
  /// or unusable certificate/key (naming the file), kUnavailable when the port is taken.
  static Result<std::unique_ptr<Server>> Create(const ServerConfig& config,
                                                ServerHandlers handlers);
  ~Server();

  /// The bound port (useful when the configured port was 0).
  std::uint16_t port() const;

  /// Serves until Stop() or SIGINT/SIGTERM: the event loop on config.threads threads including
  /// the caller's, handlers that may block on config.handler_threads more.
  void Run();

  /// Stops accepting, closes idle connections, lets requests in hand be answered (for up to
  /// 10 s; past that, until every request handed to `handle` has had its answer, though the
  /// answer may no longer be written) and then makes Run() return. Safe from any thread;
  /// SIGINT/SIGTERM call it.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tessera::http
