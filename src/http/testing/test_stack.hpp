#pragma once
// For unit tests only: the dispatcher with the real system and auth routes over in-memory
// users and sessions, a fake clock and the cheapest allowed argon2id parameters. No sockets.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/dispatcher.hpp"
#include "http/routes/routes.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/password_hasher.hpp"

namespace tessera::http::testing {

class TestStack {
 public:
  TestStack() {
    routes_added = AddSystemRoutes(table, metrics).has_value() &&
                   AddAuthRoutes(table, authenticator, sessions).has_value();
  }

  /// A user with `password` (hashed for real) and the given role.
  UserId AddUser(const std::string& username, Role role, const std::string& password) {
    return users.Add(username, role, hasher.Hash(password).value()).value();
  }

  /// A fresh session for `user`, opened directly (no login request).
  NewSession OpenSession(UserId user) { return sessions.Open(user).value(); }

  /// A request as the Beast adapter would build it; a non-empty body is sent as JSON.
  static Request Make(Method method, std::string target, std::string body = {},
                      Transport transport = Transport::kPlain) {
    Request request;
    request.method = method;
    request.target = std::move(target);
    request.body = std::move(body);
    request.source_address = "127.0.0.1";
    request.transport = transport;
    if (!request.body.empty()) request.headers["content-type"] = "application/json";
    return request;
  }

  FakeClock clock{TimePoint(std::chrono::hours(500000))};
  PasswordHasher hasher = PasswordHasher::Create({kMinimumMemoryMib, kMinimumPasses}).value();
  InMemoryUserDirectory users;
  InMemorySessionStore store;
  SessionManager sessions{store, users, clock, {}};
  InMemoryLoginHistory login_history{clock};
  std::unique_ptr<LoginRateLimiter> limiter =
      LoginRateLimiter::Create(clock, {}, login_history).value();
  Authenticator authenticator{{users, sessions, *limiter, login_history, hasher, clock,
                               hasher.HashOfUnguessablePassword().value()}};
  MetricsRegistry metrics;
  MemoryEventLog log;
  RouteTable table;
  Dispatcher dispatcher{table, sessions, metrics, log, clock, JsonLimits{}};
  bool routes_added = false;
};

/// The value of response header `name` (as the dispatcher wrote it), or nullopt.
inline std::optional<std::string> HeaderOf(const Response& response, std::string_view name) {
  for (const auto& [header, value] : response.headers) {
    if (header == name) return value;
  }
  return std::nullopt;
}

}  // namespace tessera::http::testing
