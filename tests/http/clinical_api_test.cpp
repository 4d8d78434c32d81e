// Black-box: the bad-input corpus of the clinical routes over sockets against the real server
// (api_fixture.hpp): malformed JSON, wrong types, a huge body, deep nesting, unknown fields,
// invalid ids, out-of-range answers and totals, unknown instruments and strategies, bad
// choices and paging. Each gets a 4xx whose message names the problem, and the store is
// unchanged: the audit chain is as long as before and no record table gained a row.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api_fixture.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ClinicalApiTest : public ApiTest {};

std::string Phq9(const json& item9, const json& others = 1) {
  json answers;
  for (int item = 1; item <= 8; ++item) answers[std::to_string(item)] = others;
  answers["9"] = item9;
  return json{{"instrument", "phq9"}, {"answers", answers}}.dump();
}

TEST_F(ClinicalApiTest, BadInputGetsAClearClientErrorAndChangesNothing) {
  const ApiClient clinician = As("demo-clinician");
  const std::string own = "/api/v1/clients/" + std::to_string(ids().own_client);
  const std::string measures = own + "/sessions/" + std::to_string(ids().session) + "/measures";
  const std::string plans = own + "/plans";
  const std::string plan = "/api/v1/plans/" + std::to_string(ids().plan);
  const json current = clinician.Expect(200, "GET", plan);
  const std::string version = std::to_string(current["current_version"].get<std::int64_t>());
  const std::string decision =
      current["versions"].back()["content"]["offered_options"][0]["for"].get<std::string>();
  const std::string alert = "/api/v1/alerts/" + std::to_string(ids().alert) + "/acknowledgements";
  const std::string episode = std::to_string(ids().clinical_episode);
  const std::string closed_episode = std::to_string(ids().episode);
  const std::string administration = own + "/measures/" + std::to_string(ids().administration);
  std::string deep = R"({"instrument":"phq9","answers":)";
  for (int level = 0; level < 40; ++level) deep += "[";
  for (int level = 0; level < 40; ++level) deep += "]";
  deep += "}";
  json many_therapists = json::array();
  for (int index = 0; index < 1001; ++index) many_therapists.push_back("t");
  struct Case {
    std::string method, target, body;
    int status;
    std::string names;  // the error message must contain this ("" for 413: no JSON parsed)
  };
  const Case cases[] = {
      // Malformed, wrong shapes, limits.
      {"POST", measures, R"({"instrument":"phq9","answers":)", 400, "JSON"},
      {"POST", measures, "[1,2]", 400, "(top level): expected an object"},
      {"POST", measures, "{\"instrument\":\"" + std::string(70000, 'a') + "\"}", 413, ""},
      {"POST", measures, deep, 400, "nested deeper"},
      {"POST", plans, json{{"episode_id", 1}, {"therapist_ids", many_therapists}}.dump(), 400,
       "therapist_ids[1000]: more than 1000 elements"},
      // Wrong types and unknown fields.
      {"POST", measures, R"({"instrument":7,"total":3})", 400, "instrument: expected a string"},
      {"POST", measures, R"({"instrument":"phq9","total":"3"})", 400, "'total'"},
      {"POST", measures, R"({"instrument":"phq9","answers":[1,2,3]})", 400, "'answers'"},
      {"POST", measures, R"({"instrument":"phq9","answers":{"1":"two"}})", 400, "item '1'"},
      {"POST", measures, R"({"instrument":"phq9","total":3,"mood":1})", 400, "mood: unknown field"},
      {"POST", plans, "{\"episode_id\":\"" + episode + "\"}", 400, "episode_id: "},
      {"POST", plans, "{\"episode_id\":" + episode + ",\"therapist_ids\":[1]}", 400,
       "'therapist_ids'"},
      {"POST", plans, "{\"episode_id\":" + episode + ",\"colour\":\"red\"}", 400,
       "colour: unknown field"},
      {"POST", plan + "/choices", "{\"expected_version\":" + version + ",\"choices\":[]}", 400,
       "'choices'"},
      {"POST", plan + "/sign-offs", R"({"version":"1","role":"clinician"})", 400, "version: "},
      {"POST", alert, R"({"note":5})", 400, "note: "},
      // Missing and empty fields.
      {"POST", plans, R"({"strategy":"sequential"})", 400, "episode_id: "},
      {"POST", measures, R"({"total":3})", 400, "instrument: required"},
      {"POST", alert, R"({})", 400, "note: "},
      {"POST", alert, R"({"note":""})", 400, "note"},
      // Out-of-range answers and totals, missing items, both or neither of answers and total.
      {"POST", measures, Phq9(4), 400, "item 9: 4"},
      {"POST", measures, Phq9(1, -1), 400, "item 1: -1"},
      {"POST", measures, Phq9(1.5), 400, "item 9"},
      {"POST", measures, R"({"instrument":"phq9","answers":{"1":1}})", 400, "item '2'"},
      {"POST", measures, R"({"instrument":"phq9","total":28})", 400, "outside"},
      {"POST", measures, R"({"instrument":"phq9","total":-1})", 400, "outside"},
      {"POST", measures, R"({"instrument":"phq9","total":3,"answers":{}})", 400, "exactly one"},
      {"POST", measures, R"({"instrument":"phq9"})", 400, "exactly one"},
      // Unknown instrument, strategy, decision, option, role; out-of-range budget.
      {"POST", measures, R"({"instrument":"phq10","total":3})", 400, "phq10"},
      {"POST", plans, "{\"episode_id\":" + episode + ",\"strategy\":\"vibes\"}", 400,
       "strategy 'vibes'"},
      {"POST", plans, "{\"episode_id\":" + episode + ",\"session_budget\":500}", 400,
       "session_budget: "},
      {"POST", plan + "/choices",
       "{\"expected_version\":" + version + ",\"choices\":{\"nope\":\"x\"}}", 400, "'nope'"},
      {"POST", plan + "/choices",
       "{\"expected_version\":" + version + ",\"choices\":{\"" + decision + "\":\"juggling\"}}",
       400, "'juggling' is not one of the options offered"},
      {"POST", plan + "/sign-offs", "{\"version\":" + version + ",\"role\":\"boss\"}", 400,
       "'role'"},
      {"POST", plan + "/adaptations",
       "{\"expected_version\":" + version + ",\"proposal\":{\"kind\":\"x\"}}", 400, "summary: "},
      {"POST", plan + "/adaptations",
       "{\"expected_version\":" + version + ",\"proposal\":{\"kind\":\"x\",\"summary\":\"y\"}}",
       400, "prompted"},
      // A prompt that is not this plan's: refused after the plan was read, still nothing stored.
      {"POST", plan + "/adaptations",
       "{\"expected_version\":" + version +
           ",\"proposal\":{\"kind\":\"x\",\"summary\":\"y\"},\"alert_id\":999999}",
       404, "alert 999999"},
      {"POST", plan + "/adaptations",
       "{\"expected_version\":" + version +
           ",\"proposal\":{\"kind\":\"x\",\"summary\":\"y\"},\"administration_id\":999999}",
       404, "administration 999999"},
      // Invalid ids in the path.
      {"POST", "/api/v1/clients/abc/sessions/1/measures", R"({"instrument":"phq9","total":3})", 400,
       "client_id"},
      {"POST", own + "/sessions/-4/measures", R"({"instrument":"phq9","total":3})", 400,
       "session_id"},
      {"GET", "/api/v1/plans/0", "", 400, "plan_id"},
      {"GET", plan + "/versions/x", "", 400, "version"},
      {"POST", "/api/v1/alerts/1e3/acknowledgements", R"({"note":"n"})", 400, "alert_id"},
      // Bad filters and paging.
      {"GET", "/api/v1/alerts?state=closed", "", 400, "'state'"},
      {"GET", "/api/v1/alerts?client_id=abc", "", 400, "client_id"},
      {"GET", "/api/v1/alerts?limit=0", "", 400, "limit"},
      {"GET", "/api/v1/alerts?limit=201", "", 400, "limit"},
      {"GET", own + "/measures?cursor=zz", "", 400, "cursor"},
      {"GET", "/api/v1/instruments?limit=-3", "", 400, "limit"},
      // Issue 16, the record: session dates outside the server's window, writes to a closed
      // episode, corrections and voids without a reason or with bad values, reopening an open
      // episode, an empty override.
      {"POST", own + "/sessions",
       "{\"episode_id\":" + episode + ",\"date\":\"0000-01-01\",\"attendance\":\"attended\"}", 400,
       "field 'date': 0000-01-01 is outside the session dates"},
      {"POST", own + "/sessions",
       "{\"episode_id\":" + episode + ",\"date\":\"2999-01-01\",\"attendance\":\"attended\"}", 400,
       "field 'date'"},
      {"POST", own + "/sessions",
       "{\"episode_id\":" + closed_episode +
           ",\"date\":\"2026-03-20\",\"attendance\":\"attended\"}",
       409, "closed"},
      {"POST", administration + "/corrections", R"({"total":3})", 400, "reason: "},
      {"POST", administration + "/corrections", R"({"reason":"misread","total":28})", 400,
       "outside"},
      {"POST", administration + "/corrections", R"({"reason":"misread"})", 400, "exactly one"},
      {"POST", administration + "/corrections", R"({"reason":"x","total":3,"instrument":"gad7"})",
       400, "instrument: unknown field"},
      {"POST", administration + "/voids", R"({})", 400, "reason: "},
      {"POST", administration + "/voids", R"({"reason":""})", 400, "reason"},
      {"POST", own + "/measures/abc/voids", R"({"reason":"x"})", 400, "administration_id"},
      {"GET", own + "/measures?history=maybe", "", 400, "'history'"},
      {"POST", "/api/v1/episodes/" + episode + "/reopen", R"({})", 400, "reason: "},
      {"POST", "/api/v1/episodes/" + episode + "/reopen", R"({"reason":"again"})", 409, "is open"},
      {"POST", "/api/v1/episodes/" + episode + "/close",
       R"({"closed_on":"2026-05-01","reason":"done","risk_alert_override":""})", 400,
       "risk_alert_override: must not be empty"},
  };
  const std::string tables_before = RecordTableCounts();
  const std::int64_t audit_before = AuditLength();
  for (const Case& bad : cases) {
    const HttpReply reply = clinician.Call(bad.method, bad.target, bad.body);
    SCOPED_TRACE(bad.method + " " + bad.target + " " + bad.body.substr(0, 100));
    // After each request, so that a failure names it.
    EXPECT_EQ(AuditLength(), audit_before) << "a rejected request reached the store";
    EXPECT_EQ(reply.status, bad.status) << reply.body;
    if (bad.names.empty()) continue;
    const json body = json::parse(reply.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << reply.body;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(bad.names), std::string::npos)
        << reply.body;
  }
  EXPECT_EQ(RecordTableCounts(), tables_before);
}

}  // namespace
}  // namespace tessera::testing
