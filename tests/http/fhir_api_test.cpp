// Black-box, issue 19: a QuestionnaireResponse posted over FHIR is a measure submission like
// one posted over the JSON API (same score, band, alerts and audit entries), and FHIR errors
// are OperationOutcomes. Runs against the real server after the route scenario
// (api_fixture.hpp).

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "http/api_fixture.hpp"
#include "http/fhir_api_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class FhirApiTest : public ApiTest {
 protected:
  // The audit entries `call` appended: action, record type, client and sensitivity of each
  // (not the record ids, which differ between two submissions).
  template <class Call>
  static std::vector<std::string> AuditedBy(const Call& call) {
    const std::int64_t before = AuditLength();
    call();
    const std::int64_t after = AuditLength();
    const json page = As("demo-admin")
                          .Expect(200, "GET",
                                  "/api/v1/audit/entries?limit=" + std::to_string(after - before) +
                                      "&cursor=" + std::to_string(before));
    std::vector<std::string> entries;
    for (const json& entry : page["items"]) {
      entries.push_back(entry["action"].get<std::string>() + " " +
                        entry["record_type"].get<std::string>() + " client " +
                        entry["client_id"].dump() + " " + entry["sensitivity"].get<std::string>());
    }
    return entries;
  }

  // The kinds of the alerts raised on one administration, sorted.
  static std::vector<std::string> AlertKinds(std::int64_t administration) {
    const json alerts =
        As("demo-clinician")
            .Expect(200, "GET",
                    "/api/v1/alerts?limit=200&client_id=" + std::to_string(ids().own_client));
    std::vector<std::string> kinds;
    for (const json& alert : alerts["items"]) {
      if (alert["administration_id"] == administration) kinds.push_back(alert["kind"]);
    }
    std::sort(kinds.begin(), kinds.end());
    return kinds;
  }

  // A session in an episode of its own, so that a submission to it is that episode's baseline:
  // two of them put two submissions in the same clinical situation.
  static std::int64_t FreshSession(const ApiClient& clinician, const std::string& date) {
    const std::string own = "/api/v1/clients/" + std::to_string(ids().own_client);
    const std::int64_t episode =
        clinician.Expect(201, "POST", own + "/episodes", {{"opened_on", date}, {"reason", "fhir"}})
            .value("id", 0);
    return clinician
        .Expect(201, "POST", own + "/sessions",
                {{"episode_id", episode}, {"date", date}, {"attendance", "attended"}})
        .value("id", 0);
  }
};

TEST_F(FhirApiTest, Issue19AResponseOverFhirIsScoredMonitoredAlertedAndAuditedAsAMeasure) {
  const ApiClient clinician = As("demo-clinician");
  const std::string own = std::to_string(ids().own_client);
  const std::vector<int> values = {2, 3, 1, 2, 2, 1, 2, 1, 2};  // item 9 endorsed: a risk flag
  json answers = json::object();
  for (std::size_t index = 0; index < values.size(); ++index) {
    answers[std::to_string(index + 1)] = values[index];
  }
  const std::int64_t api_session = FreshSession(clinician, "2026-06-01");
  const std::int64_t fhir_session = FreshSession(clinician, "2026-06-02");
  json over_api;
  const std::vector<std::string> api_audit = AuditedBy([&] {
    over_api = clinician.Expect(
        201, "POST",
        "/api/v1/clients/" + own + "/sessions/" + std::to_string(api_session) + "/measures",
        {{"instrument", "phq9"}, {"answers", answers}});
  });
  json over_fhir;
  const std::vector<std::string> fhir_audit = AuditedBy([&] {
    over_fhir = clinician.Expect(201, "POST", "/fhir/R4/QuestionnaireResponse",
                                 FhirResponse("phq9", ids().own_client, fhir_session, values));
  });
  ASSERT_TRUE(over_fhir.contains("id")) << over_fhir.dump();
  EXPECT_FALSE(api_audit.empty());
  EXPECT_EQ(fhir_audit, api_audit);

  const std::string id = over_fhir["id"];
  const json total = clinician.Expect(200, "GET", "/fhir/R4/Observation/" + id + "-total");
  EXPECT_EQ(total["valueQuantity"]["value"], over_api["total"]);
  EXPECT_EQ(total["valueQuantity"]["value"], 16);
  EXPECT_EQ(total["interpretation"][0]["text"], over_api["band"]);
  const std::int64_t fhir_administration = std::stoll(id.substr(id.find('-') + 1));
  const std::vector<std::string> api_alerts = AlertKinds(over_api["administration_id"]);
  EXPECT_FALSE(api_alerts.empty()) << over_api.dump();
  EXPECT_EQ(AlertKinds(fhir_administration), api_alerts);
  // The stored answers read back as the same QuestionnaireResponse items.
  const json stored = clinician.Expect(200, "GET", "/fhir/R4/QuestionnaireResponse/" + id);
  ASSERT_EQ(stored["item"].size(), values.size());
  EXPECT_EQ(stored["item"][8]["answer"][0]["valueCoding"]["code"], "LA6570-1");
}

TEST_F(FhirApiTest, TakesAndGivesApplicationFhirJson) {
  const ApiClient clinician = As("demo-clinician");
  const std::int64_t session = FreshSession(clinician, "2026-06-03");
  const HttpReply reply = SendRequest(
      server().port(), "POST", "/fhir/R4/QuestionnaireResponse",
      FhirResponse("phq2", ids().own_client, session, {1, 2}).dump(),
      {{"Content-Type", "application/fhir+json"}, {"Authorization", "Bearer " + clinician.token}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.Header("content-type"), "application/fhir+json");
  const json created = json::parse(reply.body, nullptr, false);
  const std::string location = reply.Header("location");
  EXPECT_TRUE(location.starts_with("http://")) << location;
  EXPECT_TRUE(location.ends_with("/fhir/R4/QuestionnaireResponse/" + created.value("id", "-")))
      << location;
}

TEST_F(FhirApiTest, ErrorsAreOperationOutcomesAndChangeNothing) {
  const ApiClient clinician = As("demo-clinician");
  const std::string tables_before = RecordTableCounts();
  struct Case {
    std::string method;
    std::string target;
    std::string body;
    int status;
    std::string names;
  } cases[] = {
      {"GET", "/fhir/R4/Patient/999999", "", 404, "not found"},
      {"GET", "/fhir/R4/Observation/1-2-3", "", 404, "Observation/1-2-3"},
      {"GET", "/fhir/R4/Observation?date=yesterday", "", 400, "'date'"},
      {"GET", "/fhir/R4/Observation?colour=blue", "", 400, "colour"},
      {"GET", "/fhir/R4/Nothing", "", 404, "no route"},
      {"DELETE", "/fhir/R4/Patient/1", "", 405, "not allowed"},
      {"POST", "/fhir/R4/QuestionnaireResponse", R"({"resourceType":"Patient"})", 400,
       "resourceType"},
      {"POST", "/fhir/R4/QuestionnaireResponse",
       FhirResponse("phq9", ids().own_client, ids().session, {1, 1, 1, 1, 1, 1, 1, 1, 7}).dump(),
       400, "9"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.method + " " + test.target);
    const HttpReply reply = clinician.Call(test.method, test.target, test.body);
    EXPECT_EQ(reply.status, test.status) << reply.body;
    const json outcome = json::parse(reply.body, nullptr, false);
    EXPECT_EQ(outcome.value("resourceType", ""), "OperationOutcome") << reply.body;
    EXPECT_NE(reply.body.find(test.names), std::string::npos) << reply.body;
  }
  const HttpReply anonymous = CallPublic(server().port(), "GET", "/fhir/R4/Patient");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(json::parse(anonymous.body, nullptr, false).value("resourceType", ""),
            "OperationOutcome");
  EXPECT_EQ(RecordTableCounts(), tables_before);
}

}  // namespace
}  // namespace tessera::testing
