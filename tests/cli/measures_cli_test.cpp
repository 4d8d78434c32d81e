// Black-box: `tessera instruments`, `score`, `change`, `nhs-tt` and `demo` as a shell user
// runs them. The contract is issue 2's "Command line" section.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

json JsonOut(const CommandOutcome& outcome) {
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_TRUE(outcome.err.empty()) << outcome.err;
  return json::parse(outcome.out);
}

// Bad input: exit 2, nothing on stdout, one line on stderr containing every `expected` part.
void ExpectBadInput(const std::vector<std::string>& args,
                    const std::vector<std::string>& expected) {
  const CommandOutcome outcome = RunTessera(args);
  EXPECT_EQ(outcome.exit_code, 2) << outcome.out << outcome.err;
  EXPECT_TRUE(outcome.out.empty()) << outcome.out;
  ASSERT_FALSE(outcome.err.empty());
  EXPECT_EQ(outcome.err.find('\n'), outcome.err.size() - 1) << outcome.err;
  for (const std::string& part : expected) {
    EXPECT_NE(outcome.err.find(part), std::string::npos) << outcome.err;
  }
}

TEST(InstrumentsCommand, ListsOneLinePerInstrumentWithIdNameItemsAndLicence) {
  const CommandOutcome outcome = RunTessera({"instruments"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("phq9\tPatient Health Questionnaire-9\t9 items\tPublic domain"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("core10\t"), std::string::npos);
  EXPECT_NE(outcome.out.find("wai-sr\t"), std::string::npos);
  EXPECT_EQ(std::count(outcome.out.begin(), outcome.out.end(), '\n'), 11);
}

TEST(ScoreCommand, PrintsTheContractFields) {
  const json result =
      JsonOut(RunTessera({"score", "phq9", "2", "2", "2", "2", "1", "2", "2", "2", "1"}));
  EXPECT_EQ(result["instrument"], "phq9");
  EXPECT_EQ(result["total"], 16);
  EXPECT_EQ(result["max"], 27);
  EXPECT_EQ(result["band"], "moderately severe");
  EXPECT_TRUE(result["subscales"].is_object());
  ASSERT_EQ(result["flags"].size(), 1u);
  EXPECT_EQ(result["flags"][0]["item"], "9");
  EXPECT_EQ(result["prorated"], false);
}

TEST(ScoreCommand, ProratesCore10WithADashForAMissingItem) {
  const json result =
      JsonOut(RunTessera({"score", "core10", "2", "2", "2", "2", "2", "0", "2", "2", "2", "-"}));
  EXPECT_EQ(result["total"], 17.78);  // 10 x 16 / 9 (items 2 and 3, reversed, still score 2)
  EXPECT_EQ(result["prorated"], true);
  EXPECT_EQ(result["band"], "moderate");
}

TEST(ScoreCommand, ReportsSubscalesAndAcceptsNegativeAnswers) {
  const json pcl =
      JsonOut(RunTessera({"score", "pcl5", "4", "4", "4", "4", "4", "2", "2", "0", "0",
                          "0",     "0",    "0", "0", "0", "1", "1", "1", "1", "1", "1"}));
  EXPECT_EQ(pcl["subscales"]["intrusion"], 20);
  EXPECT_EQ(pcl["subscales"]["avoidance"], 4);
  EXPECT_EQ(pcl["subscales"]["arousal-reactivity"], 6);
  const json cnip =
      JsonOut(RunTessera({"score", "cnip", "-3", "-3", "-3", "-3", "-3", "0", "0", "0",
                          "0",     "0",    "1",  "1",  "1",  "0",  "0",  "0", "0", "2"}));
  EXPECT_EQ(cnip["subscales"]["therapist-directiveness"], -15);
  EXPECT_TRUE(cnip["total"].is_null());
}

TEST(ScoreCommand, BadInputIsExitTwoWithOneLineNamingTheItem) {
  ExpectBadInput({"score", "phq-10", "1"}, {"unknown instrument 'phq-10'", "phq9"});
  ExpectBadInput({"score", "phq9", "1", "2", "3"}, {"expected 9 answers", "got 3"});
  ExpectBadInput({"score", "phq9", "1", "2", "3", "0", "1", "2", "3", "0", "4"},
                 {"item 9", "4 is not allowed", "allowed: 0, 1, 2 or 3"});
  ExpectBadInput({"score", "phq9", "1", "2", "three", "0", "1", "2", "3", "0", "1"},
                 {"item 3", "'three' is not a number"});
  ExpectBadInput({"score", "phq9", "1", "-", "3", "0", "1", "2", "3", "0", "1"},
                 {"item 2: missing", "may not be prorated"});
  ExpectBadInput({"score", "core10", "1", "-", "-", "-", "1", "2", "3", "0", "1", "1"},
                 {"item 2: missing", "at least 9 of 10"});
  ExpectBadInput({"score", "core10", "-", "-", "2", "0", "4", "3", "2", "4", "1", "3"},
                 {"item 1: missing", "at most 1 missing item", "no score is computed"});
  ExpectBadInput({"score", "ors", "5.555", "5", "5", "5"},
                 {"ors item 1", "0 to 10 in steps of 0.01"});
  ExpectBadInput({"score"}, {"instrument"});
}

TEST(ChangeCommand, Core10ReliableAndRecovered) {
  const json result = JsonOut(RunTessera({"change", "core10", "24", "10"}));
  EXPECT_NEAR(result["rci"].get<double>(), -14.0 / (std::sqrt(2.0) * 7.7 * std::sqrt(0.1)), 0.001);
  EXPECT_EQ(result["reliable"], true);
  EXPECT_EQ(result["direction"], "improved");
  EXPECT_EQ(result["crossed_cutoff"], true);
  EXPECT_EQ(result["category"], "recovered");
  EXPECT_EQ(result["cutoffs"]["c"], 10.46);
  // Issue 16: both reliable-change values are reported; the published 6 (90 %) decides.
  EXPECT_EQ(result["method"], "published_points");
  EXPECT_EQ(result["reliable_change_points"], 6);
  EXPECT_EQ(result["reliable_change"]["published_points"],
            json({{"reliable_change_points", 6}, {"confidence_percent", 90}, {"reliable", true}}));
  EXPECT_EQ(
      result["reliable_change"]["jacobson_truax"],
      json({{"reliable_change_points", 6.75}, {"confidence_percent", 95}, {"reliable", true}}));
}

TEST(ScoreCommand, Issue16PrintsProvisionalScreeningResults) {
  const json result =
      JsonOut(RunTessera({"score", "phq9", "2", "2", "2", "2", "0", "0", "0", "0", "1"}));
  ASSERT_TRUE(result.contains("screening")) << result.dump();
  EXPECT_EQ(result["screening"]["symptoms"], 5);
  ASSERT_EQ(result["screening"]["provisional_results"].size(), 1u);
  EXPECT_EQ(result["screening"]["provisional_results"][0]["id"], "major-depressive-syndrome");
  EXPECT_EQ(result["screening"]["provisional_results"][0]["label"],
            "major depressive syndrome (provisional screening result)");
  EXPECT_NE(result["screening"]["caution"].get<std::string>().find("not a diagnosis"),
            std::string::npos);
  const json gad7 = JsonOut(RunTessera({"score", "gad7", "1", "1", "1", "1", "1", "1", "1"}));
  EXPECT_FALSE(gad7.contains("screening"));
}

TEST(ChangeCommand, CategoriesAndDirections) {
  struct Case {
    std::vector<std::string> args;
    const char* direction;
    const char* category;
  };
  const Case cases[] = {
      {{"change", "core10", "24", "15"}, "improved", "improved"},
      {{"change", "core10", "20", "16"}, "improved", "unchanged"},
      {{"change", "core10", "20", "14"}, "improved", "improved"},  // 6: the published criterion
      {{"change", "core10", "10", "20"}, "deteriorated", "deteriorated"},
      {{"change", "phq9", "12", "12"}, "none", "unchanged"},
      {{"change", "who5", "40", "60"}, "improved", "recovered"},
      {{"change", "who5", "60", "40"}, "deteriorated", "deteriorated"},
  };
  for (const Case& test_case : cases) {
    const json result = JsonOut(RunTessera(test_case.args));
    EXPECT_EQ(result["direction"], test_case.direction) << result.dump();
    EXPECT_EQ(result["category"], test_case.category) << result.dump();
  }
}

TEST(ChangeCommand, CutoffOption) {
  const json result = JsonOut(RunTessera({"change", "core10", "24", "10.5", "--cutoff", "c"}));
  EXPECT_EQ(result["cutoff_kind"], "c");
  EXPECT_EQ(result["crossed_cutoff"], false);
  EXPECT_EQ(result["category"], "improved");
}

TEST(ChangeCommand, BadInput) {
  ExpectBadInput({"change", "core10", "twenty", "10"},
                 {"pre_total", "'twenty' is not a number", "0 to 40"});
  ExpectBadInput({"change", "phq9", "15", "28"}, {"post total: 28", "0 to 27"});
  ExpectBadInput({"change", "pcl5", "40", "20"}, {"no reliable-change data"});
  ExpectBadInput({"change", "nope", "1", "2"}, {"unknown instrument 'nope'"});
  ExpectBadInput({"change", "core10", "24"}, {"post_total"});
  ExpectBadInput({"change", "core10", "24", "10", "--cutoff", "d"}, {"--cutoff"});
}

TEST(NhsTtCommand, WorkedCaseAndEdge) {
  const json worked = JsonOut(RunTessera({"nhs-tt", "15", "12", "8", "7"}));
  EXPECT_EQ(worked["caseness"], true);
  EXPECT_EQ(worked["reliable_improvement"], true);
  EXPECT_EQ(worked["reliable_deterioration"], false);
  EXPECT_EQ(worked["recovery"], true);
  EXPECT_EQ(worked["reliable_recovery"], true);
  const json edge = JsonOut(RunTessera({"nhs-tt", "10", "5", "9", "5"}));
  EXPECT_EQ(edge["recovery"], true);
  EXPECT_EQ(edge["reliable_improvement"], false);
  EXPECT_EQ(edge["reliable_recovery"], false);
}

TEST(NhsTtCommand, BadInput) {
  ExpectBadInput({"nhs-tt", "15", "12", "8"}, {"gad7_post"});
  ExpectBadInput({"nhs-tt", "fifteen", "12", "8", "7"}, {"phq9_pre", "not a number"});
  ExpectBadInput({"nhs-tt", "15", "22", "8", "7"}, {"gad7_pre", "22 is not allowed", "0 to 21"});
  ExpectBadInput({"nhs-tt", "15", "12", "8.5", "7"}, {"phq9_post", "whole number from 0 to 27"});
}

TEST(DemoCommand, ScoresTheSampleClientReadably) {
  const CommandOutcome outcome = RunTessera({"demo"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  for (const char* part :
       {"fictional", "PHQ-9", "GAD-7", "CORE-10", "moderately severe", "item 9", "prorated",
        "recovered", "NHS Talking Therapies", "reliable recovery:       yes"}) {
    EXPECT_NE(outcome.out.find(part), std::string::npos) << part << "\n" << outcome.out;
  }
}

TEST(MeasuresCommands, EveryCommandHasHelp) {
  for (const char* command : {"instruments", "score", "change", "nhs-tt", "demo"}) {
    const CommandOutcome outcome = RunTessera({command, "--help"});
    EXPECT_EQ(outcome.exit_code, 0) << command;
    EXPECT_NE(outcome.out.find("Usage"), std::string::npos) << command << outcome.out;
  }
}

TEST(MeasuresCommands, ABrokenDataDirectoryIsReportedNotCrashed) {
  TempDir data;
  std::filesystem::create_directories(data.File("instruments"));
  WriteFile(data.File("instruments/bad.json"), "{\"format\": 1}");
  CommandOptions options;
  options.environment["TESSERA_DATA_DIR"] = data.path();
  const CommandOutcome outcome = RunTessera({"instruments"}, options);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_TRUE(outcome.out.empty());
  EXPECT_NE(outcome.err.find("bad.json: id: required"), std::string::npos) << outcome.err;
}

}  // namespace
}  // namespace tessera::testing
