// The client-visibility canary (issue 15): a marker planted in every clinician-only field of a
// client's record (alert details, proposal rationales and revision prompts, fit reasons,
// excluded lists, progress notes, consultation messages, psychotherapy notes) appears in no
// answer to that client's own account, across every route the route table lets a client
// account call. The routes are read from the table itself, so a route added later is covered.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/routes/client_view.hpp"
#include "http/routes/clinical_test_stack.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;
using testing::ClinicalRoutesTest;

constexpr const char* kMarker = "CANARY-c1a55ed";

class ClientVisibilityCanary : public ClinicalRoutesTest {
 protected:
  void SetUp() override {
    ClinicalRoutesTest::SetUp();
    ASSERT_TRUE(store().LinkClientAccount(AccessContext::For(users_.at("admin")), users_.at("cal"),
                                          client_));
  }

  // Every clinician-only field of ana's client, with the marker in it.
  void PlantMarkers() {
    const AccessContext ana = AccessContext::For(users_.at("ana"));
    Alert alert;
    alert.client = client_;
    alert.kind = "not_on_track";
    alert.raised_at = clock.Now();
    alert.detail = std::string("warning: ") + kMarker;
    alert.episode = episode_;
    alert.instrument = "phq9";
    alert.triggers.push_back({std::nullopt, clock.Now(), "warning", std::nullopt, kMarker});
    auto alert_id = store().RaiseAlert(ana, alert);
    ASSERT_TRUE(alert_id) << alert_id.error().message();
    // A scored PHQ-9 of the client's own: the FHIR QuestionnaireResponse and Observations a
    // client may read are its.
    const Response measured = Call(
        "ana", Method::kPost, Target("/api/v1/clients/{client_id}/sessions/{session_id}/measures"),
        json{{"instrument", "phq9"}, {"total", 12}}.dump());
    ASSERT_EQ(measured.status, 201) << measured.body;
    administration_ = BodyOf(measured)["administration_id"].get<std::int64_t>();
    ASSERT_TRUE(store().HandleAlert(ana, *alert_id,
                                    {users_.at("ana"), clock.Now(), "acknowledged", kMarker}));

    const Response created =
        Call("ana", Method::kPost, "/api/v1/clients/" + std::to_string(client_.value()) + "/plans",
             json{{"episode_id", episode_.value()}, {"strategy", "sequential"}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    plan_ = PlanId(BodyOf(created)["id"].get<std::int64_t>());
    auto plan = store().GetPlan(ana, plan_);
    ASSERT_TRUE(plan);
    json content = json::parse(plan->versions.back().content);
    content["excluded"] = json::array({{{"technique", "exposure"}, {"reason", kMarker}}});
    content["adaptations"] =
        json::array({{{"kind", "add_technique"}, {"summary", "s"}, {"rationale", kMarker}}});
    content["revisions"] =
        json::array({{{"proposal", kMarker}, {"prompted_by", {"not_on_track", kMarker}}}});
    if (content.contains("phases") && content["phases"].is_array()) {
      for (json& phase : content["phases"]) {
        phase["reasons"] = json::array({kMarker});
        phase["fit"] = {{"score", 0.5}, {"reasons", {kMarker}}};
        phase["switch_criteria"] = json::array({kMarker});
      }
    }
    content["explanation"] = kMarker;
    // The plan lifecycle (issue 14): the rules an adaptation overrode and why.
    content["rule_overrides"] =
        json::array({{{"version", 2}, {"rules", {kMarker}}, {"reason", kMarker}}});
    PlanVersion revision;
    revision.version = 2;
    revision.content = content.dump();
    revision.reason = std::string("adaptation accepted: ") + kMarker;
    revision.prompted_by.alert = *alert_id;
    revision.prompted_by.client_feedback = "the client's own words";
    auto revised = store().RevisePlan(ana, plan_, 1, revision);
    ASSERT_TRUE(revised) << revised.error().message();
    // Active (signed by ana, agreed in session): FHIR's CarePlan and Goal serve that one only.
    ASSERT_TRUE(store().SignOffPlan(ana, plan_, 2, SignOffRole::kClinician));
    ASSERT_TRUE(store().RecordClientAgreement(ana, plan_, 2, AgreementGiven::kInSession));

    // A second draft discarded with a clinician's reason: in the plan list's status history.
    const Response second =
        Call("ana", Method::kPost, "/api/v1/clients/" + std::to_string(client_.value()) + "/plans",
             json{{"episode_id", episode_.value()}, {"strategy", "sequential"}}.dump());
    ASSERT_EQ(second.status, 201) << second.body;
    const Response discarded = Call(
        "ana", Method::kPost,
        "/api/v1/plans/" + std::to_string(BodyOf(second)["id"].get<std::int64_t>()) + "/discard",
        json{{"reason", kMarker}}.dump());
    ASSERT_EQ(discarded.status, 200) << discarded.body;

    ProgressNote note;
    note.client = client_;
    note.session = session_;
    note.author = users_.at("ana");
    note.written_at = clock.Now();
    note.text = kMarker;
    ASSERT_TRUE(store().WriteProgressNote(ana, note));
    auto thread = store().OpenThread(ana, client_, kMarker);
    ASSERT_TRUE(thread);
    ASSERT_TRUE(store().PostToThread(ana, *thread, kMarker));
    PsychotherapyNote process;
    process.client = client_;
    process.author = users_.at("ana");
    process.written_at = clock.Now();
    process.text = kMarker;
    // The client's own progress chart shared (decision 0260): its route answers with scores.
    ASSERT_TRUE(store().SetProgressSharing(ana, client_, episode_, true));
    // Sealed to ana's note key, which her first login would have made.
    ASSERT_TRUE(tessera::store::testing::GiveNoteKey(store(), ana));
    ASSERT_TRUE(store().WritePsychotherapyNote(ana, process));
  }

  // The pattern with the client's own ids in it.
  std::string Target(const std::string& pattern) const {
    std::string target = pattern;
    const std::pair<std::string, std::string> ids[] = {
        {"{client_id}", std::to_string(client_.value())},
        {"{session_id}", std::to_string(session_.value())},
        {"{episode_id}", std::to_string(episode_.value())},
        {"{plan_id}", std::to_string(plan_.value())},
        {"{version}", "2"},
        {"{instrument_id}", "phq9"},
        {"{patient_id}", std::to_string(client_.value())},
        {"{questionnaire_id}", "phq9"},
        {"{response_id}", FhirResponseId()},
        {"{observation_id}", FhirResponseId() + "-total"},
        {"{care_plan_id}", std::to_string(client_.value()) + "-" + std::to_string(plan_.value())},
        {"{goal_id}",
         std::to_string(client_.value()) + "-" + std::to_string(plan_.value()) + "-1"}};
    for (const auto& [name, value] : ids) {
      for (std::size_t at = target.find(name); at != std::string::npos; at = target.find(name)) {
        target.replace(at, name.size(), value);
      }
    }
    return target;
  }

  // A body each client-callable write accepts (the route's purpose, as the client would use it).
  std::string BodyFor(const Route& route) const {
    if (route.pattern.ends_with("/measures")) {
      json answers;
      for (int item = 1; item <= 9; ++item) answers[std::to_string(item)] = item == 9 ? 2 : 1;
      return json{{"instrument", "phq9"}, {"answers", answers}}.dump();
    }
    if (route.pattern.ends_with("/sign-offs")) return R"({"version":2,"role":"client"})";
    if (route.pattern.ends_with("/choices")) return R"({"expected_version":2,"choices":{}})";
    return "{}";
  }

  // The FHIR id of the client's PHQ-9 (src/fhir/resource_ids.hpp).
  std::string FhirResponseId() const {
    return std::to_string(client_.value()) + "-" + std::to_string(administration_);
  }

  PlanId plan_;
  std::int64_t administration_ = 0;
};

TEST_F(ClientVisibilityCanary, NoAnswerToAClientAccountCarriesAClinicianOnlyField) {
  PlantMarkers();
  if (HasFatalFailure()) return;
  // The marker is really there for staff: the canary can fail.
  EXPECT_NE(Call("ana", Method::kGet, "/api/v1/alerts").body.find(kMarker), std::string::npos);
  EXPECT_NE(Call("ana", Method::kGet, Target("/api/v1/plans/{plan_id}/versions/{version}"))
                .body.find(kMarker),
            std::string::npos);
  EXPECT_NE(
      Call("ana", Method::kGet, Target("/api/v1/clients/{client_id}/plans")).body.find(kMarker),
      std::string::npos);

  int called = 0;
  int answered = 0;
  for (const Route& route : table.routes()) {
    if (std::find(route.roles.begin(), route.roles.end(), Role::kClient) == route.roles.end())
      continue;
    const std::string target = Target(route.pattern);
    ASSERT_EQ(target.find('{'), std::string::npos) << "no id for " << route.pattern;
    const Response response =
        Call("cal", route.method, target, IsWrite(route.method) ? BodyFor(route) : "");
    ++called;
    if (response.status >= 200 && response.status < 300) ++answered;
    // Every read a client may make answers for its own record (writes may refuse a body).
    if (!IsWrite(route.method)) {
      EXPECT_LT(response.status, 300)
          << MethodName(route.method) << " " << target << ": " << response.body;
    }
    EXPECT_EQ(response.body.find(kMarker), std::string::npos)
        << MethodName(route.method) << " " << target << " (" << response.status
        << "): " << response.body;
    for (const char* clinician_only :
         {"\"monitoring\"", "\"alerts\"", "\"rationale\"", "\"excluded\"", "\"alert_id\"",
          "\"revisions\"", "\"rule_overrides\"", "not_on_track"}) {
      EXPECT_EQ(response.body.find(clinician_only), std::string::npos)
          << MethodName(route.method) << " " << target << " carries " << clinician_only;
    }
  }
  EXPECT_GE(called, 6);
  EXPECT_GE(answered, 6) << "too few client routes answered: the canary proves little";

  // The shared progress chart (decision 0260) answers the client with its own score and
  // nothing of the monitor's (no expected band, no status).
  const Response progress =
      Call("cal", Method::kGet, Target("/api/v1/clients/{client_id}/progress"));
  ASSERT_EQ(progress.status, 200) << progress.body;
  const json shared = BodyOf(progress);
  EXPECT_EQ(shared["shared"], true);
  ASSERT_EQ(shared["instruments"].size(), 1u) << shared;
  EXPECT_EQ(shared["instruments"][0]["instrument"], "phq9");
  EXPECT_EQ(shared["instruments"][0]["points"][0]["score"], 12);
  for (const char* clinician_only : {"expected", "band_low", "status", "method"})
    EXPECT_EQ(progress.body.find(clinician_only), std::string::npos) << clinician_only;
}

TEST(ClientView, RemovesClinicianOnlyFieldsAtAnyDepthAndKeepsTheRest) {
  const json staff = {
      {"total", 14},
      {"monitoring", {{"status", "not_on_track"}}},
      {"alerts", json::array({{{"kind", "risk_item"}}})},
      {"score", {{"flags", json::array({"self-harm-thoughts"})}, {"answered", 9}}},
      {"content",
       {{"phases", json::array({{{"name", "skills"}, {"fit", 0.8}, {"reasons", {"x"}}}})},
        {"excluded", json::array()},
        {"goals", {"sleep better"}}}}};
  const json client = ClientView(staff);
  EXPECT_EQ(client["total"], 14);
  EXPECT_FALSE(client.contains("monitoring"));
  EXPECT_FALSE(client.contains("alerts"));
  EXPECT_FALSE(client["score"].contains("flags"));
  EXPECT_EQ(client["score"]["answered"], 9);
  EXPECT_EQ(client["content"]["phases"][0]["name"], "skills");
  EXPECT_FALSE(client["content"]["phases"][0].contains("fit"));
  EXPECT_FALSE(client["content"]["phases"][0].contains("reasons"));
  EXPECT_FALSE(client["content"].contains("excluded"));
  EXPECT_EQ(client["content"]["goals"][0], "sleep better");
}

}  // namespace
}  // namespace tessera::http
