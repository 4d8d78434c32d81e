// Black-box (issue 15): alerts a clinician can act on, risk first, on the real server over the
// demo practice. Alerts carry their suggested actions and support prompts; risk work leads the
// proposals; a client's own risk endorsement shows the clinic's crisis information at once and
// notifies the lead clinician; accepting a proposal acknowledges the alerts it answers; the
// caseload puts a risk client first.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

constexpr const char* kRiskAnswers =
    R"({"instrument":"phq9","answers":{"1":2,"2":2,"3":1,"4":1,"5":1,"6":1,"7":1,"8":1,"9":2}})";

class AlertsServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    output_ = LoadDemoPractice(directory_.File("practice.db"), 4);
    auto environment = ServerTestEnvironment();
    environment["TESSERA_CRISIS_TELEPHONE"] = "Emergency services: 999,Samaritans: 116 123";
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", directory_.File("practice.db")}, environment,
        directory_.File("log"));
    admin_ = BearerToken(port(), "demo-admin", PasswordIn(output_, "demo-admin"));
    ana_ = BearerToken(port(), "demo-ana", PasswordIn(output_, "demo-ana"));
    ASSERT_FALSE(admin_.empty());
    ASSERT_FALSE(ana_.empty());
  }
  int port() const { return server_->port(); }

  json Ok(const std::string& token, const std::string& method, const std::string& target,
          const std::string& body = {}, int status = 200) {
    const HttpReply reply = Authorized(port(), token, method, target, body);
    EXPECT_EQ(reply.status, status) << method << " " << target << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  // A (client, session) of ana's where she is the lead clinician.
  std::pair<std::int64_t, std::int64_t> LeadTarget() {
    const json me = Ok(ana_, "GET", "/api/v1/me");
    for (const auto& [client, session] : SubmissionTargets(port(), ana_, 4)) {
      const json team = Ok(ana_, "GET", "/api/v1/clients/" + std::to_string(client) + "/care-team");
      for (const json& member : team["items"]) {
        if (member["role"] == "lead" && member["user_id"] == me["user"]["id"])
          return {client, session};
      }
    }
    return {0, 0};
  }

  std::string LinkedClientAccount(std::int64_t client) {
    const json account =
        Ok(admin_, "POST", "/api/v1/users", R"({"username":"client-one","role":"client"})", 201);
    Ok(admin_, "POST",
       "/api/v1/users/" + std::to_string(account["id"].get<std::int64_t>()) + "/client-link",
       json{{"client_id", client}}.dump());
    return BearerToken(port(), "client-one", account["password"]);
  }

  static std::string Measures(std::int64_t client, std::int64_t session) {
    return "/api/v1/clients/" + std::to_string(client) + "/sessions/" + std::to_string(session) +
           "/measures";
  }

  TempDir directory_;
  std::string output_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
  std::string ana_;
};

bool HasText(const json& list, const std::string& text) {
  for (const json& item : list) {
    if (item.is_string() && item.get<std::string>() == text) return true;
  }
  return false;
}

TEST_F(AlertsServeTest, EveryAlertCarriesItsActionsAndSupportPromptsAndRiskWorkLeads) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const auto [client, session] = targets.front();
  const json submitted = Ok(ana_, "POST", Measures(client, session), kRiskAnswers, 201);
  const json* risk = nullptr;
  for (const json& alert : submitted["alerts"]) {
    if (alert["kind"] == "risk_item") risk = &alert;
  }
  ASSERT_NE(risk, nullptr) << submitted.dump();
  EXPECT_EQ((*risk)["severity"], "critical");
  EXPECT_TRUE(HasText((*risk)["actions"], "Assess suicide and self-harm risk this session"))
      << risk->dump();
  EXPECT_TRUE(HasText((*risk)["actions"], "Review or write the safety plan"));
  ASSERT_FALSE((*risk)["support"].empty());
  EXPECT_EQ((*risk)["support"][0]["area"], "risk_and_crisis");
  EXPECT_FALSE((*risk)["support"][0]["prompts"].empty());
  // Risk work is the first proposal while the risk alert is open.
  const json& proposals = submitted["monitoring"]["proposals"];
  ASSERT_FALSE(proposals.empty()) << submitted.dump();
  EXPECT_EQ(proposals[0]["kind"], "risk_work") << proposals.dump();

  // The work queue: most severe first, every alert with client name, state and guidance.
  const json queue = Ok(ana_, "GET", "/api/v1/alerts?state=active&limit=100");
  ASSERT_FALSE(queue["items"].empty());
  EXPECT_EQ(queue["items"][0]["severity"], "critical") << queue["items"][0].dump();
  int previous_rank = 3;
  bool found = false;
  for (const json& alert : queue["items"]) {
    EXPECT_LE(alert["severity_rank"].get<int>(), previous_rank) << "not sorted by severity";
    previous_rank = alert["severity_rank"];
    EXPECT_FALSE(alert["client_name"].get<std::string>().empty());
    EXPECT_TRUE(alert.contains("actions") && alert.contains("support"));
    EXPECT_NE(alert["state"], "resolved");
    if (alert["id"] == (*risk)["id"]) {
      found = true;
      EXPECT_EQ(alert["triggers"].size(), 1u);
      EXPECT_TRUE(HasText(alert["actions"], "Review or write the safety plan"));
    }
  }
  EXPECT_TRUE(found);

  // Another questionnaire in the same session yields the session's risk alert again, which
  // rests on the PHQ-9 already counted: no new alert, no new trigger. Acknowledging many at
  // once records one note on each, all or nothing.
  const json again =
      Ok(ana_, "POST", Measures(client, session),
         R"({"instrument":"gad7","answers":{"1":1,"2":1,"3":1,"4":1,"5":0,"6":1,"7":1}})", 201);
  for (const json& alert : again["alerts"]) EXPECT_NE(alert["kind"], "risk_item") << again.dump();
  std::vector<std::int64_t> ids;
  for (const json& alert : queue["items"]) ids.push_back(alert["id"]);
  const HttpReply unknown =
      Authorized(port(), ana_, "POST", "/api/v1/alerts/acknowledgements",
                 json{{"alert_ids", {ids.front(), 999999}}, {"note", "seen"}}.dump());
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  const json acknowledged =
      Ok(ana_, "POST", "/api/v1/alerts/acknowledgements",
         json{{"alert_ids", ids}, {"note", "reviewed at the team meeting"}}.dump(), 201);
  ASSERT_EQ(acknowledged["items"].size(), ids.size());
  for (const json& alert : acknowledged["items"]) {
    EXPECT_EQ(alert["state"], "acknowledged");
    EXPECT_EQ(alert["handlings"].back()["note"], "reviewed at the team meeting");
  }
  EXPECT_TRUE(Ok(ana_, "GET", "/api/v1/alerts?state=open&limit=100")["items"].empty());
  // A risk alert is resolved only by a clinician, with a note.
  const json resolved =
      Ok(ana_, "POST",
         "/api/v1/alerts/" + std::to_string((*risk)["id"].get<std::int64_t>()) + "/resolutions",
         R"({"note":"risk assessed: low; safety plan agreed"})", 201);
  EXPECT_EQ(resolved["state"], "resolved");
}

TEST_F(AlertsServeTest, AClientsOwnRiskEndorsementShowsCrisisInformationAndNotifiesTheLead) {
  const auto [client, session] = LeadTarget();
  ASSERT_NE(client, 0) << "demo-ana leads none of the demo clients";
  const std::string token = LinkedClientAccount(client);
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(Ok(ana_, "GET", "/api/v1/notifications?unread=true")["items"].empty());

  const json receipt = Ok(token, "POST", Measures(client, session), kRiskAnswers, 201);
  ASSERT_TRUE(receipt["crisis"].is_object()) << receipt.dump();
  EXPECT_NE(receipt["crisis"]["text"].get<std::string>().find("emergency"), std::string::npos);
  EXPECT_EQ(receipt["crisis"]["telephone"],
            json({"Emergency services: 999", "Samaritans: 116 123"}));
  EXPECT_EQ(receipt["crisis"]["clinician_notified"], true);
  EXPECT_FALSE(receipt.contains("alerts"));
  EXPECT_FALSE(receipt.contains("monitoring"));

  const json unread = Ok(ana_, "GET", "/api/v1/notifications?unread=true");
  ASSERT_EQ(unread["items"].size(), 1u) << unread.dump();
  const json& notification = unread["items"][0];
  EXPECT_EQ(notification["kind"], "risk_item_endorsed_by_client");
  EXPECT_EQ(notification["client_id"], client);
  EXPECT_FALSE(notification["client_name"].get<std::string>().empty());
  EXPECT_TRUE(notification["alert_id"].is_number());
  EXPECT_TRUE(notification["read_at"].is_null());
  const json read = Ok(
      ana_, "POST",
      "/api/v1/notifications/" + std::to_string(notification["id"].get<std::int64_t>()) + "/read");
  EXPECT_TRUE(read["read_at"].is_string());
  EXPECT_TRUE(Ok(ana_, "GET", "/api/v1/notifications?unread=true")["items"].empty());
  EXPECT_EQ(Ok(ana_, "GET", "/api/v1/notifications")["items"].size(), 1u);
  // Nobody else reads or marks it.
  EXPECT_TRUE(Ok(admin_, "GET", "/api/v1/notifications")["items"].empty());
  EXPECT_EQ(Authorized(port(), admin_, "POST",
                       "/api/v1/notifications/" +
                           std::to_string(notification["id"].get<std::int64_t>()) + "/read")
                .status,
            404);

  // A receipt without a risk item has no crisis information.
  const json calm =
      Ok(token, "POST", Measures(client, session),
         R"({"instrument":"gad7","answers":{"1":1,"2":1,"3":1,"4":1,"5":0,"6":1,"7":1}})", 201);
  EXPECT_TRUE(calm["crisis"].is_null()) << calm.dump();
}

// Accepting the monitor's risk-work proposal for the active plan acknowledges the risk alert it
// answers in the same step (issue 14), with a note naming the new plan version; the alert stays
// active (a risk alert is resolved only by a clinician).
TEST_F(AlertsServeTest, AcceptingAProposalAcknowledgesTheAlertsItAnswers) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const std::int64_t client = targets.front().first;
  const std::string own = "/api/v1/clients/" + std::to_string(client);
  const std::int64_t episode = Ok(ana_, "GET", own + "/summary")["episode"]["id"];
  const json plan = Ok(ana_, "POST", own + "/plans",
                       json{{"episode_id", episode}, {"strategy", "sequential"}}.dump(), 201);
  const std::string path = "/api/v1/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  Ok(ana_, "POST", path + "/sign-offs", R"({"version":1,"role":"clinician"})", 201);
  EXPECT_EQ(Ok(ana_, "POST", path + "/sign-offs",
               R"({"version":1,"role":"client","agreement":"in_session"})", 201)["status"],
            "active");
  std::int64_t latest = targets.front().second;
  for (const json& session : Ok(ana_, "GET", own + "/sessions?limit=200")["items"]) {
    if (session["episode_id"] == episode) latest = std::max<std::int64_t>(latest, session["id"]);
  }
  const json submitted = Ok(ana_, "POST", Measures(client, latest), kRiskAnswers, 201);
  std::int64_t risk = 0;
  for (const json& alert : submitted["alerts"]) {
    if (alert["kind"] == "risk_item") risk = alert["id"];
  }
  ASSERT_NE(risk, 0) << submitted.dump();
  const json& proposals = submitted["monitoring"]["proposals"];
  ASSERT_FALSE(proposals.empty());
  ASSERT_EQ(proposals[0]["kind"], "risk_work") << proposals.dump();

  const json accepted =
      Ok(ana_, "POST", path + "/adaptations",
         json{{"expected_version", 1}, {"proposal_id", proposals[0]["id"]}}.dump(), 201);
  ASSERT_EQ(accepted["current_version"], 2) << accepted.dump();
  const std::string note =
      "answered by plan " + std::to_string(plan["id"].get<std::int64_t>()) +
      " version 2: " + accepted["versions"].back()["reason"].get<std::string>();
  bool found = false;
  json alerts = json::array();
  std::string target = "/api/v1/alerts?state=any&limit=100&client_id=" + std::to_string(client);
  for (int page = 0; page < 50; ++page) {
    const json listed = Ok(ana_, "GET", target);
    for (const json& alert : listed["items"]) alerts.push_back(alert);
    if (!listed["next_cursor"].is_string()) break;
    target = "/api/v1/alerts?state=any&limit=100&client_id=" + std::to_string(client) +
             "&cursor=" + listed["next_cursor"].get<std::string>();
  }
  for (const json& alert : alerts) {
    const bool answered = !alert["handlings"].empty() && alert["handlings"].back()["note"] == note;
    if (alert["id"] == risk) {
      found = true;
      EXPECT_EQ(alert["state"], "acknowledged") << alert.dump();
      EXPECT_TRUE(answered) << alert.dump();
    } else if (answered) {
      // Only alerts the proposal answers: risk alerts of this episode.
      EXPECT_EQ(alert["kind"], "risk_item") << alert.dump();
      EXPECT_EQ(alert["episode_id"], episode) << alert.dump();
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(AlertsServeTest, TheCaseloadPutsARiskClientFirst) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const auto [client, session] = targets.back();
  Ok(ana_, "POST", Measures(client, session), kRiskAnswers, 201);
  const json caseload = Ok(ana_, "GET", "/api/v1/caseload?limit=100");
  ASSERT_FALSE(caseload["items"].empty());
  const json& first = caseload["items"][0];
  EXPECT_EQ(first["status"], "risk") << caseload.dump();
  bool risk_group_has_client = false;
  int previous_rank = 0;
  for (const json& entry : caseload["items"]) {
    EXPECT_GE(entry["status_rank"].get<int>(), previous_rank) << "not sorted by need";
    previous_rank = entry["status_rank"];
    EXPECT_FALSE(entry["name"].get<std::string>().empty());
    if (entry["client_id"] == client) {
      risk_group_has_client = entry["status"] == "risk";
      EXPECT_GE(entry["active_alerts"]["critical"].get<int>(), 1);
    }
  }
  EXPECT_TRUE(risk_group_has_client);
  // Paged like every list.
  const json page = Ok(ana_, "GET", "/api/v1/caseload?limit=1");
  EXPECT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["client_id"], first["client_id"]);
}

}  // namespace
}  // namespace tessera::testing
