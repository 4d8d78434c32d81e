#include "http/clinical_api_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "http/fhir_api_support.hpp"

namespace tessera::testing {

using nlohmann::json;

namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
  return text;
}

json Phq9(int all_items, int item9) {
  json answers;
  for (int item = 1; item <= 8; ++item) answers[std::to_string(item)] = all_items;
  answers["9"] = item9;
  return {{"instrument", "phq9"}, {"answers", answers}};
}

void RunLibraryReads(const ApiClient& clinician, const ApiClient& client) {
  EXPECT_EQ(client.Expect(200, "GET", "/api/v1/instruments?limit=3")["items"].size(), 3u);
  EXPECT_EQ(client.Expect(200, "GET", "/api/v1/instruments/phq9")["items"].size(), 9u);
  client.Expect(404, "GET", "/api/v1/instruments/phq10");
  client.Expect(403, "GET", "/api/v1/catalog/models");
  const std::pair<std::string, std::string> entries[] = {{"models", "cbt"},
                                                         {"techniques", "thought_record"},
                                                         {"integrative-models", "dbt_program"},
                                                         {"problems", "depression"}};
  for (const auto& [kind, id] : entries) {
    EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/catalog/" + kind + "?limit=2")["items"].size(),
              2u)
        << kind;
    EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/catalog/" + kind + "/" + id)["id"], id);
  }
  clinician.Expect(404, "GET", "/api/v1/catalog/models/thought_record");
}

// Issue 16, the record: a measure dated by its session with its submission time; a
// correction and a void, each with its reason, the original kept in the history; a closed
// episode refusing writes until reopened; an open risk alert holding a closure up unless
// overridden. Leaves the clinical episode open, as it found it.
void RunRecordRules(const ApiClient& clinician, const PracticeIds& ids) {
  const std::string own = "/api/v1/clients/" + std::to_string(ids.own_client);
  const std::string measures = own + "/sessions/" + std::to_string(ids.session) + "/measures";
  const json mistaken =
      clinician.Expect(201, "POST", measures, {{"instrument", "gad7"}, {"total", 21}});
  const std::string mistaken_path =
      own + "/measures/" + std::to_string(mistaken.value("administration_id", 0));
  const json corrected = clinician.Expect(201, "POST", mistaken_path + "/corrections",
                                          {{"reason", "the total was misread"}, {"total", 12}});
  EXPECT_EQ(corrected["total"], 12);
  clinician.Expect(409, "POST", mistaken_path + "/voids", {{"reason", "already corrected"}});
  const std::string corrected_path =
      own + "/measures/" + std::to_string(corrected.value("administration_id", 0));
  const json voided = clinician.Expect(201, "POST", corrected_path + "/voids",
                                       {{"reason", "entered for the wrong session"}});
  EXPECT_EQ(voided["entry"], "void");
  EXPECT_EQ(voided["reason"], "entered for the wrong session");
  // Current: only the supervisor's GAD-7 counts; the history keeps all three rows and the void.
  const json current = clinician.Expect(200, "GET", own + "/measures?instrument=gad7");
  ASSERT_EQ(current["items"].size(), 1u) << current.dump();
  EXPECT_EQ(current["items"][0]["administered_at"], "2026-03-17T00:00:00.000Z");
  EXPECT_NE(current["items"][0]["submitted_at"], current["items"][0]["administered_at"]);
  EXPECT_EQ(
      clinician.Expect(200, "GET", own + "/measures?instrument=gad7&history=true")["items"].size(),
      4u);

  // A new session with PHQ-9 item 9 endorsed: its risk alert holds the closure up.
  const json session = clinician.Expect(
      201, "POST", own + "/sessions",
      {{"episode_id", ids.clinical_episode}, {"date", "2026-03-31"}, {"attendance", "attended"}});
  const std::string risky =
      own + "/sessions/" + std::to_string(session.value("id", 0)) + "/measures";
  clinician.Expect(201, "POST", risky, Phq9(1, 2));
  const std::string episode = "/api/v1/episodes/" + std::to_string(ids.clinical_episode);
  const json held = clinician.Expect(409, "POST", episode + "/close",
                                     {{"closed_on", "2026-04-01"}, {"reason", "goals met"}});
  EXPECT_NE(held.dump().find("risk_alert_override"), std::string::npos) << held.dump();
  clinician.Expect(200, "POST", episode + "/close",
                   {{"closed_on", "2026-04-01"},
                    {"reason", "moved away"},
                    {"risk_alert_override", "client moved abroad; risk handed over to the GP"}});
  clinician.Expect(
      409, "POST", own + "/sessions",
      {{"episode_id", ids.clinical_episode}, {"date", "2026-04-02"}, {"attendance", "attended"}});
  clinician.Expect(409, "POST", risky, {{"instrument", "gad7"}, {"total", 3}});
  clinician.Expect(200, "POST", episode + "/reopen", {{"reason", "the client came back"}});
  clinician.Expect(409, "POST", episode + "/reopen", {{"reason", "twice"}});
}

}  // namespace

void RunEveryClinicalRoute(const ServerProcess& server, PracticeIds& ids) {
  const int port = server.port();
  const ApiClient admin = LogIn(port, "demo-admin", server.DemoPassword("demo-admin"));
  const ApiClient clinician = LogIn(port, "demo-clinician", server.DemoPassword("demo-clinician"));
  const ApiClient supervisor =
      LogIn(port, "demo-supervisor", server.DemoPassword("demo-supervisor"));
  const ApiClient client = LogIn(port, "demo-client", server.DemoPassword("demo-client"));
  const ApiClient clinician_b = LogIn(port, "clinician-b", ids.clinician_b_password);
  RunLibraryReads(clinician, client);

  // A profile the planner can use, a new episode (the first one is closed) and a session.
  const std::string own = "/api/v1/clients/" + std::to_string(ids.own_client);
  clinician.Expect(
      200, "PUT", own + "/profile",
      {{"expected_version", 2},
       {"profile",
        WholeProfile({{"problems", {{{"problem", "depression"}, {"severity", "moderate"}}}},
                      {"goals", {"sleep through the night"}}})}});
  ids.clinical_episode = clinician
                             .Expect(201, "POST", own + "/episodes",
                                     {{"opened_on", "2026-03-10"}, {"reason", "relapse"}})
                             .value("id", 0);
  ids.session = clinician
                    .Expect(201, "POST", own + "/sessions",
                            {{"episode_id", ids.clinical_episode},
                             {"date", "2026-03-17"},
                             {"attendance", "attended"}})
                    .value("id", 0);

  // Submissions: scored, stored with item answers, monitored; item 9 endorsed raises an alert.
  const std::string measures = own + "/sessions/" + std::to_string(ids.session) + "/measures";
  const json submitted = clinician.Expect(201, "POST", measures, Phq9(2, 2));
  EXPECT_EQ(submitted["total"], 18);
  EXPECT_EQ(submitted["band"], "moderately severe");
  EXPECT_TRUE(submitted["monitoring"]["status"].is_string()) << submitted.dump();
  EXPECT_FALSE(submitted["alerts"].empty()) << submitted.dump();
  ids.administration = submitted.value("administration_id", 0);
  if (!submitted["alerts"].empty()) ids.alert = submitted["alerts"][0].value("id", 0);
  EXPECT_EQ(
      supervisor.Expect(201, "POST", measures, {{"instrument", "gad7"}, {"total", 16}})["band"],
      "severe");
  clinician_b.Expect(404, "POST", measures, {{"instrument", "gad7"}, {"total", 3}});
  const json listed = clinician.Expect(200, "GET", own + "/measures");
  ASSERT_EQ(listed["items"].size(), 2u) << listed.dump();
  EXPECT_EQ(listed["items"][0]["answers"].size(), 9u);
  EXPECT_EQ(admin.Expect(200, "GET", own + "/measures?instrument=gad7")["items"].size(), 1u);

  // The progress chart's data: the session's scores as the monitor judged them (the first
  // score of an episode is its baseline: nothing is expected of it); another team's 404.
  const std::string course = own + "/episodes/" + std::to_string(ids.clinical_episode) + "/course";
  const json judged = clinician.Expect(200, "GET", course);
  ASSERT_FALSE(judged["points"].empty()) << judged.dump();
  EXPECT_EQ(judged["points"][0]["session"], 1);
  EXPECT_EQ(judged["points"][0]["session_id"], ids.session);
  EXPECT_EQ(judged["points"][0]["score"], 18);
  EXPECT_TRUE(judged["points"][0]["expected"].is_null()) << judged.dump();
  clinician_b.Expect(404, "GET", course);

  // A plan: created by the planner, read, the client's choices, two sign-offs, an adaptation.
  const json plan = clinician.Expect(201, "POST", own + "/plans",
                                     {{"episode_id", ids.clinical_episode},
                                      {"strategy", "sequential"},
                                      {"therapist_ids", {"ana"}},
                                      {"session_budget", 12}});
  ids.plan = plan.value("id", 0);
  const std::string plan_path = "/api/v1/plans/" + std::to_string(ids.plan);
  EXPECT_EQ(supervisor.Expect(200, "GET", own + "/plans")["items"].size(), 1u);
  EXPECT_EQ(admin.Expect(200, "GET", plan_path)["current_version"], 1);
  EXPECT_EQ(clinician.Expect(200, "GET", plan_path + "/versions")["items"].size(), 1u);
  EXPECT_EQ(clinician.Expect(200, "GET", plan_path + "/versions/1")["reason"], "initial plan");
  EXPECT_EQ(clinician.Expect(200, "GET", plan_path + "/versions/1?detail=full")["content"].contains(
                "explanation"),
            true);
  clinician.Expect(200, "GET", plan_path + "/versions/1/text");
  clinician_b.Expect(404, "GET", plan_path);
  ASSERT_TRUE(plan.contains("versions")) << plan.dump();
  const json offered = plan["versions"][0]["content"]["offered_options"];
  ASSERT_FALSE(offered.empty()) << plan.dump();
  const json choices = {
      {"expected_version", 1},
      {"choices", {{offered[0]["for"].get<std::string>(), offered[0]["options"][0]}}}};
  EXPECT_EQ(clinician.Expect(201, "POST", plan_path + "/choices", choices)["current_version"], 2);
  clinician.Expect(409, "POST", plan_path + "/choices", choices);
  clinician.Expect(201, "POST", plan_path + "/sign-offs", {{"version", 2}, {"role", "clinician"}});
  supervisor.Expect(201, "POST", plan_path + "/sign-offs",
                    {{"version", 2}, {"role", "supervisor"}});
  EXPECT_EQ(client.Expect(200, "GET", own + "/plans")["items"].size(), 1u);
  client.Expect(200, "GET", plan_path + "/versions/2");
  client.Expect(201, "POST", plan_path + "/sign-offs", {{"version", 2}, {"role", "client"}});
  const json adapted = clinician.Expect(
      201, "POST", plan_path + "/adaptations",
      {{"expected_version", 2},
       {"proposal", {{"kind", "safety_plan"}, {"summary", "review the safety plan weekly"}}},
       {"alert_id", ids.alert},
       {"client_feedback", "the nights are hard"}});
  EXPECT_EQ(adapted["current_version"], 3);
  // A comparison draft is discarded; only a draft can be, and another team cannot.
  const json draft =
      clinician.Expect(201, "POST", own + "/plans",
                       {{"episode_id", ids.clinical_episode}, {"strategy", "eclectic"}});
  const std::string draft_path = "/api/v1/plans/" + std::to_string(draft.value("id", 0));
  clinician_b.Expect(404, "POST", draft_path + "/discard", {{"reason", "not mine"}});
  clinician.Expect(400, "POST", draft_path + "/discard", json::object());
  clinician.Expect(200, "POST", draft_path + "/discard", {{"reason", "compared, not chosen"}});
  EXPECT_EQ(clinician.Expect(200, "GET", draft_path)["status"], "discarded");
  clinician.Expect(409, "POST", plan_path + "/discard", {{"reason", "the signed plan stays"}});

  // Alerts: the work queue, acknowledging one; another clinician cannot see it. The adaptation
  // above answered the alert, so it is acknowledged already (issue 14), still active.
  const json active = clinician.Expect(
      200, "GET", "/api/v1/alerts?state=active&client_id=" + std::to_string(ids.own_client));
  bool listed_alert = false;
  for (const json& alert : active["items"]) {
    if (alert["id"] != ids.alert) continue;
    listed_alert = true;
    EXPECT_EQ(alert["state"], "acknowledged") << alert.dump();
    EXPECT_EQ(alert["handlings"].back()["note"],
              "answered by plan " + std::to_string(adapted.value("id", 0)) +
                  " version 3: adaptation accepted: review the safety plan weekly");
  }
  EXPECT_TRUE(listed_alert) << active.dump();
  clinician_b.Expect(404, "POST",
                     "/api/v1/alerts/" + std::to_string(ids.alert) + "/acknowledgements",
                     {{"note", "not mine"}});
  EXPECT_EQ(supervisor.Expect(201, "POST",
                              "/api/v1/alerts/" + std::to_string(ids.alert) + "/acknowledgements",
                              {{"note", "called the client, safety plan reviewed"}})["state"],
            "acknowledged");
  // The lifecycle (issue 15): one note on many alerts, the caseload, a resolution, and the lead
  // clinician's notification of the client's own risk endorsement.
  EXPECT_EQ(clinician
                .Expect(201, "POST", "/api/v1/alerts/acknowledgements",
                        {{"alert_ids", {ids.alert}}, {"note", "seen at the team meeting"}})["items"]
                .size(),
            1u);
  EXPECT_FALSE(clinician.Expect(200, "GET", "/api/v1/caseload")["items"].empty());
  const std::int64_t later_session = clinician
                                         .Expect(201, "POST", own + "/sessions",
                                                 {{"episode_id", ids.clinical_episode},
                                                  {"date", "2026-03-24"},
                                                  {"attendance", "attended"}})
                                         .value("id", 0);
  const std::string later_measures =
      own + "/sessions/" + std::to_string(later_session) + "/measures";
  const json worse =
      clinician.Expect(201, "POST", later_measures, {{"instrument", "phq9"}, {"total", 27}});
  std::int64_t off_track = 0;
  for (const json& alert : worse["alerts"]) {
    if (alert["kind"] == "not_on_track") off_track = alert.value("id", 0);
  }
  ASSERT_NE(off_track, 0) << worse.dump();
  EXPECT_EQ(
      clinician.Expect(201, "POST", "/api/v1/alerts/" + std::to_string(off_track) + "/resolutions",
                       {{"note", "reviewed the formulation with the client"}})["state"],
      "resolved");
  EXPECT_FALSE(client.Expect(201, "POST", later_measures, Phq9(2, 3))["crisis"].is_null());
  const json notifications = clinician.Expect(200, "GET", "/api/v1/notifications?unread=true");
  ASSERT_FALSE(notifications["items"].empty()) << notifications.dump();
  clinician.Expect(200, "POST",
                   "/api/v1/notifications/" +
                       std::to_string(notifications["items"][0].value("id", 0)) + "/read");

  // Measurement schedules, what is due, questionnaire links (issue 18; docs/schedules.md).
  const std::string schedule =
      own + "/episodes/" + std::to_string(ids.clinical_episode) + "/schedule";
  EXPECT_TRUE(clinician.Expect(200, "GET", schedule)["basis"].is_string());
  // The WHO-5, which no other check of this scenario counts.
  clinician.Expect(200, "PUT", schedule,
                   {{"instruments", {{{"instrument", "who5"}, {"frequency", "every_session"}}}}});
  clinician_b.Expect(404, "GET", schedule);
  const std::int64_t linked_session = clinician
                                          .Expect(201, "POST", own + "/sessions",
                                                  {{"episode_id", ids.clinical_episode},
                                                   {"date", "2026-03-31"},
                                                   {"attendance", "attended"}})
                                          .value("id", 0);
  // The client's own account sees what is due too.
  EXPECT_TRUE(client.Expect(200, "GET", own + "/due").contains("due"));
  // The client's own progress (decision 0260): not shared until the clinician shares it; then
  // the link's receipt below carries it, and the client's account reads it.
  EXPECT_EQ(client.Expect(200, "GET", own + "/progress")["shared"], false);
  clinician.Expect(200, "PUT",
                   own + "/episodes/" + std::to_string(ids.clinical_episode) + "/progress-sharing",
                   {{"shared", true}});
  EXPECT_EQ(client.Expect(200, "GET", own + "/progress")["shared"], true);
  // A kiosk link (decision 0251) for the same session, revoked unused.
  const json kiosk = clinician.Expect(201, "POST", own + "/questionnaire-links",
                                      {{"session_id", linked_session}, {"delivery", "kiosk"}});
  EXPECT_EQ(kiosk["delivery"], "kiosk");
  clinician.Expect(
      200, "POST",
      own + "/questionnaire-links/" + std::to_string(kiosk.value("id", 0)) + "/revocations");
  const json link =
      clinician.Expect(201, "POST", own + "/questionnaire-links", {{"session_id", linked_session}});
  const json forms = json::parse(CallPublic(port, "POST", "/api/v1/questionnaire-link/forms",
                                            json{{"token", link["token"]}}.dump())
                                     .body,
                                 nullptr, false);
  EXPECT_EQ(forms["instruments"].size(), 1u) << forms.dump();
  const json link_answers = {{"who5", {{"1", 3}, {"2", 3}, {"3", 3}, {"4", 3}, {"5", 3}}}};
  const HttpReply link_receipt = CallPublic(
      port, "POST", "/api/v1/questionnaire-link/submissions",
      json{{"token", link["token"]}, {"idempotency_key", "fixture-0001"}, {"answers", link_answers}}
          .dump());
  EXPECT_EQ(link_receipt.status, 201);
  EXPECT_TRUE(json::parse(link_receipt.body, nullptr, false)["progress"].is_object())
      << link_receipt.body;
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/questionnaire-links")["items"][0]["status"],
            "used");
  EXPECT_FALSE(client.Expect(200, "GET", own + "/progress")["instruments"].empty());
  clinician.Expect(
      200, "POST",
      own + "/questionnaire-links/" + std::to_string(link.value("id", 0)) + "/revocations");
  // Reminders (docs/reminders.md): contact and consent, "remind now" (the own client has a
  // linked account), the client's outbox and the clinic's. No mail server: they stay queued.
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/reminder-contact")["version"], 0);
  clinician.Expect(200, "PUT", own + "/reminder-contact",
                   {{"expected_version", 0},
                    {"email", "own-client@example.org"},
                    {"mobile", "+447700900123"},
                    {"email_consent", true},
                    {"sms_consent", true}});
  EXPECT_EQ(clinician.Expect(201, "POST", own + "/reminders", {{"channel", "sms"}})["state"],
            "queued");
  EXPECT_EQ(clinician.Expect(200, "GET", own + "/reminders")["items"].size(), 1u);
  EXPECT_EQ(admin.Expect(200, "GET", "/api/v1/reminders?state=queued")["items"].size(), 1u);

  // The monitor's expected-response model; this small practice has too few closed episodes
  // for a refit, which the server refuses keeping the current model (409).
  EXPECT_TRUE(clinician.Expect(200, "GET", "/api/v1/monitor/expected-model")["method"].is_string());
  admin.Expect(409, "POST", "/api/v1/monitor/expected-model/refits");

  // Practice statistics: admins count every client, clinicians their own.
  EXPECT_GE(admin.Expect(200, "GET", "/api/v1/statistics/practice")["clients"].get<int>(), 2);
  EXPECT_GE(clinician.Expect(200, "GET", "/api/v1/statistics/practice")["clients"].get<int>(), 1);
  RunRecordRules(clinician, ids);

  // The client's access history (admin): every entry names this client; the same through the
  // audit log's filter; not for clinicians.
  const json history = admin.Expect(200, "GET", own + "/access-history?limit=200");
  ASSERT_FALSE(history["items"].empty()) << history.dump();
  for (const json& entry : history["items"]) EXPECT_EQ(entry["client_id"], ids.own_client);
  const json filtered = admin.Expect(
      200, "GET", "/api/v1/audit/entries?limit=200&client_id=" + std::to_string(ids.own_client));
  EXPECT_EQ(filtered["items"][0], history["items"][0]);
  clinician.Expect(403, "GET", own + "/access-history");
}

PracticeIds RunEveryRoute(const ServerProcess& server) {
  PracticeIds ids = RunEveryRecordRoute(server);
  RunEveryClinicalRoute(server, ids);
  RunEveryFhirRoute(server, ids);
  return ids;
}

std::string MatchingPattern(const json& openapi, const std::string& method,
                            const std::string& target) {
  const std::vector<std::string> path = Segments(target.substr(0, target.find('?')));
  std::string best;
  int best_literals = -1;
  for (const auto& [pattern, operations] : openapi["paths"].items()) {
    if (!operations.contains(Lower(method))) continue;
    const std::vector<std::string> segments = Segments(pattern);
    if (segments.size() != path.size()) continue;
    int literals = 0;
    bool matches = true;
    for (std::size_t index = 0; index < segments.size() && matches; ++index) {
      if (segments[index].starts_with("{")) continue;
      matches = segments[index] == path[index];
      ++literals;
    }
    if (matches && literals > best_literals) {
      best = pattern;
      best_literals = literals;
    }
  }
  return best;
}

std::vector<std::string> OperationsNeverExercised(const json& openapi,
                                                  const std::vector<Exchange>& exchanges) {
  std::set<std::string> exercised;
  for (const Exchange& exchange : exchanges) {
    // A success, or a conflict: a valid request the handler refused because of the state of an
    // object it found (e.g. a model refit without enough closed episodes).
    const bool handled =
        (exchange.status >= 200 && exchange.status < 300) || exchange.status == 409;
    if (!handled) continue;
    const std::string pattern = MatchingPattern(openapi, exchange.method, exchange.target);
    if (!pattern.empty()) exercised.insert(Lower(exchange.method) + " " + pattern);
  }
  std::vector<std::string> missing;
  for (const auto& [pattern, operations] : openapi["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (!exercised.contains(method + " " + pattern)) missing.push_back(method + " " + pattern);
    }
  }
  return missing;
}

}  // namespace tessera::testing
