// Black-box: the record routes of the real `tessera serve` on a temporary SQLite store —
// every route once, a bad-input corpus (each a clear 4xx naming the problem, nothing changed),
// the psychotherapy-note canary over every route's output and the log, and audit completeness.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/records_api_support.hpp"
#include "http/security/totp.hpp"
#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class RecordsApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    server_ = new ServerProcess({"--demo-users", "--db", directory_->File("clinic.db")},
                                ServerTestEnvironment(), directory_->File("log"));
    ids_ = new PracticeIds(RunEveryRecordRoute(*server_));
  }
  static void TearDownTestSuite() {
    delete ids_;
    delete server_;
    delete directory_;
  }
  static ApiClient As(const std::string& user) {
    return LogIn(server_->port(), user, server_->DemoPassword(user));
  }
  // Every committed store call appends an audit entry, so an unchanged count means nothing
  // was written. (Each verification also appends one entry of its own: the audited read.)
  static std::int64_t AuditEntries(const ApiClient& admin) {
    return admin.Expect(200, "GET", "/api/v1/audit/verification").value("entries_checked", -1);
  }

  static TempDir* directory_;
  static ServerProcess* server_;
  static PracticeIds* ids_;
};
TempDir* RecordsApiTest::directory_ = nullptr;
ServerProcess* RecordsApiTest::server_ = nullptr;
PracticeIds* RecordsApiTest::ids_ = nullptr;

TEST_F(RecordsApiTest, EveryRecordRouteWorksOnSqlite) {
  EXPECT_GT(ids_->own_client, 0);
  EXPECT_GT(ids_->other_client, 0);
  EXPECT_FALSE(::testing::Test::HasFailure());
}

TEST_F(RecordsApiTest, BadInputGetsAClearClientErrorAndChangesNothing) {
  const ApiClient admin = As("demo-admin");
  const ApiClient clinician = As("demo-clinician");
  const std::string own = "/api/v1/clients/" + std::to_string(ids_->own_client);
  std::string deep;
  for (int level = 0; level < 40; ++level) deep += "[";
  for (int level = 0; level < 40; ++level) deep += "]";
  json many_goals = json::array();
  for (int index = 0; index < 1001; ++index) many_goals.push_back("g");
  struct Case {
    std::string method, target, body;
    int status;
    std::string names;  // the message must contain this
  };
  const Case cases[] = {
      {"POST", own + "/progress-notes", R"({"text": )", 400, "JSON"},
      {"POST", own + "/progress-notes", R"({"text": 5})", 400, "field 'text' must be a string"},
      {"POST", own + "/progress-notes", R"({"text": ""})", 400, "field 'text' must not be empty"},
      {"POST", own + "/progress-notes", R"({"text": "x", "colour": "red"})", 400,
       "unknown field 'colour'"},
      {"POST", own + "/progress-notes", "[1]", 400, "JSON object"},
      {"POST", own + "/progress-notes", "{\"text\": \"" + std::string(70000, 'a') + "\"}", 413, ""},
      {"POST", own + "/progress-notes", deep, 400, "nested deeper"},
      {"POST", own + "/progress-notes", R"({"text": "x", "session_id": "7"})", 400,
       "field 'session_id' must be a whole number"},
      {"POST", "/api/v1/clients/abc/progress-notes", R"({"text": "x"})", 400, "client_id"},
      {"GET", "/api/v1/clients/-1", "", 400, "client_id"},
      {"GET", "/api/v1/episodes/0/close", "", 405, ""},
      {"POST", own + "/episodes", R"({"opened_on": "2026-02-30", "reason": "r"})", 400,
       "field 'opened_on' must be a date"},
      {"POST", own + "/sessions",
       R"({"episode_id": 1, "date": "2026-01-01", "attendance": "attended",
           "techniques": [{"technique": "t", "helpfulness": 11}]})",
       400, "field 'helpfulness' must be between 0 and 10"},
      {"POST", own + "/sessions", R"({"episode_id": 1, "date": "2026-01-01", "attendance": "late"})",
       400, "attendance \"late\""},
      {"PUT", own + "/profile", R"({"expected_version": "1", "profile": {}})", 400,
       "field 'expected_version' must be a whole number"},
      {"PUT", own + "/profile", json{{"expected_version", 2}, {"profile", {{"goals", many_goals}}}}.dump(),
       400, "array"},
      {"PUT", own + "/profile", R"({"expected_version": 2, "profile": {"stage_of_change": "done"}})",
       400, "stage of change"},
      {"POST", "/api/v1/clients", R"({"identifiers": {"name": "N", "shoe_size": 9}})", 400,
       "unknown field 'shoe_size'"},
      {"POST", "/api/v1/clients", R"({"profile": {}})", 400, "field 'identifiers' is required"},
      {"GET", own + "/sessions?limit=0", "", 400, "'limit'"},
      {"GET", own + "/sessions?cursor=xyz", "", 400, "'cursor'"},
      {"GET", own + "/sessions?history=maybe", "", 400, "'history'"},
      {"GET", "/api/v1/progress-notes/search?q=a", "", 400, "'q'"},
      {"POST", own + "/break-glass", R"({"reason": "because it is urgent", "duration_minutes": 9999})",
       400, "duration_minutes"},
  };
  const std::int64_t before = AuditEntries(admin);
  for (const Case& bad : cases) {
    const HttpReply reply = clinician.Call(bad.method, bad.target, bad.body);
    SCOPED_TRACE(bad.method + " " + bad.target + " " + bad.body.substr(0, 80));
    EXPECT_EQ(reply.status, bad.status) << reply.body;
    if (!bad.names.empty()) {
      const json body = json::parse(reply.body, nullptr, false);
      ASSERT_TRUE(body.is_object()) << reply.body;
      EXPECT_NE(body["error"]["message"].get<std::string>().find(bad.names), std::string::npos)
          << reply.body;
    }
  }
  const HttpReply bad_role = admin.Call("POST", "/api/v1/users", R"({"username":"x","role":"root"})");
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_NE(json::parse(bad_role.body)["error"]["message"].get<std::string>().find("role \"root\""),
            std::string::npos)
      << bad_role.body;
  // +1: the second verification is itself audited (an entry naming the admin who read).
  EXPECT_EQ(AuditEntries(admin), before + 1) << "a rejected request reached the store";
}

// Every GET route of the OpenAPI document, as every role, with the ids of the practice: the
// psychotherapy note's text appears only in its author's own psychotherapy-notes read.
TEST_F(RecordsApiTest, PsychotherapyNoteTextAppearsNowhereButItsAuthorsOwnRead) {
  const json document = json::parse(SendRequest(server_->port(), "GET", "/api/v1/openapi.json").body);
  const std::string own_notes =
      "/api/v1/clients/" + std::to_string(ids_->own_client) + "/psychotherapy-notes";
  int reads = 0;
  for (const char* user : {"demo-admin", "demo-clinician", "demo-supervisor", "demo-client"}) {
    const ApiClient caller = As(user);
    for (const auto& [pattern, operations] : document["paths"].items()) {
      if (!operations.contains("get")) continue;
      std::string target = pattern;
      for (const auto& [name, value] :
           {std::pair<std::string, std::int64_t>{"{client_id}", ids_->own_client},
            {"{episode_id}", ids_->episode}, {"{thread_id}", ids_->thread},
            {"{user_id}", ids_->demo_client_user}}) {
        for (auto at = target.find(name); at != std::string::npos; at = target.find(name))
          target.replace(at, name.size(), std::to_string(value));
      }
      for (auto at = target.find("{therapist_id}"); at != std::string::npos; at = std::string::npos)
        target.replace(at, 14, "ana");
      if (target.find("/search") != std::string::npos) target += "?q=CANARY";
      const HttpReply reply = caller.Call("GET", target);
      ++reads;
      const bool author_reading_own = std::string(user) == "demo-clinician" && target == own_notes;
      if (author_reading_own) {
        EXPECT_NE(reply.body.find(ids_->psychotherapy_canary), std::string::npos);
      } else {
        EXPECT_EQ(reply.body.find(ids_->psychotherapy_canary), std::string::npos)
            << user << " GET " << target;
      }
    }
  }
  EXPECT_GT(reads, 40);
  EXPECT_EQ(ReadFile(directory_->File("log")).find(ids_->psychotherapy_canary), std::string::npos);
}

// Every read and write of client data leaves an audit entry naming that client.
TEST_F(RecordsApiTest, EveryClientDataCallIsAudited) {
  const ApiClient admin = As("demo-admin");
  const ApiClient clinician = As("demo-clinician");
  const std::string own = "/api/v1/clients/" + std::to_string(ids_->own_client);
  const std::pair<std::string, std::string> calls[] = {
      {"GET", own}, {"GET", own + "/profile"}, {"GET", own + "/care-team"},
      {"GET", own + "/episodes"}, {"GET", own + "/sessions"}, {"GET", own + "/progress-notes"},
      {"GET", own + "/psychotherapy-notes"}, {"GET", own + "/consultations"},
      {"POST", own + "/progress-notes"}, {"POST", own + "/consultations"},
      {"POST", own + "/psychotherapy-notes"}, {"POST", own + "/episodes"}};
  const std::map<std::string, json> bodies = {
      {own + "/progress-notes", {{"text", "audited"}}},
      {own + "/consultations", {{"topic", "audited"}}},
      {own + "/psychotherapy-notes", {{"text", "audited"}}},
      {own + "/episodes", {{"opened_on", "2026-04-01"}, {"reason", "audited"}}}};
  for (const auto& [method, target] : calls) {
    const std::int64_t before = AuditEntries(admin);
    const HttpReply reply =
        clinician.Call(method, target, method == "POST" ? bodies.at(target).dump() : "");
    EXPECT_LT(reply.status, 300) << method << " " << target << " " << reply.body;
    const json page = admin.Expect(200, "GET", "/api/v1/audit/entries?limit=200&cursor=" +
                                                   std::to_string(before));
    bool names_client = false;
    for (const json& entry : page["items"]) {
      names_client |= entry["client_id"] == ids_->own_client &&
                      (entry["action"] == "read") == (method == "GET");
    }
    EXPECT_TRUE(names_client) << method << " " << target << " left no audit entry";
  }
}

}  // namespace
}  // namespace tessera::testing

namespace tessera::testing {
namespace {

TEST_F(RecordsApiTest, TotpEnrolmentNeedsAValidCodeAndThenLoginNeedsOne) {
  const ApiClient admin = As("demo-admin");
  const std::string password = "a long passphrase for totp";
  admin.Expect(201, "POST", "/api/v1/users",
               {{"username", "totp-user"}, {"role", "clinician"}, {"password", password}});
  const ApiClient user = LogIn(server_->port(), "totp-user", password);
  const std::string secret = user.Expect(200, "POST", "/api/v1/me/totp/secret")["secret"];
  const auto bytes = http::DecodeBase32(secret);
  ASSERT_TRUE(bytes);
  EXPECT_GE(bytes->size(), 20u);
  const std::string code = http::TotpCode(*bytes, std::chrono::system_clock::now());
  const std::string wrong = code == "000000" ? "111111" : "000000";
  user.Expect(400, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", wrong}});
  user.Expect(200, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", code}});
  const auto login = [&](const json& body) {
    return SendRequest(server_->port(), "POST", "/api/v1/login", body.dump()).status;
  };
  EXPECT_EQ(login({{"username", "totp-user"}, {"password", password}}), 401);
  EXPECT_EQ(login({{"username", "totp-user"}, {"password", password},
                   {"totp_code", http::TotpCode(*bytes, std::chrono::system_clock::now())}}),
            200);
  // Replacing the factor needs a code of the enrolled one as well.
  const std::string next = user.Expect(200, "POST", "/api/v1/me/totp/secret")["secret"];
  const std::string next_code =
      http::TotpCode(*http::DecodeBase32(next), std::chrono::system_clock::now());
  user.Expect(400, "POST", "/api/v1/me/totp", {{"secret", next}, {"code", next_code}});
}

TEST(RecordsApiPolicy, AdminsWithoutTotpCannotLogInWhenThePolicyRequiresIt) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SECURITY_REQUIRE_TOTP_FOR_ADMINS"] = "true";
  ServerProcess server({"--demo-users", "--db", directory.File("clinic.db")}, environment,
                       directory.File("log"));
  const auto status = [&](const std::string& user) {
    return SendRequest(server.port(), "POST", "/api/v1/login",
                       json{{"username", user}, {"password", server.DemoPassword(user)}}.dump())
        .status;
  };
  EXPECT_EQ(status("demo-admin"), 403);
  EXPECT_EQ(status("demo-clinician"), 200);
}

}  // namespace
}  // namespace tessera::testing
