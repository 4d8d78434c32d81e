// Black-box: a client account on the real server. An admin creates it and links it to one
// client record; the client completes a questionnaire for one of their own sessions, lists
// their questionnaires, reads their plan and signs it off as the client. Another client's
// objects are the same 404 as missing ones; every other clinical route stays forbidden.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ClientAccountServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    output_ = LoadDemoPractice(directory_.File("practice.db"), 4);
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", directory_.File("practice.db")}, ServerTestEnvironment(),
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

  // A client account created and linked by the admin; returns its bearer token.
  std::string LinkedClientAccount(std::int64_t client) {
    const json account =
        Ok(admin_, "POST", "/api/v1/users", R"({"username":"client-one","role":"client"})", 201);
    const std::int64_t id = account["id"];
    Ok(admin_, "POST", "/api/v1/users/" + std::to_string(id) + "/client-link",
       json{{"client_id", client}}.dump());
    return BearerToken(port(), "client-one", account["password"]);
  }

  TempDir directory_;
  std::string output_;
  std::unique_ptr<ServerProcess> server_;
  std::string admin_;
  std::string ana_;
};

TEST_F(ClientAccountServeTest, ALinkedClientCompletesQuestionnairesAndSignsTheirPlan) {
  const auto targets = SubmissionTargets(port(), ana_, 4);
  ASSERT_FALSE(targets.empty());
  const auto [client, session] = targets.front();
  const std::string own = "/api/v1/clients/" + std::to_string(client);
  const std::string token = LinkedClientAccount(client);
  ASSERT_FALSE(token.empty());

  // Their own sessions and a questionnaire for one of them: the receipt, not the monitoring.
  Ok(token, "GET", own + "/sessions");
  const json receipt =
      Ok(token, "POST", own + "/sessions/" + std::to_string(session) + "/measures",
         R"({"instrument":"gad7","answers":{"1":2,"2":2,"3":1,"4":1,"5":0,"6":1,"7":1}})", 201);
  EXPECT_EQ(receipt["total"], 8);
  EXPECT_FALSE(receipt.contains("monitoring")) << receipt.dump();
  EXPECT_FALSE(receipt.contains("alerts")) << receipt.dump();
  bool listed = false;
  const json own_list = Ok(token, "GET", own + "/measures?instrument=gad7&limit=200");
  for (const json& item : own_list["items"]) listed |= item["id"] == receipt["administration_id"];
  EXPECT_TRUE(listed);
  bool seen_by_clinician = false;
  const json clinician_list = Ok(ana_, "GET", own + "/measures?instrument=gad7&limit=200");
  for (const json& item : clinician_list["items"])
    seen_by_clinician |= item["id"] == receipt["administration_id"];
  EXPECT_TRUE(seen_by_clinician);

  // Their plan: the clinician makes one for the session's episode; the client reads it and
  // signs it off as the client (and only as the client).
  const std::int64_t episode = receipt["episode_id"];
  const json plan = Ok(ana_, "POST", own + "/plans",
                       json{{"episode_id", episode}, {"strategy", "sequential"}}.dump(), 201);
  const std::string plan_path = "/api/v1/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  bool plan_listed = false;
  const json plans = Ok(token, "GET", own + "/plans?limit=200");
  for (const json& item : plans["items"]) plan_listed |= item["id"] == plan["id"];
  EXPECT_TRUE(plan_listed);
  EXPECT_TRUE(Ok(token, "GET", plan_path + "/versions/1")["content"].contains("phases"));
  EXPECT_EQ(Authorized(port(), token, "POST", plan_path + "/sign-offs",
                       R"({"version":1,"role":"clinician"})")
                .status,
            403);
  const json signed_plan =
      Ok(token, "POST", plan_path + "/sign-offs", R"({"version":1,"role":"client"})", 201);
  EXPECT_EQ(signed_plan["versions"][0]["sign_offs"][0]["role"], "client");
  // Their own choices among the options the plan offers: a new version.
  const json offered = signed_plan["versions"][0]["content"]["offered_options"];
  ASSERT_FALSE(offered.empty());
  const json chosen =
      Ok(token, "POST", plan_path + "/choices",
         json{{"expected_version", 1},
              {"choices", {{offered[0]["for"].get<std::string>(), offered[0]["options"][0]}}}}
             .dump(),
         201);
  EXPECT_EQ(chosen["current_version"], 2);

  // Everything else stays forbidden.
  for (const auto& [method, target, body] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", plan_path, ""},
           {"GET", plan_path + "/versions", ""},
           {"POST", own + "/plans", json{{"episode_id", episode}}.dump()},
           {"GET", "/api/v1/alerts", ""},
           {"GET", "/api/v1/statistics/practice", ""},
           {"GET", own + "/progress-notes", ""}}) {
    EXPECT_EQ(Authorized(port(), token, method, target, body).status, 403)
        << method << " " << target;
  }
}

TEST_F(ClientAccountServeTest, AnotherClientsObjectsAreTheSame404AsMissingOnes) {
  const auto targets = SubmissionTargets(port(), admin_, 4);
  ASSERT_GE(targets.size(), 2u);
  const auto [client, session] = targets[0];
  const auto [other, other_session] = targets[1];
  const std::string token = LinkedClientAccount(client);
  const std::string other_path = "/api/v1/clients/" + std::to_string(other);
  const json other_plans = Ok(admin_, "GET", other_path + "/plans");
  std::string other_plan = "/api/v1/plans/999999";  // when the other client has no plan
  if (!other_plans["items"].empty()) {
    other_plan =
        "/api/v1/plans/" + std::to_string(other_plans["items"][0]["id"].get<std::int64_t>());
  }
  const std::string total = R"({"instrument":"gad7","total":5})";
  const std::string sign = R"({"version":1,"role":"client"})";
  const struct {
    std::string method, other, missing, body;
  } objects[] = {
      {"GET", other_path + "/measures", "/api/v1/clients/999999/measures", ""},
      {"POST", other_path + "/sessions/" + std::to_string(other_session) + "/measures",
       "/api/v1/clients/999999/sessions/1/measures", total},
      {"POST",
       "/api/v1/clients/" + std::to_string(client) + "/sessions/" + std::to_string(other_session) +
           "/measures",
       "/api/v1/clients/" + std::to_string(client) + "/sessions/999999/measures", total},
      {"GET", other_path + "/plans", "/api/v1/clients/999999/plans", ""},
      {"GET", other_plan + "/versions/1", "/api/v1/plans/999999/versions/1", ""},
      {"POST", other_plan + "/sign-offs", "/api/v1/plans/999999/sign-offs", sign},
      {"POST", other_plan + "/choices", "/api/v1/plans/999999/choices",
       R"({"expected_version":1,"choices":{"a":"b"}})"},
      {"GET", other_path, "/api/v1/clients/999999", ""},
  };
  for (const auto& object : objects) {
    const HttpReply denied = Authorized(port(), token, object.method, object.other, object.body);
    const HttpReply missing = Authorized(port(), token, object.method, object.missing, object.body);
    EXPECT_EQ(denied.status, 404) << object.other << ": " << denied.body;
    EXPECT_EQ(missing.status, 404) << object.missing << ": " << missing.body;
  }
}

}  // namespace
}  // namespace tessera::testing
