// Black-box: how the real `tessera serve` starts, refuses to start, speaks TLS and guards its
// connections.

#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

TEST(ServeStartup, RefusesPlainHttpOnANonLoopbackAddress) {
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SERVER_ADDRESS"] = "0.0.0.0";
  CommandOptions options;
  options.environment = environment;
  const CommandOutcome outcome = RunTessera({"serve"}, options);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("not a loopback address"), std::string::npos) << outcome.err;
}

TEST(ServeStartup, UnknownConfigKeyIsAnErrorNamingIt) {
  TempDir directory;
  WriteFile(directory.File("tessera.toml"), "[server]\nport = 0\nthreds = 4\n");
  const CommandOutcome outcome = RunTessera({"serve", "--config", directory.File("tessera.toml")});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("unknown key 'server.threds'"), std::string::npos) << outcome.err;
  EXPECT_TRUE(outcome.out.empty());
}

TEST(ServeStartup, NoAccountsExistWithoutDemoUsers) {
  TempDir directory;
  ServerProcess server({}, ServerTestEnvironment(), directory.File("log"));
  EXPECT_EQ(server.banner().find("password"), std::string::npos);
  const HttpReply reply = SendRequest(server.port(), "POST", "/api/v1/login",
                                      R"({"username":"admin","password":"admin"})");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(server.Stop(), 0);  // SIGTERM is a clean shutdown
}

// A self-signed P-256 certificate for 127.0.0.1, made with the openssl command line.
void MakeCertificate(const TempDir& directory) {
  const CommandOutcome made =
      RunCommand("/usr/bin/openssl",
                 {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                  "-nodes", "-keyout", directory.File("key.pem"), "-out",
                  directory.File("cert.pem"), "-days", "2", "-subj", "/CN=127.0.0.1"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
}

std::map<std::string, std::string> TlsEnvironment(const TempDir& directory) {
  auto environment = ServerTestEnvironment();
  environment["TESSERA_TLS_CERTIFICATE"] = directory.File("cert.pem");
  environment["TESSERA_TLS_PRIVATE_KEY"] = directory.File("key.pem");
  return environment;
}

TEST(ServeTls, ServesTls12And13WithHstsAndRefusesOlderVersions) {
  TempDir directory;
  MakeCertificate(directory);
  ServerProcess server({}, TlsEnvironment(directory), directory.File("log"));
  EXPECT_NE(server.banner().find("listening on https://127.0.0.1:"), std::string::npos);
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/healthz";
  for (const std::vector<std::string>& versions :
       {std::vector<std::string>{"--tlsv1.3"}, {"--tlsv1.2", "--tls-max", "1.2"}}) {
    std::vector<std::string> args = {"-sS", "-k", "-D", "-", url};
    args.insert(args.begin(), versions.begin(), versions.end());
    const CommandOutcome fetched = RunCommand("/usr/bin/curl", args);
    EXPECT_EQ(fetched.exit_code, 0) << versions.front() << ": " << fetched.err;
    EXPECT_NE(fetched.out.find("HTTP/1.1 200"), std::string::npos) << fetched.out;
    EXPECT_NE(fetched.out.find("Strict-Transport-Security: max-age="), std::string::npos);
  }
  // TLS 1.1, even from a client willing to use weak settings, gets no handshake.
  CommandOptions no_input;
  const CommandOutcome old =
      RunCommand("/usr/bin/openssl",
                 {"s_client", "-connect", "127.0.0.1:" + std::to_string(server.port()), "-tls1_1",
                  "-cipher", "DEFAULT@SECLEVEL=0"},
                 no_input);
  EXPECT_NE(old.exit_code, 0) << old.out;
  // Plain HTTP to the TLS port gets no HTTP answer.
  EXPECT_EQ(SendRequest(server.port(), "GET", "/healthz").status, 0);
}

TEST(ServeTls, UnreadableCertificateIsAStartUpErrorNamingTheSetting) {
  TempDir directory;
  WriteFile(directory.File("cert.pem"), "not a certificate\n");
  WriteFile(directory.File("key.pem"), "not a key\n");
  CommandOptions options;
  options.environment = TlsEnvironment(directory);
  const CommandOutcome outcome = RunTessera({"serve"}, options);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("tls.certificate"), std::string::npos) << outcome.err;
}

TEST(ServeExpectContinue, LargeBodyAnnouncedWithExpectIsInvitedAndServed) {
  TempDir directory;
  ServerProcess server({"--demo-users"}, ServerTestEnvironment(), directory.File("log"));
  // curl sends "Expect: 100-continue" for bodies over 1 KiB (or when told to) and waits for it.
  const std::string body = json{
      {"username", "demo-admin"},
      {"password", server.DemoPassword("demo-admin")},
      {"credential", "bearer"}}.dump();
  const CommandOutcome posted = RunCommand(
      "/usr/bin/curl", {"-sS", "-i", "--expect100-timeout", "30", "-H", "Expect: 100-continue",
                        "-H", "Content-Type: application/json", "--data-binary", body,
                        "http://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/login"});
  ASSERT_EQ(posted.exit_code, 0) << posted.err;
  EXPECT_NE(posted.out.find("HTTP/1.1 100 Continue"), std::string::npos) << posted.out;
  EXPECT_NE(posted.out.find("HTTP/1.1 200 OK"), std::string::npos) << posted.out;
}

TEST(ServeLimits, ConnectionsBeyondTheLimitAreClosedAtOnce) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SERVER_MAX_CONNECTIONS"] = "2";
  environment["TESSERA_LIMITS_REQUEST_TIMEOUT_SECONDS"] = "60";  // idle ones stay open
  ServerProcess server({}, environment, directory.File("log"));
  const int first = OpenIdleConnection(server.port());
  const int second = OpenIdleConnection(server.port());
  // Well inside the 60 s idle time-out, so only the connection limit can close it.
  EXPECT_TRUE(ServerClosesIdleConnection(server.port(), "GET /healthz HTTP/1.1\r\n", 20));
  close(first);
  close(second);
  // Once the idle ones are gone, new connections are served again.
  HttpReply reply;
  // The server learns of the two closes asynchronously; retry briefly until it has.
  for (int attempt = 0; attempt < 500 && reply.status != 200; ++attempt) {
    if (attempt > 0) usleep(10000);
    reply = SendRequest(server.port(), "GET", "/healthz");
  }
  EXPECT_EQ(reply.status, 200);
}

TEST(ServeLimits, FailedLoginsBeyondTheLimitGet429EvenWithTheRightPassword) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SECURITY_LOGIN_FAILURES_PER_ACCOUNT"] = "3";
  ServerProcess server({"--demo-users"}, environment, directory.File("log"));
  const auto login = [&](const std::string& password) {
    return SendRequest(server.port(), "POST", "/api/v1/login",
                       json{{"username", "demo-clinician"}, {"password", password}}.dump());
  };
  for (int attempt = 0; attempt < 3; ++attempt) EXPECT_EQ(login("guess").status, 401);
  const HttpReply limited = login(server.DemoPassword("demo-clinician"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(json::parse(limited.body)["error"]["code"], "resource_exhausted");
  EXPECT_EQ(login(server.DemoPassword("demo-admin")).status, 429);  // same account
  // Other accounts are not affected by this account's failures.
  const HttpReply other = SendRequest(
      server.port(), "POST", "/api/v1/login",
      json{{"username", "demo-admin"}, {"password", server.DemoPassword("demo-admin")}}.dump());
  EXPECT_EQ(other.status, 200);
}

}  // namespace
}  // namespace tessera::testing
