// Accepting connections, running the io threads and shutting down. The only translation unit
// that includes Boost.Beast/Asio (with server_connection.hpp, one connection's cycle): they are
// heavy to compile.

#include "http/server.hpp"

#include <openssl/ssl.h>

#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <thread>
#include <vector>

#include "http/server_connection.hpp"

namespace tessera::http {
namespace {

// How long a shutdown waits for requests in hand to be answered.
constexpr std::chrono::seconds kDrainTimeout{10};

}  // namespace

using namespace server_detail;  // this file's own implementation header

struct Server::Impl {
  Impl(int thread_count, int handler_thread_count, Shared shared_settings)
      : threads(thread_count),
        shared(std::move(shared_settings)),
        io(thread_count),
        handler_pool(static_cast<std::size_t>(handler_thread_count)),
        acceptor(io),
        signals(io, SIGINT, SIGTERM) {
    shared.connections = &connections;
    shared.handler_pool = &handler_pool;
    shared.answers_due = &answers_due;
  }

  void Accept() {
    acceptor.async_accept(
        asio::make_strand(io.get_executor()), [this](beast::error_code error, StrandSocket socket) {
          if (error == asio::error::operation_aborted) return;
          if (error) {
            // E.g. out of file descriptors: retrying at once would spin, so pause first.
            accept_retry_timer.expires_after(std::chrono::milliseconds(100));
            accept_retry_timer.async_wait([this](beast::error_code timer_error) {
              if (!timer_error) Accept();
            });
            return;
          }
          if (connections.OpenCount() >= shared.max_connections) {
            // Over the limit: refuse by closing, so slow or idle clients cannot pile up.
            beast::error_code ignored;
            socket.close(ignored);
            return Accept();
          }
          beast::error_code endpoint_error;
          const auto peer = socket.remote_endpoint(endpoint_error);
          const std::string address = endpoint_error ? "" : peer.address().to_string();
          std::string source = SourceOf(address);
          if (!source.empty() &&
              !connections.ReserveForSource(source, shared.max_connections_per_address)) {
            // This source holds its share already: closed like connections over the total limit.
            beast::error_code ignored;
            socket.close(ignored);
            return Accept();
          }
          socket.set_option(tcp::no_delay(true), endpoint_error);
          if (tls) {
            using TlsStream = beast::ssl_stream<PlainStream>;
            std::make_shared<Connection<TlsStream>>(TlsStream(std::move(socket), *tls), shared,
                                                    address, Transport::kTls, std::move(source))
                ->Start();
          } else {
            std::make_shared<Connection<PlainStream>>(PlainStream(std::move(socket)), shared,
                                                      address, Transport::kPlain, std::move(source))
                ->Start();
          }
          Accept();
        });
  }

  // The per-source share a peer's connection counts against: its ClientKey, or "" for a
  // trusted proxy (its connections carry many clients; only max_connections limits them).
  std::string SourceOf(const std::string& peer) const {
    const std::optional<IpAddress> address = IpAddress::Parse(peer);
    if (address && shared.trusted_proxies.Trusts(*address)) return "";
    return ClientKey(peer);
  }

  // Polls until every connection has finished its request and closed, or the deadline passes
  // and every request handed out has its answer; then ends Run(). (Past the deadline an
  // answer may be stuck on a slow client; one still in a handler or the commit queue refers to
  // this server, which must outlive it, as Run() waited for blocked handlers before.)
  void WaitForDrain(std::chrono::steady_clock::time_point deadline) {
    if (connections.Live().empty() ||
        (std::chrono::steady_clock::now() >= deadline && answers_due.load() == 0)) {
      io.stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([this, deadline](beast::error_code) { WaitForDrain(deadline); });
  }

  // Declaration order matters for destruction (reverse order): the handler pool goes first,
  // so connections still queued on it at the drain deadline are released while the io_context
  // their sockets belong to is alive; then the io_context (and with it every pending
  // connection), then the TLS context and the settings the connections refer to.
  int threads;
  std::atomic<std::size_t> answers_due{0};
  ConnectionRegistry connections;
  Shared shared;
  std::optional<asio::ssl::context> tls;
  asio::io_context io;
  asio::thread_pool handler_pool;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer drain_timer{io};
  asio::steady_timer accept_retry_timer{io};
  std::atomic<bool> stopping{false};
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServerConfig& config,
                                               ServerHandlers handlers) {
  auto impl = std::make_unique<Impl>(
      config.threads, config.handler_threads,
      Shared{std::move(handlers), config.max_body_bytes, config.max_header_bytes,
             config.request_timeout, config.max_connections, config.max_connections_per_address,
             config.trusted_proxies});
  beast::error_code error;
  const auto address = asio::ip::make_address(config.address, error);
  if (error) return InvalidArgument("server.address '" + config.address + "' is not an IP address");
  if (config.UsesTls()) {
    impl->tls.emplace(asio::ssl::context::tls_server);
    impl->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                           asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                           asio::ssl::context::no_tlsv1_1);
    SSL_CTX_set_min_proto_version(impl->tls->native_handle(), TLS1_2_VERSION);
    impl->tls->use_certificate_chain_file(config.tls_certificate, error);
    if (error) {
      return InvalidArgument("tls.certificate " + config.tls_certificate +
                             ": cannot load a PEM certificate chain: " + error.message());
    }
    impl->tls->use_private_key_file(config.tls_private_key, asio::ssl::context::pem, error);
    if (error) {
      return InvalidArgument(
          "tls.private_key " + config.tls_private_key +
          ": cannot load a PEM private key matching the certificate: " + error.message());
    }
  }
  const tcp::endpoint endpoint(address, config.port);
  impl->acceptor.open(endpoint.protocol(), error);
  if (!error) impl->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) impl->acceptor.bind(endpoint, error);
  if (!error) impl->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Unavailable("cannot listen on " + config.address + ":" + std::to_string(config.port) +
                       ": " + error.message());
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

void Server::Run() {
  impl_->signals.async_wait([this](beast::error_code, int) { Stop(); });
  impl_->Accept();
  std::vector<std::thread> helpers;
  for (int thread_idx = 1; thread_idx < impl_->threads; ++thread_idx) {
    helpers.emplace_back([this] { impl_->io.run(); });
  }
  impl_->io.run();
  for (std::thread& helper : helpers) helper.join();
  // Every request handed to a handler has been answered (WaitForDrain), so no handler is
  // running or queued any more.
  impl_->handler_pool.stop();
  impl_->handler_pool.join();
}

void Server::Stop() {
  asio::post(impl_->io, [this] {
    if (impl_->stopping.exchange(true)) return;
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->accept_retry_timer.cancel();
    impl_->signals.cancel(ignored);
    for (const auto& connection : impl_->connections.Live()) connection->Drain();
    impl_->WaitForDrain(std::chrono::steady_clock::now() + kDrainTimeout);
  });
}

}  // namespace tessera::http
