#include "http/fhir_api_support.hpp"

#include <gtest/gtest.h>

namespace tessera::testing {

using nlohmann::json;

json FhirResponse(const std::string& instrument, std::int64_t client, std::int64_t session,
                  const std::vector<int>& values) {
  json items = json::array();
  for (std::size_t index = 0; index < values.size(); ++index) {
    items.push_back({{"linkId", std::to_string(index + 1)},
                     {"answer", json::array({{{"valueInteger", values[index]}}})}});
  }
  return {{"resourceType", "QuestionnaireResponse"},
          {"status", "completed"},
          {"questionnaire", "urn:tessera:questionnaire:" + instrument},
          {"subject", {{"reference", "Patient/" + std::to_string(client)}}},
          {"encounter", {{"reference", "Encounter/" + std::to_string(session)}}},
          {"item", items}};
}

void RunEveryFhirRoute(const ServerProcess& server, PracticeIds& ids) {
  const int port = server.port();
  const ApiClient admin = LogIn(port, "demo-admin", server.DemoPassword("demo-admin"));
  const ApiClient clinician = LogIn(port, "demo-clinician", server.DemoPassword("demo-clinician"));
  const ApiClient client = LogIn(port, "demo-client", server.DemoPassword("demo-client"));
  const ApiClient clinician_b = LogIn(port, "clinician-b", ids.clinician_b_password);
  const std::string own = std::to_string(ids.own_client);

  // Conformance: public metadata; Questionnaires for any role, licensed ones not offered.
  const HttpReply metadata = CallPublic(port, "GET", "/fhir/R4/metadata");
  EXPECT_EQ(metadata.status, 200) << metadata.body;
  EXPECT_EQ(json::parse(metadata.body)["fhirVersion"], "4.0.1");
  const json questionnaires = client.Expect(200, "GET", "/fhir/R4/Questionnaire");
  EXPECT_GE(questionnaires["total"].get<int>(), 8);
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/Questionnaire/phq9")["code"][0]["code"], "44249-1");
  client.Expect(404, "GET", "/fhir/R4/Questionnaire/ors");
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/Questionnaire?url=urn%3Atessera%3Aquestionnaire%3Agad7")
                ["total"],
            1);

  // People: the caller's own clients only; another team's client is the same 404.
  EXPECT_EQ(clinician.Expect(200, "GET", "/fhir/R4/Patient/" + own)["id"], own);
  clinician_b.Expect(404, "GET", "/fhir/R4/Patient/" + own);
  const json patients = clinician.Expect(200, "GET", "/fhir/R4/Patient?_count=1");
  EXPECT_EQ(patients["entry"].size(), 1u);
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/Patient")["total"], 1);
  EXPECT_EQ(clinician.Expect(200, "GET", "/fhir/R4/Patient?_id=" + own)["total"], 1);
  EXPECT_EQ(admin.Expect(200, "GET", "/fhir/R4/Practitioner/ana")["id"], "ana");
  EXPECT_GE(admin.Expect(200, "GET", "/fhir/R4/Practitioner")["total"].get<int>(), 1);
  client.Expect(403, "GET", "/fhir/R4/Practitioner");
  EXPECT_EQ(clinician.Expect(200, "GET", "/fhir/R4/CareTeam/" + own)["subject"]["reference"],
            "Patient/" + own);
  EXPECT_EQ(clinician.Expect(200, "GET", "/fhir/R4/CareTeam?patient=" + own)["total"], 1);
  clinician_b.Expect(404, "GET", "/fhir/R4/CareTeam/" + own);

  // The active plan as a CarePlan, the client's goals as Goals: the same for the clinician and
  // the client's own account (only what a client sees of its plan), 404 for another team.
  const std::string care_plan = own + "-" + std::to_string(ids.plan);
  const json plan = clinician.Expect(200, "GET", "/fhir/R4/CarePlan/" + care_plan);
  EXPECT_EQ(plan["status"], "active");
  EXPECT_EQ(plan["intent"], "plan");
  EXPECT_EQ(plan["subject"]["reference"], "Patient/" + own);
  EXPECT_EQ(plan["goal"][0]["reference"], "Goal/" + care_plan + "-1");
  bool named_technique = false;
  for (const json& activity : plan["activity"]) {
    const json& coding = activity["detail"]["code"]["coding"][0];
    named_technique |= coding["system"] == "urn:tessera:technique" && coding["display"] != coding["code"];
  }
  EXPECT_TRUE(named_technique) << "no technique by its catalogue name: " << plan.dump();
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/CarePlan/" + care_plan), plan);
  EXPECT_EQ(plan.dump().find("\"ana\""), std::string::npos) << "a therapist in a CarePlan";
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/CarePlan")["total"], 1);
  EXPECT_EQ(clinician.Expect(200, "GET", "/fhir/R4/CarePlan?patient=" + own)["total"], 1);
  clinician_b.Expect(404, "GET", "/fhir/R4/CarePlan/" + care_plan);
  clinician_b.Expect(404, "GET", "/fhir/R4/CarePlan?patient=" + own);
  clinician.Expect(404, "GET", "/fhir/R4/CarePlan/" + own + "-999999");
  const json goal = client.Expect(200, "GET", "/fhir/R4/Goal/" + care_plan + "-1");
  EXPECT_EQ(goal["description"]["text"], "sleep through the night");
  EXPECT_EQ(goal["lifecycleStatus"], "active");
  clinician.Expect(404, "GET", "/fhir/R4/Goal/" + care_plan + "-2");
  clinician_b.Expect(404, "GET", "/fhir/R4/Goal/" + care_plan + "-1");
  EXPECT_EQ(clinician.Expect(200, "GET", "/fhir/R4/Goal?patient=Patient%2F" + own)["total"], 1);
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/Goal")["total"], 1);

  // A QuestionnaireResponse created over FHIR by the client: a GAD-7, scored and stored.
  const json created = client.Expect(201, "POST", "/fhir/R4/QuestionnaireResponse",
                                     FhirResponse("gad7", ids.own_client, ids.session,
                                                  {1, 1, 2, 2, 1, 0, 1}));
  ids.fhir_response = created.value("id", "");
  ASSERT_FALSE(ids.fhir_response.empty()) << created.dump();
  const json response = clinician.Expect(200, "GET", "/fhir/R4/QuestionnaireResponse/" +
                                                         ids.fhir_response);
  EXPECT_EQ(response["item"].size(), 7u);
  clinician_b.Expect(404, "GET", "/fhir/R4/QuestionnaireResponse/" + ids.fhir_response);
  const json listed = clinician.Expect(
      200, "GET", "/fhir/R4/QuestionnaireResponse?patient=Patient%2F" + own +
                      "&questionnaire=Questionnaire%2Fgad7&authored=ge2000-01-01");
  EXPECT_GE(listed["total"].get<int>(), 1);
  EXPECT_GE(client.Expect(200, "GET", "/fhir/R4/QuestionnaireResponse")["total"].get<int>(), 1);
  // Its total: LOINC 70274-6, 8 points, band mild; the panel lists its members.
  const json total = clinician.Expect(200, "GET", "/fhir/R4/Observation/" + ids.fhir_response +
                                                      "-total");
  EXPECT_EQ(total["code"]["coding"][0]["code"], "70274-6");
  EXPECT_EQ(total["valueQuantity"]["value"], 8);
  EXPECT_EQ(total["interpretation"][0]["text"], "mild");
  EXPECT_EQ(total["derivedFrom"][0]["reference"], "QuestionnaireResponse/" + ids.fhir_response);
  clinician_b.Expect(404, "GET", "/fhir/R4/Observation/" + ids.fhir_response + "-total");
  const json totals = clinician.Expect(
      200, "GET", "/fhir/R4/Observation?patient=" + own +
                      "&code=http%3A%2F%2Floinc.org%7C70274-6&category=survey&date=ge2000&_count=1");
  EXPECT_GE(totals["total"].get<int>(), 1);
  EXPECT_EQ(totals["entry"].size(), 1u);
  EXPECT_GE(client.Expect(200, "GET", "/fhir/R4/Observation?_lastUpdated=ge2000-01")["total"]
                .get<int>(),
            1);
  // A response that does not match the questionnaire: an OperationOutcome naming the item.
  const HttpReply mismatched =
      clinician.Call("POST", "/fhir/R4/QuestionnaireResponse",
                     FhirResponse("gad7", ids.own_client, ids.session, {1, 1, 2, 2, 1, 0, 1, 3})
                         .dump());
  EXPECT_EQ(mismatched.status, 400) << mismatched.body;
  const json outcome = json::parse(mismatched.body, nullptr, false);
  EXPECT_EQ(outcome.value("resourceType", ""), "OperationOutcome") << mismatched.body;
  EXPECT_NE(mismatched.body.find("item '8'"), std::string::npos) << mismatched.body;
  // Another team's client: the same 404 as the JSON API's, and nothing stored.
  clinician_b.Expect(404, "POST", "/fhir/R4/QuestionnaireResponse",
                     FhirResponse("phq2", ids.own_client, ids.session, {1, 1}));
}

}  // namespace tessera::testing
