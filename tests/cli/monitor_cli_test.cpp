// Black-box: `tessera monitor` and `tessera fit expected` as a shell user runs them.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

// The example of issue 6, with a second session that is reliably worse.
const char* kEpisode = R"({"profile": {"problems": [{"id": "depression", "severity": "moderate"}]},
  "sessions": [
    {"number": 1, "date": "2026-01-05", "attended": true, "measures": [
      {"instrument": "phq9", "answers": [1,2,0,1,2,1,0,1,0]}, {"instrument": "gad7", "total": 9}]},
    {"number": 2, "date": "2026-01-12", "attended": false},
    {"number": 3, "date": "2026-01-19", "measures": [
      {"instrument": "PHQ-9", "answers": [3,3,2,2,2,2,2,2,1]}, {"instrument": "gad7", "total": 14}]}]})";

TEST(MonitorCommand, PrintsEachSessionWithItsExpectationStatusAndAlerts) {
  TempDir dir;
  WriteFile(dir.File("episode.json"), kEpisode);
  const CommandOutcome outcome = RunTessera({"monitor", "--episode", dir.File("episode.json")});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const auto report = nlohmann::json::parse(outcome.out);
  ASSERT_EQ(report["sessions"].size(), 3u);
  const auto& first = report["sessions"][0];
  EXPECT_EQ(first["session"], 1);
  EXPECT_EQ(first["score"], 8);
  EXPECT_TRUE(first["expected"].is_null());  // the baseline
  const auto& third = report["sessions"][2];
  EXPECT_EQ(third["score"], 19);
  EXPECT_EQ(third["expected"], 8);
  EXPECT_EQ(third["band_high"], 14);
  EXPECT_EQ(third["method"], "rational_rule");
  EXPECT_EQ(third["not_on_track_rule"], "band");  // no growth model: the band decides
  EXPECT_TRUE(third["projected_end"].is_null());
  EXPECT_EQ(third["status"], "deteriorated");
  std::vector<std::string> types;
  for (const auto& alert : third["alerts"]) {
    types.push_back(alert["type"]);
    EXPECT_FALSE(alert["suggestions"].empty());
    EXPECT_FALSE(alert["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(types.front(), "risk_item");
  EXPECT_THAT(types,
              ::testing::IsSupersetOf({"risk_item", "not_on_track", "reliable_deterioration"}));
  EXPECT_FALSE(report["support"].empty());
  EXPECT_TRUE(report.contains("proposals"));
}

TEST(MonitorCommand, BadInputNamesTheFieldAndExitsTwo) {
  TempDir dir;
  struct Case {
    std::string episode;
    std::string message;
  } cases[] = {
      {R"({"profile": {"problems": [{"id": "depression", "severity": "mild"}]}, "sessions": [{"number": 1, "measures": [{"instrument": "beck", "total": 3}]}]})",
       "sessions[0].measures[0].instrument: unknown instrument 'beck'"},
      {R"({"profile": {"problems": [{"id": "depression", "severity": "mild"}]}, "sessions": [{"number": 1, "measures": [{"instrument": "phq9", "answers": [1,2,3]}]}]})",
       "sessions[0].measures[0].answers"},
      {R"({"profile": {"problems": [{"id": "depression", "severity": "mild"}]}, "sessions": [{"number": 1, "colour": "red"}]})",
       "sessions[0].colour: unknown field"},
      {R"({"sessions": []})", "episode.profile: required"},
      {R"({"sessions": [], "sessions": []})",
       "episode: sessions: appears twice; each member name may appear once"},
      {"{", "episode"},
  };
  for (const Case& test : cases) {
    WriteFile(dir.File("bad.json"), test.episode);
    const CommandOutcome outcome = RunTessera({"monitor", "--episode", dir.File("bad.json")});
    EXPECT_EQ(outcome.exit_code, 2) << test.message;
    EXPECT_THAT(outcome.err, HasSubstr(test.message));
    EXPECT_TRUE(outcome.out.empty());
  }
  const CommandOutcome missing = RunTessera({"monitor", "--episode", dir.File("none.json")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("none.json"));
}

TEST(FitExpectedCommand, FitsAPracticeAndTheMonitorUsesTheGrowthModel) {
  TempDir dir;
  const CommandOutcome simulated = RunTessera({"simulate", "--clients", "200", "--sessions", "10",
                                               "--seed", "5", "--out", dir.File("practice.csv")});
  ASSERT_EQ(simulated.exit_code, 0) << simulated.err;
  const CommandOutcome fitted = RunTessera(
      {"fit", "expected", "--input", dir.File("practice.csv"), "--out", dir.File("model.json")});
  ASSERT_EQ(fitted.exit_code, 0) << fitted.err;
  EXPECT_THAT(fitted.out, HasSubstr("phq9: 200 clients, growth model fitted"));
  const auto model = nlohmann::json::parse(ReadFile(dir.File("model.json")));
  EXPECT_EQ(model["format"], "tessera-expected-response");
  EXPECT_EQ(model["instruments"][0]["fit"]["fixed"].size(), 3u);

  WriteFile(dir.File("episode.json"), kEpisode);
  const CommandOutcome outcome = RunTessera(
      {"monitor", "--episode", dir.File("episode.json"), "--model", dir.File("model.json")});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const auto report = nlohmann::json::parse(outcome.out);
  EXPECT_EQ(report["sessions"][2]["method"], "growth_model");
  // With the growth model the not-on-track rule is the projection to the planned last session
  // (no plan: rules.json projection.default_last_session).
  const auto& projected = report["sessions"][2];
  EXPECT_EQ(projected["not_on_track_rule"], "projected_end");
  ASSERT_TRUE(projected["projected_end"].is_object());
  EXPECT_EQ(projected["projected_end"]["session"], 12);
  EXPECT_LE(projected["projected_end"]["low"], projected["projected_end"]["expected"]);
  EXPECT_GE(projected["projected_end"]["high"], projected["projected_end"]["expected"]);
  EXPECT_FALSE(projected["band_low"].is_null());

  WriteFile(dir.File("bad-model.json"), "{\"format\": \"nope\"}");
  const CommandOutcome bad = RunTessera(
      {"monitor", "--episode", dir.File("episode.json"), "--model", dir.File("bad-model.json")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("format"));
  const CommandOutcome no_column =
      RunTessera({"fit", "expected", "--input", dir.File("practice.csv"), "--out",
                  dir.File("m.json"), "--instrument", "core10"});
  EXPECT_EQ(no_column.exit_code, 2);
  EXPECT_THAT(no_column.err, HasSubstr("core10"));
}

}  // namespace
}  // namespace tessera::testing
