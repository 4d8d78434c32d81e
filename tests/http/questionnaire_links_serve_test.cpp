// Black-box (issue 18): measurement schedules, what is due, and questionnaire links on the real
// server over the demo practice. A link opens exactly the due questionnaires once; an expired,
// used, revoked or altered token gets the same refusal and reveals nothing; the token never
// reaches the log; a repeated submission stores nothing twice; a risk item endorsed through
// the link shows the clinic's crisis information and notifies the lead clinician.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

json Answers(int item_value, int item9) {
  json phq9 = json::object();
  for (int item = 1; item <= 8; ++item) phq9[std::to_string(item)] = item_value;
  phq9["9"] = item9;
  json gad7 = json::object();
  for (int item = 1; item <= 7; ++item) gad7[std::to_string(item)] = item_value;
  return {{"phq9", phq9}, {"gad7", gad7}};
}

class QuestionnaireLinksServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    output_ = LoadDemoPractice(directory_.File("practice.db"), 4);
    auto environment = ServerTestEnvironment();
    environment["TESSERA_CRISIS_TELEPHONE"] = "Emergency services: 999";
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", directory_.File("practice.db")}, environment,
        directory_.File("log"));
    ana_ = BearerToken(port(), "demo-ana", PasswordIn(output_, "demo-ana"));
    ASSERT_FALSE(ana_.empty());
    std::tie(client_, episode_) = LeadClientWithOpenEpisode();
    ASSERT_NE(client_, 0);
    own_ = "/api/v1/clients/" + std::to_string(client_);
    // Only PHQ-9 and GAD-7 before each session, WAI-SR at its end: the test fixes its own
    // schedule rather than depend on the shipped default.
    Ok("PUT", own_ + "/episodes/" + std::to_string(episode_) + "/schedule",
       R"({"instruments":[{"instrument":"phq9","frequency":"every_session"},
           {"instrument":"gad7","frequency":"every_session"},
           {"instrument":"wai-sr","frequency":"every_session","timing":"end_of_session"}]})");
  }
  int port() const { return server_->port(); }

  json Ok(const std::string& method, const std::string& target, const std::string& body = {},
          int status = 200) {
    const HttpReply reply = Authorized(port(), ana_, method, target, body);
    EXPECT_EQ(reply.status, status) << method << " " << target << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  HttpReply Public(const std::string& target, const json& body) {
    return SendRequest(port(), "POST", target, body.dump());
  }

  // A client ana leads with an open episode, and that episode.
  std::pair<std::int64_t, std::int64_t> LeadClientWithOpenEpisode() {
    const json me = Ok("GET", "/api/v1/me");
    for (const auto& [client, session] : SubmissionTargets(port(), ana_, 4)) {
      const std::string path = "/api/v1/clients/" + std::to_string(client);
      bool lead = false;
      const json team = Ok("GET", path + "/care-team");
      for (const json& member : team["items"]) {
        lead = lead || (member["role"] == "lead" && member["user_id"] == me["user"]["id"]);
      }
      if (!lead) continue;
      const json episodes = Ok("GET", path + "/episodes");
      for (const json& episode : episodes["items"]) {
        if (episode["closed_on"].is_null()) return {client, episode["id"].get<std::int64_t>()};
      }
      // The demo practice's episodes may all be closed: a new one opens today.
      const json opened = Ok("POST", path + "/episodes",
                             json{{"opened_on", Today()}, {"reason", "referral"}}.dump(), 201);
      return {client, opened["id"].get<std::int64_t>()};
    }
    return {0, 0};
  }

  static std::string Today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &utc);
    return today;
  }

  // A new session today (UTC) in the open episode: the next session, whose forms are due.
  std::int64_t NewSession() {
    return Ok("POST", own_ + "/sessions",
              json{{"episode_id", episode_}, {"date", Today()}, {"attendance", "attended"}}.dump(),
              201)["id"];
  }

  std::string Log() const {
    std::ifstream in(directory_.File("log"));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  void ExpireLink(std::int64_t link) {
    sqlite3* database = nullptr;
    ASSERT_EQ(sqlite3_open(directory_.File("practice.db").c_str(), &database), SQLITE_OK);
    sqlite3_busy_timeout(database, 5000);
    const std::string sql =
        "UPDATE questionnaire_links SET expires_at = "
        "'2020-01-01T00:00:00.000Z' WHERE id = " +
        std::to_string(link);
    EXPECT_EQ(sqlite3_exec(database, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(database);
  }

  TempDir directory_;
  std::string output_;
  std::unique_ptr<ServerProcess> server_;
  std::string ana_;
  std::int64_t client_ = 0;
  std::int64_t episode_ = 0;
  std::string own_;
};

TEST_F(QuestionnaireLinksServeTest, SchedulesSayWhatIsDueAndTheCaseloadShowsIt) {
  const std::string schedule = own_ + "/episodes/" + std::to_string(episode_) + "/schedule";
  const json current = Ok("GET", schedule);
  EXPECT_EQ(current["basis"], "episode");
  ASSERT_EQ(current["instruments"].size(), 3u);
  EXPECT_EQ(current["instruments"][2]["timing"], "end_of_session");
  // Bad input names the field and the rule, and changes nothing.
  const HttpReply unknown =
      Authorized(port(), ana_, "PUT", schedule,
                 R"({"instruments":[{"instrument":"nope","frequency":"every_session"}]})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("instruments[0].instrument"), std::string::npos) << unknown.body;
  const HttpReply no_n =
      Authorized(port(), ana_, "PUT", schedule,
                 R"({"instruments":[{"instrument":"phq9","frequency":"intake_and_every"}]})");
  EXPECT_EQ(no_n.status, 400);
  EXPECT_NE(no_n.body.find("instruments[0].every"), std::string::npos) << no_n.body;
  EXPECT_EQ(Ok("GET", schedule), current);

  const std::int64_t session = NewSession();
  const json due = Ok("GET", own_ + "/due")["due"];
  EXPECT_EQ(due["session_id"], session);
  EXPECT_EQ(due["before_session"], json({"phq9", "gad7"}));
  EXPECT_EQ(due["end_of_session"], json({"wai-sr"}));
  // Once given in the session, a questionnaire is no longer due.
  Ok("POST", own_ + "/sessions/" + std::to_string(session) + "/measures",
     R"({"instrument":"gad7","total":3})", 201);
  const json after = Ok("GET", own_ + "/due")["due"];
  EXPECT_EQ(after["before_session"], json({"phq9"}));
  EXPECT_EQ(after["given"], json({"gad7"}));
  // Every 3rd session from intake: due at this session only when its number says so.
  Ok("PUT", schedule,
     R"({"instruments":[{"instrument":"phq9","frequency":"intake_and_every","every":1000}]})", 400);
  Ok("PUT", schedule,
     R"({"instruments":[{"instrument":"phq9","frequency":"before_session","session":1}]})");
  const json later = Ok("GET", own_ + "/due")["due"];
  EXPECT_EQ(later["before_session"].empty(), later["session_number"] != 1) << later.dump();

  bool listed = false;
  const json caseload = Ok("GET", "/api/v1/caseload?limit=100");
  for (const json& entry : caseload["items"]) {
    if (entry["client_id"] != client_) continue;
    listed = true;
    EXPECT_EQ(entry["due"], later) << entry.dump();
  }
  EXPECT_TRUE(listed);
}

TEST_F(QuestionnaireLinksServeTest, ALinkOpensTheDueFormsOnceAndEveryUnusableTokenGetsOneRefusal) {
  const std::int64_t session = NewSession();
  const json issued = Ok("POST", own_ + "/questionnaire-links", "{}", 201);
  const std::string token = issued["token"];
  EXPECT_GE(token.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(issued["url"], "/q#" + token);
  EXPECT_EQ(issued["session_id"], session);
  EXPECT_EQ(issued["instruments"], json({"phq9", "gad7"}));

  // The link opens exactly those definitions and nothing about the client.
  const HttpReply forms = Public("/api/v1/questionnaire-link/forms", {{"token", token}});
  ASSERT_EQ(forms.status, 200) << forms.body;
  const json opened = json::parse(forms.body);
  ASSERT_EQ(opened["instruments"].size(), 2u);
  EXPECT_EQ(opened["instruments"][0]["id"], "phq9");
  EXPECT_EQ(opened["instruments"][1]["id"], "gad7");
  EXPECT_FALSE(opened.contains("client_id"));

  // Altered, unknown and empty tokens: one refusal, word for word.
  std::string altered = token;
  altered[5] = altered[5] == 'A' ? 'B' : 'A';
  const HttpReply refused = Public("/api/v1/questionnaire-link/forms", {{"token", altered}});
  EXPECT_EQ(refused.status, 404);
  EXPECT_EQ(Public("/api/v1/questionnaire-link/forms", {{"token", "x"}}).body, refused.body);

  // Submitted once; the same submission again returns the first receipt and stores nothing.
  const json submission = {
      {"token", token}, {"idempotency_key", "first-try-0001"}, {"answers", Answers(1, 0)}};
  const HttpReply first = Public("/api/v1/questionnaire-link/submissions", submission);
  ASSERT_EQ(first.status, 201) << first.body;
  const json receipt = json::parse(first.body);
  EXPECT_TRUE(receipt["crisis"].is_null());
  EXPECT_FALSE(receipt["repeated"]);
  const std::size_t given = Ok("GET", own_ + "/measures?limit=100")["items"].size();
  const HttpReply repeat = Public("/api/v1/questionnaire-link/submissions", submission);
  ASSERT_EQ(repeat.status, 200) << repeat.body;
  EXPECT_TRUE(json::parse(repeat.body)["repeated"]);
  EXPECT_EQ(json::parse(repeat.body)["received_at"], receipt["received_at"]);
  EXPECT_EQ(Ok("GET", own_ + "/measures?limit=100")["items"].size(), given);
  // Used: the forms and any other submission get the same refusal.
  EXPECT_EQ(Public("/api/v1/questionnaire-link/forms", {{"token", token}}).body, refused.body);
  json other_key = submission;
  other_key["idempotency_key"] = "second-try-0002";
  const HttpReply reused = Public("/api/v1/questionnaire-link/submissions", other_key);
  EXPECT_EQ(reused.status, 404);
  EXPECT_EQ(reused.body, refused.body);

  // Nothing due any more: no link. A new session: a link, then revoked, then refused.
  Ok("POST", own_ + "/questionnaire-links", json{{"session_id", session}}.dump(), 409);
  NewSession();
  const json second = Ok("POST", own_ + "/questionnaire-links", "{}", 201);
  const std::string revoked_path = own_ + "/questionnaire-links/" +
                                   std::to_string(second["id"].get<std::int64_t>()) +
                                   "/revocations";
  EXPECT_EQ(Ok("POST", revoked_path)["status"], "revoked");
  EXPECT_EQ(Public("/api/v1/questionnaire-link/forms", {{"token", second["token"]}}).body,
            refused.body);
  // Expired: the same.
  const json third = Ok("POST", own_ + "/questionnaire-links", "{}", 201);
  ExpireLink(third["id"]);
  EXPECT_EQ(Public("/api/v1/questionnaire-link/forms", {{"token", third["token"]}}).body,
            refused.body);
  json expired_submission = submission;
  expired_submission["token"] = third["token"];
  EXPECT_EQ(Public("/api/v1/questionnaire-link/submissions", expired_submission).body,
            refused.body);
  // Listed for the clinician with their states, never their tokens.
  const json links = Ok("GET", own_ + "/questionnaire-links");
  ASSERT_EQ(links["items"].size(), 3u);
  EXPECT_EQ(links["items"][0]["status"], "expired");
  EXPECT_EQ(links["items"][1]["status"], "revoked");
  EXPECT_EQ(links["items"][2]["status"], "used");
  EXPECT_EQ(links.dump().find(token), std::string::npos);

  // No token ever reaches the server's log.
  const std::string log = Log();
  ASSERT_FALSE(log.empty());
  for (const std::string& secret :
       {token, second["token"].get<std::string>(), third["token"].get<std::string>()}) {
    EXPECT_EQ(log.find(secret), std::string::npos);
  }
}

TEST_F(QuestionnaireLinksServeTest, ARiskItemThroughALinkShowsCrisisInformationAndNotifiesTheLead) {
  NewSession();
  const json issued = Ok("POST", own_ + "/questionnaire-links", "{}", 201);
  // Every required item first: a missing questionnaire or item is named and nothing is stored.
  json partial = {
      {"token", issued["token"]}, {"idempotency_key", "risk-0001"}, {"answers", Answers(1, 2)}};
  partial["answers"].erase("gad7");
  const HttpReply missing = Public("/api/v1/questionnaire-link/submissions", partial);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("gad7 is missing"), std::string::npos) << missing.body;
  const json unread_before = Ok("GET", "/api/v1/notifications?unread=true");

  const HttpReply submitted = Public(
      "/api/v1/questionnaire-link/submissions",
      {{"token", issued["token"]}, {"idempotency_key", "risk-0001"}, {"answers", Answers(1, 2)}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json receipt = json::parse(submitted.body);
  ASSERT_TRUE(receipt["crisis"].is_object()) << submitted.body;
  EXPECT_EQ(receipt["crisis"]["telephone"], json({"Emergency services: 999"}));
  EXPECT_TRUE(receipt["crisis"]["clinician_notified"]);
  const json unread = Ok("GET", "/api/v1/notifications?unread=true");
  ASSERT_EQ(unread["items"].size(), unread_before["items"].size() + 1) << unread.dump();
  EXPECT_EQ(unread["items"][0]["kind"], "risk_item_endorsed_by_client");
  EXPECT_EQ(unread["items"][0]["client_id"], client_);
  // The risk alert is raised like any other submission's.
  bool risk = false;
  const json alerts =
      Ok("GET", "/api/v1/alerts?state=active&limit=100&client_id=" + std::to_string(client_));
  for (const json& alert : alerts["items"]) {
    risk = risk || alert["kind"] == "risk_item";
  }
  EXPECT_TRUE(risk);
}

// Kiosk mode (decision 0251): a kiosk link opens only its forms on the clinic's tablet, queues
// no reminder, lives two hours, carries nothing about the client, reaches no other route and
// is refused once used, like any link.
TEST_F(QuestionnaireLinksServeTest, AKioskLinkOpensOnlyItsFormsOnceAndReachesNothingElse) {
  const json contact = Ok("GET", own_ + "/reminder-contact");
  Ok("PUT", own_ + "/reminder-contact",
     json{{"expected_version", contact["version"]},
          {"email", "kiosk-client@example.org"},
          {"email_consent", true},
          {"sms_consent", false}}
         .dump());
  // Progress shared: even so, a kiosk receipt shows none of it.
  Ok("PUT", own_ + "/episodes/" + std::to_string(episode_) + "/progress-sharing",
     R"({"shared":true})");
  NewSession();
  const std::size_t queued = Ok("GET", own_ + "/reminders")["items"].size();
  const HttpReply bad =
      Authorized(port(), ana_, "POST", own_ + "/questionnaire-links", R"({"delivery":"tablet"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("delivery"), std::string::npos) << bad.body;
  const json issued = Ok("POST", own_ + "/questionnaire-links", R"({"delivery":"kiosk"})", 201);
  const std::string token = issued["token"];
  EXPECT_EQ(issued["url"], "/kiosk#" + token);
  EXPECT_EQ(issued["delivery"], "kiosk");
  EXPECT_TRUE(issued["reminders"].empty());
  EXPECT_EQ(Ok("GET", own_ + "/reminders")["items"].size(), queued);
  // Two hours, not the three days of a link sent to a phone.
  const auto at = [](const json& text) {
    std::tm parts{};
    std::istringstream(text.get<std::string>()) >> std::get_time(&parts, "%Y-%m-%dT%H:%M:%S");
    return timegm(&parts);
  };
  EXPECT_EQ(at(issued["expires_at"]) - at(issued["created_at"]), 2 * 3600);

  // The token is no credential: as a bearer token or a cookie it reaches nothing.
  for (const std::string& target :
       {own_, own_ + "/progress", std::string("/api/v1/caseload"), std::string("/api/v1/me")}) {
    const HttpReply bearer =
        SendRequest(port(), "GET", target, {}, {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(bearer.status, 401) << target << ": " << bearer.body;
    const HttpReply cookie =
        SendRequest(port(), "GET", target, {}, {{"Cookie", "__Host-tessera_session=" + token}});
    EXPECT_EQ(cookie.status, 401) << target << ": " << cookie.body;
  }
  // It opens the forms, and nothing about the client.
  const std::string name = Ok("GET", own_)["identifiers"]["name"];
  const HttpReply forms = Public("/api/v1/questionnaire-link/forms", {{"token", token}});
  ASSERT_EQ(forms.status, 200) << forms.body;
  EXPECT_EQ(forms.body.find(name), std::string::npos);
  EXPECT_EQ(forms.body.find("client_id"), std::string::npos);
  const HttpReply submitted =
      Public("/api/v1/questionnaire-link/submissions",
             {{"token", token}, {"idempotency_key", "kiosk-0001"}, {"answers", Answers(1, 0)}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_TRUE(json::parse(submitted.body)["progress"].is_null()) << submitted.body;
  EXPECT_EQ(submitted.body.find(name), std::string::npos);
  // Used: refused like an unknown token, word for word.
  const HttpReply unknown = Public("/api/v1/questionnaire-link/forms", {{"token", "x"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Public("/api/v1/questionnaire-link/forms", {{"token", token}}).body, unknown.body);
  const json listed = Ok("GET", own_ + "/questionnaire-links");
  EXPECT_EQ(listed["items"][0]["delivery"], "kiosk");
  EXPECT_EQ(listed["items"][0]["status"], "used");
  EXPECT_EQ(Log().find(token), std::string::npos);
}

// The client's own progress chart (decision 0260): off by default; once the clinician shares
// it, on the receipt of a link and in the client account's own view, with the client's own
// scores and nothing of the monitor's; only staff on the case may change it.
TEST_F(QuestionnaireLinksServeTest, ProgressIsSharedWithTheClientOnlyWhenTheClinicianSharesIt) {
  NewSession();
  const json first = Ok("POST", own_ + "/questionnaire-links", "{}", 201);
  const HttpReply unshared =
      Public("/api/v1/questionnaire-link/submissions", {{"token", first["token"]},
                                                        {"idempotency_key", "progress-0001"},
                                                        {"answers", Answers(1, 0)}});
  ASSERT_EQ(unshared.status, 201) << unshared.body;
  EXPECT_TRUE(json::parse(unshared.body)["progress"].is_null()) << unshared.body;
  const json off = Ok("GET", own_ + "/progress");
  EXPECT_EQ(off["shared"], false);
  EXPECT_EQ(off["episode_id"], episode_);
  EXPECT_TRUE(off["instruments"].empty());

  const std::string sharing = own_ + "/episodes/" + std::to_string(episode_) + "/progress-sharing";
  const HttpReply bad = Authorized(port(), ana_, "PUT", sharing, R"({"shared":"yes"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("shared"), std::string::npos) << bad.body;
  EXPECT_EQ(Ok("PUT", sharing, R"({"shared":true})")["shared"], true);

  NewSession();
  const json second = Ok("POST", own_ + "/questionnaire-links", "{}", 201);
  const HttpReply shared =
      Public("/api/v1/questionnaire-link/submissions", {{"token", second["token"]},
                                                        {"idempotency_key", "progress-0002"},
                                                        {"answers", Answers(2, 0)}});
  ASSERT_EQ(shared.status, 201) << shared.body;
  const json progress = json::parse(shared.body)["progress"];
  ASSERT_TRUE(progress.is_object()) << shared.body;
  EXPECT_EQ(progress["shared"], true);
  json phq9;
  for (const json& series : progress["instruments"])
    if (series["instrument"] == "phq9") phq9 = series;
  ASSERT_TRUE(phq9.is_object()) << progress;
  EXPECT_EQ(phq9["name"], "PHQ-9");
  EXPECT_EQ(phq9["cut_off"], 10);
  ASSERT_GE(phq9["points"].size(), 2u);
  EXPECT_EQ(phq9["points"].back()["score"], 16);  // eight items of 2, item 9 at 0
  for (const char* clinician_only : {"expected", "band_low", "status", "alerts", "flags"})
    EXPECT_EQ(shared.body.find(clinician_only), std::string::npos) << clinician_only;

  // The client's own account sees the same; it may not change the setting.
  const std::string admin = BearerToken(port(), "demo-admin", PasswordIn(output_, "demo-admin"));
  const json account = json::parse(Authorized(port(), admin, "POST", "/api/v1/users",
                                              R"({"username":"progress-client","role":"client"})")
                                       .body);
  Authorized(port(), admin, "POST",
             "/api/v1/users/" + std::to_string(account["id"].get<std::int64_t>()) + "/client-link",
             json{{"client_id", client_}}.dump());
  const std::string client = BearerToken(port(), "progress-client", account["password"]);
  ASSERT_FALSE(client.empty());
  const HttpReply own = Authorized(port(), client, "GET", own_ + "/progress");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(json::parse(own.body)["instruments"], progress["instruments"]);
  EXPECT_EQ(Authorized(port(), client, "PUT", sharing, R"({"shared":false})").status, 403);
  const std::string other = "/api/v1/clients/" + std::to_string(client_ + 1) + "/progress";
  EXPECT_EQ(Authorized(port(), client, "GET", other).status, 404);

  // Stopped: the client sees no scores any more.
  Ok("PUT", sharing, R"({"shared":false})");
  const json stopped = json::parse(Authorized(port(), client, "GET", own_ + "/progress").body);
  EXPECT_EQ(stopped["shared"], false);
  EXPECT_TRUE(stopped["instruments"].empty());
}

// Rate limited (docs/schedules.md): one token tried again and again from one place gets the
// one refusal five times, then 429 with Retry-After; a kiosk token is limited like any other.
TEST_F(QuestionnaireLinksServeTest, AGuessedTokenTriedAgainAndAgainIsSlowedDown) {
  const json guess = {{"token", "guessed-token-guessed-token-guessed-token-0"}};
  int refused = 0;
  HttpReply limited;
  for (int attempt = 0; attempt < 12 && limited.status == 0; ++attempt) {
    const HttpReply reply = Public("/api/v1/questionnaire-link/forms", guess);
    if (reply.status == 404) ++refused;
    if (reply.status == 429) limited = reply;
  }
  EXPECT_GE(refused, 5);
  ASSERT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.Header("retry-after").empty());
  // Submissions with the same token count against the same limit.
  const HttpReply submission = Public(
      "/api/v1/questionnaire-link/submissions",
      {{"token", guess["token"]}, {"idempotency_key", "guess-0001"}, {"answers", Answers(0, 0)}});
  EXPECT_EQ(submission.status, 429) << submission.body;
}

}  // namespace
}  // namespace tessera::testing
