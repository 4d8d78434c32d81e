#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "support/run_command.hpp"

extern char** environ;

namespace tessera::testing {
namespace {

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "server_process: %s: %s\n", what.c_str(), std::strerror(errno));
  std::abort();
}

// -1 when nobody listens (a crashed server in the crash tests); other failures are fatal.
int TryConnect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) Die("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

int Connect(int port) {
  const int fd = TryConnect(port);
  if (fd < 0) Die("connect");
  return fd;
}

std::string Lower(std::string text) {
  for (char& symbol : text)
    symbol = static_cast<char>(std::tolower(static_cast<unsigned char>(symbol)));
  return text;
}

HttpReply Parse(const std::string& raw) {
  HttpReply reply;
  const auto header_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || header_end == std::string::npos) return reply;
  reply.status = std::atoi(raw.c_str() + 9);
  std::istringstream lines(raw.substr(0, header_end));
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string name = Lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (name == "set-cookie") reply.set_cookies.push_back(value);
    reply.headers[name] = value;
  }
  reply.body = raw.substr(header_end + 4);
  return reply;
}

}  // namespace

std::map<std::string, std::string> ServerTestEnvironment() {
  return {{"TESSERA_SERVER_PORT", "0"},
          {"TESSERA_SECURITY_PASSWORD_MEMORY_MIB", "19"},
          {"TESSERA_SECURITY_PASSWORD_PASSES", "2"},
          {"TESSERA_LIMITS_MAX_BODY_BYTES", "65536"},
          {"TESSERA_LIMITS_REQUEST_TIMEOUT_SECONDS", "2"}};
}

std::string HttpReply::Header(const std::string& lower_name) const {
  const auto found = headers.find(lower_name);
  return found == headers.end() ? std::string() : found->second;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& environment,
                             const std::string& log_file) {
  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) Die("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  std::vector<std::string> argv_strings{TesseraBinary(), "serve"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) env_strings.emplace_back(*entry);
  for (const auto& [name, value] : environment) env_strings.push_back(name + "=" + value);
  std::vector<char*> argv, envp;
  for (auto& text : argv_strings) argv.push_back(text.data());
  for (auto& text : env_strings) envp.push_back(text.data());
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) {
    Die("spawn tessera serve");
  }
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  stdout_fd_ = out_pipe[0];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  char buffer[4096];
  while (banner_.find("listening on ") == std::string::npos ||
         banner_.find('\n', banner_.find("listening on ")) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd poll_fd{stdout_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&poll_fd, 1, static_cast<int>(left.count())) <= 0) {
      std::fprintf(stderr, "server did not start; stdout so far:\n%s\nlog:\n%s\n", banner_.c_str(),
                   ReadFile(log_file).c_str());
      std::abort();
    }
    const ssize_t count = read(stdout_fd_, buffer, sizeof buffer);
    if (count <= 0) {
      std::fprintf(stderr, "server exited before listening:\n%s\nlog:\n%s\n", banner_.c_str(),
                   ReadFile(log_file).c_str());
      std::abort();
    }
    banner_.append(buffer, static_cast<std::size_t>(count));
  }
  const auto listening = banner_.find("listening on ");
  const auto colon = banner_.rfind(':', banner_.find('\n', listening));
  port_ = std::atoi(banner_.c_str() + colon + 1);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
}

std::string ServerProcess::DemoPassword(const std::string& username) const {
  const std::string marker = "demo user " + username + " (";
  const auto start = banner_.find(marker);
  if (start == std::string::npos) return "";
  const auto password = banner_.find("password: ", start) + 10;
  return banner_.substr(password, banner_.find('\n', password) - password);
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
}

HttpReply SendRaw(int port, const std::string& raw_request) {
  const int fd = TryConnect(port);
  if (fd < 0) return HttpReply{};  // status 0: no response
  std::size_t written = 0;
  while (written < raw_request.size()) {
    const ssize_t count =
        send(fd, raw_request.data() + written, raw_request.size() - written, MSG_NOSIGNAL);
    if (count <= 0) break;  // the server may answer and close early (e.g. 413)
    written += static_cast<std::size_t>(count);
  }
  std::string raw;
  char buffer[65536];
  while (true) {
    const ssize_t count = recv(fd, buffer, sizeof buffer, 0);
    if (count <= 0) break;
    raw.append(buffer, static_cast<std::size_t>(count));
  }
  close(fd);
  return Parse(raw);
}

HttpReply SendRequest(int port, const std::string& method, const std::string& target,
                      const std::string& body, const std::map<std::string, std::string>& headers) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  std::map<std::string, std::string> all = headers;
  if (!body.empty() && !all.contains("Content-Type")) all["Content-Type"] = "application/json";
  if (!body.empty() || method != "GET") all["Content-Length"] = std::to_string(body.size());
  for (const auto& [name, value] : all) raw += name + ": " + value + "\r\n";
  return SendRaw(port, raw + "\r\n" + body);
}

int OpenIdleConnection(int port) {
  const int fd = Connect(port);
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    Die("send");
  }
  std::string raw;
  char buffer[4096];
  while (true) {
    const auto header_end = raw.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      const HttpReply reply = Parse(raw);
      if (raw.size() - header_end - 4 >= std::stoul(reply.Header("content-length"))) break;
    }
    const ssize_t count = recv(fd, buffer, sizeof buffer, 0);
    if (count <= 0) Die("recv");
    raw.append(buffer, static_cast<std::size_t>(count));
  }
  return fd;
}

bool ServerClosesIdleConnection(int port, const std::string& partial, int max_wait_seconds) {
  const int fd = Connect(port);
  send(fd, partial.data(), partial.size(), MSG_NOSIGNAL);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(max_wait_seconds);
  bool closed = false;
  char buffer[4096];
  while (!closed && std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{fd, POLLIN, 0};
    if (poll(&poll_fd, 1, 500) > 0) closed = recv(fd, buffer, sizeof buffer, 0) <= 0;
  }
  close(fd);
  return closed;
}

}  // namespace tessera::testing
