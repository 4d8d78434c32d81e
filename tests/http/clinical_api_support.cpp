#include "http/clinical_api_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

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
    EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/catalog/" + kind + "?limit=2")["items"].size(), 2u)
        << kind;
    EXPECT_EQ(clinician.Expect(200, "GET", "/api/v1/catalog/" + kind + "/" + id)["id"], id);
  }
  clinician.Expect(404, "GET", "/api/v1/catalog/models/thought_record");
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
  clinician.Expect(200, "PUT", own + "/profile",
                   {{"expected_version", 2},
                    {"profile",
                     {{"problems", {{{"problem", "depression"}, {"severity", "moderate"}}}},
                      {"goals", {"sleep through the night"}}}}});
  ids.clinical_episode = clinician.Expect(201, "POST", own + "/episodes",
                                          {{"opened_on", "2026-03-10"}, {"reason", "relapse"}})
                             .value("id", 0);
  ids.session = clinician.Expect(201, "POST", own + "/sessions",
                                 {{"episode_id", ids.clinical_episode}, {"date", "2026-03-17"},
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
  EXPECT_EQ(supervisor.Expect(201, "POST", measures, {{"instrument", "gad7"}, {"total", 16}})["band"],
            "severe");
  clinician_b.Expect(404, "POST", measures, {{"instrument", "gad7"}, {"total", 3}});
  const json listed = clinician.Expect(200, "GET", own + "/measures");
  ASSERT_EQ(listed["items"].size(), 2u) << listed.dump();
  EXPECT_EQ(listed["items"][0]["answers"].size(), 9u);
  EXPECT_EQ(admin.Expect(200, "GET", own + "/measures?instrument=gad7")["items"].size(), 1u);

  // The progress chart's data: the session's scores as the monitor judged them (the first
  // score of an episode is its baseline: nothing is expected of it); another team's 404.
  const std::string course =
      own + "/episodes/" + std::to_string(ids.clinical_episode) + "/course";
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
  clinician_b.Expect(404, "GET", plan_path);
  ASSERT_TRUE(plan.contains("versions")) << plan.dump();
  const json offered = plan["versions"][0]["content"]["offered_options"];
  ASSERT_FALSE(offered.empty()) << plan.dump();
  const json choices = {{"expected_version", 1},
                        {"choices", {{offered[0]["for"].get<std::string>(), offered[0]["options"][0]}}}};
  EXPECT_EQ(clinician.Expect(201, "POST", plan_path + "/choices", choices)["current_version"], 2);
  clinician.Expect(409, "POST", plan_path + "/choices", choices);
  clinician.Expect(201, "POST", plan_path + "/sign-offs", {{"version", 2}, {"role", "clinician"}});
  supervisor.Expect(201, "POST", plan_path + "/sign-offs", {{"version", 2}, {"role", "supervisor"}});
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
  const json draft = clinician.Expect(201, "POST", own + "/plans",
                                      {{"episode_id", ids.clinical_episode}, {"strategy", "eclectic"}});
  const std::string draft_path = "/api/v1/plans/" + std::to_string(draft.value("id", 0));
  clinician_b.Expect(404, "POST", draft_path + "/discard", {{"reason", "not mine"}});
  clinician.Expect(400, "POST", draft_path + "/discard", json::object());
  clinician.Expect(200, "POST", draft_path + "/discard", {{"reason", "compared, not chosen"}});
  EXPECT_EQ(clinician.Expect(200, "GET", draft_path)["status"], "discarded");
  clinician.Expect(409, "POST", plan_path + "/discard", {{"reason", "the signed plan stays"}});

  // Alerts: the work queue, acknowledging one; another clinician cannot see it.
  const json open = clinician.Expect(200, "GET", "/api/v1/alerts?state=open&client_id=" +
                                                     std::to_string(ids.own_client));
  bool listed_alert = false;
  for (const json& alert : open["items"]) listed_alert |= alert["id"] == ids.alert;
  EXPECT_TRUE(listed_alert) << open.dump();
  clinician_b.Expect(404, "POST", "/api/v1/alerts/" + std::to_string(ids.alert) + "/acknowledgements",
                     {{"note", "not mine"}});
  EXPECT_EQ(supervisor
                .Expect(201, "POST",
                        "/api/v1/alerts/" + std::to_string(ids.alert) + "/acknowledgements",
                        {{"note", "called the client, safety plan reviewed"}})["state"],
            "handled");

  // The monitor's expected-response model; this small practice has too few closed episodes
  // for a refit, which the server refuses keeping the current model (409).
  EXPECT_TRUE(clinician.Expect(200, "GET", "/api/v1/monitor/expected-model")["method"].is_string());
  admin.Expect(409, "POST", "/api/v1/monitor/expected-model/refits");

  // Practice statistics: admins count every client, clinicians their own.
  EXPECT_GE(admin.Expect(200, "GET", "/api/v1/statistics/practice")["clients"].get<int>(), 2);
  EXPECT_GE(clinician.Expect(200, "GET", "/api/v1/statistics/practice")["clients"].get<int>(), 1);
}

PracticeIds RunEveryRoute(const ServerProcess& server) {
  PracticeIds ids = RunEveryRecordRoute(server);
  RunEveryClinicalRoute(server, ids);
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
    const bool handled = (exchange.status >= 200 && exchange.status < 300) || exchange.status == 409;
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
