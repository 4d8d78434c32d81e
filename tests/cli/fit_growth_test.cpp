// Black-box: `tessera fit growth` and `tessera simulate` as a shell user runs them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

const std::string kFixtures = std::string(TESSERA_SOURCE_DIR) + "/tests/fixtures/stats/";

nlohmann::json Lme4Fit(const std::string& name) {
  std::ifstream file(kFixtures + "lme4_fits.json");
  const nlohmann::json all = nlohmann::json::parse(file);
  for (const auto& fit : all["fits"]) {
    if (fit["name"] == name) return fit;
  }
  return nullptr;
}

void ExpectMatchesLme4(const nlohmann::json& output, const std::string& name) {
  const nlohmann::json expected = Lme4Fit(name);
  ASSERT_FALSE(expected.is_null()) << name;
  for (const auto& fixed : expected["fixed"]) {
    std::string key = fixed["name"];
    if (key == "time" && !output["fixed"].contains("time")) key = "t";
    const double estimate = output["fixed"][key]["estimate"];
    EXPECT_NEAR(estimate, fixed["estimate"].get<double>(),
                1e-4 * std::abs(fixed["estimate"].get<double>()))
        << key;
  }
  EXPECT_NEAR(output["random"]["sd_slope"].get<double>(), expected["sd_slope"].get<double>(),
              1e-4 * expected["sd_slope"].get<double>());
  EXPECT_NEAR(output["loglik"].get<double>(), expected["loglik"].get<double>(), 1e-6);
}

CommandOutcome FitGrowth(const std::string& input, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"fit", "growth", "--input", input, "--id",
                                   "id",  "--time", "time",    "--y", "y"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunTessera(args);
}

TEST(FitGrowthCommand, PrintsTheFitAsJsonMatchingLme4) {
  const CommandOutcome outcome = FitGrowth(kFixtures + "small.csv");
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const nlohmann::json output = nlohmann::json::parse(outcome.out);
  for (const char* key : {"fixed", "random", "sigma", "loglik", "converged", "iterations",
                          "n_clients", "n_obs", "seconds"}) {
    EXPECT_TRUE(output.contains(key)) << key;
  }
  EXPECT_EQ(output["method"], "REML");
  EXPECT_EQ(output["converged"], true);
  EXPECT_EQ(output["n_clients"], 25);
  EXPECT_EQ(output["n_obs"], 116);
  EXPECT_TRUE(output["fixed"]["(Intercept)"].contains("se"));
  EXPECT_TRUE(output["random"].contains("corr"));
  ExpectMatchesLme4(output, "small_reml");
}

TEST(FitGrowthCommand, MaximumLikelihoodWithACovariate) {
  const CommandOutcome outcome =
      FitGrowth(kFixtures + "medium.csv", {"--covariate", "intake", "--ml"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const nlohmann::json output = nlohmann::json::parse(outcome.out);
  EXPECT_EQ(output["method"], "ML");
  ExpectMatchesLme4(output, "medium_intake_ml");
}

TEST(FitGrowthCommand, LogTimeScale) {
  const CommandOutcome outcome = FitGrowth(kFixtures + "logtime.csv", {"--time-scale", "log"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  ExpectMatchesLme4(nlohmann::json::parse(outcome.out), "logtime_reml");
}

TEST(FitGrowthCommand, WritesBlups) {
  TempDir dir;
  const CommandOutcome outcome = FitGrowth(kFixtures + "small.csv", {"--blups", dir.File("b.csv")});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const std::string blups = ReadFile(dir.File("b.csv"));
  EXPECT_EQ(blups.rfind("id,intercept,slope,sd_intercept,sd_slope\np0001,", 0), 0u) << blups;
  EXPECT_EQ(std::count(blups.begin(), blups.end(), '\n'), 26);
}

TEST(FitGrowthCommand, BadRowsAreRefusedNamingLineAndColumn) {
  struct Case {
    const char* csv;
    const char* message;
  };
  const Case cases[] = {
      {"id,time,y\na,1,3\na,2,abc\n", "data.csv:3, column 'y': 'abc' is not a finite number"},
      {"id,time,y\na,1,3\na,,4\n", "data.csv:3, column 'time': empty; a number is required"},
      {"id,time,y\na,1,3\na,2,nan\n", "data.csv:3, column 'y': 'nan' is not a finite number"},
      {"id,time,y\na,1,3\na,2,4,5\n", "data.csv:3: expected 3 columns as in the header, found 4"},
      {"id,time,y\n,1,3\n", "data.csv:2, column 'id': empty client id"},
      {"id,when,y\na,1,3\n", "--time column 'time' is not in the header (columns: id, when, y)"},
      {"id,time,y\n", "no data rows after the header"},
      {"", "empty file"},
      {"id,time,y\na,1,3\na,2,2\nb,1,3\nb,3,1\na,3,3\nb,2,2\n", "too few clients: 2"},
      {"id,time,y\na,\"1,5\",3\n", "data.csv:2, column 'time': '1,5' is not a finite number"},
      {"id,time,y\na,\"1,3\n", "data.csv:2: unterminated quoted field"},
      {"id,time,id\na,1,3\n", "data.csv:1: column 'id' appears twice"},
  };
  for (const Case& c : cases) {
    TempDir dir;
    WriteFile(dir.File("data.csv"), c.csv);
    const CommandOutcome outcome = FitGrowth(dir.File("data.csv"));
    EXPECT_EQ(outcome.exit_code, 2) << c.csv;
    EXPECT_TRUE(outcome.out.empty()) << c.csv;
    EXPECT_THAT(outcome.err, HasSubstr(c.message)) << c.csv;
    EXPECT_EQ(outcome.err.rfind("tessera: ", 0), 0u) << outcome.err;
  }
}

TEST(FitGrowthCommand, AcceptsSpreadsheetCsvConventions) {
  // Byte-order mark, CRLF line ends, quoted fields, blank lines, extra columns: the same fit
  // as the plain fixture.
  std::ifstream plain(kFixtures + "small.csv");
  std::string line, converted = "\xEF\xBB\xBF\"id\",time,y,intake,\"note, free text\"\r\n";
  std::getline(plain, line);
  while (std::getline(plain, line)) converted += line + ",\"said \"\"ok\"\"\"\r\n\r\n";
  TempDir dir;
  WriteFile(dir.File("excel.csv"), converted);
  const CommandOutcome outcome = FitGrowth(dir.File("excel.csv"));
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  ExpectMatchesLme4(nlohmann::json::parse(outcome.out), "small_reml");
}

TEST(FitGrowthCommand, LogOfNonPositiveTimeNamesTheLine) {
  TempDir dir;
  WriteFile(dir.File("data.csv"), "id,time,y\na,1,3\na,0,4\n");
  const CommandOutcome outcome = FitGrowth(dir.File("data.csv"), {"--time-scale", "log"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("data.csv:3, column 'time': 0 is not > 0"));
  EXPECT_THAT(outcome.err, HasSubstr("not > 0"));
}

TEST(FitGrowthCommand, MissingFileAndUnknownScale) {
  EXPECT_EQ(FitGrowth("/nonexistent/x.csv").exit_code, 2);
  const CommandOutcome outcome = FitGrowth(kFixtures + "small.csv", {"--time-scale", "cubic"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("'cubic' is not one of as_given, log"));
}

TEST(FitGrowthCommand, SingularFitIsReportedAsSuch) {
  // Every client's own slope is exactly 0.5 (residuals +1 -1 -1 +1 are orthogonal to (1, t)).
  std::string csv = "id,time,y\n";
  const int residual[] = {1, -1, -1, 1};
  for (int client = 0; client < 10; ++client) {
    for (int t = 0; t < 4; ++t) {
      csv += "c" + std::to_string(client) + "," + std::to_string(t) + "," +
             std::to_string(10 + (client * 7) % 5 + 0.5 * t + residual[t]) + "\n";
    }
  }
  TempDir dir;
  WriteFile(dir.File("data.csv"), csv);
  const CommandOutcome outcome = FitGrowth(dir.File("data.csv"));
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_THAT(outcome.err, HasSubstr("singular fit: the random-slope SD is estimated as 0"));
}

TEST(SimulateCommand, WritesDataAndTruthDeterministically) {
  TempDir dir;
  const std::vector<std::string> args = {"simulate", "--clients", "300",   "--sessions",     "8",
                                         "--seed",   "9",         "--out", dir.File("a.csv")};
  const CommandOutcome first = RunTessera(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("a.truth.json"));
  const std::string data = ReadFile(dir.File("a.csv"));
  const std::string truth_text = ReadFile(dir.File("a.truth.json"));
  ASSERT_EQ(RunTessera(args).exit_code, 0);
  EXPECT_EQ(ReadFile(dir.File("a.csv")), data);
  EXPECT_EQ(ReadFile(dir.File("a.truth.json")), truth_text);

  const nlohmann::json truth = nlohmann::json::parse(truth_text);
  EXPECT_EQ(truth["seed"], 9);
  EXPECT_EQ(truth["measures"]["phq9"]["max_score"], 27);
  EXPECT_EQ(truth["measures"]["gad7"]["max_score"], 21);
  EXPECT_FALSE(truth["slope_effects"].empty());
  EXPECT_EQ(truth["rows"].get<std::size_t>() + 1,
            static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n')));

  // The simulated practice is fit-ready as it stands.
  const CommandOutcome fit =
      RunTessera({"fit", "growth", "--input", dir.File("a.csv"), "--id", "client_id", "--time",
                  "session", "--y", "phq9", "--covariate", "intake_phq9"});
  EXPECT_EQ(fit.exit_code, 0) << fit.err;
}

TEST(SimulateCommand, RefusesBadArguments) {
  TempDir dir;
  EXPECT_EQ(RunTessera({"simulate", "--clients", "0", "--out", dir.File("a.csv")}).exit_code, 2);
  EXPECT_EQ(RunTessera({"simulate", "--sessions", "1", "--out", dir.File("a.csv")}).exit_code, 2);
  EXPECT_EQ(RunTessera({"simulate", "--clients", "10"}).exit_code, 2);
  EXPECT_EQ(RunTessera({"simulate", "--out", "/nonexistent/dir/a.csv"}).exit_code, 2);
}

}  // namespace
}  // namespace tessera::testing
