// Black-box, on the real `tessera serve` over a temporary SQLite store (issue 16): login limits
// that slow guessing without letting a stranger lock a clinician out, and hold across a
// restart; logins, logouts and failed logins in the verified audit chain; connections capped
// per source address. Distinct client addresses come from X-Forwarded-For, which the server
// believes from 127.0.0.1 only because the test makes it a trusted proxy.

#include <gtest/gtest.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>

#include "http/records_api_support.hpp"
#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

HttpReply LoginFrom(int port, const std::string& address, const std::string& username,
                    const std::string& password) {
  return SendRequest(
      port, "POST", "/api/v1/login",
      json{{"username", username}, {"password", password}, {"credential", "bearer"}}.dump(),
      {{"X-Forwarded-For", address}});
}

std::map<std::string, std::string> BehindATrustedProxy() {
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SERVER_TRUSTED_PROXIES"] = "127.0.0.1";
  return environment;
}

// Attempts with no Retry-After or a nonsensical one fail the test; returns its seconds.
long RetryAfter(const HttpReply& reply) {
  const std::string value = reply.Header("retry-after");
  EXPECT_FALSE(value.empty()) << "429 without Retry-After: " << reply.body;
  if (value.empty()) return 0;
  const long seconds = std::stol(value);
  EXPECT_GE(seconds, 1);
  return seconds;
}

TEST(LoginLimitsServe, AStrangersGuessesDoNotStopTheOwnerLoggingInElsewhere) {
  TempDir directory;
  ServerProcess server({"--demo-users", "--db", directory.File("clinic.db")}, BehindATrustedProxy(),
                       directory.File("log"));
  const std::string password = server.DemoPassword("demo-clinician");
  int tried = 0;
  int slowed = 0;
  for (int attempt = 0; attempt < 150; ++attempt) {
    const HttpReply reply = LoginFrom(server.port(), "203.0.113.9", "demo-clinician",
                                      "guess " + std::to_string(attempt));
    if (reply.status == 401) {
      ++tried;
    } else {
      ASSERT_EQ(reply.status, 429) << reply.body;
      RetryAfter(reply);
      EXPECT_NE(reply.body.find("from this address"), std::string::npos) << reply.body;
      ++slowed;
    }
  }
  // Five free guesses, then waits of 1, 2, 4, ... seconds: however fast or slow this machine,
  // far fewer than 150 were tried (ten would take over a minute of waiting).
  EXPECT_GE(tried, 5);
  EXPECT_LE(tried, 10);
  EXPECT_EQ(tried + slowed, 150);
  // The owner, from another address, is not locked out.
  const HttpReply owner = LoginFrom(server.port(), "198.51.100.4", "demo-clinician", password);
  EXPECT_EQ(owner.status, 200) << owner.body;
}

TEST(LoginLimitsServe, TheAccountCeilingSparesKnownAddressesAndHoldsAcrossARestart) {
  TempDir directory;
  auto environment = BehindATrustedProxy();
  environment["TESSERA_SECURITY_LOGIN_FAILURES_PER_ACCOUNT"] = "3";
  const std::vector<std::string> args = {"--demo-users", "--db", directory.File("clinic.db")};
  auto server = std::make_unique<ServerProcess>(args, environment, directory.File("log"));
  const std::string password = server->DemoPassword("demo-clinician");
  const std::string admin_password = server->DemoPassword("demo-admin");
  const std::string home = "198.51.100.4";      // where the owner has logged in before
  const std::string stranger = "203.0.113.9";   // guessing
  const std::string new_device = "192.0.2.50";  // the owner's new laptop, say
  ASSERT_EQ(LoginFrom(server->port(), home, "demo-clinician", password).status, 200);
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_EQ(LoginFrom(server->port(), stranger, "demo-clinician", "guess").status, 401);
  }
  const auto check = [&](int port) {
    // The ceiling is reached: an address that never logged in waits out the hour, even with
    // the right password; the owner's known address still gets in.
    const HttpReply guessing = LoginFrom(port, stranger, "demo-clinician", password);
    EXPECT_EQ(guessing.status, 429) << guessing.body;
    EXPECT_GT(RetryAfter(guessing), 3000);
    const HttpReply unknown = LoginFrom(port, new_device, "demo-clinician", password);
    EXPECT_EQ(unknown.status, 429) << unknown.body;
    EXPECT_NE(unknown.body.find("logged in from before"), std::string::npos) << unknown.body;
    const HttpReply owner = LoginFrom(port, home, "demo-clinician", password);
    EXPECT_EQ(owner.status, 200) << owner.body;
    // Other accounts are not affected.
    EXPECT_EQ(LoginFrom(port, new_device, "demo-admin", admin_password).status, 200);
  };
  check(server->port());
  ASSERT_EQ(server->Stop(), 0);
  server = std::make_unique<ServerProcess>(args, environment, directory.File("log"));
  check(server->port());
}

TEST(LoginLimitsServe, LoginsLogoutsAndFailuresAreInTheVerifiedAuditChain) {
  TempDir directory;
  const std::string database = directory.File("clinic.db");
  ServerProcess server({"--demo-users", "--db", database}, ServerTestEnvironment(),
                       directory.File("log"));
  const int port = server.port();
  const ApiClient admin = LogIn(port, "demo-admin", server.DemoPassword("demo-admin"));
  const std::int64_t after =
      admin.Expect(200, "GET", "/api/v1/audit/verification")["entries_checked"].get<std::int64_t>();
  const ApiClient clinician = LogIn(port, "demo-clinician", server.DemoPassword("demo-clinician"));
  EXPECT_EQ(LoginFrom(port, "127.0.0.1", "demo-clinician", "wrong password").status, 401);
  EXPECT_EQ(LoginFrom(port, "127.0.0.1", "no-such-user", "wrong password").status, 401);
  clinician.Expect(200, "POST", "/api/v1/logout");
  const json page =
      admin.Expect(200, "GET", "/api/v1/audit/entries?limit=200&cursor=" + std::to_string(after));
  std::vector<std::string> seen;
  for (const json& entry : page["items"]) {
    const std::string action = entry["action"];
    if (action == "login" || action == "logout" || action == "login_failure") {
      seen.push_back(action + " " + entry["record_type"].get<std::string>() + " " +
                     entry["record_id"].get<std::string>() + " " + entry["actor_id"].dump());
    }
  }
  const json me = admin.Expect(200, "GET", "/api/v1/users?limit=200");
  std::string clinician_id;
  for (const json& user : me["items"]) {
    if (user["username"] == "demo-clinician") clinician_id = std::to_string(user["id"].get<int>());
  }
  const std::vector<std::string> expected = {
      "login user " + clinician_id + " " + clinician_id,
      "login_failure user " + clinician_id + " null",  // no actor: nobody signed in
      "login_failure user  null",                      // an unknown name is not written down
      "logout user " + clinician_id + " " + clinician_id};
  EXPECT_EQ(seen, expected);
  ASSERT_EQ(server.Stop(), 0);
  const CommandOutcome verified = RunTessera({"db", "verify-audit", "--db", database});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("audit chain intact"), std::string::npos) << verified.out;
}

TEST(ConnectionLimitsServe, OneAddressCannotTakeEveryConnection) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SERVER_MAX_CONNECTIONS_PER_ADDRESS"] = "3";
  environment["TESSERA_LIMITS_REQUEST_TIMEOUT_SECONDS"] = "60";  // idle ones stay open
  ServerProcess server({}, environment, directory.File("log"));
  // Three connections holding half-sent requests, as a slow or hostile client would.
  std::vector<int> held;
  for (int connection = 0; connection < 3; ++connection) {
    held.push_back(OpenIdleConnection(server.port()));
    const std::string partial = "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n";
    ASSERT_EQ(write(held.back(), partial.data(), partial.size()),
              static_cast<ssize_t>(partial.size()));
  }
  // A fourth from the same address is closed at once, well inside the 60 s time-out.
  EXPECT_TRUE(ServerClosesIdleConnection(server.port(), "GET /healthz HTTP/1.1\r\n", 20));
  // Once one of the three is gone, the address is served again.
  close(held.back());
  held.pop_back();
  HttpReply reply;
  for (int attempt = 0; attempt < 500 && reply.status != 200; ++attempt) {
    if (attempt > 0) usleep(10000);  // the server learns of the close asynchronously
    reply = SendRequest(server.port(), "GET", "/healthz");
  }
  EXPECT_EQ(reply.status, 200);
  for (int socket : held) close(socket);
}

}  // namespace
}  // namespace tessera::testing
