#pragma once
// One connection's cycle: read a request, hand it to the handlers, write the answer, again
// while keep-alive holds (server.cpp accepts connections and runs the threads). Included by
// server.cpp only, so Beast/Asio stay in one translation unit (they are heavy to compile).

#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <mutex>
#include <optional>
#include <vector>

#include "http/connection_registry.hpp"
#include "http/security/trusted_proxies.hpp"
#include "http/server.hpp"

namespace tessera::http::server_detail {

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

struct Shared {
  ServerHandlers handlers;
  std::size_t max_body_bytes;
  std::size_t max_header_bytes;
  std::chrono::seconds request_timeout;
  std::size_t max_connections;
  std::size_t max_connections_per_address;
  TrustedProxies trusted_proxies;             // exempt from max_connections_per_address
  ConnectionRegistry* connections = nullptr;  // owned by Server::Impl
  asio::thread_pool* handler_pool = nullptr;  // owned by Server::Impl
  // Requests handed to `handle` and not yet answered (their sinks may be held by handlers,
  // the handler pool or the commit queue): a shutdown waits for them, so nothing still
  // refers to the server when it is destroyed.
  std::atomic<std::size_t>* answers_due = nullptr;  // owned by Server::Impl
};

inline std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
  return lower;
}

inline bhttp::response<bhttp::string_body> ToBeast(Response response, unsigned version,
                                                   bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// Why a request's framing is refused, or nullopt. Request smuggling behind proxies starts where
// two parsers read one request's length differently, so tessera accepts a transfer coding only
// in the one form every parser agrees on: a single `Transfer-Encoding: chunked` in HTTP/1.1,
// without Content-Length (RFC 9112 section 6.1; section 6.3 requires a 400 when chunked is not
// the final coding). Beast itself already refuses Content-Length before Transfer-Encoding and a
// repeated chunked, but takes `gzip, chunked` as chunked and ignores codings without chunked
// (`xchunked`, `identity`), reading the body by Content-Length instead.
inline std::optional<std::string> RefusedFraming(const bhttp::request_header<>& header) {
  std::size_t codings = 0;
  std::string_view value;
  for (const auto& field : header) {
    if (field.name() != bhttp::field::transfer_encoding) continue;
    ++codings;
    value = std::string_view(field.value().data(), field.value().size());
  }
  if (codings == 0) return std::nullopt;
  constexpr std::string_view kRule =
      ": only a single 'Transfer-Encoding: chunked' is accepted, without Content-Length (RFC "
      "9112 section 6.1)";
  if (codings > 1) {
    return "Transfer-Encoding is given " + std::to_string(codings) + " times" + std::string(kRule);
  }
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (!beast::iequals(beast::string_view(value.data(), value.size()), "chunked")) {
    std::string shown;  // printable ASCII only, and not much of it: it is echoed to the client
    for (char symbol : value.substr(0, 64)) {
      shown += (symbol >= ' ' && symbol <= '~') ? symbol : '?';
    }
    return "Transfer-Encoding '" + shown + "' is not accepted" + std::string(kRule);
  }
  if (header.count(bhttp::field::content_length) != 0) {
    return "Transfer-Encoding and Content-Length together are refused" + std::string(kRule);
  }
  if (header.version() < 11) {
    return "Transfer-Encoding is not allowed in HTTP/1.0" + std::string(kRule);
  }
  return std::nullopt;
}

// Beast's serializer writes the message's status line and headers into `head` (reused, so its
// capacity is kept); the body is sent beside it as a second buffer. Writing the serializer's own
// buffer sequence instead walked its pieces (one per header) again at every send and every
// consume, which cost more than the rest of writing the answer. False when Beast reports an
// error (none is expected for a string body).
inline bool SerializeHead(bhttp::response<bhttp::string_body>& message, std::string& head) {
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
  /// `source` names the per-source reservation this connection holds (ConnectionRegistry::
  /// ReserveForSource), released when it ends; empty: none.
  Connection(Stream stream, const Shared& shared, std::string peer, Transport transport,
             std::string source)
      : stream_(std::move(stream)),
        shared_(shared),
        peer_(std::move(peer)),
        transport_(transport),
        source_(std::move(source)) {
    shared_.connections->Opened();
  }
  ~Connection() override {
    if (!source_.empty()) shared_.connections->ReleaseForSource(source_);
    shared_.connections->Closed();
  }

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
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](
                                 beast::error_code error, std::size_t) { self->OnHeader(error); });
  }

  // Clients such as curl announce large bodies with "Expect: 100-continue" and wait for the
  // go-ahead. The header has passed the size checks by now (an oversized Content-Length fails
  // in async_read_header), so the body is invited only when it will be read.
  void OnHeader(beast::error_code error) {
    if (error) return OnRead(error);
    if (const std::optional<std::string> refused = RefusedFraming(parser_->get())) {
      waiting_for_request_ = false;
      Request request;
      request.source_address = peer_;
      request.transport = transport_;
      return Reject(Error(ErrorCode::kInvalidArgument, *refused), 400, request);
    }
    const auto expect = parser_->get()[bhttp::field::expect];
    if (!beast::iequals(expect, "100-continue")) return ReadBody();
    continue_response_ = {bhttp::status::continue_, 11};
    bhttp::async_write(
        stream_, continue_response_,
        [self = this->shared_from_this()](beast::error_code write_error, std::size_t) {
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
      return Reject(
          Error(ErrorCode::kInvalidArgument, "request body is larger than the limit of " +
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
      return Reject(
          Error(ErrorCode::kInvalidArgument, "malformed HTTP request: " + error.message()), 400,
          request);
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
    request.execution =
        shared_.handlers.execution ? shared_.handlers.execution(request) : Execution::kHandlerPool;
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
  std::string source_;
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

}  // namespace tessera::http::server_detail
