// Black-box: the clinical routes of the real `tessera serve` on a demo-practice SQLite database
// made by `tessera demo-practice` (a temp file), over loopback sockets.
#include <gtest/gtest.h>
#include <algorithm>

#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ClinicalServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    const std::string db = directory_->File("practice.db");
    output_ = new std::string(LoadDemoPractice(db, 6));
    server_ =
        new ServerProcess(ServeArguments(db), ServerTestEnvironment(), directory_->File("log"));
    ana_ = new std::string(BearerToken(port(), "demo-ana", PasswordIn(*output_, "demo-ana")));
    ben_ = new std::string(BearerToken(port(), "demo-ben", PasswordIn(*output_, "demo-ben")));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete directory_;
    delete output_;
    delete ana_;
    delete ben_;
  }
  static int port() { return server_->port(); }
  static json Get(const std::string& token, const std::string& target) {
    const HttpReply reply = Authorized(port(), token, "GET", target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  static TempDir* directory_;
  static std::string* output_;
  static ServerProcess* server_;
  static std::string* ana_;
  static std::string* ben_;
};
TempDir* ClinicalServeTest::directory_ = nullptr;
std::string* ClinicalServeTest::output_ = nullptr;
ServerProcess* ClinicalServeTest::server_ = nullptr;
std::string* ClinicalServeTest::ana_ = nullptr;
std::string* ClinicalServeTest::ben_ = nullptr;

TEST_F(ClinicalServeTest, DemoPracticePrintsPasswordsOnceAndIsIdempotent) {
  for (const char* user : {"demo-admin", "demo-ana", "demo-ben", "demo-cleo", "demo-sue"}) {
    EXPECT_EQ(PasswordIn(*output_, user).size(), 22u) << user;
  }
  ASSERT_FALSE(ana_->empty());
  const CommandOutcome again =
      RunTessera({"demo-practice", "--db", directory_->File("practice.db"), "--clients", "6"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out.find("password: "), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("nothing loaded"), std::string::npos) << again.out;
}

TEST_F(ClinicalServeTest, SubmitsAMeasureAndReadsItBack) {
  const auto targets = SubmissionTargets(port(), *ana_, 6);
  ASSERT_FALSE(targets.empty());
  const auto [client, session] = targets.front();
  const std::string path = "/api/v1/clients/" + std::to_string(client) + "/sessions/" +
                           std::to_string(session) + "/measures";
  const HttpReply submitted =
      Authorized(port(), *ana_, "POST", path, R"({"instrument":"gad7","total":16})");
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json body = json::parse(submitted.body);
  EXPECT_EQ(body["band"], "severe");
  const json listed = Get(
      *ana_, "/api/v1/clients/" + std::to_string(client) + "/measures?instrument=gad7&limit=200");
  bool found = false;
  for (const json& item : listed["items"]) found |= item["id"] == body["administration_id"];
  EXPECT_TRUE(found);
  // Bad answers name the item and store nothing.
  const HttpReply bad =
      Authorized(port(), *ana_, "POST", path, R"({"instrument":"gad7","answers":{"1":9}})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("item '2'"), std::string::npos) << bad.body;
  // Another clinician's client looks missing.
  EXPECT_EQ(Authorized(port(), *ben_, "POST", path, R"({"instrument":"gad7","total":3})").status,
            404);
}

// The instruction printed above the items is part of the served definition, with a source
// the definition lists; instruments whose stem could not be checked against the published form
// carry none (docs/instruments.md "instructions").
TEST_F(ClinicalServeTest, InstrumentDefinitionsCarryTheirInstructionStem) {
  struct Case {
    const char* instrument;
    const char* stem;  // empty: no verified stem, so none is served
  };
  const Case cases[] = {
      {"phq9",
       "Over the last 2 weeks, how often have you been bothered by any of the following problems?"},
      {"gad7",
       "Over the last 2 weeks, how often have you been bothered by any of the following problems?"},
      {"core10", "Over the last week..."},
      {"pcl5", "In the past month, how much were you bothered by:"},
      {"phq2", ""},
      {"who5", ""},
      {"ors", ""},
  };
  for (const Case& each : cases) {
    SCOPED_TRACE(each.instrument);
    const json definition = Get(*ana_, std::string("/api/v1/instruments/") + each.instrument);
    if (std::string(each.stem).empty()) {
      EXPECT_FALSE(definition.contains("instructions")) << definition["instructions"].dump();
      continue;
    }
    ASSERT_TRUE(definition.contains("instructions"));
    EXPECT_EQ(definition["instructions"]["text"], each.stem);
    const std::string source = definition["instructions"]["source"];
    bool listed = false;
    for (const json& entry : definition["sources"]) {
      listed = listed || (entry["id"] == source && entry.contains("url"));
    }
    EXPECT_TRUE(listed) << "source '" << source << "' is not among the definition's sources";
  }
}

// An amended progress note keeps the version it replaced: the list shows the current one,
// ?history=true both (as the sessions list does).
TEST_F(ClinicalServeTest, AmendedProgressNoteKeepsTheEarlierVersion) {
  const std::string path = "/api/v1/clients/1/progress-notes";
  const HttpReply written = Authorized(port(), *ana_, "POST", path, R"({"text":"first wording"})");
  ASSERT_EQ(written.status, 201) << written.body;
  const std::int64_t original = json::parse(written.body)["id"];
  // An amendment says why: without a reason it is refused and nothing is written.
  const std::string amendment =
      R"({"text":"second wording","supersedes":)" + std::to_string(original);
  const HttpReply unexplained = Authorized(port(), *ana_, "POST", path, amendment + "}");
  EXPECT_EQ(unexplained.status, 400);
  EXPECT_NE(unexplained.body.find("amendment_reason"), std::string::npos) << unexplained.body;
  const HttpReply stray =
      Authorized(port(), *ana_, "POST", path, R"({"text":"third","amendment_reason":"why"})");
  EXPECT_EQ(stray.status, 400) << stray.body;
  const HttpReply amended = Authorized(port(), *ana_, "POST", path,
                                       amendment + R"(,"amendment_reason":"wrong wording"})");
  ASSERT_EQ(amended.status, 201) << amended.body;
  const auto texts = [](const json& page) {
    std::vector<std::string> found;
    for (const json& note : page["items"]) found.push_back(note["text"]);
    return found;
  };
  const std::vector<std::string> current = texts(Get(*ana_, path + "?limit=200"));
  EXPECT_EQ(std::count(current.begin(), current.end(), "first wording"), 0);
  EXPECT_EQ(std::count(current.begin(), current.end(), "second wording"), 1);
  const json history = Get(*ana_, path + "?limit=200&history=true");
  const std::vector<std::string> all = texts(history);
  for (const json& note : history["items"])
    EXPECT_EQ(note["amendment_reason"], note["text"] == "second wording" ? "wrong wording" : "");
  EXPECT_EQ(std::count(all.begin(), all.end(), "first wording"), 1);
  EXPECT_EQ(std::count(all.begin(), all.end(), "second wording"), 1);
  const HttpReply bad = Authorized(port(), *ana_, "GET", path + "?history=maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("history"), std::string::npos) << bad.body;
}

TEST_F(ClinicalServeTest, AlertsStatisticsPlansAndReadsAnswer) {
  const json alerts = Get(*ana_, "/api/v1/alerts?state=open");
  EXPECT_TRUE(alerts["items"].is_array());
  const json statistics = Get(*ana_, "/api/v1/statistics/practice");
  EXPECT_GT(statistics["clients"].get<int>(), 0);
  EXPECT_TRUE(statistics["nhs_talking_therapies"].contains("paired_episodes"));
  EXPECT_EQ(Get(*ana_, "/api/v1/instruments/phq9")["id"], "phq9");
  EXPECT_EQ(Get(*ana_, "/api/v1/catalog/models/cbt")["id"], "cbt");
  // Ana's open-episode clients got a plan from the demo loader (clients 1 and 4 of 6: every
  // third client keeps an open episode; ana carries every third client from the first).
  const json plans = Get(*ana_, "/api/v1/clients/1/plans");
  ASSERT_EQ(plans["items"].size(), 1u);
  const std::int64_t plan_id = plans["items"][0]["id"];
  const json plan = Get(*ana_, "/api/v1/plans/" + std::to_string(plan_id));
  EXPECT_EQ(plan["versions"][0]["reason"], "initial plan");
  // Agreed in session by the demo loader: ana signed and recorded the client's agreement, so
  // the plan is the episode's active one; ana cannot sign the same version again.
  EXPECT_EQ(plan["status"], "active") << plan.dump();
  EXPECT_EQ(plan["versions"][0]["sign_offs"].size(), 2u) << plan.dump();
  const HttpReply signed_again =
      Authorized(port(), *ana_, "POST", "/api/v1/plans/" + std::to_string(plan_id) + "/sign-offs",
                 R"({"version":1,"role":"clinician"})");
  EXPECT_EQ(signed_again.status, 409) << signed_again.body;
}

// The counter or histogram count `name` in a /metrics scrape (0 when not yet exported).
double MetricValue(const std::string& scrape, const std::string& name) {
  const std::string prefix = name + " ";
  for (std::size_t at = scrape.find(prefix); at != std::string::npos;
       at = scrape.find(prefix, at + 1)) {
    if (at == 0 || scrape[at - 1] == '\n') return std::stod(scrape.substr(at + prefix.size()));
  }
  return 0;
}

TEST_F(ClinicalServeTest, SummaryAndMetricsFollowASubmissionThatRaisesAnAlert) {
  // Client 1 is ana's with an open episode; a new session of it has no alerts yet.
  const json before_summary = Get(*ana_, "/api/v1/clients/1/summary");
  ASSERT_TRUE(before_summary["episode"].is_object()) << before_summary.dump();
  EXPECT_FALSE(before_summary["name"].get<std::string>().empty());
  const std::int64_t episode = before_summary["episode"]["id"];
  // Today: session dates far from it are refused ([records] window, issue 16).
  const std::chrono::year_month_day date{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  char today[16];
  std::snprintf(today, sizeof today, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  const HttpReply session =
      Authorized(port(), *ana_, "POST", "/api/v1/clients/1/sessions",
                 R"({"episode_id":)" + std::to_string(episode) + R"(,"date":")" +
                     std::string(today) + R"(","attendance":"attended","techniques":[]})");
  ASSERT_EQ(session.status, 201) << session.body;
  const std::int64_t session_id = json::parse(session.body)["id"];
  const std::string scrape_before = SendRequest(port(), "GET", "/metrics").body;

  // PHQ-9 item 9 endorsed: the monitor raises a risk alert, stored with the administration.
  const HttpReply submitted = Authorized(
      port(), *ana_, "POST",
      "/api/v1/clients/1/sessions/" + std::to_string(session_id) + "/measures",
      R"({"instrument":"phq9","answers":{"1":2,"2":2,"3":2,"4":2,"5":2,"6":2,"7":2,"8":2,"9":2}})");
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json body = json::parse(submitted.body);
  const std::size_t raised = body["alerts"].size();
  ASSERT_GT(raised, 0u) << submitted.body;

  const std::string scrape = SendRequest(port(), "GET", "/metrics").body;
  EXPECT_EQ(MetricValue(scrape, "tessera_alerts_raised_total"),
            MetricValue(scrape_before, "tessera_alerts_raised_total") + static_cast<double>(raised))
      << scrape;
  EXPECT_GT(MetricValue(scrape, "tessera_store_batches_total"),
            MetricValue(scrape_before, "tessera_store_batches_total"));
  EXPECT_GE(MetricValue(scrape, "tessera_store_batch_units_total"),
            MetricValue(scrape, "tessera_store_batches_total"));
  EXPECT_GT(MetricValue(scrape, "tessera_store_batch_seconds_count"), 0);
  EXPECT_GT(MetricValue(scrape, "tessera_store_queue_wait_seconds_count"), 0);

  // The summary shows the new latest PHQ-9 and one more open alert per alert raised.
  const json summary = Get(*ana_, "/api/v1/clients/1/summary");
  EXPECT_EQ(summary["open_alerts"].get<std::size_t>(),
            before_summary["open_alerts"].get<std::size_t>() + raised);
  bool latest_is_new = false;
  for (const json& instrument : summary["instruments"]) {
    if (instrument["instrument"] == "phq9")
      latest_is_new = instrument["latest"]["administration_id"] == body["administration_id"];
  }
  EXPECT_TRUE(latest_is_new) << summary.dump();
  // Another clinician's client and a missing one are the same 404.
  EXPECT_EQ(Authorized(port(), *ben_, "GET", "/api/v1/clients/1/summary").status, 404);
  EXPECT_EQ(Authorized(port(), *ana_, "GET", "/api/v1/clients/999999/summary").status, 404);
}

TEST_F(ClinicalServeTest, EveryClinicalRouteIsInTheOpenApiDocument) {
  const HttpReply reply = SendRequest(port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200);
  const json paths = json::parse(reply.body)["paths"];
  for (const char* path :
       {"/api/v1/instruments", "/api/v1/instruments/{instrument_id}", "/api/v1/catalog/models",
        "/api/v1/clients/{client_id}/sessions/{session_id}/measures",
        "/api/v1/clients/{client_id}/plans", "/api/v1/plans/{plan_id}/adaptations",
        "/api/v1/alerts", "/api/v1/alerts/{alert_id}/acknowledgements",
        "/api/v1/statistics/practice", "/api/v1/clients/{client_id}/summary"}) {
    EXPECT_TRUE(paths.contains(path)) << path;
  }
}

}  // namespace
}  // namespace tessera::testing
