// The clinical routes through the dispatcher (no sockets) over a real SQLite store: objects that
// do not belong together, the bad-input corpus, and the main flows. Roles and own / other /
// missing objects: the authorization matrix (src/http/authorization_matrix_test.cpp).
#include <gtest/gtest.h>

#include "http/routes/clinical_test_stack.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;
using testing::ClinicalRoutesTest;

class ClinicalRoutes : public ClinicalRoutesTest {
 protected:
  std::string SessionMeasures(ClientId client, SessionId session) {
    return "/api/v1/clients/" + std::to_string(client.value()) + "/sessions/" +
           std::to_string(session.value()) + "/measures";
  }
  std::string Phq9(int item9, int others = 1) {
    json answers;
    for (int item = 1; item <= 8; ++item) answers[std::to_string(item)] = others;
    answers["9"] = item9;
    return json{{"instrument", "phq9"}, {"answers", answers}}.dump();
  }
  json CreatePlan() {
    const Response created =
        Call("ana", Method::kPost, "/api/v1/clients/" + std::to_string(client_.value()) + "/plans",
             json{{"episode_id", episode_.value()}, {"strategy", "sequential"}}.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return BodyOf(created);
  }
};

// The role and object dimensions of every clinical route are in the authorization matrix
// (src/http/authorization_matrix_test.cpp). Here: ids that are each visible but do not belong
// together.
TEST_F(ClinicalRoutes, AnObjectOfAnotherClientOrAMissingVersionIs404) {
  const json plan = CreatePlan();
  const std::string plan_path = "/api/v1/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  // Ana's client with ben's session (admin sees both).
  const Response foreign_session =
      Call("admin", Method::kPost, SessionMeasures(client_, bens_session_),
           R"({"instrument":"phq9","total":3})");
  EXPECT_EQ(foreign_session.status, 404) << foreign_session.body;
  EXPECT_EQ(Call("ana", Method::kGet, plan_path + "/versions/9").status, 404);
  EXPECT_EQ(Call("ana", Method::kGet, plan_path + "/versions/1").status, 200);
  // An alert of ben's client named as the prompt of ana's plan's adaptation.
  const Response bens =
      Call("ben", Method::kPost, SessionMeasures(bens_client_, bens_session_), Phq9(1));
  ASSERT_EQ(bens.status, 201) << bens.body;
  const std::int64_t bens_alert = BodyOf(bens)["alerts"][0]["id"];
  const Response by_ana = Call("ana", Method::kPost, plan_path + "/adaptations",
                               json{{"expected_version", 1},
                                    {"proposal", {{"kind", "review"}, {"summary", "s"}}},
                                    {"alert_id", bens_alert}}
                                   .dump());
  EXPECT_EQ(by_ana.status, 404) << by_ana.body;
}

TEST_F(ClinicalRoutes, BadInputGetsA400NamingTheProblemAndChangesNothing) {
  const json plan = CreatePlan();
  const std::string plan_path = "/api/v1/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  const std::string measures = SessionMeasures(client_, session_);
  const std::string plans = "/api/v1/clients/" + std::to_string(client_.value()) + "/plans";
  const struct {
    Method method;
    std::string target;
    std::string body;
    const char* message_part;
  } corpus[] = {
      {Method::kPost, measures, R"({"instrument":"phq9","answers":)", "malformed JSON"},
      {Method::kPost, measures, R"([1,2])", "object"},
      {Method::kPost, measures, R"({"instrument":7,"total":3})", "instrument: expected a string"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":"3"})", "'total'"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":3,"mood":1})",
       "mood: unknown field"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":28})", "outside"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":3,"answers":{}})", "exactly one"},
      {Method::kPost, measures, R"({"instrument":"nope","total":3})", "nope"},
      {Method::kPost, measures, Phq9(4), "item 9: 4"},
      {Method::kPost, measures, Phq9(1, -1), "item 1: -1"},
      {Method::kPost, measures, R"({"instrument":"phq9","answers":{"1":"two"}})", "item '1'"},
      {Method::kPost, measures, R"({"instrument":"phq9","answers":{"1":1}})", "item '2'"},
      {Method::kPost, measures, R"({"instrument":"phq9","answers":[1,2,3]})", "'answers'"},
      {Method::kPost, "/api/v1/clients/abc/sessions/1/measures",
       R"({"instrument":"phq9","total":3})", "client_id"},
      {Method::kPost, "/api/v1/clients/1/sessions/-4/measures",
       R"({"instrument":"phq9","total":3})", "session_id"},
      {Method::kPost, plans, R"({"strategy":"sequential"})", "episode_id: required"},
      {Method::kPost, plans, R"({"episode_id":"1"})", "episode_id: expected a whole number"},
      {Method::kPost, plans, R"({"episode_id":1,"strategy":"vibes"})", "strategy 'vibes'"},
      {Method::kPost, plans, R"({"episode_id":1,"session_budget":500})",
       "session_budget: 500 is out of range 1..200"},
      {Method::kPost, plans, R"({"episode_id":1,"therapist_ids":[1]})", "'therapist_ids'"},
      {Method::kPost, plan_path + "/choices", R"({"expected_version":1,"choices":{"nope":"x"}})",
       "'nope'"},
      {Method::kPost, plan_path + "/choices", R"({"expected_version":1,"choices":[]})",
       "'choices'"},
      {Method::kPost, plan_path + "/sign-offs", R"({"version":1,"role":"boss"})", "'role'"},
      {Method::kPost, plan_path + "/adaptations",
       R"({"expected_version":1,"proposal":{"kind":"x"}})", "summary: required"},
      {Method::kPost, plan_path + "/adaptations",
       R"({"expected_version":1,"proposal":{"kind":"x","summary":"y"}})", "prompted"},
      {Method::kPost, "/api/v1/alerts/1/acknowledgements", R"({"note":""})", "note"},
      {Method::kPost, "/api/v1/alerts/1/acknowledgements", R"({})", "note: required"},
      {Method::kGet, "/api/v1/alerts?state=closed", "", "'state'"},
      {Method::kGet, "/api/v1/alerts?limit=0", "", "limit"},
      {Method::kGet, "/api/v1/alerts?limit=6", "", "limit"},
      {Method::kGet, "/api/v1/instruments?cursor=zz", "", "cursor"},
  };
  const std::string before = RecordsFingerprint();
  for (const auto& entry : corpus) {
    SCOPED_TRACE(entry.target + " " + entry.body);
    const Response response = Call("ana", entry.method, entry.target, entry.body);
    EXPECT_EQ(response.status, 400) << response.body;
    const std::string message = BodyOf(response)["error"]["message"].get<std::string>();
    EXPECT_NE(message.find(entry.message_part), std::string::npos) << message;
  }
  EXPECT_EQ(RecordsFingerprint(), before);
}

TEST_F(ClinicalRoutes, SubmittingAMeasureScoresStoresAndRaisesAlerts) {
  const Response response =
      Call("ana", Method::kPost, SessionMeasures(client_, session_), Phq9(2, 2));
  ASSERT_EQ(response.status, 201) << response.body;
  const json body = BodyOf(response);
  EXPECT_EQ(body["total"], 18);
  EXPECT_EQ(body["band"], "moderately severe");
  EXPECT_EQ(body["monitoring"]["status"], "not_monitored");
  ASSERT_EQ(body["alerts"].size(), 1u);
  EXPECT_EQ(body["alerts"][0]["kind"], "flag:self-harm-thoughts");

  const json listed = BodyOf(Call(
      "ana", Method::kGet, "/api/v1/clients/" + std::to_string(client_.value()) + "/measures"));
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["answers"].size(), 9u);
  EXPECT_EQ(listed["items"][0]["answers"][8], (json{{"item", "9"}, {"value", 2.0}}));
}

TEST_F(ClinicalRoutes, PlanLifecycleWithChoicesSignOffsAdaptationAndConflicts) {
  const json plan = CreatePlan();
  ASSERT_EQ(plan["current_version"], 1);
  const std::string plan_path = "/api/v1/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  const json offered = plan["versions"][0]["content"]["offered_options"][0];
  const json choice = {{"expected_version", 1},
                       {"choices", {{offered["for"].get<std::string>(), offered["options"][0]}}}};
  const Response chosen = Call("ana", Method::kPost, plan_path + "/choices", choice.dump());
  ASSERT_EQ(chosen.status, 201) << chosen.body;
  EXPECT_EQ(BodyOf(chosen)["current_version"], 2);
  EXPECT_EQ(Call("ana", Method::kPost, plan_path + "/choices", choice.dump()).status, 409);

  const Response signed_off = Call("ana", Method::kPost, plan_path + "/sign-offs",
                                   json{{"version", 2}, {"role", "clinician"}}.dump());
  ASSERT_EQ(signed_off.status, 201) << signed_off.body;
  // One account signs a version once in its own role; the clinician then records the client's
  // agreement on the client's behalf, saying how it was given (without that: 400 naming it).
  EXPECT_EQ(Call("ana", Method::kPost, plan_path + "/sign-offs",
                 json{{"version", 2}, {"role", "clinician"}}.dump())
                .status,
            409);
  const Response unsaid = Call("ana", Method::kPost, plan_path + "/sign-offs",
                               json{{"version", 2}, {"role", "client"}}.dump());
  EXPECT_EQ(unsaid.status, 400);
  EXPECT_NE(unsaid.body.find("agreement"), std::string::npos) << unsaid.body;
  const Response agreed =
      Call("ana", Method::kPost, plan_path + "/sign-offs",
           json{{"version", 2}, {"role", "client"}, {"agreement", "in_session"}}.dump());
  ASSERT_EQ(agreed.status, 201) << agreed.body;
  EXPECT_EQ(BodyOf(agreed)["status"], "active");
  const json version = BodyOf(Call("ana", Method::kGet, plan_path + "/versions/2"));
  ASSERT_EQ(version["sign_offs"].size(), 2u) << version.dump();
  EXPECT_EQ(version["sign_offs"][0]["role"], "clinician");
  EXPECT_EQ(version["sign_offs"][1]["role"], "client");
  EXPECT_EQ(version["sign_offs"][1]["agreement"], "in_session");

  const Response submitted =
      Call("ana", Method::kPost, SessionMeasures(client_, session_), Phq9(1));
  const std::int64_t alert_id = BodyOf(submitted)["alerts"][0]["id"];
  const json adaptation = {{"expected_version", 2},
                           {"proposal", {{"kind", "safety_plan"}, {"summary", "review safety"}}},
                           {"alert_id", alert_id},
                           {"client_feedback", "the nights are hard"}};
  const Response adapted =
      Call("ana", Method::kPost, plan_path + "/adaptations", adaptation.dump());
  ASSERT_EQ(adapted.status, 201) << adapted.body;
  const json third = BodyOf(adapted)["versions"][2];
  EXPECT_EQ(third["prompted_by"]["alert_id"], alert_id);
  EXPECT_EQ(third["prompted_by"]["client_feedback"], "the nights are hard");
  EXPECT_EQ(Call("ana", Method::kPost, plan_path + "/adaptations", adaptation.dump()).status, 409);

  const json versions = BodyOf(Call("ana", Method::kGet, plan_path + "/versions?limit=2"));
  EXPECT_EQ(versions["items"].size(), 2u);
  EXPECT_FALSE(versions["next_cursor"].is_null());
}

TEST_F(ClinicalRoutes, AlertsPageFilterAndAcknowledge) {
  for (int submission = 0; submission < 3; ++submission) {
    ASSERT_EQ(Call("ana", Method::kPost, SessionMeasures(client_, session_), Phq9(1)).status, 201);
    clock.Advance(std::chrono::minutes{1});
  }
  const json first_page = BodyOf(Call("ana", Method::kGet, "/api/v1/alerts"));
  ASSERT_EQ(first_page["items"].size(), 2u);  // default page size 2 in this stack
  const std::string cursor = first_page["next_cursor"];
  const json second_page = BodyOf(Call("ana", Method::kGet, "/api/v1/alerts?cursor=" + cursor));
  ASSERT_EQ(second_page["items"].size(), 1u);
  EXPECT_TRUE(second_page["next_cursor"].is_null());

  const std::int64_t newest = first_page["items"][0]["id"];
  const Response acknowledged =
      Call("ana", Method::kPost, "/api/v1/alerts/" + std::to_string(newest) + "/acknowledgements",
           R"({"note":"safety plan reviewed"})");
  ASSERT_EQ(acknowledged.status, 201) << acknowledged.body;
  EXPECT_EQ(BodyOf(acknowledged)["state"], "acknowledged");
  const json open = BodyOf(Call("ana", Method::kGet, "/api/v1/alerts?state=open&limit=5"));
  EXPECT_EQ(open["items"].size(), 2u);
  const json handled = BodyOf(Call("ana", Method::kGet, "/api/v1/alerts?state=handled"));
  ASSERT_EQ(handled["items"].size(), 1u);
  EXPECT_EQ(handled["items"][0]["handlings"][0]["note"], "safety plan reviewed");
}

TEST_F(ClinicalRoutes, InstrumentAndCatalogueReads) {
  const json instruments = BodyOf(Call("cal", Method::kGet, "/api/v1/instruments?limit=5"));
  EXPECT_EQ(instruments["items"].size(), 5u);
  const json phq9 = BodyOf(Call("cal", Method::kGet, "/api/v1/instruments/phq9"));
  EXPECT_EQ(phq9["id"], "phq9");
  EXPECT_EQ(phq9["items"].size(), 9u);
  EXPECT_EQ(Call("cal", Method::kGet, "/api/v1/instruments/phq10").status, 404);

  const json models = BodyOf(Call("ana", Method::kGet, "/api/v1/catalog/models?limit=5"));
  EXPECT_EQ(models["items"][0]["kind"], "model");
  const json cbt = BodyOf(Call("ana", Method::kGet, "/api/v1/catalog/models/cbt"));
  EXPECT_EQ(cbt["id"], "cbt");
  // A technique's id is not a model.
  EXPECT_EQ(Call("ana", Method::kGet, "/api/v1/catalog/models/thought_record").status, 404);
  EXPECT_EQ(BodyOf(Call("ana", Method::kGet, "/api/v1/catalog/techniques/thought_record"))["kind"],
            "technique");
  EXPECT_EQ(BodyOf(Call("ana", Method::kGet, "/api/v1/catalog/problems/depression"))["kind"],
            "problem_area");
  EXPECT_EQ(BodyOf(Call("ana", Method::kGet, "/api/v1/catalog/integrative-models?limit=1"))["items"]
                .size(),
            1u);
}

}  // namespace
}  // namespace tessera::http
