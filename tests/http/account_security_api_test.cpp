// Black-box, on the real `tessera serve` over a temporary SQLite store: password change and
// admin reset, TOTP removal and admin reset, the admin TOTP policy, audited reads of the audit
// log, the therapist list, amended client identifiers, and X-Forwarded-For only from trusted
// proxies (what the login rate limiter and the log see).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/records_api_support.hpp"
#include "http/security/totp.hpp"
#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

std::string CurrentCode(const std::string& secret) {
  return http::TotpCode(http::DecodeBase32(secret).value(), std::chrono::system_clock::now());
}

std::string WrongCode(const std::string& secret) {
  return CurrentCode(secret) == "000000" ? "111111" : "000000";
}

HttpReply LoginReply(int port, const std::string& username, const std::string& password,
                     const std::string& totp_code = {}) {
  json body = {{"username", username}, {"password", password}, {"credential", "bearer"}};
  if (!totp_code.empty()) body["totp_code"] = totp_code;
  return SendRequest(port, "POST", "/api/v1/login", body.dump());
}

// Audit entries from sequence `after` + 1 on, as the admin sees them.
std::vector<json> AuditSince(const ApiClient& admin, std::int64_t after) {
  std::vector<json> entries;
  for (std::string cursor = std::to_string(after); !cursor.empty();) {
    const json page = admin.Expect(200, "GET", "/api/v1/audit/entries?limit=200&cursor=" + cursor);
    for (const json& entry : page["items"]) entries.push_back(entry);
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
  }
  return entries;
}

class AccountSecurityApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    auto environment = ServerTestEnvironment();
    environment["TESSERA_SECURITY_LOGIN_FAILURES_PER_ACCOUNT"] = "5";
    server_ = new ServerProcess({"--demo-users", "--db", directory_->File("clinic.db")},
                                environment, directory_->File("log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete directory_;
  }
  static int Port() { return server_->port(); }
  static ApiClient As(const std::string& user) {
    return LogIn(Port(), user, server_->DemoPassword(user));
  }
  // A fresh clinician account with a known password; returns its id.
  static std::int64_t NewAccount(const std::string& username, const std::string& password) {
    return As("demo-admin")
        .Expect(201, "POST", "/api/v1/users",
                {{"username", username}, {"role", "clinician"}, {"password", password}})["id"]
        .get<std::int64_t>();
  }

  static TempDir* directory_;
  static ServerProcess* server_;
};
TempDir* AccountSecurityApiTest::directory_ = nullptr;
ServerProcess* AccountSecurityApiTest::server_ = nullptr;

TEST_F(AccountSecurityApiTest, ChangingOwnPasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  const std::string old_password = "the first passphrase";
  const std::string new_password = "the second passphrase";
  NewAccount("pw-user", old_password);
  const ApiClient here = LogIn(Port(), "pw-user", old_password);
  const ApiClient elsewhere = LogIn(Port(), "pw-user", old_password);
  const json wrong =
      here.Expect(400, "POST", "/api/v1/me/password",
                  {{"current_password", "not it at all"}, {"new_password", new_password}});
  EXPECT_NE(wrong["error"]["message"].get<std::string>().find("current_password"),
            std::string::npos);
  here.Expect(400, "POST", "/api/v1/me/password",
              {{"current_password", old_password}, {"new_password", "short"}});
  here.Expect(400, "POST", "/api/v1/me/password",
              {{"current_password", old_password}, {"new_password", old_password}});
  elsewhere.Expect(200, "GET", "/api/v1/me");
  here.Expect(200, "POST", "/api/v1/me/password",
              {{"current_password", old_password}, {"new_password", new_password}});
  here.Expect(200, "GET", "/api/v1/me");
  elsewhere.Expect(401, "GET", "/api/v1/me");
  EXPECT_EQ(LoginReply(Port(), "pw-user", old_password).status, 401);
  EXPECT_EQ(LoginReply(Port(), "pw-user", new_password).status, 200);
  // No password in the log.
  const std::string log = ReadFile(directory_->File("log"));
  EXPECT_EQ(log.find(new_password), std::string::npos);
  EXPECT_EQ(log.find(old_password), std::string::npos);
}

TEST_F(AccountSecurityApiTest, CurrentPasswordChecksCountAgainstTheLoginRateLimit) {
  // The server allows 5 failures per account per hour (TESSERA_SECURITY_...PER_ACCOUNT).
  const std::string password = "limited passphrase";
  NewAccount("limited-user", password);
  const ApiClient session = LogIn(Port(), "limited-user", password);
  for (int attempt = 0; attempt < 5; ++attempt) {
    session.Expect(400, "POST", "/api/v1/me/password",
                   {{"current_password", "guess number " + std::to_string(attempt)},
                    {"new_password", "whatever new passphrase"}});
  }
  // Now even the right password is refused before any hashing, and so is a login.
  session.Expect(429, "POST", "/api/v1/me/password",
                 {{"current_password", password}, {"new_password", "whatever new passphrase"}});
  EXPECT_EQ(LoginReply(Port(), "limited-user", password).status, 429);
}

TEST_F(AccountSecurityApiTest, AdminPasswordResetGivesAGeneratedPasswordOnceAndEndsSessions) {
  const ApiClient admin = As("demo-admin");
  const std::int64_t id = NewAccount("reset-user", "forgotten passphrase");
  const ApiClient user = LogIn(Port(), "reset-user", "forgotten passphrase");
  user.Expect(200, "GET", "/api/v1/me");  // a session in use (and in the session cache)
  const json reset =
      admin.Expect(200, "POST", "/api/v1/users/" + std::to_string(id) + "/password-reset");
  const std::string generated = reset["password"];
  EXPECT_EQ(generated.size(), 22u);
  user.Expect(401, "GET", "/api/v1/me");
  EXPECT_EQ(LoginReply(Port(), "reset-user", "forgotten passphrase").status, 401);
  EXPECT_EQ(LoginReply(Port(), "reset-user", generated).status, 200);
  EXPECT_EQ(ReadFile(directory_->File("log")).find(generated), std::string::npos);

  const json me = admin.Expect(200, "GET", "/api/v1/me");
  const std::string own = std::to_string(me["user"]["id"].get<std::int64_t>());
  admin.Expect(400, "POST", "/api/v1/users/" + own + "/password-reset");
  admin.Expect(404, "POST", "/api/v1/users/999999/password-reset");
  As("demo-clinician")
      .Expect(403, "POST", "/api/v1/users/" + std::to_string(id) + "/password-reset");
}

TEST_F(AccountSecurityApiTest, UsersRemoveTheirOwnTotpWithACurrentCode) {
  NewAccount("totp-remover", "a totp passphrase");
  const ApiClient user = LogIn(Port(), "totp-remover", "a totp passphrase");
  user.Expect(400, "POST", "/api/v1/me/totp/removal", {{"code", "123456"}});  // none enrolled
  const std::string secret = user.Expect(200, "POST", "/api/v1/me/totp/secret")["secret"];
  user.Expect(200, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", CurrentCode(secret)}});
  EXPECT_EQ(LoginReply(Port(), "totp-remover", "a totp passphrase").status, 401);  // code needed
  user.Expect(400, "POST", "/api/v1/me/totp/removal", {{"code", WrongCode(secret)}});
  user.Expect(400, "POST", "/api/v1/me/totp/removal",
              {{"code", CurrentCode(secret)}, {"secret", secret}});  // unknown field
  user.Expect(200, "POST", "/api/v1/me/totp/removal", {{"code", CurrentCode(secret)}});
  EXPECT_EQ(LoginReply(Port(), "totp-remover", "a totp passphrase").status, 200);
}

TEST_F(AccountSecurityApiTest, AdminTotpResetIsAuditedAndEndsTheUsersSessions) {
  const ApiClient admin = As("demo-admin");
  const std::int64_t id = NewAccount("lost-phone", "a lost phone passphrase");
  const ApiClient user = LogIn(Port(), "lost-phone", "a lost phone passphrase");
  const std::string secret = user.Expect(200, "POST", "/api/v1/me/totp/secret")["secret"];
  user.Expect(200, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", CurrentCode(secret)}});
  const std::int64_t before =
      admin.Expect(200, "GET", "/api/v1/audit/verification")["entries_checked"];
  admin.Expect(200, "POST", "/api/v1/users/" + std::to_string(id) + "/totp-reset");
  user.Expect(401, "GET", "/api/v1/me");
  EXPECT_EQ(LoginReply(Port(), "lost-phone", "a lost phone passphrase").status, 200);
  bool audited = false;
  for (const json& entry : AuditSince(admin, before)) {
    audited |= entry["record_type"] == "user_second_factor" &&
               entry["record_id"] == std::to_string(id) && entry["action"] == "amend";
  }
  EXPECT_TRUE(audited);
  As("demo-supervisor").Expect(403, "POST", "/api/v1/users/" + std::to_string(id) + "/totp-reset");
}

TEST_F(AccountSecurityApiTest, ReadingTheAuditLogIsItselfAudited) {
  const ApiClient admin = As("demo-admin");
  const std::int64_t admin_id = admin.Expect(200, "GET", "/api/v1/me")["user"]["id"];
  const std::int64_t before =
      admin.Expect(200, "GET", "/api/v1/audit/verification")["entries_checked"];
  const std::vector<json> entries = AuditSince(admin, before - 1);
  ASSERT_GE(entries.size(), 2u);
  // The verification just made, then this very read.
  EXPECT_EQ(entries[0]["record_type"], "audit_verification");
  EXPECT_EQ(entries[0]["action"], "verify");
  EXPECT_EQ(entries[1]["record_type"], "audit_entries");
  EXPECT_EQ(entries[1]["action"], "read");
  for (const json& entry : {entries[0], entries[1]}) {
    EXPECT_EQ(entry["actor_id"], admin_id);
    EXPECT_TRUE(entry["client_id"].is_null());
    EXPECT_EQ(entry["sensitivity"], "administrative");
  }
}

TEST_F(AccountSecurityApiTest, StaffListTherapistsPaged) {
  const ApiClient admin = As("demo-admin");
  for (const char* id : {"list-b", "list-a"}) {
    admin.Expect(201, "POST", "/api/v1/therapists",
                 {{"id", id}, {"display_name", std::string("T ") + id}, {"home_model", "cbt"}});
  }
  admin.Expect(
      200, "PUT", "/api/v1/therapists/list-a",
      {{"id", "list-a"}, {"display_name", "T renamed"}, {"home_model", "cbt"}, {"version", 1}});
  const ApiClient clinician = As("demo-clinician");
  const json first = clinician.Expect(200, "GET", "/api/v1/therapists?limit=1");
  ASSERT_EQ(first["items"].size(), 1u);
  EXPECT_EQ(first["items"][0]["id"], "list-a");
  EXPECT_EQ(first["items"][0]["display_name"], "T renamed");
  EXPECT_EQ(first["items"][0]["version"], 2);
  ASSERT_TRUE(first["next_cursor"].is_string());
  const json second = clinician.Expect(
      200, "GET", "/api/v1/therapists?limit=1&cursor=" + first["next_cursor"].get<std::string>());
  EXPECT_EQ(second["items"][0]["id"], "list-b");
  As("demo-client").Expect(403, "GET", "/api/v1/therapists");
  clinician.Expect(400, "GET", "/api/v1/therapists?limit=0");
}

TEST_F(AccountSecurityApiTest, ClientIdentifierAmendmentsAreVersionedAndAudited) {
  const ApiClient admin = As("demo-admin");
  const ApiClient clinician = As("demo-clinician");
  const std::int64_t client = clinician.Expect(
      201, "POST", "/api/v1/clients", {{"identifiers", {{"name", "Registered Name"}}}})["id"];
  const std::string path = "/api/v1/clients/" + std::to_string(client);
  EXPECT_EQ(clinician.Expect(200, "GET", path)["identifiers_version"], 1);
  const json amended = {
      {"expected_version", 1},
      {"identifiers", {{"name", "Amended Name"}, {"date_of_birth", "1990-05-06"}}}};
  const std::int64_t before =
      admin.Expect(200, "GET", "/api/v1/audit/verification")["entries_checked"];
  EXPECT_EQ(clinician.Expect(200, "PUT", path + "/identifiers", amended)["identifiers_version"], 2);
  const json read = clinician.Expect(200, "GET", path);
  EXPECT_EQ(read["identifiers"]["name"], "Amended Name");
  EXPECT_EQ(read["identifiers"]["date_of_birth"], "1990-05-06");
  EXPECT_EQ(read["identifiers_version"], 2);
  const json stale = clinician.Expect(409, "PUT", path + "/identifiers", amended);
  EXPECT_NE(stale["error"]["message"].get<std::string>().find("reload and retry"),
            std::string::npos);
  bool audited = false;
  for (const json& entry : AuditSince(admin, before)) {
    audited |= entry["action"] == "amend" && entry["record_type"] == "client_identifiers" &&
               entry["client_id"] == client && entry["sensitivity"] == "identifying";
  }
  EXPECT_TRUE(audited);
  // Bad input names the problem; another clinician's client looks missing.
  const json no_name = clinician.Expect(400, "PUT", path + "/identifiers",
                                        {{"expected_version", 2}, {"identifiers", json::object()}});
  EXPECT_NE(no_name.dump().find("name"), std::string::npos);
  clinician.Expect(
      400, "PUT", path + "/identifiers",
      {{"expected_version", 2}, {"identifiers", {{"name", "X"}, {"date_of_birth", "06/05/1990"}}}});
  clinician.Expect(400, "PUT", path + "/identifiers", {{"identifiers", {{"name", "X"}}}});
  const std::int64_t other =
      admin.Expect(201, "POST", "/api/v1/clients", {{"identifiers", {{"name", "Other"}}}})["id"];
  clinician.Expect(404, "PUT", "/api/v1/clients/" + std::to_string(other) + "/identifiers",
                   {{"expected_version", 1}, {"identifiers", {{"name", "X"}}}});
  As("demo-client").Expect(403, "PUT", path + "/identifiers", amended);
  EXPECT_EQ(clinician.Expect(200, "GET", path)["identifiers"]["name"], "Amended Name");
  // Both versions stay readable, oldest first.
  const json history = clinician.Expect(200, "GET", path + "/identifiers/versions");
  ASSERT_EQ(history["items"].size(), 2u);
  EXPECT_EQ(history["items"][0]["version"], 1);
  EXPECT_EQ(history["items"][0]["name"], "Registered Name");
  EXPECT_EQ(history["items"][1]["version"], 2);
  EXPECT_EQ(history["items"][1]["name"], "Amended Name");
  EXPECT_EQ(history["items"][1]["date_of_birth"], "1990-05-06");
  clinician.Expect(404, "GET",
                   "/api/v1/clients/" + std::to_string(other) + "/identifiers/versions");
  As("demo-client").Expect(403, "GET", path + "/identifiers/versions");
}

TEST_F(AccountSecurityApiTest, TheNewRoutesAreInTheOpenApiDocument) {
  const json paths = json::parse(SendRequest(Port(), "GET", "/api/v1/openapi.json").body)["paths"];
  const std::pair<const char*, const char*> routes[] = {
      {"/api/v1/me/password", "post"},
      {"/api/v1/me/totp/removal", "post"},
      {"/api/v1/users/{user_id}/password-reset", "post"},
      {"/api/v1/users/{user_id}/totp-reset", "post"},
      {"/api/v1/therapists", "get"},
      {"/api/v1/clients/{client_id}/identifiers", "put"},
      {"/api/v1/clients/{client_id}/identifiers/versions", "get"}};
  for (const auto& [path, method] : routes) {
    ASSERT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(paths[path].contains(method)) << method << " " << path;
  }
  EXPECT_TRUE(paths["/api/v1/me/password"]["post"].contains("requestBody"));
}

// The admin TOTP policy: with security.require_totp_for_admins on, an enrolled admin cannot
// remove their own factor (another admin resets it).
TEST(AccountSecurityPolicy, AdminsCannotRemoveTheirOwnTotpWhenItIsRequired) {
  TempDir directory;
  const std::string db = directory.File("clinic.db");
  std::string secret;
  std::string password;
  {
    ServerProcess first({"--demo-users", "--db", db}, ServerTestEnvironment(),
                        directory.File("log1"));
    password = first.DemoPassword("demo-admin");
    const ApiClient admin = LogIn(first.port(), "demo-admin", password);
    secret = admin.Expect(200, "POST", "/api/v1/me/totp/secret")["secret"];
    admin.Expect(200, "POST", "/api/v1/me/totp",
                 {{"secret", secret}, {"code", CurrentCode(secret)}});
  }
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SECURITY_REQUIRE_TOTP_FOR_ADMINS"] = "true";
  ServerProcess second({"--db", db}, environment, directory.File("log2"));
  const HttpReply login = LoginReply(second.port(), "demo-admin", password, CurrentCode(secret));
  ASSERT_EQ(login.status, 200) << login.body;
  const ApiClient admin{second.port(), json::parse(login.body)["token"].get<std::string>()};
  const json refused =
      admin.Expect(403, "POST", "/api/v1/me/totp/removal", {{"code", CurrentCode(secret)}});
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("require_totp_for_admins"),
            std::string::npos);
}

// X-Forwarded-For: believed only from a configured trusted proxy; the forwarded client is what
// the per-address login limit and the log see.
TEST(ForwardedFor, OnlyTrustedProxiesNameTheClient) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SECURITY_LOGIN_FAILURES_PER_ADDRESS"] = "3";
  environment["TESSERA_SERVER_TRUSTED_PROXIES"] = "127.0.0.1";
  ServerProcess server({"--demo-users", "--db", directory.File("clinic.db")}, environment,
                       directory.File("log"));
  const auto attempt = [&](const std::string& forwarded_for, int number) {
    return SendRequest(server.port(), "POST", "/api/v1/login",
                       json{{"username", "nobody-" + std::to_string(number)},
                            {"password", "wrong password"}}
                           .dump(),
                       {{"X-Forwarded-For", forwarded_for}})
        .status;
  };
  // The client prepends a made-up address; the proxy (127.0.0.1, trusted) appends the real one.
  for (int number = 0; number < 3; ++number)
    EXPECT_EQ(attempt("203.0.113.77, 198.51.100.1", number), 401);
  EXPECT_EQ(attempt("203.0.113.77, 198.51.100.1", 3), 429);  // that client is at its limit
  EXPECT_EQ(attempt("198.51.100.2", 4), 401);                // another client is not
  // The log is written asynchronously: stopping the server flushes every accepted line.
  server.Stop();
  const std::string log = ReadFile(directory.File("log"));
  EXPECT_NE(log.find(R"("source":"198.51.100.1")"), std::string::npos);
  EXPECT_EQ(log.find("203.0.113.77"), std::string::npos);
}

TEST(ForwardedFor, IsIgnoredFromUntrustedPeers) {
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_SECURITY_LOGIN_FAILURES_PER_ADDRESS"] = "3";
  ServerProcess server({"--demo-users", "--db", directory.File("clinic.db")}, environment,
                       directory.File("log"));
  // A new made-up address each time does not escape the per-address limit of the real peer.
  for (int number = 0; number < 4; ++number) {
    const int status = SendRequest(server.port(), "POST", "/api/v1/login",
                                   json{{"username", "nobody-" + std::to_string(number)},
                                        {"password", "wrong password"}}
                                       .dump(),
                                   {{"X-Forwarded-For", "198.51.100." + std::to_string(number)}})
                           .status;
    EXPECT_EQ(status, number < 3 ? 401 : 429) << number;
  }
  server.Stop();  // flushes the asynchronous log
  const std::string log = ReadFile(directory.File("log"));
  EXPECT_NE(log.find(R"("source":"127.0.0.1")"), std::string::npos);
  EXPECT_EQ(log.find("198.51.100."), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
