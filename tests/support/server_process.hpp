#pragma once
// Black-box server tests: starts the real `tessera serve` on a free loopback port (port 0; the
// server prints the bound address) and talks plain HTTP/1.1 to it over a socket.

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tessera::testing {

/// Environment for test servers: any free port, the cheapest allowed password hashing, a 64 KiB
/// body limit and a 2 s request time-out.
std::map<std::string, std::string> ServerTestEnvironment();

class ServerProcess {
 public:
  /// Runs `tessera serve args...` with `environment` added, stderr to `log_file`, and waits up
  /// to 60 s for its "listening on" line. Aborts the test binary when that never comes.
  ServerProcess(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& environment, const std::string& log_file);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  /// Everything printed on stdout up to and including the "listening on" line.
  const std::string& banner() const { return banner_; }
  /// The demo password printed for `username`, or "" when none was.
  std::string DemoPassword(const std::string& username) const;
  /// Sends SIGTERM and returns the exit code.
  int Stop();
  /// Sends SIGKILL (a crash: no clean-up runs) and reaps the process.
  void Kill();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string banner_;
};

struct HttpReply {
  int status = 0;                              // 0: no response (connection closed or failed)
  std::map<std::string, std::string> headers;  // lower-case names; last value wins
  std::vector<std::string> set_cookies;
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

/// Sends raw bytes to 127.0.0.1:port and reads the reply until the server closes; status 0
/// when nothing listens on the port.
HttpReply SendRaw(int port, const std::string& raw_request);

/// One request with `Connection: close`; a non-empty body is sent as application/json unless
/// headers say otherwise.
HttpReply SendRequest(int port, const std::string& method, const std::string& target,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {});

/// Opens a connection, completes one keep-alive GET /healthz on it (so the server has surely
/// accepted it) and returns the still-open socket; the caller closes it.
int OpenIdleConnection(int port);

/// Opens a connection, sends `partial` and reports whether the server closed it within
/// `max_wait_seconds` (a slow-client check).
bool ServerClosesIdleConnection(int port, const std::string& partial, int max_wait_seconds);

}  // namespace tessera::testing
