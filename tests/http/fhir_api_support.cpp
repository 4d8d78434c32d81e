#include "http/fhir_api_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

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

namespace {

const std::map<std::string, std::string> kRespondAsync = {{"Prefer", "respond-async"}};

// The path of a URL the server gave ("http://host/fhir/R4/..." -> "/fhir/R4/...").
std::string PathOf(const std::string& url) {
  const auto at = url.find("/fhir/R4/");
  return at == std::string::npos ? url : url.substr(at);
}

// Bulk Data $export (admin only): kick-off, manifest, every NDJSON file, deletion.
void RunBulkExport(const ApiClient& admin, const ApiClient& clinician, PracticeIds& ids) {
  clinician.Expect(403, "GET", "/fhir/R4/$export");
  EXPECT_EQ(admin.Call("GET", "/fhir/R4/$export").status, 400) << "no Prefer: respond-async";
  const HttpReply unknown_type =
      admin.Call("GET", "/fhir/R4/$export?_type=Encounter", "", kRespondAsync);
  EXPECT_EQ(unknown_type.status, 400);
  EXPECT_NE(unknown_type.body.find("_type"), std::string::npos) << unknown_type.body;
  EXPECT_EQ(admin.Call("GET", "/fhir/R4/$export?_since=2026-01-01", "", kRespondAsync).status, 400);

  const HttpReply kicked = admin.Call("GET", "/fhir/R4/$export", "", kRespondAsync);
  ASSERT_EQ(kicked.status, 202) << kicked.body;
  const std::string status = PathOf(kicked.Header("content-location"));
  ASSERT_TRUE(status.starts_with("/fhir/R4/$export-status/")) << status;
  ids.fhir_export_job = status.substr(std::string("/fhir/R4/$export-status/").size());
  const json manifest = admin.Expect(200, "GET", status);
  EXPECT_EQ(manifest["requiresAccessToken"], true);
  EXPECT_TRUE(manifest["error"].empty());
  std::set<std::string> types;
  for (const json& output : manifest["output"]) {
    const std::string type = output["type"];
    types.insert(type);
    const std::string file = PathOf(output["url"]);
    clinician.Expect(403, "GET", file);
    const HttpReply reply = admin.Call("GET", file);
    ASSERT_EQ(reply.status, 200) << file << ": " << reply.body;
    EXPECT_EQ(reply.Header("content-type"), "application/fhir+ndjson");
    std::size_t lines = 0;
    std::istringstream in(reply.body);
    bool own_client_seen = false;
    for (std::string line; std::getline(in, line);) {
      ++lines;
      const json resource = json::parse(line, nullptr, false);
      EXPECT_EQ(resource.value("resourceType", ""), type) << line;
      const std::string id = resource.value("id", "");
      own_client_seen |= id == std::to_string(ids.own_client) ||
                         id.starts_with(std::to_string(ids.own_client) + "-");
      EXPECT_EQ(line.find(ids.psychotherapy_canary), std::string::npos) << "a note exported";
    }
    EXPECT_EQ(lines, output["count"].get<std::size_t>()) << file;
    EXPECT_TRUE(own_client_seen) << type << " has nothing of client " << ids.own_client;
  }
  EXPECT_EQ(types, (std::set<std::string>{"Patient", "QuestionnaireResponse", "Observation",
                                          "CarePlan", "Goal"}));
  admin.Expect(404, "GET", "/fhir/R4/$export-files/" + ids.fhir_export_job + "/Encounter.ndjson");

  // One type only; deleted, its status and files are gone.
  const HttpReply patients = admin.Call("GET",
                                        "/fhir/R4/$export?_type=Patient&_outputFormat="
                                        "application%2Ffhir%2Bndjson",
                                        "", kRespondAsync);
  ASSERT_EQ(patients.status, 202) << patients.body;
  const std::string only = PathOf(patients.Header("content-location"));
  const json one_type = admin.Expect(200, "GET", only);
  ASSERT_EQ(one_type["output"].size(), 1u) << one_type.dump();
  EXPECT_EQ(one_type["output"][0]["type"], "Patient");
  admin.Expect(202, "DELETE", only);
  admin.Expect(404, "GET", only);
  admin.Expect(404, "GET", PathOf(one_type["output"][0]["url"]));
}

}  // namespace

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
  const json capability = json::parse(metadata.body);
  EXPECT_EQ(capability["fhirVersion"], "4.0.1");
  // Exactly the served types (the route table's), with the Bulk Data export as an operation.
  std::set<std::string> served_types;
  for (const json& resource : capability["rest"][0]["resource"])
    served_types.insert(resource["type"]);
  EXPECT_EQ(served_types,
            (std::set<std::string>{"CarePlan", "CareTeam", "Goal", "Observation", "Patient",
                                   "Practitioner", "Questionnaire", "QuestionnaireResponse"}));
  EXPECT_EQ(capability["rest"][0]["operation"][0]["name"], "export");
  EXPECT_EQ(capability["instantiates"][0],
            "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data");
  const json questionnaires = client.Expect(200, "GET", "/fhir/R4/Questionnaire");
  EXPECT_GE(questionnaires["total"].get<int>(), 8);
  EXPECT_EQ(client.Expect(200, "GET", "/fhir/R4/Questionnaire/phq9")["code"][0]["code"], "44249-1");
  client.Expect(404, "GET", "/fhir/R4/Questionnaire/ors");
  EXPECT_EQ(
      client.Expect(200, "GET",
                    "/fhir/R4/Questionnaire?url=urn%3Atessera%3Aquestionnaire%3Agad7")["total"],
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
    named_technique |=
        coding["system"] == "urn:tessera:technique" && coding["display"] != coding["code"];
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
  const json created =
      client.Expect(201, "POST", "/fhir/R4/QuestionnaireResponse",
                    FhirResponse("gad7", ids.own_client, ids.session, {1, 1, 2, 2, 1, 0, 1}));
  ids.fhir_response = created.value("id", "");
  ASSERT_FALSE(ids.fhir_response.empty()) << created.dump();
  const json response =
      clinician.Expect(200, "GET", "/fhir/R4/QuestionnaireResponse/" + ids.fhir_response);
  EXPECT_EQ(response["item"].size(), 7u);
  clinician_b.Expect(404, "GET", "/fhir/R4/QuestionnaireResponse/" + ids.fhir_response);
  const json listed =
      clinician.Expect(200, "GET",
                       "/fhir/R4/QuestionnaireResponse?patient=Patient%2F" + own +
                           "&questionnaire=Questionnaire%2Fgad7&authored=ge2000-01-01");
  EXPECT_GE(listed["total"].get<int>(), 1);
  EXPECT_GE(client.Expect(200, "GET", "/fhir/R4/QuestionnaireResponse")["total"].get<int>(), 1);
  // Its total: LOINC 70274-6, 8 points, band mild; the panel lists its members.
  const json total =
      clinician.Expect(200, "GET", "/fhir/R4/Observation/" + ids.fhir_response + "-total");
  EXPECT_EQ(total["code"]["coding"][0]["code"], "70274-6");
  EXPECT_EQ(total["valueQuantity"]["value"], 8);
  EXPECT_EQ(total["interpretation"][0]["text"], "mild");
  EXPECT_EQ(total["derivedFrom"][0]["reference"], "QuestionnaireResponse/" + ids.fhir_response);
  clinician_b.Expect(404, "GET", "/fhir/R4/Observation/" + ids.fhir_response + "-total");
  const json totals = clinician.Expect(
      200, "GET",
      "/fhir/R4/Observation?patient=" + own +
          "&code=http%3A%2F%2Floinc.org%7C70274-6&category=survey&date=ge2000&_count=1");
  EXPECT_GE(totals["total"].get<int>(), 1);
  EXPECT_EQ(totals["entry"].size(), 1u);
  EXPECT_GE(
      client.Expect(200, "GET", "/fhir/R4/Observation?_lastUpdated=ge2000-01")["total"].get<int>(),
      1);
  // An instrument with subscales: each subscale score is an Observation, a member of the panel.
  const json pcl5 =
      clinician.Expect(201, "POST", "/fhir/R4/QuestionnaireResponse",
                       FhirResponse("pcl5", ids.own_client, ids.session,
                                    {1, 2, 3, 4, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0}));
  const std::string pcl5_id = pcl5.value("id", "");
  const json intrusion =
      client.Expect(200, "GET", "/fhir/R4/Observation/" + pcl5_id + "-scale-intrusion");
  EXPECT_EQ(intrusion["valueQuantity"]["value"], 10);
  EXPECT_EQ(intrusion["code"]["coding"][0]["system"], "urn:tessera:scale");
  const json pcl5_panel =
      clinician.Expect(200, "GET", "/fhir/R4/Observation/" + pcl5_id + "-panel");
  EXPECT_NE(pcl5_panel["hasMember"].dump().find(pcl5_id + "-scale-arousal-reactivity"),
            std::string::npos)
      << pcl5_panel.dump();
  clinician_b.Expect(404, "GET", "/fhir/R4/Observation/" + pcl5_id + "-scale-intrusion");

  // A response that does not match the questionnaire: an OperationOutcome naming the item.
  const HttpReply mismatched = clinician.Call(
      "POST", "/fhir/R4/QuestionnaireResponse",
      FhirResponse("gad7", ids.own_client, ids.session, {1, 1, 2, 2, 1, 0, 1, 3}).dump());
  EXPECT_EQ(mismatched.status, 400) << mismatched.body;
  const json outcome = json::parse(mismatched.body, nullptr, false);
  EXPECT_EQ(outcome.value("resourceType", ""), "OperationOutcome") << mismatched.body;
  EXPECT_NE(mismatched.body.find("item '8'"), std::string::npos) << mismatched.body;
  // Another team's client: the same 404 as the JSON API's, and nothing stored.
  clinician_b.Expect(404, "POST", "/fhir/R4/QuestionnaireResponse",
                     FhirResponse("phq2", ids.own_client, ids.session, {1, 1}));

  RunBulkExport(admin, clinician, ids);
}

}  // namespace tessera::testing
