// A bare Boost.Beast hello-world server: asynchronous, keep-alive, an io_context run on N
// threads, like src/http/server.cpp but with no routing, security, metrics or logs. bench/http
// compares tessera's throughput against it.
//
//   hello_server [port=0] [threads=2]     prints "listening on http://127.0.0.1:PORT"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  explicit Connection(tcp::socket socket) : stream_(std::move(socket)) {}
  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    bhttp::async_read(stream_, buffer_, request_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        if (!error) self->Write();
                      });
  }

 private:
  void Write() {
    response_ = {bhttp::status::ok, request_.version()};
    response_.set(bhttp::field::content_type, "application/json");
    response_.body() = R"({"hello":"world"})";
    response_.keep_alive(request_.keep_alive());
    response_.prepare_payload();
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this()](beast::error_code error, std::size_t) {
                         if (!error && self->response_.keep_alive()) self->Read();
                       });
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;
  bhttp::response<bhttp::string_body> response_;
};

void Accept(tcp::acceptor& acceptor, asio::io_context& io) {
  acceptor.async_accept(asio::make_strand(io), [&](beast::error_code error, tcp::socket socket) {
    if (error) return;
    socket.set_option(tcp::no_delay(true));
    std::make_shared<Connection>(std::move(socket))->Read();
    Accept(acceptor, io);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const auto port = static_cast<unsigned short>(argc > 1 ? std::atoi(argv[1]) : 0);
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  asio::io_context io(threads);
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { io.stop(); });
  std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
  Accept(acceptor, io);
  std::vector<std::thread> helpers;
  for (int thread_idx = 1; thread_idx < threads; ++thread_idx) {
    helpers.emplace_back([&io] { io.run(); });
  }
  io.run();
  for (auto& helper : helpers) helper.join();
  return 0;
}
