// Black-box, over the whole route scenario (api_fixture.hpp: every record and clinical route of
// the real server on SQLite): every operation of the OpenAPI document was exercised, the
// psychotherapy-note canary appears in no response but its author's own reads and in no log
// line, every read or write of client data left an audit entry naming the client with the
// right action, and (for tools/openapi/run validate) every exchange is written out so that
// each body can be checked against the schema the document gives it.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "http/api_fixture.hpp"
#include "http/fhir_api_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ApiReplayTest : public ApiTest {
 protected:
  static json OpenApi() {
    return json::parse(SendRequest(server().port(), "GET", "/api/v1/openapi.json").body);
  }
  // The pattern with the practice's ids (and a real library entry) in place of its parameters.
  static std::string Concrete(std::string pattern) {
    const std::pair<std::string, std::string> values[] = {
        {"{client_id}", std::to_string(ids().own_client)},
        {"{episode_id}", std::to_string(ids().clinical_episode)},
        {"{thread_id}", std::to_string(ids().thread)},
        {"{user_id}", std::to_string(ids().demo_client_user)},
        {"{session_id}", std::to_string(ids().session)},
        {"{plan_id}", std::to_string(ids().plan)},
        {"{version}", "1"},
        {"{alert_id}", std::to_string(ids().alert)},
        {"{therapist_id}", "ana"},
        {"{instrument_id}", "phq9"},
        {"{model_id}", "cbt"},
        {"{technique_id}", "thought_record"},
        {"{integrative_model_id}", "dbt_program"},
        {"{problem_id}", "depression"},
        {"{patient_id}", std::to_string(ids().own_client)},
        {"{care_team_id}", std::to_string(ids().own_client)},
        {"{response_id}", ids().fhir_response},
        {"{observation_id}", ids().fhir_response + "-total"},
        {"{practitioner_id}", "ana"},
        {"{job_id}", ids().fhir_export_job},
        {"{file_name}", "Patient.ndjson"},
        {"{care_plan_id}", std::to_string(ids().own_client) + "-" + std::to_string(ids().plan)},
        {"{goal_id}", std::to_string(ids().own_client) + "-" + std::to_string(ids().plan) + "-1"},
        {"{questionnaire_id}", "phq9"}};
    for (const auto& [name, value] : values) {
      for (auto at = pattern.find(name); at != std::string::npos; at = pattern.find(name))
        pattern.replace(at, name.size(), value);
    }
    return pattern;
  }
};

TEST_F(ApiReplayTest, PatternsMatchTheMostSpecificOperation) {
  const json document = OpenApi();
  EXPECT_EQ(MatchingPattern(document, "GET", "/api/v1/catalog/models/cbt?limit=1"),
            "/api/v1/catalog/models/{model_id}");
  EXPECT_EQ(MatchingPattern(document, "GET", "/api/v1/progress-notes/search?q=x"),
            "/api/v1/progress-notes/search");
  EXPECT_EQ(MatchingPattern(document, "POST", "/api/v1/me/totp/secret"), "/api/v1/me/totp/secret");
  EXPECT_EQ(MatchingPattern(document, "DELETE", "/api/v1/clients/1"), "");
  EXPECT_EQ(MatchingPattern(document, "GET", "/api/v1/no-such-thing"), "");
  // With nothing recorded, every operation is reported.
  std::size_t operations = 0;
  for (const auto& [pattern, methods] : document["paths"].items()) operations += methods.size();
  EXPECT_EQ(OperationsNeverExercised(document, {}).size(), operations);
}

// A new route that the scenario never calls successfully fails here: add it to
// RunEveryRecordRoute or RunEveryClinicalRoute.
TEST_F(ApiReplayTest, TheScenarioExercisedEveryOperationOfTheOpenApiDocument) {
  const json document = OpenApi();
  EXPECT_GT(document["paths"].size(), 40u);
  for (const std::string& operation : OperationsNeverExercised(document, RecordedExchanges())) {
    ADD_FAILURE() << operation << " was never answered with a 2xx (or 409) in the route scenario";
  }
}

// The schema check's input (tools/openapi/run validate sets TESSERA_OPENAPI_OBSERVATIONS to a
// directory): the document this server served, the same as `tessera openapi` prints, and every
// exchange of the scenario, one JSON object a line: who, method, the operation's pattern, the
// target, status, request and response bodies.
TEST_F(ApiReplayTest, WritesEveryExchangeForSchemaValidation) {
  const char* directory = std::getenv("TESSERA_OPENAPI_OBSERVATIONS");
  if (directory == nullptr) GTEST_SKIP() << "run by tools/openapi/run validate";
  const json document = OpenApi();
  const CommandOutcome printed = RunTessera({"openapi"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(json::parse(printed.out), document)
      << "`tessera openapi` prints another document than the server serves";
  WriteFile(std::string(directory) + "/served-openapi.json", document.dump(2));
  std::ofstream out(std::string(directory) + "/observed.jsonl");
  std::size_t written = 0;
  for (const Exchange& exchange : RecordedExchanges()) {
    out << json{{"user", exchange.user},
                {"method", exchange.method},
                {"pattern", MatchingPattern(document, exchange.method, exchange.target)},
                {"target", exchange.target},
                {"status", exchange.status},
                {"request", exchange.request},
                {"response", exchange.body}}
               .dump()
        << '\n';
    ++written;
  }
  out.close();
  ASSERT_TRUE(out) << "cannot write " << directory;
  EXPECT_GT(written, 100u);
}

// The note's text may appear only where its author reads their own psychotherapy notes: over
// every response of the scenario (every route, as the people who called it), over every GET
// operation of the OpenAPI document as every role, and never in the server's log.
TEST_F(ApiReplayTest, PsychotherapyNoteTextAppearsNowhereButItsAuthorsOwnReads) {
  const json document = OpenApi();
  const std::string canary = ids().psychotherapy_canary;
  const std::string notes_pattern = "/api/v1/clients/{client_id}/psychotherapy-notes";
  const auto authors_own_read = [&](const Exchange& exchange) {
    return exchange.user == "demo-clinician" && exchange.method == "GET" &&
           MatchingPattern(document, "GET", exchange.target) == notes_pattern &&
           exchange.target.starts_with(Concrete(notes_pattern));
  };
  int author_reads = 0;
  for (const Exchange& exchange : RecordedExchanges()) {
    if (exchange.body.find(canary) == std::string::npos) continue;
    if (authors_own_read(exchange)) {
      ++author_reads;
    } else {
      ADD_FAILURE() << "the canary leaked to " << exchange.user << ": " << exchange.method << " "
                    << exchange.target;
    }
  }
  EXPECT_GE(author_reads, 1);
  int reads = 0;
  for (const char* user : {"demo-admin", "demo-clinician", "demo-supervisor", "demo-client"}) {
    const ApiClient caller = As(user);
    for (const auto& [pattern, operations] : document["paths"].items()) {
      if (!operations.contains("get")) continue;
      std::string target = Concrete(pattern);
      if (target.find("/search") != std::string::npos) target += "?q=CANARY";
      const HttpReply reply = caller.Call("GET", target);
      ++reads;
      const bool own_read = std::string(user) == "demo-clinician" && pattern == notes_pattern;
      EXPECT_EQ(reply.body.find(canary) != std::string::npos, own_read)
          << user << " GET " << target << " -> " << reply.status;
    }
  }
  EXPECT_GT(reads, 4 * 30);
  EXPECT_EQ(Log().find(canary), std::string::npos);
}

struct AuditedCall {
  std::string user;
  std::string method;
  std::string target;
  json body;
  std::string action;  // AuditActionName of the entry that must name the client
  std::map<std::string, std::string> headers = {};
};

// One call per operation that reads or writes client data (a new one without a row here fails
// the completeness check at the end). Each leaves an audit entry naming its client with the
// right action.
TEST_F(ApiReplayTest, EveryClientDataCallIsAuditedWithItsAction) {
  const ApiClient admin = As("demo-admin");
  const std::string own = "/api/v1/clients/" + std::to_string(ids().own_client);
  const std::string other = "/api/v1/clients/" + std::to_string(ids().other_client);
  const std::string plan = "/api/v1/plans/" + std::to_string(ids().plan);
  const std::string measures = own + "/sessions/" + std::to_string(ids().session) + "/measures";
  std::int64_t consultant = 0;
  const json users = admin.Expect(200, "GET", "/api/v1/users?limit=200");
  for (const json& user : users["items"]) {
    if (user["username"] == "totp-scenario") consultant = user["id"];
  }
  const ApiClient clinician = As("demo-clinician");
  const std::string own_id = std::to_string(ids().own_client);
  const json record = clinician.Expect(200, "GET", own);
  const std::int64_t profile_version = record["profile_version"];
  const std::int64_t identifiers_version = record["identifiers_version"];
  const std::int64_t spare_episode = clinician
                                         .Expect(201, "POST", own + "/episodes",
                                                 {{"opened_on", "2026-05-01"}, {"reason", "spare"}})
                                         .value("id", 0);
  // Two administrations to correct and to void.
  const std::string corrected =
      own + "/measures/" +
      std::to_string(clinician.Expect(201, "POST", measures, {{"instrument", "gad7"}, {"total", 5}})
                         .value("administration_id", 0));
  const std::string voided =
      own + "/measures/" +
      std::to_string(clinician.Expect(201, "POST", measures, {{"instrument", "gad7"}, {"total", 6}})
                         .value("administration_id", 0));
  const std::int64_t spare_plan =
      clinician.Expect(201, "POST", own + "/plans", {{"episode_id", ids().clinical_episode}})
          .value("id", 0);
  const json current_plan = admin.Expect(200, "GET", plan);
  const std::int64_t plan_version = current_plan["current_version"];
  const json offered = current_plan["versions"].back()["content"]["offered_options"][0];
  // A session to issue questionnaire links for (issue 18), and one link to revoke.
  const std::int64_t link_session = clinician
                                        .Expect(201, "POST", own + "/sessions",
                                                {{"episode_id", ids().clinical_episode},
                                                 {"date", "2026-04-02"},
                                                 {"attendance", "attended"}})
                                        .value("id", 0);
  const std::string revoked_link =
      own + "/questionnaire-links/" +
      std::to_string(
          clinician
              .Expect(201, "POST", own + "/questionnaire-links", {{"session_id", link_session}})
              .value("id", 0));
  const std::string schedule =
      own + "/episodes/" + std::to_string(ids().clinical_episode) + "/schedule";
  const std::int64_t contact_version =
      clinician.Expect(200, "GET", own + "/reminder-contact").value("version", 0);
  const std::vector<AuditedCall> calls = {
      {"demo-clinician", "GET", "/api/v1/clients", nullptr, "read"},
      {"demo-clinician", "GET", own, nullptr, "read"},
      {"demo-clinician", "GET", own + "/profile", nullptr, "read"},
      {"demo-clinician",
       "PUT",
       own + "/profile",
       {{"expected_version", profile_version},
        {"profile",
         WholeProfile({{"problems", {{{"problem", "depression"}, {"severity", "mild"}}}}})}},
       "amend"},
      {"demo-clinician",
       "PUT",
       own + "/identifiers",
       {{"expected_version", identifiers_version}, {"identifiers", {{"name", "Client A"}}}},
       "amend"},
      {"demo-clinician", "GET", own + "/identifiers/versions", nullptr, "read"},
      {"demo-clinician", "GET", own + "/summary", nullptr, "read"},
      {"demo-clinician", "GET", own + "/care-team", nullptr, "read"},
      {"demo-clinician",
       "POST",
       own + "/care-team",
       {{"user_id", consultant}, {"role", "consultant"}},
       "create"},
      {"demo-clinician", "DELETE", own + "/care-team/" + std::to_string(consultant), nullptr,
       "amend"},
      {"demo-clinician", "GET", own + "/episodes", nullptr, "read"},
      {"demo-clinician",
       "POST",
       own + "/episodes",
       {{"opened_on", "2026-04-01"}, {"reason", "audited"}},
       "create"},
      {"demo-clinician",
       "POST",
       "/api/v1/episodes/" + std::to_string(spare_episode) + "/close",
       {{"closed_on", "2026-05-02"}, {"reason", "audited"}},
       "amend"},
      {"demo-clinician",
       "POST",
       "/api/v1/episodes/" + std::to_string(spare_episode) + "/reopen",
       {{"reason", "audited"}},
       "amend"},
      {"demo-clinician", "GET", own + "/sessions", nullptr, "read"},
      {"demo-clinician",
       "POST",
       own + "/sessions",
       {{"episode_id", ids().clinical_episode}, {"date", "2026-03-24"}, {"attendance", "attended"}},
       "create"},
      {"demo-clinician", "GET", own + "/progress-notes", nullptr, "read"},
      {"demo-clinician", "POST", own + "/progress-notes", {{"text", "audited"}}, "create"},
      {"demo-clinician", "GET", "/api/v1/progress-notes/search?q=audited", nullptr, "read"},
      {"demo-clinician", "GET", own + "/psychotherapy-notes", nullptr, "read"},
      {"demo-clinician", "POST", own + "/psychotherapy-notes", {{"text", "audited"}}, "create"},
      {"demo-clinician", "GET", own + "/consultations", nullptr, "read"},
      {"demo-clinician", "GET", "/api/v1/consultations", nullptr, "read"},
      {"demo-clinician", "POST", own + "/consultations", {{"topic", "audited"}}, "create"},
      {"demo-supervisor",
       "POST",
       "/api/v1/consultations/" + std::to_string(ids().thread) + "/messages",
       {{"text", "audited"}},
       "create"},
      {"demo-supervisor",
       "POST",
       other + "/break-glass",
       {{"reason", "audit completeness check"}, {"duration_minutes", 5}},
       "create"},
      {"demo-admin",
       "POST",
       "/api/v1/users/" + std::to_string(ids().demo_client_user) + "/client-link",
       {{"client_id", ids().own_client}},
       "amend"},
      {"demo-clinician", "POST", measures, {{"instrument", "gad7"}, {"total", 9}}, "create"},
      {"demo-clinician", "GET", own + "/measures", nullptr, "read"},
      {"demo-clinician",
       "POST",
       corrected + "/corrections",
       {{"reason", "audited"}, {"total", 4}},
       "amend"},
      {"demo-supervisor", "POST", voided + "/voids", {{"reason", "audited"}}, "amend"},
      {"demo-admin", "GET", own + "/access-history", nullptr, "read"},
      {"demo-clinician", "GET",
       own + "/episodes/" + std::to_string(ids().clinical_episode) + "/course", nullptr, "read"},
      {"demo-clinician",
       "POST",
       own + "/plans",
       {{"episode_id", ids().clinical_episode}},
       "create"},
      {"demo-clinician", "GET", own + "/plans", nullptr, "read"},
      {"demo-clinician", "GET", plan, nullptr, "read"},
      {"demo-clinician", "GET", plan + "/versions", nullptr, "read"},
      {"demo-clinician", "GET", plan + "/versions/1", nullptr, "read"},
      {"demo-clinician", "GET", plan + "/versions/1/text", nullptr, "read"},
      {"demo-clinician",
       "POST",
       plan + "/sign-offs",
       {{"version", plan_version}, {"role", "clinician"}},
       "sign_off"},
      {"demo-clinician",
       "POST",
       plan + "/choices",
       {{"expected_version", plan_version},
        {"choices", {{offered["for"].get<std::string>(), offered["options"][0]}}}},
       "amend"},
      {"demo-clinician",
       "POST",
       plan + "/adaptations",
       {{"expected_version", plan_version + 1},
        {"proposal", {{"kind", "review"}, {"summary", "audited"}}},
        {"client_feedback", "audited"}},
       "amend"},
      {"demo-clinician",
       "POST",
       "/api/v1/plans/" + std::to_string(spare_plan) + "/discard",
       {{"reason", "audited"}},
       "amend"},
      {"demo-clinician", "GET", "/api/v1/alerts?client_id=" + std::to_string(ids().own_client),
       nullptr, "read"},
      {"demo-clinician",
       "POST",
       "/api/v1/alerts/" + std::to_string(ids().alert) + "/acknowledgements",
       {{"note", "audited"}},
       "handle"},
      {"demo-clinician",
       "POST",
       "/api/v1/alerts/acknowledgements",
       {{"alert_ids", {ids().alert}}, {"note", "audited twice"}},
       "handle"},
      {"demo-clinician",
       "POST",
       "/api/v1/alerts/" + std::to_string(ids().alert) + "/resolutions",
       {{"note", "audited"}},
       "handle"},
      {"demo-clinician", "GET", "/api/v1/caseload", nullptr, "read"},
      {"demo-clinician", "GET", schedule, nullptr, "read"},
      {"demo-clinician",
       "PUT",
       schedule,
       {{"instruments", {{{"instrument", "phq9"}, {"frequency", "every_session"}}}}},
       "amend"},
      {"demo-clinician", "GET", own + "/due", nullptr, "read"},
      {"demo-clinician",
       "POST",
       own + "/questionnaire-links",
       {{"session_id", link_session}},
       "create"},
      {"demo-clinician", "GET", own + "/questionnaire-links", nullptr, "read"},
      {"demo-clinician", "POST", revoked_link + "/revocations", nullptr, "amend"},
      // A kiosk link (decision 0251) and the client's progress shared (decision 0260).
      {"demo-clinician",
       "POST",
       own + "/questionnaire-links",
       {{"session_id", link_session}, {"delivery", "kiosk"}},
       "create"},
      {"demo-clinician",
       "PUT",
       own + "/episodes/" + std::to_string(ids().clinical_episode) + "/progress-sharing",
       {{"shared", true}},
       "amend"},
      {"demo-clinician", "GET", own + "/progress", nullptr, "read"},
      // Reminders (docs/reminders.md): contact and consent, "remind now", the client's outbox.
      {"demo-clinician", "GET", own + "/reminder-contact", nullptr, "read"},
      {"demo-clinician",
       "PUT",
       own + "/reminder-contact",
       {{"expected_version", contact_version},
        {"email", "replay@example.org"},
        {"mobile", "+447700900456"},
        {"email_consent", true},
        {"sms_consent", true}},
       "amend"},
      {"demo-clinician", "POST", own + "/reminders", {{"channel", "email"}}, "create"},
      {"demo-clinician", "GET", own + "/reminders", nullptr, "read"},
      {"demo-clinician", "GET", "/api/v1/statistics/practice", nullptr, "read"},
      // FHIR (docs/fhir.md): the same store calls, so the same entries.
      {"demo-clinician", "GET", "/fhir/R4/Patient/" + own_id, nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/Patient?_id=" + own_id, nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/CareTeam/" + own_id, nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/CareTeam?patient=" + own_id, nullptr, "read"},
      {"demo-clinician", "POST", "/fhir/R4/QuestionnaireResponse",
       FhirResponse("phq2", ids().own_client, ids().session, {1, 2}), "create"},
      {"demo-clinician", "GET", "/fhir/R4/QuestionnaireResponse/" + ids().fhir_response, nullptr,
       "read"},
      {"demo-clinician", "GET", "/fhir/R4/QuestionnaireResponse?patient=" + own_id, nullptr,
       "read"},
      {"demo-clinician", "GET", "/fhir/R4/Observation/" + ids().fhir_response + "-total", nullptr,
       "read"},
      {"demo-clinician", "GET", "/fhir/R4/Observation?patient=" + own_id, nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/CarePlan/" + own_id + "-" + std::to_string(ids().plan),
       nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/CarePlan?patient=" + own_id, nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/Goal/" + own_id + "-" + std::to_string(ids().plan) + "-1",
       nullptr, "read"},
      {"demo-clinician", "GET", "/fhir/R4/Goal?patient=" + own_id, nullptr, "read"},
      // A Bulk Data export reads every client's record; each file handed out is an export.
      {"demo-admin",
       "GET",
       "/fhir/R4/$export?_type=Patient",
       nullptr,
       "read",
       {{"Prefer", "respond-async"}}},
      {"demo-admin", "GET", "/fhir/R4/$export-files/" + ids().fhir_export_job + "/Patient.ndjson",
       nullptr, "export"},
  };
  std::map<std::string, ApiClient> callers;
  for (const AuditedCall& call : calls) {
    if (!callers.contains(call.user)) callers.emplace(call.user, As(call.user));
    const std::int64_t before = AuditLength();
    const std::string body = call.body.is_null() ? "" : call.body.dump();
    const HttpReply reply =
        callers.at(call.user).Call(call.method, call.target, body, call.headers);
    SCOPED_TRACE(call.method + " " + call.target);
    EXPECT_LT(reply.status, 300) << reply.body;
    const json page = admin.Expect(
        200, "GET", "/api/v1/audit/entries?limit=200&cursor=" + std::to_string(before));
    const std::int64_t client =
        call.target.starts_with(other) ? ids().other_client : ids().own_client;
    bool named = false;
    std::string seen;
    for (const json& entry : page["items"]) {
      named |= entry["client_id"] == client && entry["action"] == call.action;
      seen += entry.dump() + "\n";
    }
    EXPECT_TRUE(named) << "no '" << call.action << "' entry naming client " << client << "; got:\n"
                       << seen;
  }
  EXPECT_EQ(admin.Expect(200, "GET", "/api/v1/audit/verification")["intact"], true);
  // Completeness: every operation that names a client record, or lists or aggregates client
  // data, has a row above.
  const json document = OpenApi();
  std::set<std::string> covered;
  for (const AuditedCall& call : calls) {
    covered.insert(call.method + " " + MatchingPattern(document, call.method, call.target));
  }
  const std::set<std::string> listing = {"/api/v1/alerts", "/api/v1/statistics/practice",
                                         "/api/v1/consultations", "/api/v1/progress-notes/search",
                                         "/api/v1/caseload"};
  for (const auto& [pattern, operations] : document["paths"].items()) {
    const bool client_data =
        listing.contains(pattern) || pattern.starts_with("/api/v1/clients/{client_id}") ||
        pattern.starts_with("/api/v1/episodes/") || pattern.starts_with("/api/v1/consultations/") ||
        pattern.starts_with("/api/v1/plans/") || pattern.starts_with("/api/v1/alerts/") ||
        pattern.ends_with("/client-link") || pattern.starts_with("/fhir/R4/Patient") ||
        pattern.starts_with("/fhir/R4/CareTeam") ||
        pattern.starts_with("/fhir/R4/QuestionnaireResponse") ||
        pattern.starts_with("/fhir/R4/Observation") || pattern.starts_with("/fhir/R4/CarePlan") ||
        pattern.starts_with("/fhir/R4/Goal") || pattern == "/fhir/R4/$export" ||
        pattern.starts_with("/fhir/R4/$export-files/");
    if (!client_data) continue;
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& symbol : upper) symbol = static_cast<char>(std::toupper(symbol));
      EXPECT_TRUE(covered.contains(upper + " " + pattern))
          << upper << " " << pattern << " reads or writes client data but has no audited call";
    }
  }
}

}  // namespace
}  // namespace tessera::testing
