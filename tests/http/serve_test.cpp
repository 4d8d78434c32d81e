// Black-box: the real `tessera serve` binary on a free loopback port, spoken to over sockets.

#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

// Cheapest allowed password hashing and short limits keep the suite fast.
std::map<std::string, std::string> TestEnvironment() {
  return {{"TESSERA_SERVER_PORT", "0"},
          {"TESSERA_SECURITY_PASSWORD_MEMORY_MIB", "19"},
          {"TESSERA_SECURITY_PASSWORD_PASSES", "2"},
          {"TESSERA_LIMITS_MAX_BODY_BYTES", "65536"},
          {"TESSERA_LIMITS_REQUEST_TIMEOUT_SECONDS", "2"}};
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    server_ = new ServerProcess({"--demo-users"}, TestEnvironment(), directory_->File("log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete directory_;
  }
  static int port() { return server_->port(); }

  static json Login(const std::string& username, const std::string& credential) {
    const HttpReply reply = SendRequest(
        port(), "POST", "/api/v1/login",
        json{{"username", username},
             {"password", server_->DemoPassword(username)},
             {"credential", credential}}
            .dump());
    EXPECT_EQ(reply.status, 200) << reply.body;
    json body = json::parse(reply.body);
    if (!reply.set_cookies.empty()) body["set_cookie"] = reply.set_cookies.front();
    return body;
  }

  static TempDir* directory_;
  static ServerProcess* server_;
};
TempDir* ServeTest::directory_ = nullptr;
ServerProcess* ServeTest::server_ = nullptr;

TEST_F(ServeTest, PrintsOneRandomPasswordPerDemoRole) {
  std::set<std::string> passwords;
  for (const char* user : {"demo-admin", "demo-clinician", "demo-supervisor", "demo-client"}) {
    const std::string password = server_->DemoPassword(user);
    EXPECT_EQ(password.size(), 22u) << user;
    passwords.insert(password);
  }
  EXPECT_EQ(passwords.size(), 4u);
}

TEST_F(ServeTest, HealthzAnswersWithSecurityHeaders) {
  const HttpReply reply = SendRequest(port(), "GET", "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(json::parse(reply.body)["status"], "ok");
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
  EXPECT_NE(reply.Header("content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.Header("referrer-policy"), "no-referrer");
  EXPECT_EQ(reply.Header("x-frame-options"), "DENY");
  EXPECT_EQ(reply.Header("x-request-id").size(), 16u);
  EXPECT_EQ(reply.Header("strict-transport-security"), "");  // plain HTTP: no HSTS
}

TEST_F(ServeTest, BearerLoginMeAndLogout) {
  const json login = Login("demo-clinician", "bearer");
  const std::map<std::string, std::string> auth = {
      {"Authorization", "Bearer " + login["token"].get<std::string>()}};
  const HttpReply me = SendRequest(port(), "GET", "/api/v1/me", "", auth);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["user"]["role"], "clinician");
  EXPECT_EQ(SendRequest(port(), "POST", "/api/v1/logout", "", auth).status, 200);
  EXPECT_EQ(SendRequest(port(), "GET", "/api/v1/me", "", auth).status, 401);
}

TEST_F(ServeTest, CookieSessionNeedsCsrfTokenForWrites) {
  const json login = Login("demo-supervisor", "cookie");
  const std::string set_cookie = login["set_cookie"];
  for (const char* attribute : {"__Host-tessera_session=", "Secure", "HttpOnly", "SameSite=Strict",
                                "Path=/"}) {
    EXPECT_NE(set_cookie.find(attribute), std::string::npos) << attribute;
  }
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  EXPECT_EQ(SendRequest(port(), "GET", "/api/v1/me", "", {{"Cookie", cookie}}).status, 200);
  const HttpReply forged = SendRequest(port(), "POST", "/api/v1/logout", "", {{"Cookie", cookie}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_NE(forged.body.find("X-CSRF-Token"), std::string::npos);
  const HttpReply logout =
      SendRequest(port(), "POST", "/api/v1/logout", "",
                  {{"Cookie", cookie}, {"X-CSRF-Token", login["csrf_token"].get<std::string>()}});
  EXPECT_EQ(logout.status, 200);
  EXPECT_EQ(SendRequest(port(), "GET", "/api/v1/me", "", {{"Cookie", cookie}}).status, 401);
}

TEST_F(ServeTest, UnknownUserAndWrongPasswordGetTheSameAnswer) {
  const HttpReply unknown = SendRequest(port(), "POST", "/api/v1/login",
                                        R"({"username":"nobody","password":"guess"})");
  const HttpReply wrong = SendRequest(port(), "POST", "/api/v1/login",
                                      R"({"username":"demo-admin","password":"guess"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_F(ServeTest, HugeBodyIsRefusedWith413NamingTheLimit) {
  // The header announces 10 MB; the server refuses as soon as it reads it.
  const HttpReply reply = SendRaw(
      port(), "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 10000000\r\n\r\n" + std::string(1000, '['));
  EXPECT_EQ(reply.status, 413);
  EXPECT_NE(reply.body.find("larger than the limit of 65536 bytes"), std::string::npos)
      << reply.body;
  EXPECT_EQ(reply.Header("cache-control"), "no-store");
}

TEST_F(ServeTest, BadJsonGetsA400NamingTheProblem) {
  const struct {
    std::string body;
    const char* message_part;
  } cases[] = {
      {std::string(100, '[') + std::string(100, ']'), "JSON nested deeper than 32 levels"},
      {R"({"username": "a", "password": )", "malformed JSON at byte"},
      {R"({"username":"a","password":"b","admin":true})", "unknown field 'admin'"},
  };
  for (const auto& test_case : cases) {
    const HttpReply reply = SendRequest(port(), "POST", "/api/v1/login", test_case.body);
    EXPECT_EQ(reply.status, 400) << test_case.body.substr(0, 40);
    EXPECT_NE(json::parse(reply.body)["error"]["message"].get<std::string>().find(
                  test_case.message_part),
              std::string::npos)
        << reply.body;
  }
  std::string long_array = "[1";
  for (int element = 1; element < 1001; ++element) long_array += ",1";
  const HttpReply reply = SendRequest(port(), "POST", "/api/v1/login", long_array + "]");
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("more than 1000 elements"), std::string::npos) << reply.body;
}

TEST_F(ServeTest, MalformedHttpGetsA400) {
  const HttpReply reply = SendRaw(port(), "GET /healthz HTTP/1.1\r\nHost x\r\n\r\n");
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.body.find("malformed HTTP request"), std::string::npos) << reply.body;
}

TEST_F(ServeTest, EveryDocumentedOperationIsServedAndNothingElseIs) {
  const HttpReply reply = SendRequest(port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200);
  const json document = json::parse(reply.body);
  std::set<std::string> documented;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& symbol : upper) symbol = static_cast<char>(std::toupper(symbol));
      documented.insert(upper + " " + path);
      // Path parameters get a placeholder id; any answer but "no such route" shows it exists.
      std::string target = path;
      for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
        target.replace(open, target.find('}', open) - open + 1, "1");
      }
      const HttpReply answer = SendRequest(port(), upper, target, upper == "GET" ? "" : "{}");
      EXPECT_NE(answer.status, 405) << upper << " " << path;
      EXPECT_EQ(answer.body.find("no route for"), std::string::npos) << upper << " " << path;
    }
  }
  // The routes this issue implements so far, all documented.
  for (const char* route : {"GET /healthz", "GET /metrics", "GET /api/v1/openapi.json",
                            "POST /api/v1/login", "POST /api/v1/logout", "GET /api/v1/me"}) {
    EXPECT_TRUE(documented.contains(route)) << route;
  }
  // A path that is not documented is not served.
  EXPECT_NE(SendRequest(port(), "GET", "/api/v1/users").body.find("no route for"),
            std::string::npos);
}

TEST_F(ServeTest, MetricsCountRequestsByRoute) {
  SendRequest(port(), "GET", "/healthz");
  const HttpReply reply = SendRequest(port(), "GET", "/metrics");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
  EXPECT_NE(reply.body.find("tessera_http_requests_total{route=\"GET /healthz\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(reply.body.find("tessera_http_request_duration_seconds_bucket{route=\"GET /healthz\""),
            std::string::npos);
}

TEST_F(ServeTest, LogsAreJsonWithRequestIdsAndNoSecrets) {
  const json login = Login("demo-client", "bearer");
  SendRequest(port(), "GET", "/api/v1/me?q=panic", "",
              {{"Authorization", "Bearer " + login["token"].get<std::string>()}});
  const std::string log = ReadFile(directory_->File("log"));
  std::istringstream lines(log);
  std::string line;
  int request_lines = 0;
  while (std::getline(lines, line)) {
    const json entry = json::parse(line);  // every line is one JSON object
    if (entry["event"] == "request") ++request_lines;
    EXPECT_TRUE(entry.contains("request_id")) << line;
  }
  EXPECT_GE(request_lines, 2);
  for (const std::string& secret : {server_->DemoPassword("demo-client"),
                                   login["token"].get<std::string>(),
                                   login["csrf_token"].get<std::string>(), std::string("panic"),
                                   std::string("demo-client")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST_F(ServeTest, SlowClientIsDisconnected) {
  // The request never completes; the 2 s request timeout must close the connection.
  EXPECT_TRUE(ServerClosesIdleConnection(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 30));
}

TEST(ServeStartup, RefusesPlainHttpOnANonLoopbackAddress) {
  auto environment = TestEnvironment();
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
  const CommandOutcome outcome =
      RunTessera({"serve", "--config", directory.File("tessera.toml")});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("unknown key 'server.threds'"), std::string::npos) << outcome.err;
  EXPECT_TRUE(outcome.out.empty());
}

TEST(ServeStartup, NoAccountsExistWithoutDemoUsers) {
  TempDir directory;
  ServerProcess server({}, TestEnvironment(), directory.File("log"));
  EXPECT_EQ(server.banner().find("password"), std::string::npos);
  const HttpReply reply = SendRequest(server.port(), "POST", "/api/v1/login",
                                      R"({"username":"admin","password":"admin"})");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(server.Stop(), 0);  // SIGTERM is a clean shutdown
}

}  // namespace
}  // namespace tessera::testing

namespace tessera::testing {
namespace {

// A self-signed P-256 certificate for 127.0.0.1, made with the openssl command line.
void MakeCertificate(const TempDir& directory) {
  const CommandOutcome made = RunCommand(
      "/usr/bin/openssl",
      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", directory.File("key.pem"), "-out", directory.File("cert.pem"), "-days", "2",
       "-subj", "/CN=127.0.0.1"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
}

std::map<std::string, std::string> TlsEnvironment(const TempDir& directory) {
  auto environment = TestEnvironment();
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
  const CommandOutcome old = RunCommand(
      "/usr/bin/openssl",
      {"s_client", "-connect", "127.0.0.1:" + std::to_string(server.port()), "-tls1_1", "-cipher",
       "DEFAULT@SECLEVEL=0"},
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

}  // namespace
}  // namespace tessera::testing

namespace tessera::testing {
namespace {

TEST(ServeExpectContinue, LargeBodyAnnouncedWithExpectIsInvitedAndServed) {
  TempDir directory;
  ServerProcess server({"--demo-users"}, TestEnvironment(), directory.File("log"));
  // curl sends "Expect: 100-continue" for bodies over 1 KiB (or when told to) and waits for it.
  const std::string body =
      json{{"username", "demo-admin"}, {"password", server.DemoPassword("demo-admin")},
           {"credential", "bearer"}}
          .dump();
  const CommandOutcome posted = RunCommand(
      "/usr/bin/curl",
      {"-sS", "-i", "--expect100-timeout", "30", "-H", "Expect: 100-continue", "-H",
       "Content-Type: application/json", "--data-binary", body,
       "http://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/login"});
  ASSERT_EQ(posted.exit_code, 0) << posted.err;
  EXPECT_NE(posted.out.find("HTTP/1.1 100 Continue"), std::string::npos) << posted.out;
  EXPECT_NE(posted.out.find("HTTP/1.1 200 OK"), std::string::npos) << posted.out;
}

}  // namespace
}  // namespace tessera::testing

namespace tessera::testing {
namespace {

TEST(ServeLimits, ConnectionsBeyondTheLimitAreClosedAtOnce) {
  TempDir directory;
  auto environment = TestEnvironment();
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

}  // namespace
}  // namespace tessera::testing
