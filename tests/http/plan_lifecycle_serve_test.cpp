// Black-box (issue 14): the plan lifecycle on the real server over the demo practice. Two
// drafts of one episode; the first is activated by the clinician's signature and the client's
// own account, the second by the clinician's signature and the client's agreement recorded on
// their behalf (by phone), superseding the first. The summary and the monitor follow the
// active plan, never a newer draft, and so does the caseload's plan phase; a draft can be
// discarded, an active plan cannot.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class PlanLifecycleServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    output_ = LoadDemoPractice(directory_.File("practice.db"), 4);
    server_ = std::make_unique<ServerProcess>(ServeArguments(directory_.File("practice.db")),
                                              ServerTestEnvironment(), directory_.File("log"));
    admin_ = BearerToken(port(), "demo-admin", PasswordIn(output_, "demo-admin"));
    ana_ = BearerToken(port(), "demo-ana", PasswordIn(output_, "demo-ana"));
    ASSERT_FALSE(admin_.empty());
    ASSERT_FALSE(ana_.empty());
  }
  int port() const { return server_->port(); }

  json Call(const std::string& token, const std::string& method, const std::string& target,
            const json& body = nullptr, int status = 200) {
    const HttpReply reply =
        Authorized(port(), token, method, target, body.is_null() ? "" : body.dump());
    EXPECT_EQ(reply.status, status) << method << " " << target << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  std::string LinkedClientAccount(std::int64_t client) {
    const json account = Call(admin_, "POST", "/api/v1/users",
                              {{"username", "client-one"}, {"role", "client"}}, 201);
    Call(admin_, "POST",
         "/api/v1/users/" + std::to_string(account["id"].get<std::int64_t>()) + "/client-link",
         {{"client_id", client}});
    return BearerToken(port(), "client-one", account["password"]);
  }

  // The plan the caseload shows for `client` (null without one).
  json CaseloadPlan(std::int64_t client) {
    std::string target = "/api/v1/caseload?limit=100";
    for (int page = 0; page < 50; ++page) {
      const json listed = Call(ana_, "GET", target);
      for (const json& entry : listed["items"]) {
        if (entry["client_id"] == client) return entry["plan"];
      }
      if (!listed["next_cursor"].is_string()) break;
      target = "/api/v1/caseload?limit=100&cursor=" + listed["next_cursor"].get<std::string>();
    }
    ADD_FAILURE() << "client " << client << " is not on the caseload";
    return nullptr;
  }

  // The planned last session of a plan (its phases' sessions added up): what the monitor
  // projects the course to, so it shows which plan the monitor follows.
  static int PlannedSessions(const json& plan) {
    int total = 0;
    for (const json& phase : plan["versions"].back()["content"]["phases"])
      total += phase.value("sessions", 0);
    return total;
  }

  // The monitor's review of a new PHQ-9 at `session`: the session it projects the course to.
  json Submit(const std::string& own, std::int64_t session) {
    return Call(ana_, "POST", own + "/sessions/" + std::to_string(session) + "/measures",
                {{"instrument", "phq9"},
                 {"answers",
                  {{"1", 2},
                   {"2", 2},
                   {"3", 1},
                   {"4", 1},
                   {"5", 1},
                   {"6", 1},
                   {"7", 1},
                   {"8", 0},
                   {"9", 0}}}},
                201);
  }

  // Every stored version of every plan of the client is internally consistent: no technique
  // both planned and excluded, none planned twice, and (when the plan names its team) none
  // without a therapist unless a competence gap names it.
  void ExpectEveryPlanVersionConsistent(const std::string& own) {
    for (const json& listed : Call(ana_, "GET", own + "/plans?limit=200")["items"]) {
      const json plan = Call(
          ana_, "GET", "/api/v1/plans/" + std::to_string(listed["id"].get<int>()) + "?detail=full");
      for (const json& version : plan["versions"]) {
        const json& content = version["content"];
        std::set<std::string> excluded;
        std::set<std::string> gaps;
        std::set<std::string> planned;
        for (const json& entry : content["excluded"])
          excluded.insert(entry["id"].get<std::string>());
        for (const json& gap : content["competence_gaps"])
          gaps.insert(gap["technique"].get<std::string>());
        const bool team = content.contains("therapists") && !content["therapists"].empty();
        for (const json& phase : content["phases"]) {
          for (const json& technique : phase["techniques"]) {
            const std::string id = technique["id"];
            const std::string where =
                "plan " + listed["id"].dump() + " v" + version["version"].dump() + " " + id;
            EXPECT_TRUE(planned.insert(id).second) << where << " planned twice";
            EXPECT_FALSE(excluded.contains(id)) << where << " both excluded and planned";
            if (team) {
              EXPECT_TRUE(technique.contains("therapist") || gaps.contains(id))
                  << where << " has no therapist";
            }
          }
        }
      }
    }
  }

  TempDir directory_;
  std::string output_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
  std::string ana_;
};

TEST_F(PlanLifecycleServeTest, TwoDraftsActivatedByBothPartiesAndTheMonitorFollowsTheActiveOne) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const auto [client, session] = targets.front();
  const std::string own = "/api/v1/clients/" + std::to_string(client);
  const std::string client_token = LinkedClientAccount(client);
  ASSERT_FALSE(client_token.empty());
  const json before = Call(ana_, "GET", own + "/summary");
  const std::int64_t episode = before["episode"]["id"];

  const json first =
      Call(ana_, "POST", own + "/plans",
           {{"episode_id", episode}, {"strategy", "sequential"}, {"session_budget", 12}}, 201);
  const json second =
      Call(ana_, "POST", own + "/plans",
           {{"episode_id", episode}, {"strategy", "eclectic"}, {"session_budget", 24}}, 201);
  EXPECT_EQ(first["status"], "draft");
  EXPECT_EQ(second["status"], "draft");
  ASSERT_NE(PlannedSessions(first), PlannedSessions(second));
  const std::string first_path = "/api/v1/plans/" + std::to_string(first["id"].get<int>());
  const std::string second_path = "/api/v1/plans/" + std::to_string(second["id"].get<int>());
  // A newer draft changes nothing the summary shows.
  EXPECT_EQ(Call(ana_, "GET", own + "/summary")["plan"], before["plan"]);

  // First: the clinician signs, then the client's own account: active.
  EXPECT_EQ(Call(ana_, "POST", first_path + "/sign-offs", {{"version", 1}, {"role", "clinician"}},
                 201)["status"],
            "draft");
  const json active = Call(client_token, "POST", first_path + "/sign-offs",
                           {{"version", 1}, {"role", "client"}}, 201);
  EXPECT_EQ(active["status"], "active");
  EXPECT_EQ(active["versions"][0]["sign_offs"][1]["agreement"], "own_account");
  EXPECT_EQ(Call(ana_, "GET", own + "/summary")["plan"]["id"], first["id"]);
  // The caseload shows the active plan's phase, not the newer draft's.
  const json listed = CaseloadPlan(client);
  ASSERT_TRUE(listed.is_object()) << listed.dump();
  EXPECT_EQ(listed["id"], first["id"]);
  EXPECT_EQ(listed["version"], 1);
  EXPECT_EQ(listed["phase"], first["versions"][0]["content"]["phases"][0]["name"]);
  json reviewed = Submit(own, session);
  if (!reviewed["monitoring"]["projected_end"].is_null()) {
    EXPECT_EQ(reviewed["monitoring"]["projected_end"]["session"], PlannedSessions(first));
  }

  // Second: the clinician signs and records the client's agreement by phone (the same account
  // twice); the first is superseded in the same step.
  Call(ana_, "POST", second_path + "/sign-offs", {{"version", 1}, {"role", "clinician"}}, 201);
  const json missing_how =
      Call(ana_, "POST", second_path + "/sign-offs", {{"version", 1}, {"role", "client"}}, 400);
  EXPECT_NE(missing_how["error"]["message"].get<std::string>().find("agreement"), std::string::npos)
      << missing_how.dump();
  const json on_behalf = Call(ana_, "POST", second_path + "/sign-offs",
                              {{"version", 1}, {"role", "client"}, {"agreement", "by_phone"}}, 201);
  EXPECT_EQ(on_behalf["status"], "active");
  EXPECT_EQ(on_behalf["versions"][0]["sign_offs"][1]["role"], "client");
  EXPECT_EQ(on_behalf["versions"][0]["sign_offs"][1]["agreement"], "by_phone");
  const json superseded = Call(ana_, "GET", first_path);
  EXPECT_EQ(superseded["status"], "superseded");
  EXPECT_EQ(superseded["status_history"].back()["reason"],
            "superseded by plan " + std::to_string(second["id"].get<int>()));
  EXPECT_EQ(Call(ana_, "GET", own + "/summary")["plan"]["id"], second["id"]);
  reviewed = Submit(own, session);
  if (!reviewed["monitoring"]["projected_end"].is_null()) {
    EXPECT_EQ(reviewed["monitoring"]["projected_end"]["session"], PlannedSessions(second));
  }
  // The client's own view lists each plan with its status.
  for (const json& item : Call(client_token, "GET", own + "/plans?limit=200")["items"]) {
    if (item["id"] == first["id"]) {
      EXPECT_EQ(item["status"], "superseded");
    }
    if (item["id"] == second["id"]) {
      EXPECT_EQ(item["status"], "active");
    }
  }

  // A superseded plan takes no more sign-offs; a draft is discarded, an active plan is not.
  Call(ana_, "POST", first_path + "/sign-offs", {{"version", 1}, {"role", "supervisor"}}, 409);
  const json third = Call(ana_, "POST", own + "/plans", {{"episode_id", episode}}, 201);
  const std::string third_path = "/api/v1/plans/" + std::to_string(third["id"].get<int>());
  const json discarded =
      Call(ana_, "POST", third_path + "/discard", {{"reason", "a comparison only"}});
  EXPECT_EQ(discarded["status"], "discarded");
  EXPECT_EQ(discarded["status_history"][0]["reason"], "a comparison only");
  Call(ana_, "POST", second_path + "/discard", {{"reason", "changed my mind"}}, 409);
  Call(ana_, "POST", third_path + "/discard", {{"reason", ""}}, 400);
  EXPECT_EQ(Call(ana_, "GET", own + "/summary")["plan"]["id"], second["id"]);
  EXPECT_EQ(CaseloadPlan(client)["id"], second["id"]);
  ExpectEveryPlanVersionConsistent(own);
}

// Adaptations keep the plan's rules: a technique the plan left out is never offered and is
// refused when a clinician forces it (unless overridden with a reason, which is stored); the
// same proposal keeps its id across submissions; an alert the proposal does not answer is
// refused.
TEST_F(PlanLifecycleServeTest, AdaptationsKeepThePlansRules) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const auto [client, first_session] = targets.front();
  const std::string own = "/api/v1/clients/" + std::to_string(client);
  const std::int64_t episode = Call(ana_, "GET", own + "/summary")["episode"]["id"];
  // Without therapist_ids: the care team's therapists, so competence is checked.
  const json made = Call(ana_, "POST", own + "/plans?detail=full",
                         {{"episode_id", episode}, {"strategy", "sequential"}}, 201);
  const json content = made["versions"][0]["content"];
  EXPECT_FALSE(content["therapists"].empty()) << content["explanation"].dump();
  for (const json& line : content["explanation"]) {
    EXPECT_EQ(line.get<std::string>().find("competence was not checked"), std::string::npos);
  }
  const std::string path = "/api/v1/plans/" + std::to_string(made["id"].get<int>());
  Call(ana_, "POST", path + "/sign-offs", {{"version", 1}, {"role", "clinician"}}, 201);
  Call(ana_, "POST", path + "/sign-offs",
       {{"version", 1}, {"role", "client"}, {"agreement", "in_session"}}, 201);
  std::set<std::string> excluded;
  for (const json& entry : content["excluded"]) excluded.insert(entry["id"].get<std::string>());
  ASSERT_FALSE(excluded.empty());

  // The latest session of the episode, scored much worse twice: the same proposals, by id.
  std::int64_t latest = first_session;
  for (const json& session : Call(ana_, "GET", own + "/sessions?limit=200")["items"]) {
    if (session["episode_id"] == episode) latest = std::max<std::int64_t>(latest, session["id"]);
  }
  const json worse = {
      {"instrument", "phq9"},
      {"answers",
       {{"1", 3}, {"2", 3}, {"3", 3}, {"4", 3}, {"5", 3}, {"6", 3}, {"7", 3}, {"8", 3}, {"9", 0}}}};
  const std::string measures = own + "/sessions/" + std::to_string(latest) + "/measures";
  const json first = Call(ana_, "POST", measures, worse, 201);
  const json second = Call(ana_, "POST", measures, worse, 201);
  std::vector<std::string> first_ids;
  std::vector<std::string> second_ids;
  for (const json& proposal : first["monitoring"]["proposals"]) {
    first_ids.push_back(proposal["id"]);
    EXPECT_FALSE(proposal["change"] == "add_technique" &&
                 excluded.contains(proposal["technique"].get<std::string>()))
        << "offered a technique the plan left out: " << proposal.dump();
  }
  for (const json& proposal : second["monitoring"]["proposals"])
    second_ids.push_back(proposal["id"]);
  EXPECT_EQ(first_ids, second_ids);

  // A proposal that would add a left-out technique, forced as the clinician's own: refused,
  // naming the rule; with an override and its reason it is accepted and the reason stored.
  const std::string left_out = *excluded.begin();
  const std::string phase = content["phases"][0]["name"];
  json forced = {{"expected_version", 1},
                 {"proposal",
                  {{"kind", "clinician_choice"},
                   {"summary", "add " + left_out},
                   {"change", "add_technique"},
                   {"technique", left_out},
                   {"phase", phase}}},
                 {"client_feedback", "asked for it"}};
  const json refused = Call(ana_, "POST", path + "/adaptations", forced, 400);
  EXPECT_NE(
      refused["error"]["message"].get<std::string>().find(left_out + ": left out of this plan"),
      std::string::npos)
      << refused.dump();
  EXPECT_EQ(Call(ana_, "GET", path)["current_version"], 1);
  forced["override_reason"] = "discussed with the supervisor; the client insists";
  const json overridden = Call(ana_, "POST", path + "/adaptations", forced, 201);
  // The readable text shows the override and its reason.
  const HttpReply text = Authorized(port(), ana_, "GET", path + "/versions/2/text", "");
  EXPECT_NE(text.body.find("Rules overridden by the clinician"), std::string::npos) << text.body;
  EXPECT_NE(text.body.find("the client insists"), std::string::npos) << text.body;
  const json version = overridden["versions"].back();
  EXPECT_NE(version["reason"].get<std::string>().find("rules overridden"), std::string::npos);
  EXPECT_EQ(version["content"]["rule_overrides"][0]["reason"],
            "discussed with the supervisor; the client insists");

  // An alert of a kind the proposal does not answer is refused.
  // (A proposal that adds no technique, so the override above does not change whether it is
  // still offered.)
  json proposal = nullptr;
  for (const json& offered : second["monitoring"]["proposals"]) {
    if (offered["change"] != "add_technique" && !offered["rationale"].get<std::string>().empty()) {
      proposal = offered;
    }
  }
  if (!proposal.is_null()) {
    for (const json& alert : first["alerts"]) {
      if (proposal["rationale"].get<std::string>().find(alert["kind"].get<std::string>()) !=
          std::string::npos)
        continue;
      Call(ana_, "POST", path + "/adaptations",
           {{"expected_version", 2}, {"proposal_id", proposal["id"]}, {"alert_id", alert["id"]}},
           400);
      break;
    }
  }
  ExpectEveryPlanVersionConsistent(own);
}

// Issue 14, "a plan a person can read": the summary by default (phases, techniques with a
// one-line why, goals, choices, gaps, referrals), the planner's whole document on request, and
// the CLI's text over HTTP.
TEST_F(PlanLifecycleServeTest, APlanReadsAsASummaryByDefaultInFullOnRequestAndAsText) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const std::string own = "/api/v1/clients/" + std::to_string(targets.front().first);
  const std::int64_t episode = Call(ana_, "GET", own + "/summary")["episode"]["id"];
  const json made = Call(ana_, "POST", own + "/plans",
                         {{"episode_id", episode}, {"strategy", "sequential"}}, 201);
  const std::string path = "/api/v1/plans/" + std::to_string(made["id"].get<int>());

  const json summary = Call(ana_, "GET", path)["versions"][0]["content"];
  EXPECT_EQ(summary["detail"], "summary");
  EXPECT_FALSE(summary.contains("explanation"));
  EXPECT_FALSE(summary.contains("excluded"));
  ASSERT_FALSE(summary["phases"].empty());
  for (const json& phase : summary["phases"]) {
    for (const json& technique : phase["techniques"]) {
      EXPECT_FALSE(technique.contains("components")) << technique.dump();
      EXPECT_FALSE(technique["why"].get<std::string>().empty()) << technique.dump();
    }
  }
  EXPECT_TRUE(summary.contains("offered_options"));
  EXPECT_TRUE(summary.contains("competence_gaps"));
  EXPECT_TRUE(summary.contains("referrals"));

  const json full = Call(ana_, "GET", path + "?detail=full")["versions"][0]["content"];
  EXPECT_FALSE(full.contains("detail"));
  EXPECT_EQ(summary["excluded_count"], full["excluded"].size());
  EXPECT_FALSE(full["explanation"].empty());
  EXPECT_FALSE(full["phases"][0]["techniques"][0]["components"].empty());
  // The summary's one-line why is the first of the full document's reasons.
  EXPECT_EQ(summary["phases"][0]["techniques"][0]["why"],
            full["phases"][0]["techniques"][0]["reasons"][0]);
  EXPECT_EQ(Call(ana_, "GET", path + "/versions/1?detail=full")["content"], full);
  EXPECT_EQ(Call(ana_, "GET", path + "/versions?detail=full")["items"][0]["content"], full);
  const json refused = Call(ana_, "GET", path + "?detail=everything", nullptr, 400);
  EXPECT_NE(refused["error"]["message"].get<std::string>().find("detail"), std::string::npos);

  const HttpReply text = Authorized(port(), ana_, "GET", path + "/versions/1/text", "");
  EXPECT_EQ(text.status, 200) << text.body;
  EXPECT_TRUE(text.body.starts_with("Version 1: initial plan\n\nTreatment plan (strategy: "))
      << text.body;
  EXPECT_NE(text.body.find("\nPhase 1: "), std::string::npos) << text.body;
  EXPECT_NE(text.body.find("\nExcluded (" + std::to_string(full["excluded"].size()) + ")"),
            std::string::npos)
      << text.body;
  EXPECT_EQ(Authorized(port(), ana_, "GET", path + "/versions/9/text", "").status, 404);
}

}  // namespace
}  // namespace tessera::testing
