// Black-box: the record routes of the real `tessera serve` on a temporary SQLite store — the
// whole route scenario ran (api_fixture.hpp), a bad-input corpus (each a clear 4xx naming the
// problem, nothing changed), TOTP enrolment. The canary, audit and coverage checks over every
// route: api_replay_test.cpp; the clinical bad-input corpus: clinical_api_test.cpp.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api_fixture.hpp"
#include "http/security/totp.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class RecordsApiTest : public ApiTest {};

TEST_F(RecordsApiTest, TheRouteScenarioRanWithoutFailures) {
  EXPECT_GT(ids().own_client, 0);
  EXPECT_GT(ids().other_client, 0);
  EXPECT_GT(ids().plan, 0);
  EXPECT_GT(ids().alert, 0);
  EXPECT_FALSE(::testing::Test::HasFailure());
}

TEST_F(RecordsApiTest, BadInputGetsAClearClientErrorAndChangesNothing) {
  const ApiClient admin = As("demo-admin");
  const ApiClient clinician = As("demo-clinician");
  const std::string own = "/api/v1/clients/" + std::to_string(ids().own_client);
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
      {"POST", own + "/progress-notes", R"({"text": 5})", 400, "text: expected a string"},
      {"POST", own + "/progress-notes", R"({"text": ""})", 400, "text: must not be empty"},
      {"POST", own + "/progress-notes", R"({"text": "x", "colour": "red"})", 400,
       "colour: unknown field"},
      {"POST", own + "/progress-notes", "[1]", 400, "(top level): expected an object"},
      {"POST", own + "/progress-notes", "{\"text\": \"" + std::string(70000, 'a') + "\"}", 413, ""},
      {"POST", own + "/progress-notes", deep, 400, "nested deeper"},
      {"POST", own + "/progress-notes", R"({"text": "x", "session_id": "7"})", 400,
       "session_id: expected a whole number"},
      {"POST", "/api/v1/clients/abc/progress-notes", R"({"text": "x"})", 400, "client_id"},
      {"GET", "/api/v1/clients/-1", "", 400, "client_id"},
      {"GET", "/api/v1/episodes/0/close", "", 405, ""},
      {"POST", own + "/episodes", R"({"opened_on": "2026-02-30", "reason": "r"})", 400,
       "opened_on: expected a date YYYY-MM-DD"},
      {"POST", own + "/sessions",
       R"({"episode_id": 1, "date": "2026-01-01", "attendance": "attended",
           "techniques": [{"technique": "t", "helpfulness": 11}]})",
       400, "helpfulness: 11 is out of range 0..10"},
      {"POST", own + "/sessions",
       R"({"episode_id": 1, "date": "2026-01-01", "attendance": "late"})", 400,
       "attendance \"late\""},
      {"PUT", own + "/profile", R"({"expected_version": "1", "profile": {}})", 400,
       "expected_version: expected a whole number"},
      {"PUT", own + "/profile",
       json{{"expected_version", 2}, {"profile", {{"goals", many_goals}}}}.dump(), 400,
       "profile.goals[1000]: more than 1000 elements"},
      {"PUT", own + "/profile",
       R"({"expected_version": 2, "profile": {"stage_of_change": "done"}})", 400,
       "stage of change"},
      // Issue 16: a PUT replaces the whole profile; one with fields left out (which silently
      // wiped goals, traits and stage) is refused naming them.
      {"PUT", own + "/profile", R"({"expected_version": 2, "profile": {"goals": ["sleep"]}})", 400,
       "missing: problems, traits, stage_of_change, preferences, risks"},
      {"PUT", own + "/profile",
       R"({"expected_version": 2, "profile": {"problems": [], "traits": {}, "preferences": {},
           "goals": [], "risks": []}})",
       400, "missing: stage_of_change"},
      {"POST", "/api/v1/clients", R"({"identifiers": {"name": "N", "shoe_size": 9}})", 400,
       "shoe_size: unknown field"},
      {"POST", "/api/v1/clients", R"({"profile": {}})", 400, "field 'identifiers' is required"},
      {"GET", own + "/sessions?limit=0", "", 400, "'limit'"},
      {"GET", own + "/sessions?cursor=xyz", "", 400, "'cursor'"},
      {"GET", own + "/sessions?history=maybe", "", 400, "'history'"},
      {"GET", "/api/v1/progress-notes/search?q=a", "", 400, "'q'"},
      {"POST", own + "/break-glass",
       R"({"reason": "because it is urgent", "duration_minutes": 9999})", 400, "duration_minutes"},
      // Issue 16, strict input: a member given twice (which one counts differs between
      // parsers), a byte-order mark, an id with leading zeros, an unknown query parameter.
      {"POST", own + "/progress-notes", R"({"text": "first", "text": "second"})", 400,
       "text: appears twice"},
      {"PUT", own + "/profile", R"({"expected_version": 1, "expected_version": 9, "profile": {}})",
       400, "expected_version: appears twice"},
      {"POST", own + "/progress-notes", "\xEF\xBB\xBF{\"text\": \"x\"}", 400, "byte-order mark"},
      {"GET", "/api/v1/clients/0" + std::to_string(ids().own_client), "", 400,
       "'client_id' must be written without leading zeros"},
      {"GET", own + "/sessions?client_id=25", "", 400, "unknown query parameter 'client_id'"},
      {"GET", own + "?limit=5", "", 400, "unknown query parameter 'limit'"},
      {"GET", "/api/v1/progress-notes/search?q=abc&colour=red&x=1", "", 400,
       "unknown query parameters 'colour', 'x'"},
  };
  const std::int64_t before = AuditLength();
  const std::string tables_before = RecordTableCounts();
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
  const HttpReply bad_role =
      admin.Call("POST", "/api/v1/users", R"({"username":"x","role":"root"})");
  EXPECT_EQ(bad_role.status, 400);
  EXPECT_NE(json::parse(bad_role.body)["error"]["message"].get<std::string>().find("role \"root\""),
            std::string::npos)
      << bad_role.body;
  // `GET /audit/entries?client_id=25` returned every entry: the filter now exists (a client's
  // access history), and a malformed one is refused by name before the store.
  const HttpReply unfiltered = admin.Call("GET", "/api/v1/audit/entries?client_id=abc");
  EXPECT_EQ(unfiltered.status, 400) << unfiltered.body;
  EXPECT_NE(unfiltered.body.find("'client_id'"), std::string::npos) << unfiltered.body;
  // Framing a proxy could read differently (request smuggling): only a single chunked coding.
  const std::string note = R"({"text": "smuggled"})";
  const std::string head = "POST " + own +
                           "/progress-notes HTTP/1.1\r\nHost: x\r\n"
                           "Authorization: Bearer " +
                           clinician.token +
                           "\r\n"
                           "Content-Type: application/json\r\n";
  const std::string chunked_body = "14\r\n" + note + "\r\n0\r\n\r\n";
  const std::pair<std::string, std::string> framings[] = {
      {"Transfer-Encoding: xchunked\r\nContent-Length: 20\r\n\r\n" + note, "'xchunked'"},
      {"Transfer-Encoding: gzip, chunked\r\n\r\n" + chunked_body, "'gzip, chunked'"},
      {"Transfer-Encoding: identity\r\nContent-Length: 20\r\n\r\n" + note, "'identity'"},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked_body,
       ""},  // Beast refuses this one itself
      {"Transfer-Encoding: chunked\r\nContent-Length: 20\r\n\r\n" + chunked_body, ""},
      {"Content-Length: 20\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked_body, ""},
  };
  for (const auto& [framing, names] : framings) {
    SCOPED_TRACE(framing.substr(0, 60));
    const HttpReply reply = SendRaw(server().port(), head + framing);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find(names), std::string::npos) << reply.body;
  }
  EXPECT_EQ(AuditLength(), before) << "a rejected request reached the store";
  EXPECT_EQ(RecordTableCounts(), tables_before);
  // The one framing allowed still works.
  const HttpReply chunked = SendRaw(server().port(), head +
                                                         "Connection: close\r\n"
                                                         "Transfer-Encoding: chunked\r\n\r\n" +
                                                         chunked_body);
  EXPECT_EQ(chunked.status, 201) << chunked.body;
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
  const ApiClient user = LogIn(server().port(), "totp-user", password);
  const std::string secret = user.Expect(200, "POST", "/api/v1/me/totp/secret")["secret"];
  const auto bytes = http::DecodeBase32(secret);
  ASSERT_TRUE(bytes);
  EXPECT_GE(bytes->size(), 20u);
  const std::string code = http::TotpCode(*bytes, std::chrono::system_clock::now());
  const std::string wrong = code == "000000" ? "111111" : "000000";
  user.Expect(400, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", wrong}});
  user.Expect(200, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", code}});
  const auto login = [&](const json& body) {
    return SendRequest(server().port(), "POST", "/api/v1/login", body.dump()).status;
  };
  EXPECT_EQ(login({{"username", "totp-user"}, {"password", password}}), 401);
  EXPECT_EQ(login({{"username", "totp-user"},
                   {"password", password},
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
