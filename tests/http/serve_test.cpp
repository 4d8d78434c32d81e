// Black-box: the real `tessera serve` binary on a free loopback port, spoken to over sockets.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    server_ = new ServerProcess({"--demo-users"}, ServerTestEnvironment(), directory_->File("log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete directory_;
  }
  static int port() { return server_->port(); }

  static json Login(const std::string& username, const std::string& credential) {
    const HttpReply reply = SendRequest(port(), "POST", "/api/v1/login",
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
  for (const char* attribute :
       {"__Host-tessera_session=", "Secure", "HttpOnly", "SameSite=Strict", "Path=/"}) {
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
  const HttpReply unknown =
      SendRequest(port(), "POST", "/api/v1/login", R"({"username":"nobody","password":"guess"})");
  const HttpReply wrong = SendRequest(port(), "POST", "/api/v1/login",
                                      R"({"username":"demo-admin","password":"guess"})");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_F(ServeTest, HugeBodyIsRefusedWith413NamingTheLimit) {
  // The header announces 10 MB; the server refuses as soon as it reads it.
  const HttpReply reply =
      SendRaw(port(),
              "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              "Content-Length: 10000000\r\n\r\n" +
                  std::string(1000, '['));
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
      {std::string(100, '[') + std::string(100, ']'), "nested deeper than 32 levels"},
      {R"({"username": "a", "password": )", "malformed JSON at byte"},
      {R"({"username":"a","password":"b","admin":true})", "admin: unknown field"},
  };
  for (const auto& test_case : cases) {
    const HttpReply reply = SendRequest(port(), "POST", "/api/v1/login", test_case.body);
    EXPECT_EQ(reply.status, 400) << test_case.body.substr(0, 40);
    EXPECT_NE(
        json::parse(reply.body)["error"]["message"].get<std::string>().find(test_case.message_part),
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
  // The log is written asynchronously (within milliseconds): wait for the /me line.
  std::string log;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    log = ReadFile(directory_->File("log"));
    if (log.find("\"route\":\"GET /api/v1/me\"") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::istringstream lines(log);
  std::string line;
  int request_lines = 0;
  while (std::getline(lines, line)) {
    const json entry = json::parse(line);  // every line is one JSON object
    if (entry["event"] == "request") ++request_lines;
    EXPECT_TRUE(entry.contains("request_id")) << line;
  }
  EXPECT_GE(request_lines, 2);
  for (const std::string& secret :
       {server_->DemoPassword("demo-client"), login["token"].get<std::string>(),
        login["csrf_token"].get<std::string>(), std::string("panic"), std::string("demo-client")}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST_F(ServeTest, SlowClientIsDisconnected) {
  // The request never completes; the 2 s request timeout must close the connection.
  EXPECT_TRUE(ServerClosesIdleConnection(port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n", 30));
}

}  // namespace
}  // namespace tessera::testing
