// The only translation unit that includes Boost.Beast/Asio (they are heavy to compile).

#include "http/server.hpp"


#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace tessera::http {
namespace {

// How long a shutdown waits for requests in hand to be answered.
constexpr std::chrono::seconds kDrainTimeout{10};

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// Each connection's operations run on its own strand. The stream is typed with that strand
// itself rather than Beast's default type-erased executor (beast::tcp_stream), which costs a
// type-erased copy and `prefer` per asynchronous operation.
using Strand = asio::strand<asio::io_context::executor_type>;
using PlainStream = beast::basic_stream<tcp, Strand>;
using StrandSocket = tcp::socket::rebind_executor<Strand>::other;

// What a shutdown asks of a live connection: finish the request in hand, then close; close at
// once when idle.
class Drainable {
 public:
  virtual ~Drainable() = default;
  virtual void Drain() = 0;
};

// The live connections, so that a shutdown can drain them. Entries expire on their own.
class ConnectionRegistry {
 public:
  void Add(const std::shared_ptr<Drainable>& connection) {
    std::lock_guard lock(mutex_);
    std::erase_if(connections_, [](const auto& entry) { return entry.expired(); });
    connections_.push_back(connection);
  }
  // Counted separately from the list (which is pruned lazily) so that accepting is cheap.
  void Opened() { open_count_.fetch_add(1, std::memory_order_relaxed); }
  void Closed() { open_count_.fetch_sub(1, std::memory_order_relaxed); }
  std::size_t OpenCount() const { return open_count_.load(std::memory_order_relaxed); }
  std::vector<std::shared_ptr<Drainable>> Live() {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Drainable>> live;
    for (const auto& entry : connections_) {
      if (auto connection = entry.lock()) live.push_back(std::move(connection));
    }
    return live;
  }

 private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<Drainable>> connections_;
  std::atomic<std::size_t> open_count_{0};
};

struct Shared {
  ServerHandlers handlers;
  std::size_t max_body_bytes;
  std::size_t max_header_bytes;
  std::chrono::seconds request_timeout;
  std::size_t max_connections;
  ConnectionRegistry* connections = nullptr;  // owned by Server::Impl
  asio::thread_pool* handler_pool = nullptr;  // owned by Server::Impl
  // Requests handed to `handle` and not yet answered (their sinks may be held by handlers,
  // the handler pool or the commit queue): a shutdown waits for them, so nothing still
  // refers to the server when it is destroyed.
  std::atomic<std::size_t>* answers_due = nullptr;  // owned by Server::Impl
};

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
  return lower;
}

bhttp::response<bhttp::string_body> ToBeast(Response response, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// Beast's serializer writes the message's status line and headers into `head` (reused, so its
// capacity is kept); the body is sent beside it as a second buffer. Writing the serializer's own
// buffer sequence instead walked its pieces (one per header) again at every send and every
// consume, which cost more than the rest of writing the answer. False when Beast reports an
// error (none is expected for a string body).
bool SerializeHead(bhttp::response<bhttp::string_body>& message, std::string& head) {
  bhttp::response_serializer<bhttp::string_body> serializer(message);
  serializer.split(true);
  head.clear();
  beast::error_code error;
  while (!error && !serializer.is_header_done()) {
    serializer.next(error, [&](beast::error_code&, const auto& buffers) {
      for (const asio::const_buffer buffer : beast::buffers_range_ref(buffers))
        head.append(static_cast<const char*>(buffer.data()), buffer.size());
      serializer.consume(beast::buffer_bytes(buffers));
    });
  }
  return !error;
}

// One connection, plain or TLS. Requests are read one at a time with a deadline (slow clients
// and idle keep-alive connections are cut off), handled (on the io thread when the handler
// never blocks, else on the handler pool) and answered on the connection's strand.
// The connection is also its current request's ResponseSink (one request at a time).
template <class Stream>
class Connection final : public Drainable,
                         public ResponseSink,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Stream stream, const Shared& shared, std::string peer, Transport transport)
      : stream_(std::move(stream)), shared_(shared), peer_(std::move(peer)),
        transport_(transport) {
    shared_.connections->Opened();
  }
  ~Connection() override { shared_.connections->Closed(); }

  void Start() {
    shared_.connections->Add(this->shared_from_this());
    if constexpr (std::is_same_v<Stream, PlainStream>) {
      ReadRequest();
    } else {
      beast::get_lowest_layer(stream_).expires_after(shared_.request_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code error) {
                                if (!error) self->ReadRequest();
                              });
    }
  }

  // Any thread: the answer is written on the connection's strand (at once when called there).
  void Send(Response response) override {
    if (!answer_due_.exchange(false)) return;  // answered already
    shared_.answers_due->fetch_sub(1);
    asio::dispatch(stream_.get_executor(),
                   [self = this->shared_from_this(), response = std::move(response)]() mutable {
                     self->Write(std::move(response), self->version_, self->keep_alive_);
                   });
  }

  void Post(std::function<void()> task) override {
    asio::post(stream_.get_executor(), std::move(task));
  }

  void Drain() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      self->draining_ = true;
      // Waiting for a request (or mid-handshake): nothing is in hand, so stop now. A request
      // being handled or answered finishes, and Write() then closes instead of reading on.
      if (self->waiting_for_request_) {
        beast::error_code ignored;
        beast::get_lowest_layer(self->stream_).socket().cancel(ignored);
      }
    });
  }

 private:
  void ReadRequest() {
    if (draining_) return Close();
    waiting_for_request_ = true;
    parser_.emplace();
    parser_->body_limit(shared_.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(shared_.max_header_bytes));
    // One deadline covers the header, a possible "100 Continue" and the body.
    beast::get_lowest_layer(stream_).expires_after(shared_.request_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code error, std::size_t) {
          self->OnHeader(error);
        });
  }

  // Clients such as curl announce large bodies with "Expect: 100-continue" and wait for the
  // go-ahead. The header has passed the size checks by now (an oversized Content-Length fails
  // in async_read_header), so the body is invited only when it will be read.
  void OnHeader(beast::error_code error) {
    if (error) return OnRead(error);
    const auto expect = parser_->get()[bhttp::field::expect];
    if (!beast::iequals(expect, "100-continue")) return ReadBody();
    continue_response_ = {bhttp::status::continue_, 11};
    bhttp::async_write(stream_, continue_response_,
                       [self = this->shared_from_this()](beast::error_code write_error,
                                                         std::size_t) {
                         if (write_error) return self->Close();
                         self->ReadBody();
                       });
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                        self->OnRead(error);
                      });
  }

  void OnRead(beast::error_code error) {
    waiting_for_request_ = false;
    if (error == bhttp::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::operation_aborted || error == asio::error::eof ||
        error == asio::error::connection_reset) {
      return Close();
    }
    Request request;
    request.source_address = peer_;
    request.transport = transport_;
    if (error == bhttp::error::body_limit) {
      return Reject(Error(ErrorCode::kInvalidArgument,
                          "request body is larger than the limit of " +
                              std::to_string(shared_.max_body_bytes) + " bytes"),
                    413, request);
    }
    if (error == bhttp::error::header_limit) {
      return Reject(Error(ErrorCode::kInvalidArgument,
                          "request headers are larger than the limit of " +
                              std::to_string(shared_.max_header_bytes) + " bytes"),
                    431, request);
    }
    if (error) {
      return Reject(Error(ErrorCode::kInvalidArgument, "malformed HTTP request: " + error.message()),
                    400, request);
    }
    auto message = parser_->release();
    request.target = std::string(message.target());
    for (const auto& field : message) {
      const auto name = field.name_string();
      const auto value = field.value();
      request.headers.insert_or_assign(Lower(std::string_view(name.data(), name.size())),
                                       std::string(value.data(), value.size()));
    }
    request.body = std::move(message.body());
    const auto method_text = message.method_string();
    const std::optional<Method> method =
        ParseMethod(std::string_view(method_text.data(), method_text.size()));
    if (!method) {
      return Reject(Error(ErrorCode::kInvalidArgument,
                          "method " + std::string(message.method_string()) + " is not supported"),
                    405, request);
    }
    request.method = *method;
    version_ = message.version();
    keep_alive_ = message.keep_alive();
    request.execution = shared_.handlers.execution ? shared_.handlers.execution(request)
                                                   : Execution::kHandlerPool;
    answer_due_ = true;
    shared_.answers_due->fetch_add(1);
    if (request.execution == Execution::kEventLoop) return HandleSafely(std::move(request));
    // The connection (held by `self`) reads nothing more until the answer is written, so the
    // request and this object's state are touched by one thread at a time; the answer is
    // written back on the connection's strand.
    asio::post(*shared_.handler_pool,
               [self = this->shared_from_this(), request = std::move(request)]() mutable {
                 self->HandleSafely(std::move(request));
               });
  }

  void HandleSafely(Request request) {
    Request minimal;  // what a refusal's log line needs, should the handler throw
    minimal.method = request.method;
    minimal.source_address = request.source_address;
    minimal.transport = request.transport;
    try {
      shared_.handlers.handle(std::move(request), this->shared_from_this());
    } catch (const std::exception&) {
      // The dispatcher catches handler exceptions; this is the last line of defence (e.g.
      // bad_alloc) so that one request cannot take down a thread and the server with it.
      // Ignored when the handler answered before it threw.
      Send(shared_.handlers.reject(Error(ErrorCode::kInternal, "internal error"), 500, minimal));
    }
  }

  void Reject(const Error& error, int status, const Request& request) {
    // The rest of the stream cannot be trusted to be at a message boundary: answer and close.
    Write(shared_.handlers.reject(error, status, request), 11, false);
  }

  void Write(Response response, unsigned version, bool keep_alive) {
    // The answer gets a deadline of its own (a client too slow to take it is still cut off):
    // the read's deadline covered waiting for the request too, and may have passed while the
    // handler worked, which would drop or truncate an answer whose work is already done.
    beast::get_lowest_layer(stream_).expires_after(shared_.request_timeout);
    auto written = [self = this->shared_from_this(), keep_alive](beast::error_code error,
                                                                 std::size_t) {
      if (error || !keep_alive || self->draining_) return self->Close();
      self->ReadRequest();
    };
    response_ = ToBeast(std::move(response), version, keep_alive);
    if (!SerializeHead(response_, head_)) return Close();  // never expected for a string body
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(head_),
                                                    asio::buffer(response_.body())};
    asio::async_write(stream_, buffers, std::move(written));
  }

  void Close() {
    beast::error_code ignored;
    if constexpr (std::is_same_v<Stream, PlainStream>) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    }
  }

  Stream stream_;
  const Shared& shared_;
  std::string peer_;
  Transport transport_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  // The answer being written: Beast's message, and its head as Beast serialized it.
  std::string head_;
  bhttp::response<bhttp::string_body> response_;
  bhttp::response<bhttp::empty_body> continue_response_;
  // Touched only on the connection's strand.
  bool draining_ = false;
  bool waiting_for_request_ = true;
  unsigned version_ = 11;  // of the request in hand
  bool keep_alive_ = false;
  // Whether the request in hand still waits for its answer (Send may come from any thread).
  std::atomic<bool> answer_due_{false};
};

}  // namespace

struct Server::Impl {
  Impl(int thread_count, int handler_thread_count, Shared shared_settings)
      : threads(thread_count), shared(std::move(shared_settings)),
        io(thread_count), handler_pool(static_cast<std::size_t>(handler_thread_count)),
        acceptor(io), signals(io, SIGINT, SIGTERM) {
    shared.connections = &connections;
    shared.handler_pool = &handler_pool;
    shared.answers_due = &answers_due;
  }

  void Accept() {
    acceptor.async_accept(asio::make_strand(io.get_executor()), [this](beast::error_code error,
                                                                       StrandSocket socket) {
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
      socket.set_option(tcp::no_delay(true), endpoint_error);
      if (tls) {
        using TlsStream = beast::ssl_stream<PlainStream>;
        std::make_shared<Connection<TlsStream>>(TlsStream(std::move(socket), *tls), shared,
                                                address, Transport::kTls)
            ->Start();
      } else {
        std::make_shared<Connection<PlainStream>>(PlainStream(std::move(socket)), shared, address,
                                                  Transport::kPlain)
            ->Start();
      }
      Accept();
    });
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
             config.request_timeout, config.max_connections});
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
      return InvalidArgument("tls.private_key " + config.tls_private_key +
                             ": cannot load a PEM private key matching the certificate: " +
                             error.message());
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
