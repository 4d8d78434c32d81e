#include "http/records_api_support.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

#include "http/security/totp.hpp"

namespace tessera::testing {

using nlohmann::json;

namespace {

std::vector<Exchange>& Exchanges() {
  static std::vector<Exchange> exchanges;
  return exchanges;
}

// token -> username, for the record of each exchange.
std::map<std::string, std::string>& Usernames() {
  static std::map<std::string, std::string> usernames;
  return usernames;
}

HttpReply Recorded(const std::string& user, const std::string& method, const std::string& target,
                   const std::string& request, HttpReply reply) {
  Exchanges().push_back({user, method, target, reply.status, reply.body, request});
  return reply;
}

}  // namespace

const std::vector<Exchange>& RecordedExchanges() { return Exchanges(); }
void ForgetRecordedExchanges() { Exchanges().clear(); }

HttpReply CallPublic(int port, const std::string& method, const std::string& target,
                     const std::string& body) {
  return Recorded("", method, target, body, SendRequest(port, method, target, body));
}

HttpReply ApiClient::Call(const std::string& method, const std::string& target,
                          const std::string& body,
                          const std::map<std::string, std::string>& headers) const {
  const auto user = Usernames().find(token);
  std::map<std::string, std::string> sent = headers;
  sent["Authorization"] = "Bearer " + token;
  return Recorded(user == Usernames().end() ? "?" : user->second, method, target, body,
                  SendRequest(port, method, target, body, sent));
}

json ApiClient::Expect(int status, const std::string& method, const std::string& target,
                       const json& body) const {
  const HttpReply reply = Call(method, target, body.is_null() ? std::string() : body.dump());
  EXPECT_EQ(reply.status, status) << method << " " << target << " -> " << reply.body;
  return json::parse(reply.body, nullptr, false);
}

ApiClient LogIn(int port, const std::string& username, const std::string& password) {
  const HttpReply reply = CallPublic(
      port, "POST", "/api/v1/login",
      json{{"username", username}, {"password", password}, {"credential", "bearer"}}.dump());
  EXPECT_EQ(reply.status, 200) << username << ": " << reply.body;
  if (reply.status != 200) return {port, ""};
  const std::string token = json::parse(reply.body)["token"].get<std::string>();
  Usernames()[token] = username;
  return {port, token};
}

namespace {

std::string CurrentCode(const std::string& secret) {
  const auto bytes = http::DecodeBase32(secret);
  EXPECT_TRUE(bytes) << secret;
  return bytes ? http::TotpCode(*bytes, std::chrono::system_clock::now()) : "";
}

// The routes that hold no client data: system, TOTP enrolment and removal, password change and
// reset, logout.
void RunSystemAndSessionRoutes(int port, const ApiClient& admin) {
  EXPECT_EQ(CallPublic(port, "GET", "/healthz").status, 200);
  EXPECT_EQ(CallPublic(port, "GET", "/metrics").status, 200);
  EXPECT_EQ(CallPublic(port, "GET", "/api/v1/openapi.json").status, 200);
  const std::string password = "scenario passphrase for totp";
  const std::string user_id = std::to_string(
      admin
          .Expect(201, "POST", "/api/v1/users",
                  {{"username", "totp-scenario"}, {"role", "supervisor"}, {"password", password}})
          .value("id", 0));
  // A supervisor's first login makes their psychotherapy-note key and shows its recovery code.
  const HttpReply first_login = CallPublic(
      port, "POST", "/api/v1/login",
      json{{"username", "totp-scenario"}, {"password", password}, {"credential", "bearer"}}.dump());
  EXPECT_EQ(first_login.status, 200) << first_login.body;
  const json first_body = json::parse(first_login.body, nullptr, false);
  EXPECT_EQ(first_body["note_key"]["state"], "created") << first_login.body;
  const std::string recovery_code = first_body["note_key"].value("recovery_code", "");
  const ApiClient first{port, first_body.value("token", "")};
  Usernames()[first.token] = "totp-scenario";
  const std::string lost = first.Expect(200, "POST", "/api/v1/me/totp/secret").value("secret", "");
  first.Expect(200, "POST", "/api/v1/me/totp", {{"secret", lost}, {"code", CurrentCode(lost)}});
  admin.Expect(200, "POST", "/api/v1/users/" + user_id + "/totp-reset");
  // A staff account's address for the lead clinician's notifications (issue 15), then cleared.
  EXPECT_EQ(admin.Expect(200, "PUT", "/api/v1/users/" + user_id + "/email",
                         {{"email", "totp-scenario@clinic.example"}})["email"],
            "totp-scenario@clinic.example");
  admin.Expect(200, "PUT", "/api/v1/users/" + user_id + "/email", {{"email", ""}});
  first.Expect(401, "GET", "/api/v1/me");
  const ApiClient user = LogIn(port, "totp-scenario", password);
  const std::string secret = user.Expect(200, "POST", "/api/v1/me/totp/secret").value("secret", "");
  user.Expect(200, "POST", "/api/v1/me/totp", {{"secret", secret}, {"code", CurrentCode(secret)}});
  user.Expect(200, "POST", "/api/v1/me/totp/removal", {{"code", CurrentCode(secret)}});
  EXPECT_EQ(user.Expect(200, "POST", "/api/v1/me/password",
                        {{"current_password", password},
                         {"new_password", "the scenario's second passphrase"}})["note_key"],
            "unlocked");
  user.Expect(200, "POST", "/api/v1/logout");
  user.Expect(401, "GET", "/api/v1/me");
  const std::string reset =
      admin.Expect(200, "POST", "/api/v1/users/" + user_id + "/password-reset")
          .value("password", "");
  EXPECT_EQ(reset.size(), 22u);
  // The reset sealed the note key: only the recovery code opens it (decision 0131).
  const ApiClient after_reset = LogIn(port, "totp-scenario", reset);
  const json recovered =
      after_reset.Expect(200, "POST", "/api/v1/me/note-key/recovery",
                         {{"recovery_code", recovery_code}, {"password", reset}});
  EXPECT_EQ(recovered["note_key"], "unlocked");
  EXPECT_NE(recovered.value("recovery_code", ""), recovery_code);
  // Notes still in clear from before notes were sealed: none on a new store.
  EXPECT_EQ(admin.Expect(200, "GET", "/api/v1/psychotherapy-notes/unsealed")["items"].size(), 0u);
}

}  // namespace

PracticeIds RunEveryRecordRoute(const ServerProcess& server) {
  const int port = server.port();
  PracticeIds ids;
  const ApiClient admin = LogIn(port, "demo-admin", server.DemoPassword("demo-admin"));
  const ApiClient clinician = LogIn(port, "demo-clinician", server.DemoPassword("demo-clinician"));
  const ApiClient supervisor =
      LogIn(port, "demo-supervisor", server.DemoPassword("demo-supervisor"));
  const ApiClient client = LogIn(port, "demo-client", server.DemoPassword("demo-client"));
  RunSystemAndSessionRoutes(port, admin);

  // Accounts.
  const json created = admin.Expect(201, "POST", "/api/v1/users",
                                    {{"username", "clinician-b"}, {"role", "clinician"}});
  ids.clinician_b_password = created.value("password", "");
  EXPECT_EQ(ids.clinician_b_password.size(), 22u);
  const json users = admin.Expect(200, "GET", "/api/v1/users?limit=50");
  std::int64_t supervisor_id = 0;
  std::int64_t clinician_b_id = 0;
  for (const json& user : users["items"]) {
    EXPECT_FALSE(user.contains("password_hash"));
    if (user["username"] == "demo-client") ids.demo_client_user = user["id"];
    if (user["username"] == "demo-supervisor") supervisor_id = user["id"];
    if (user["username"] == "clinician-b") clinician_b_id = user["id"];
  }
  const ApiClient clinician_b = LogIn(port, "clinician-b", ids.clinician_b_password);

  // Therapists.
  admin.Expect(201, "POST", "/api/v1/therapists",
               {{"id", "ana"},
                {"display_name", "Ana"},
                {"home_model", "cbt"},
                {"style", {{"directiveness", 0.6}}},
                {"competencies",
                 {{{"model", "cbt"}, {"level", "expert"}, {"supervised_hours", 200}},
                  {{"model", "act"}, {"level", "proficient"}}}}});  // a former word (decision 0220)
  const json ana_profile = clinician.Expect(200, "GET", "/api/v1/therapists/ana");
  EXPECT_EQ(ana_profile["version"], 1);
  EXPECT_EQ(ana_profile["competencies"][1]["level"], "competent");  // the one scale
  EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/therapists?limit=5")["items"].size(), 1u);
  EXPECT_EQ(admin.Expect(200, "PUT", "/api/v1/therapists/ana",
                         {{"id", "ana"},
                          {"display_name", "Ana R."},
                          {"home_model", "cbt"},
                          {"version", 1}})["version"],
            2);
  EXPECT_EQ(supervisor.Expect(200, "GET", "/api/v1/therapists")["items"][0]["id"], "ana");

  // Clients, profile, care team, client account link.
  ids.own_client =
      clinician
          .Expect(
              201, "POST", "/api/v1/clients",
              {{"identifiers", {{"name", "Client A"}, {"date_of_birth", "1990-04-01"}}},
               {"profile", {{"goals", {"sleep better"}}, {"stage_of_change", "contemplation"}}}})
          .value("id", 0);
  const std::string own = "/api/v1/clients/" + std::to_string(ids.own_client);
  EXPECT_EQ(clinician.Expect(200, "GET", own)["identifiers"]["name"], "Client A");
  EXPECT_FALSE(clinician.Expect(200, "GET", own + "/profile").contains("identifiers"));
  EXPECT_EQ(
      clinician.Expect(200, "PUT", own + "/profile",
                       {{"expected_version", 1},
                        {"profile", WholeProfile({{"goals", {"sleep"}}})}})["profile_version"],
      2);
  clinician.Expect(409, "PUT", own + "/profile",
                   {{"expected_version", 1}, {"profile", WholeProfile({{"goals", {"stale"}}})}});
  EXPECT_EQ(clinician.Expect(200, "PUT", own + "/identifiers",
                             {{"expected_version", 1},
                              {"identifiers",
                               {{"name", "Client A"},
                                {"date_of_birth", "1990-04-01"},
                                {"contact", "a@example.org"}}}})["identifiers_version"],
            2);
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/identifiers/versions")["items"].size(), 2u);
  clinician.Expect(409, "PUT", own + "/identifiers",
                   {{"expected_version", 1}, {"identifiers", {{"name", "Stale"}}}});
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/summary")["name"], "Client A");
  clinician.Expect(201, "POST", own + "/care-team",
                   {{"user_id", supervisor_id}, {"role", "supervisor"}});
  const json care_team = supervisor.Expect(200, "GET", own + "/care-team");
  EXPECT_EQ(care_team["items"].size(), 2u);
  for (const json& member : care_team["items"])
    EXPECT_FALSE(member.value("name", "").empty()) << care_team.dump();
  // Taken off and added again; the lead clinician is never removed.
  const std::string supervisor_member = own + "/care-team/" + std::to_string(supervisor_id);
  EXPECT_EQ(clinician.Expect(200, "DELETE", supervisor_member)["removed"], true);
  EXPECT_EQ(clinician.Expect(200, "DELETE", supervisor_member)["removed"], false);
  clinician.Expect(201, "POST", own + "/care-team",
                   {{"user_id", supervisor_id}, {"role", "supervisor"}});
  for (const json& member : care_team["items"]) {
    if (member["role"] == "lead")
      clinician.Expect(409, "DELETE",
                       own + "/care-team/" + std::to_string(member["user_id"].get<std::int64_t>()));
  }
  admin.Expect(200, "POST",
               "/api/v1/users/" + std::to_string(ids.demo_client_user) + "/client-link",
               {{"client_id", ids.own_client}});

  // Episodes, sessions with techniques and helpfulness ratings.
  ids.episode = clinician
                    .Expect(201, "POST", own + "/episodes",
                            {{"opened_on", "2026-01-05"}, {"reason", "low mood"}})
                    .value("id", 0);
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/episodes")["items"].size(), 1u);
  const json session = clinician.Expect(
      201, "POST", own + "/sessions",
      {{"episode_id", ids.episode},
       {"date", "2026-01-12"},
       {"attendance", "attended"},
       {"techniques", {{{"technique", "cbt.thought_record"}, {"helpfulness", 8}}}}});
  clinician.Expect(201, "POST", own + "/sessions",
                   {{"episode_id", ids.episode},
                    {"date", "2026-01-12"},
                    {"attendance", "attended"},
                    {"supersedes", session["id"]},
                    {"amendment_reason", "the technique was not used after all"}});
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/sessions")["items"].size(), 1u);
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/sessions?history=true")["items"].size(), 2u);

  // Notes, psychotherapy notes, consultation threads.
  clinician.Expect(201, "POST", own + "/progress-notes",
                   {{"text", "discussed sleep diary"}, {"session_id", session["id"]}});
  EXPECT_EQ(supervisor.Expect(200, "GET", own + "/progress-notes")["items"].size(), 1u);
  EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/progress-notes/search?q=sleep")["items"].size(),
            1u);
  ids.psychotherapy_canary = "CANARY-process-note-7f3a9";
  clinician.Expect(201, "POST", own + "/psychotherapy-notes", {{"text", ids.psychotherapy_canary}});
  const json mine = clinician.Expect(200, "GET", own + "/psychotherapy-notes");
  EXPECT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(supervisor.Expect(200, "GET", own + "/psychotherapy-notes")["items"].size(), 0u);
  admin.Expect(403, "GET", own + "/psychotherapy-notes");
  ids.thread = clinician.Expect(201, "POST", own + "/consultations", {{"topic", "sleep plan"}})
                   .value("id", 0);
  supervisor.Expect(201, "POST",
                    "/api/v1/consultations/" + std::to_string(ids.thread) + "/messages",
                    {{"text", "try stimulus control"}});
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/consultations")["items"][0]["messages"].size(),
            1u);
  EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/consultations")["items"][0]["unread"], 1);

  // The client account sees its own record only.
  const json listed = client.Expect(200, "GET", "/api/v1/clients");
  EXPECT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"].dump(),
            json::array({{{"id", ids.own_client}, {"name", "Client A"}}}).dump());
  client.Expect(200, "GET", own);
  client.Expect(200, "GET", own + "/sessions");
  client.Expect(403, "GET", own + "/progress-notes");

  // Another clinician's client: the same 404 as a missing one.
  ids.other_client =
      clinician_b.Expect(201, "POST", "/api/v1/clients", {{"identifiers", {{"name", "Client B"}}}})
          .value("id", 0);
  const std::string other = "/api/v1/clients/" + std::to_string(ids.other_client);
  const json not_yours = clinician.Expect(404, "GET", other);
  const json missing = clinician.Expect(404, "GET", "/api/v1/clients/999999");
  EXPECT_EQ(not_yours["error"]["code"], missing["error"]["code"]);
  client.Expect(404, "GET", other);
  // The caseload comes with names, one page at a time; another clinician's client is not in it.
  const json caseload = clinician.Expect(200, "GET", "/api/v1/clients?limit=1");
  EXPECT_EQ(caseload["items"].dump(),
            json::array({{{"id", ids.own_client}, {"name", "Client A"}}}).dump());
  EXPECT_EQ(caseload["next_cursor"], nullptr);

  // Teams and supervision (docs/decisions/0210-supervision-read-access.md): the supervisor of
  // clinician-b's team reads clinician-b's client for supervision, writes nothing there, and
  // has it in the team view with its lead; nobody else has a team view.
  supervisor.Expect(404, "GET", other + "/summary");
  const json team = admin.Expect(201, "POST", "/api/v1/teams", {{"name", "Team B"}});
  admin.Expect(409, "POST", "/api/v1/teams", {{"name", "Team B"}});
  const std::string renamed = "/api/v1/teams/" + std::to_string(team.value("id", 0)) + "/name";
  admin.Expect(400, "PUT", renamed, {{"name", ""}});
  EXPECT_EQ(admin.Expect(200, "PUT", renamed, {{"name", "Team B (Sue)"}})["name"], "Team B (Sue)");
  supervisor.Expect(403, "PUT", renamed, {{"name", "Team S"}});
  // Back to the name the statistics scenario reads.
  admin.Expect(200, "PUT", renamed, {{"name", "Team B"}});
  const std::string members = "/api/v1/teams/" + std::to_string(team.value("id", 0)) + "/members";
  admin.Expect(400, "POST", members, {{"user_id", supervisor_id}, {"role", "clinician"}});
  admin.Expect(201, "POST", members, {{"user_id", clinician_b_id}, {"role", "clinician"}});
  admin.Expect(201, "POST", members, {{"user_id", supervisor_id}, {"role", "supervisor"}});
  admin.Expect(409, "POST", members, {{"user_id", supervisor_id}, {"role", "supervisor"}});
  supervisor.Expect(403, "POST", "/api/v1/teams", {{"name", "Team S"}});
  const json teams = supervisor.Expect(200, "GET", "/api/v1/teams");
  EXPECT_EQ(teams["items"].size(), 1u);
  EXPECT_EQ(teams["items"][0]["members"][0]["username"], "demo-supervisor");
  EXPECT_TRUE(clinician.Expect(200, "GET", "/api/v1/teams")["items"].empty());
  EXPECT_EQ(supervisor.Expect(200, "GET", other + "/summary")["name"], "Client B");
  supervisor.Expect(403, "POST", other + "/progress-notes", {{"text", "supervision"}});
  const json team_view = supervisor.Expect(200, "GET", "/api/v1/caseload?scope=team");
  EXPECT_EQ(team_view["items"].size(), 1u);
  EXPECT_EQ(team_view["items"][0]["client_id"], ids.other_client);
  EXPECT_EQ(team_view["items"][0]["lead"]["name"], "clinician-b");
  for (const ApiClient* caller : {&admin, &clinician})
    caller->Expect(403, "GET", "/api/v1/caseload?scope=team");
  client.Expect(403, "GET", "/api/v1/caseload");
  supervisor.Expect(400, "GET", "/api/v1/caseload?scope=all");

  // Break-glass: explicit, with a reason, then access; audited.
  clinician.Expect(400, "POST", other + "/break-glass", {{"reason", "short"}});
  const json grant =
      clinician.Expect(201, "POST", other + "/break-glass",
                       {{"reason", "crisis call, lead unreachable"}, {"duration_minutes", 30}});
  EXPECT_TRUE(grant.contains("expires_at"));
  clinician.Expect(200, "GET", other);

  // Closing an episode; then audit for admins.
  clinician.Expect(200, "POST", "/api/v1/episodes/" + std::to_string(ids.episode) + "/close",
                   {{"closed_on", "2026-03-01"}, {"reason", "goals met"}});
  clinician.Expect(409, "POST", "/api/v1/episodes/" + std::to_string(ids.episode) + "/close",
                   {{"closed_on", "2026-03-02"}, {"reason", "again"}});
  EXPECT_EQ(admin.Expect(200, "GET", "/api/v1/audit/verification")["intact"], true);
  std::set<std::string> record_types;
  for (std::string cursor = "0"; !cursor.empty();) {
    const json page = admin.Expect(200, "GET", "/api/v1/audit/entries?limit=200&cursor=" + cursor);
    for (const json& entry : page["items"]) record_types.insert(entry["record_type"]);
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
  }
  EXPECT_TRUE(record_types.contains("break_glass"));
  EXPECT_TRUE(record_types.contains("psychotherapy_note"));

  // Disabling an account ends its sessions at once; enabling lets it log in again.
  const json me_b = clinician_b.Expect(200, "GET", "/api/v1/me");
  const std::string b_id = std::to_string(me_b["user"]["id"].get<std::int64_t>());
  admin.Expect(200, "POST", "/api/v1/users/" + b_id + "/disable");
  clinician_b.Expect(401, "GET", "/api/v1/me");
  admin.Expect(200, "POST", "/api/v1/users/" + b_id + "/enable");
  LogIn(port, "clinician-b", ids.clinician_b_password);
  return ids;
}

}  // namespace tessera::testing
