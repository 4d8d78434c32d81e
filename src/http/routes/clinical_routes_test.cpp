// The clinical routes through the dispatcher (no sockets) over a real SQLite store: the
// authorization matrix for these routes (role x own / other clinician's / missing object), the
// bad-input corpus, and the main flows.
#include <gtest/gtest.h>

#include <set>

#include "http/routes/clinical_test_stack.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;
using testing::ClinicalRoutesTest;

const std::set<std::string> kStaff = {"admin", "ana", "sue"};
const std::set<std::string> kClinicians = {"ana", "sue"};
const std::set<std::string> kAnyone = {"admin", "ana", "sue", "cal"};
// Staff, and a client account on its own record (client_account_routes_test.cpp).
const std::set<std::string> kStaffAndClient = kAnyone;
const std::set<std::string> kSigners = {"ana", "sue", "cal"};

// Who may call each clinical route (roles; ben is a clinician like ana and only differs in
// the objects he may see). A clinical route without an entry fails the first test.
const std::map<std::string, std::set<std::string>> kClinicalMatrix = {
    {"GET /api/v1/instruments", kAnyone},
    {"GET /api/v1/instruments/{instrument_id}", kAnyone},
    {"GET /api/v1/catalog/models", kStaff},
    {"GET /api/v1/catalog/models/{model_id}", kStaff},
    {"GET /api/v1/catalog/techniques", kStaff},
    {"GET /api/v1/catalog/techniques/{technique_id}", kStaff},
    {"GET /api/v1/catalog/integrative-models", kStaff},
    {"GET /api/v1/catalog/integrative-models/{integrative_model_id}", kStaff},
    {"GET /api/v1/catalog/problems", kStaff},
    {"GET /api/v1/catalog/problems/{problem_id}", kStaff},
    {"POST /api/v1/clients/{client_id}/sessions/{session_id}/measures", kStaffAndClient},
    {"GET /api/v1/clients/{client_id}/measures", kStaffAndClient},
    {"POST /api/v1/clients/{client_id}/plans", kClinicians},
    {"GET /api/v1/clients/{client_id}/plans", kStaffAndClient},
    {"GET /api/v1/plans/{plan_id}", kStaff},
    {"GET /api/v1/plans/{plan_id}/versions", kStaff},
    {"GET /api/v1/plans/{plan_id}/versions/{version}", kStaffAndClient},
    {"POST /api/v1/plans/{plan_id}/choices", kSigners},
    {"POST /api/v1/plans/{plan_id}/sign-offs", kSigners},
    {"POST /api/v1/plans/{plan_id}/adaptations", kClinicians},
    {"GET /api/v1/alerts", kStaff},
    {"POST /api/v1/alerts/{alert_id}/acknowledgements", kClinicians},
    {"GET /api/v1/statistics/practice", kStaff},
    {"GET /api/v1/monitor/expected-model", kStaff},
    {"POST /api/v1/monitor/expected-model/refits", {"admin"}},
};

bool IsClinical(const Route& route) {
  return route.pattern.starts_with("/api/v1/") && route.pattern != "/api/v1/openapi.json" &&
         route.pattern != "/api/v1/login" && route.pattern != "/api/v1/logout" &&
         route.pattern != "/api/v1/me";
}

std::string Label(const Route& route) {
  return std::string(MethodName(route.method)) + " " + route.pattern;
}

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

TEST_F(ClinicalRoutes, EveryClinicalRouteHasAMatrixEntryAndEveryEntryARoute) {
  std::set<std::string> routed;
  for (const Route& route : table.routes()) {
    if (!IsClinical(route)) continue;
    routed.insert(Label(route));
    EXPECT_TRUE(kClinicalMatrix.contains(Label(route))) << Label(route) << " has no matrix entry";
  }
  for (const auto& [label, callers] : kClinicalMatrix) {
    EXPECT_TRUE(routed.contains(label)) << label << " is in the matrix but not a route";
  }
}

TEST_F(ClinicalRoutes, RolesOutsideTheMatrixGet401Or403) {
  int cells = 0;
  for (const Route& route : table.routes()) {
    const auto entry = kClinicalMatrix.find(Label(route));
    if (entry == kClinicalMatrix.end()) continue;
    std::string target = route.pattern;
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
      target.replace(open, target.find('}', open) - open + 1, "1");
    }
    const std::string body = route.body == RequestBody::kJson ? "{}" : "";
    for (const std::string caller : {"", "admin", "ana", "sue", "cal"}) {
      ++cells;
      SCOPED_TRACE(Label(route) + " as '" + caller + "'");
      const int status = Call(caller, route.method, target, body).status;
      if (caller.empty()) {
        EXPECT_EQ(status, 401);
      } else if (entry->second.contains(caller)) {
        EXPECT_NE(status, 401);
        EXPECT_NE(status, 403);
        EXPECT_LT(status, 500);
      } else {
        EXPECT_EQ(status, 403);
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(kClinicalMatrix.size() * 5));
}

TEST_F(ClinicalRoutes, AnotherCliniciansOrAMissingObjectIsTheSame404) {
  // Ana's client and objects, as ana (visible), ben (another clinician's), and missing ids.
  const Response submitted =
      Call("ana", Method::kPost, SessionMeasures(client_, session_), Phq9(1));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::int64_t alert_id = BodyOf(submitted)["alerts"][0]["id"];
  const json plan = CreatePlan();
  const std::string plan_path = "/api/v1/plans/" + std::to_string(plan["id"].get<std::int64_t>());
  const std::string client_path = "/api/v1/clients/" + std::to_string(client_.value());
  const std::string missing_client = "/api/v1/clients/999";
  const struct {
    Method method;
    std::string own;
    std::string missing;
    std::string body;
  } objects[] = {
      {Method::kGet, client_path + "/measures", missing_client + "/measures", ""},
      {Method::kGet, client_path + "/plans", missing_client + "/plans", ""},
      {Method::kGet, plan_path, "/api/v1/plans/999", ""},
      {Method::kGet, plan_path + "/versions", "/api/v1/plans/999/versions", ""},
      {Method::kGet, plan_path + "/versions/1", plan_path + "/versions/9", ""},
      {Method::kPost, SessionMeasures(client_, session_), SessionMeasures(ClientId(999), session_),
       R"({"instrument":"phq9","total":3})"},
      {Method::kPost, plan_path + "/sign-offs", "/api/v1/plans/999/sign-offs",
       R"({"version":1,"role":"clinician"})"},
      {Method::kPost, "/api/v1/alerts/" + std::to_string(alert_id) + "/acknowledgements",
       "/api/v1/alerts/999/acknowledgements", R"({"note":"called"})"},
  };
  for (const auto& object : objects) {
    SCOPED_TRACE(object.own);
    const Response other = Call("ben", object.method, object.own, object.body);
    const Response missing = Call("ana", object.method, object.missing, object.body);
    EXPECT_EQ(other.status, 404) << other.body;
    EXPECT_EQ(missing.status, 404) << missing.body;
    const Response own = Call("ana", object.method, object.own, object.body);
    EXPECT_LT(own.status, 300) << own.body;
  }
  // Lists never leak another team's records.
  EXPECT_TRUE(BodyOf(Call("ben", Method::kGet, "/api/v1/alerts"))["items"].empty());
  EXPECT_EQ(BodyOf(Call("ben", Method::kGet, "/api/v1/statistics/practice"))["clients"], 1);
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
      {Method::kPost, measures, R"({"instrument":7,"total":3})", "'instrument'"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":"3"})", "'total'"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":3,"mood":1})", "unknown field 'mood'"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":28})", "outside"},
      {Method::kPost, measures, R"({"instrument":"phq9","total":3,"answers":{}})", "exactly one"},
      {Method::kPost, measures, R"({"instrument":"nope","total":3})", "nope"},
      {Method::kPost, measures, Phq9(4), "item 9: 4"},
      {Method::kPost, measures, Phq9(1, -1), "item 1: -1"},
      {Method::kPost, measures, R"({"instrument":"phq9","answers":{"1":"two"}})", "item '1'"},
      {Method::kPost, measures, R"({"instrument":"phq9","answers":{"1":1}})", "item '2'"},
      {Method::kPost, measures, R"({"instrument":"phq9","answers":[1,2,3]})", "'answers'"},
      {Method::kPost, "/api/v1/clients/abc/sessions/1/measures", R"({"instrument":"phq9","total":3})",
       "client_id"},
      {Method::kPost, "/api/v1/clients/1/sessions/-4/measures", R"({"instrument":"phq9","total":3})",
       "session_id"},
      {Method::kPost, plans, R"({"strategy":"sequential"})", "'episode_id'"},
      {Method::kPost, plans, R"({"episode_id":"1"})", "'episode_id'"},
      {Method::kPost, plans, R"({"episode_id":1,"strategy":"vibes"})", "strategy 'vibes'"},
      {Method::kPost, plans, R"({"episode_id":1,"session_budget":500})", "'session_budget'"},
      {Method::kPost, plans, R"({"episode_id":1,"therapist_ids":[1]})", "'therapist_ids'"},
      {Method::kPost, plan_path + "/choices", R"({"expected_version":1,"choices":{"nope":"x"}})",
       "'nope'"},
      {Method::kPost, plan_path + "/choices", R"({"expected_version":1,"choices":[]})", "'choices'"},
      {Method::kPost, plan_path + "/sign-offs", R"({"version":1,"role":"boss"})", "'role'"},
      {Method::kPost, plan_path + "/adaptations", R"({"expected_version":1,"proposal":{"kind":"x"}})",
       "'summary'"},
      {Method::kPost, plan_path + "/adaptations",
       R"({"expected_version":1,"proposal":{"kind":"x","summary":"y"}})", "prompted"},
      {Method::kPost, "/api/v1/alerts/1/acknowledgements", R"({"note":""})", "note"},
      {Method::kPost, "/api/v1/alerts/1/acknowledgements", R"({})", "'note'"},
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
  const Response response = Call("ana", Method::kPost, SessionMeasures(client_, session_), Phq9(2, 2));
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
  // One account signs a version once (the store's rule), in whatever role.
  EXPECT_EQ(Call("ana", Method::kPost, plan_path + "/sign-offs",
                 json{{"version", 2}, {"role", "client"}}.dump())
                .status,
            409);
  const json version = BodyOf(Call("ana", Method::kGet, plan_path + "/versions/2"));
  ASSERT_EQ(version["sign_offs"].size(), 1u);
  EXPECT_EQ(version["sign_offs"][0]["role"], "clinician");

  const Response submitted = Call("ana", Method::kPost, SessionMeasures(client_, session_), Phq9(1));
  const std::int64_t alert_id = BodyOf(submitted)["alerts"][0]["id"];
  const json adaptation = {{"expected_version", 2},
                           {"proposal", {{"kind", "safety_plan"}, {"summary", "review safety"}}},
                           {"alert_id", alert_id},
                           {"client_feedback", "the nights are hard"}};
  const Response adapted = Call("ana", Method::kPost, plan_path + "/adaptations", adaptation.dump());
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
  EXPECT_EQ(BodyOf(acknowledged)["state"], "handled");
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
