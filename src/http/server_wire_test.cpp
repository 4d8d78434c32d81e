// The bytes of an answer on the wire: the server has Beast's serializer write the head into one
// string and sends head and body as two buffers (cheaper than writing the serializer's own
// buffer sequence); they must be exactly what Beast writes for the whole message, for every
// kind of response and request version.

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/beast/http.hpp>
#include <sstream>
#include <thread>

#include "http/server.hpp"
#include "http/testing/loopback_socket.hpp"

namespace tessera::http {
namespace {

namespace bhttp = boost::beast::http;

// The server's conversion (server.cpp's ToBeast), serialized by Beast in one piece.
std::string AsBeastWritesIt(Response response, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  std::ostringstream text;
  text << out;
  return text.str();
}

// Sends `request` and reads one answer: its head, then as many body bytes as it announces.
std::string Exchange(std::uint16_t port, const std::string& request) {
  const int fd = testing::ConnectLoopback(port);
  std::string raw;
  if (fd >= 0 && ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
                     static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    std::size_t expected = std::string::npos;
    while (raw.size() < expected) {
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      raw.append(buffer, static_cast<std::size_t>(got));
      const auto head_end = raw.find("\r\n\r\n");
      const auto length = raw.find("Content-Length: ");
      if (head_end != std::string::npos && length != std::string::npos && length < head_end) {
        expected = head_end + 4 + std::stoul(raw.substr(length + 16));
      }
    }
  }
  if (fd >= 0) ::close(fd);
  return raw;
}

Response Answer(int status, std::vector<std::pair<std::string, std::string>> headers,
                std::string body, std::string content_type = "application/json") {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

TEST(ServerWire, AnswersAreTheBytesBeastWouldWrite) {
  const std::vector<std::pair<std::string, std::string>> security{
      {"Cache-Control", "no-store"},
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Request-Id", "0123456789abcdef"}};
  auto with = [&](std::vector<std::pair<std::string, std::string>> extra) {
    auto headers = security;
    headers.insert(headers.end(), extra.begin(), extra.end());
    return headers;
  };
  const std::vector<Response> answers{
      Answer(200, security, R"({"client":{"id":1}})"),
      Answer(200, security, ""),
      Answer(201, with({{"Location", "/api/v1/clients/7"}}), "{}"),
      Answer(404, security, R"({"error":"not found"})"),
      Answer(405, with({{"Allow", "GET, PUT"}}), "{}"),
      Answer(429, with({{"Retry-After", "60"}}), "{}"),
      Answer(299, security, "unknown status"),
      Answer(503, security, "{}", "text/plain; version=0.0.4"),
      Answer(200, security, std::string(200000, 'x'), "text/plain"),
      // Repeated names next to each other, and apart (Beast moves the second up to the first).
      Answer(200, with({{"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}}), "{}"),
      Answer(200, with({{"Set-Cookie", "a=1"}, {"Vary", "Cookie"}, {"set-cookie", "b=2"}}), "{}"),
      // Headers Beast's framing rewrites, and values it trims.
      Answer(200, with({{"Connection", "keep-alive"}}), "{}"),
      Answer(200, with({{"content-length", "99"}}), "{}"),
      Answer(200, with({{"Content-Type", "text/html"}}), "{}"),
      Answer(200, with({{"X-Padded", " value "}}), "{}"),
      Answer(200, security, "{}", " text/plain"),
      Answer(204, security, ""),
  };
  const struct {
    const char* request_line_end;  // version and Connection header
    unsigned version;
    bool keep_alive;
  } versions[] = {{" HTTP/1.1\r\nHost: t\r\n", 11, true},
                  {" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n", 11, false},
                  {" HTTP/1.0\r\n", 10, false},
                  {" HTTP/1.0\r\nConnection: keep-alive\r\n", 10, true}};

  ServerConfig config;
  config.port = 0;
  config.threads = 1;
  config.handler_threads = 1;
  ServerHandlers handlers;
  handlers.handle = [&answers](Request request, std::shared_ptr<ResponseSink> sink) {
    sink->Send(answers.at(std::stoul(request.target.substr(1))));
  };
  handlers.reject = [](const Error&, int status, const Request&) {
    Response response;
    response.status = status;
    return response;
  };
  std::unique_ptr<Server> server = Server::Create(config, std::move(handlers)).value();
  std::thread runner([&server] { server->Run(); });
  for (std::size_t answer_idx = 0; answer_idx < answers.size(); ++answer_idx) {
    for (const auto& version : versions) {
      SCOPED_TRACE("answer " + std::to_string(answer_idx) + ", HTTP/" +
                   std::to_string(version.version) + (version.keep_alive ? " keep-alive" : ""));
      const std::string request =
          "GET /" + std::to_string(answer_idx) + version.request_line_end + "\r\n";
      EXPECT_EQ(Exchange(server->port(), request),
                AsBeastWritesIt(answers[answer_idx], version.version, version.keep_alive));
    }
  }
  server->Stop();
  runner.join();
}

}  // namespace
}  // namespace tessera::http
