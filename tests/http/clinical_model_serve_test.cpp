// Black-box: the server monitors submissions with the practice's expected-response model when
// one is configured ([monitor] expected_model / TESSERA_MONITOR_EXPECTED_MODEL, a file from
// `tessera fit expected`), with the rational rule without one, and refuses a bad model file
// at start-up naming it.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "http/clinical_serve_support.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

class ClinicalModelServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TempDir();
    output_ = new std::string(LoadDemoPractice(directory_->File("practice.db"), 4));
    // Two copies of one practice, so the servers with and without a model see the same data.
    std::filesystem::copy_file(directory_->File("practice.db"), directory_->File("rational.db"));
    const CommandOutcome simulated =
        RunTessera({"simulate", "--clients", "200", "--sessions", "10", "--seed", "5", "--out",
                    directory_->File("simulated.csv")});
    ASSERT_EQ(simulated.exit_code, 0) << simulated.err;
    const CommandOutcome fitted =
        RunTessera({"fit", "expected", "--input", directory_->File("simulated.csv"), "--out",
                    directory_->File("model.json")});
    ASSERT_EQ(fitted.exit_code, 0) << fitted.err;
  }
  static void TearDownTestSuite() {
    delete output_;
    delete directory_;
  }

  // Submits a PHQ-9 total to the last attended session of one of demo-ana's clients (a later
  // session, so there is an expectation) and returns the response's "monitoring" object.
  static json SubmitToLatestSession(int port, const std::string& demo_output = *output_) {
    const std::string token = BearerToken(port, "demo-ana", PasswordIn(demo_output, "demo-ana"));
    EXPECT_FALSE(token.empty());
    const auto targets = SubmissionTargets(port, token, 4);
    EXPECT_FALSE(targets.empty());
    if (targets.empty()) return json();
    const std::int64_t client = targets.front().first;
    const HttpReply sessions = Authorized(
        port, token, "GET", "/api/v1/clients/" + std::to_string(client) + "/sessions?limit=200");
    EXPECT_EQ(sessions.status, 200) << sessions.body;
    std::int64_t latest = 0;
    const json listed = json::parse(sessions.body);  // (a temporary's member would dangle)
    for (const json& session : listed["items"]) {
      if (session["attendance"] == "attended") latest = session["id"].get<std::int64_t>();
    }
    EXPECT_NE(latest, targets.front().second) << "the demo client needs more than one session";
    const HttpReply submitted = Authorized(port, token, "POST",
                                           "/api/v1/clients/" + std::to_string(client) +
                                               "/sessions/" + std::to_string(latest) + "/measures",
                                           R"({"instrument":"phq9","total":14})");
    EXPECT_EQ(submitted.status, 201) << submitted.body;
    return json::parse(submitted.body, nullptr, false)["monitoring"];
  }

  static TempDir* directory_;
  static std::string* output_;
};
TempDir* ClinicalModelServeTest::directory_ = nullptr;
std::string* ClinicalModelServeTest::output_ = nullptr;

TEST_F(ClinicalModelServeTest, WithAModelTheSubmissionUsesTheGrowthModelAndProjectedEnd) {
  auto environment = ServerTestEnvironment();
  environment["TESSERA_MONITOR_EXPECTED_MODEL"] = directory_->File("model.json");
  ServerProcess server({"--db", directory_->File("practice.db")}, environment,
                       directory_->File("model.log"));
  EXPECT_NE(
      server.banner().find("expected-response model " + directory_->File("model.json") + ": "),
      std::string::npos)
      << server.banner();
  EXPECT_NE(server.banner().find("phq9: growth model on 200 clients"), std::string::npos)
      << server.banner();
  const json monitoring = SubmitToLatestSession(server.port());
  EXPECT_EQ(monitoring["method"], "growth_model") << monitoring.dump();
  EXPECT_EQ(monitoring["not_on_track_rule"], "projected_end") << monitoring.dump();
  EXPECT_TRUE(monitoring["expected"].is_number()) << monitoring.dump();
  ASSERT_TRUE(monitoring["projected_end"].is_object()) << monitoring.dump();
  EXPECT_GT(monitoring["projected_end"]["session"].get<int>(), 1);
  EXPECT_EQ(monitoring["expected_model"], directory_->File("model.json"));
  // The model in use, for staff.
  const std::string ana = BearerToken(server.port(), "demo-ana", PasswordIn(*output_, "demo-ana"));
  const HttpReply model = Authorized(server.port(), ana, "GET", "/api/v1/monitor/expected-model");
  ASSERT_EQ(model.status, 200) << model.body;
  const json described = json::parse(model.body);
  EXPECT_EQ(described["method"], "growth_model");
  EXPECT_EQ(described["source"], directory_->File("model.json"));
  EXPECT_EQ(described["instruments"][0]["instrument"], "phq9");
  EXPECT_EQ(described["instruments"][0]["clients"], 200);
  EXPECT_EQ(described["instruments"][0]["used"], true);
}

TEST_F(ClinicalModelServeTest, TheConfigFileKeyLoadsTheModelToo) {
  WriteFile(directory_->File("tessera.toml"),
            "[monitor]\nexpected_model = \"" + directory_->File("model.json") + "\"\n");
  ServerProcess server(
      {"--db", directory_->File("practice.db"), "--config", directory_->File("tessera.toml")},
      ServerTestEnvironment(), directory_->File("config.log"));
  EXPECT_EQ(SubmitToLatestSession(server.port())["method"], "growth_model");
}

TEST_F(ClinicalModelServeTest, WithoutAModelTheRationalRuleIsUsedAndNamed) {
  ServerProcess server({"--db", directory_->File("rational.db")}, ServerTestEnvironment(),
                       directory_->File("rational.log"));
  EXPECT_NE(server.banner().find("no expected-response model"), std::string::npos)
      << server.banner();
  const json monitoring = SubmitToLatestSession(server.port());
  EXPECT_EQ(monitoring["method"], "rational_rule") << monitoring.dump();
  EXPECT_EQ(monitoring["not_on_track_rule"], "band") << monitoring.dump();
  EXPECT_TRUE(monitoring["projected_end"].is_null()) << monitoring.dump();
  EXPECT_EQ(monitoring["expected_model"], "none");
  const std::string ana = BearerToken(server.port(), "demo-ana", PasswordIn(*output_, "demo-ana"));
  const std::string admin =
      BearerToken(server.port(), "demo-admin", PasswordIn(*output_, "demo-admin"));
  const HttpReply model = Authorized(server.port(), ana, "GET", "/api/v1/monitor/expected-model");
  ASSERT_EQ(model.status, 200) << model.body;
  EXPECT_EQ(json::parse(model.body)["method"], "rational_rule");
  // Refitting is for admins; the small demo practice has too few closed episodes, so the
  // server says so and keeps the rational rule.
  EXPECT_EQ(Authorized(server.port(), ana, "POST", "/api/v1/monitor/expected-model/refits").status,
            403);
  const HttpReply refit =
      Authorized(server.port(), admin, "POST", "/api/v1/monitor/expected-model/refits");
  EXPECT_EQ(refit.status, 409) << refit.body;
  EXPECT_NE(refit.body.find("current model is kept"), std::string::npos) << refit.body;
  EXPECT_EQ(SubmitToLatestSession(server.port())["method"], "rational_rule");
}

TEST_F(ClinicalModelServeTest, AnAdminRefitFromTheStoresClosedEpisodesSwitchesToTheGrowthModel) {
  // 80 demo clients: two in three episodes are closed, more than the 50 clients the growth
  // model needs (rules.json minimum_practice_clients).
  const std::string output = LoadDemoPractice(directory_->File("large.db"), 80);
  ServerProcess server({"--db", directory_->File("large.db")}, ServerTestEnvironment(),
                       directory_->File("large.log"));
  const std::string admin =
      BearerToken(server.port(), "demo-admin", PasswordIn(output, "demo-admin"));
  const HttpReply statistics =
      Authorized(server.port(), admin, "GET", "/api/v1/statistics/practice");
  const int closed = json::parse(statistics.body)["episodes"]["closed"];
  ASSERT_GE(closed, 50);
  const auto audit_length = [&] {
    const HttpReply verified =
        Authorized(server.port(), admin, "GET", "/api/v1/audit/verification");
    return json::parse(verified.body)["entries_checked"].get<int>();
  };
  const int audited_before = audit_length();

  const HttpReply refit =
      Authorized(server.port(), admin, "POST", "/api/v1/monitor/expected-model/refits");
  ASSERT_EQ(refit.status, 201) << refit.body;
  const json model = json::parse(refit.body);
  EXPECT_EQ(model["method"], "growth_model");
  EXPECT_EQ(model["episodes"], closed);
  EXPECT_TRUE(model["fitted_at"].is_string());
  EXPECT_EQ(model["instruments"][0]["instrument"], "phq9");
  EXPECT_EQ(model["instruments"][0]["clients"], closed);
  EXPECT_EQ(model["instruments"][0]["used"], true);
  // Every client record read for the fit left an audit entry (80 clients, several reads each).
  EXPECT_GE(audit_length() - audited_before, 80);

  const json monitoring = SubmitToLatestSession(server.port(), output);
  EXPECT_EQ(monitoring["method"], "growth_model") << monitoring.dump();
  EXPECT_EQ(monitoring["not_on_track_rule"], "projected_end") << monitoring.dump();
  EXPECT_EQ(monitoring["expected_model"].get<std::string>().rfind("refitted from ", 0), 0u)
      << monitoring.dump();
}

TEST_F(ClinicalModelServeTest, ABadOrMissingModelFileIsAStartUpErrorNamingIt) {
  WriteFile(directory_->File("broken.json"), R"({"format": "nonsense"})");
  WriteFile(directory_->File("empty.json"), "");
  const struct {
    std::string file;
  } cases[] = {{directory_->File("broken.json")},
               {directory_->File("empty.json")},
               {directory_->File("absent.json")}};
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.file);
    auto environment = ServerTestEnvironment();
    environment["TESSERA_MONITOR_EXPECTED_MODEL"] = bad.file;
    CommandOptions options;
    options.environment = environment;
    const CommandOutcome outcome =
        RunTessera({"serve", "--db", directory_->File("unused.db")}, options);
    EXPECT_NE(outcome.exit_code, 0);
    EXPECT_NE(outcome.err.find("tessera: " + bad.file + ": "), std::string::npos) << outcome.err;
    EXPECT_EQ(outcome.out.find("listening"), std::string::npos) << outcome.out;
    // Refused before the store was opened: no database file was created.
    EXPECT_FALSE(std::filesystem::exists(directory_->File("unused.db")));
  }
}

}  // namespace
}  // namespace tessera::testing
