// The network server over real loopback sockets with test handlers: blocking handlers run on
// the handler pool, so they neither stall other connections nor limit how many requests are
// in flight, and a shutdown still answers the requests in hand. No timing thresholds: handlers
// block on latches and barriers that only the behaviour under test releases (a broken server
// deadlocks, which the clients' 60 s receive limit turns into a failure instead of a hang).

#include "http/server.hpp"
#include "http/testing/loopback_socket.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <barrier>
#include <functional>
#include <latch>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace tessera::http {
namespace {

struct Reply {
  int status = 0;  // 0: no answer
  std::string body;
};

// One GET with Connection: close; reads until the server closes.
Reply Get(std::uint16_t port, const std::string& target) {
  const int fd = testing::ConnectLoopback(port);
  Reply reply;
  if (fd < 0) return reply;
  const std::string request = "GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return reply;
  }
  std::string raw;
  char buffer[4096];
  for (ssize_t got; (got = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) raw.append(buffer, got);
  ::close(fd);
  if (raw.rfind("HTTP/1.1 ", 0) != 0) return reply;
  reply.status = std::stoi(raw.substr(9, 3));
  const auto body_start = raw.find("\r\n\r\n");
  if (body_start != std::string::npos) reply.body = raw.substr(body_start + 4);
  return reply;
}

// A server on a free loopback port running on its own thread; stopped and joined at the end.
class TestServer {
 public:
  TestServer(int io_threads, int handler_threads, ServerHandlers handlers,
             std::chrono::seconds request_timeout = ServerConfig{}.request_timeout) {
    ServerConfig config;
    config.port = 0;
    config.request_timeout = request_timeout;
    config.threads = io_threads;
    config.handler_threads = handler_threads;
    handlers.reject = [](const Error&, int status, const Request&) {
      Response response;
      response.status = status;
      return response;
    };
    server_ = Server::Create(config, std::move(handlers)).value();
    runner_ = std::thread([this] { server_->Run(); });
  }
  ~TestServer() {
    server_->Stop();
    runner_.join();
  }
  std::uint16_t port() const { return server_->port(); }
  std::thread::id runner_id() const { return runner_.get_id(); }
  void Stop() { server_->Stop(); }

 private:
  std::unique_ptr<Server> server_;
  std::thread runner_;
};

ServerHandlers Handlers(std::function<Response(const Request&)> handle,
                        std::function<Execution(const Request&)> execution = {}) {
  ServerHandlers handlers;
  handlers.handle = [handle = std::move(handle)](Request request,
                                                 std::shared_ptr<ResponseSink> sink) {
    sink->Send(handle(request));
  };
  handlers.execution = std::move(execution);
  return handlers;
}

Response Echo(const Request& request) {
  Response response;
  response.content_type = "text/plain";
  response.body = request.target;
  return response;
}

TEST(ServerHandlerPool, ASlowHandlerDoesNotBlockOtherConnections) {
  std::latch slow_entered(1);
  std::latch release_slow(1);
  // One io thread: had the slow handler run on it, nothing else could be answered.
  TestServer server(1, 2, Handlers([&](const Request& request) {
                      if (request.target == "/slow") {
                        slow_entered.count_down();
                        release_slow.wait();
                      }
                      return Echo(request);
                    }));
  Reply slow;
  std::thread slow_client([&] { slow = Get(server.port(), "/slow"); });
  slow_entered.wait();
  const Reply fast = Get(server.port(), "/fast");  // answered while /slow is still blocked
  release_slow.count_down();
  slow_client.join();
  EXPECT_EQ(fast.status, 200);
  EXPECT_EQ(fast.body, "/fast");
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.body, "/slow");
}

TEST(ServerHandlerPool, AsManyRequestsAsHandlerThreadsAreInFlightAtOnce) {
  constexpr int kRequests = 8;
  // Each handler waits until all eight are inside a handler at the same moment.
  std::barrier all_inside(kRequests);
  TestServer server(1, kRequests, Handlers([&](const Request& request) {
                      all_inside.arrive_and_wait();
                      return Echo(request);
                    }));
  std::vector<Reply> replies(kRequests);
  std::vector<std::thread> clients;
  for (int index = 0; index < kRequests; ++index) {
    clients.emplace_back([&, index] { replies[index] = Get(server.port(), "/together"); });
  }
  for (std::thread& client : clients) client.join();
  for (const Reply& reply : replies) EXPECT_EQ(reply.status, 200);
}

TEST(ServerHandlerPool, EventLoopRequestsRunOnTheIoThreadAndOthersOnThePool) {
  std::mutex mutex;
  std::map<std::string, std::thread::id> handled_on;
  TestServer server(1, 2,
                    Handlers(
                        [&](const Request& request) {
                          std::lock_guard lock(mutex);
                          handled_on[request.target] = std::this_thread::get_id();
                          return Echo(request);
                        },
                        [](const Request& request) {
                          return request.target == "/inline" ? Execution::kEventLoop
                                                             : Execution::kHandlerPool;
                        }));
  EXPECT_EQ(Get(server.port(), "/inline").status, 200);
  EXPECT_EQ(Get(server.port(), "/pooled").status, 200);
  std::lock_guard lock(mutex);
  // With one io thread, the event loop runs on the thread that called Run().
  EXPECT_EQ(handled_on.at("/inline"), server.runner_id());
  EXPECT_NE(handled_on.at("/pooled"), server.runner_id());
}

TEST(ServerHandlerPool, ShutdownAnswersARequestStillInAHandler) {
  std::latch slow_entered(1);
  std::latch release_slow(1);
  auto server = std::make_unique<TestServer>(1, 2, Handlers([&](const Request& request) {
                                               slow_entered.count_down();
                                               release_slow.wait();
                                               return Echo(request);
                                             }));
  Reply slow;
  std::thread slow_client([&] { slow = Get(server->port(), "/slow"); });
  slow_entered.wait();
  server->Stop();  // the request is in hand: it must still be answered
  release_slow.count_down();
  slow_client.join();
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.body, "/slow");
  server.reset();  // Run() returns and the server thread joins
}

// The request deadline (server.request_timeout, against slow clients) covers waiting for and
// reading a request. A handler that takes longer than what is left of it has still done its
// work (perhaps committed a submission): its answer must be sent, with a deadline of its own,
// not dropped with the connection because the read's deadline has passed meanwhile. (The
// handler outlasts a 3 s deadline by waiting 3.5 s. The answer is larger than a socket buffer,
// so it cannot leave in the one write attempted before an expired deadline takes effect. The
// answer's own deadline is the same 3 s: with 1 s, a machine loaded by a parallel build and
// test run once took longer than that to move 16 MB over loopback.)
TEST(ServerHandlerPool, AnAnswerIsSentWhenTheHandlerOutlastsTheRequestDeadline) {
  const std::chrono::seconds deadline(3);
  const std::string large(16 << 20, 'x');
  TestServer server(1, 1, Handlers([&](const Request&) {
                      std::this_thread::sleep_for(deadline + std::chrono::milliseconds(500));
                      Response response;
                      response.content_type = "text/plain";
                      response.body = large;
                      return response;
                    }),
                    deadline);
  const Reply reply = Get(server.port(), "/slow-handler");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body.size(), large.size());
}

}  // namespace
}  // namespace tessera::http
