// NHS Talking Therapies indicators: the FACTS.md worked case and its edges, and every
// threshold from both sides.

#include "measures/nhs_talking_therapies.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "measures/test_support.hpp"

namespace tessera::measures {
namespace {

NhsTalkingTherapiesRules ShippedRules() {
  auto rules = LoadNhsTalkingTherapiesRules(std::filesystem::path(TESSERA_DATA_DIR) / "indicators" /
                                            "nhs-talking-therapies.json");
  EXPECT_TRUE(rules) << rules.error().message();
  return *rules;
}

struct Case {
  const char* name;
  FirstAndLast phq9;
  FirstAndLast gad7;
  bool caseness;
  bool reliable_improvement;
  bool reliable_deterioration;
  bool recovery;
  bool reliable_recovery;
};

TEST(NhsTalkingTherapies, WorkedCaseEdgesAndThresholds) {
  const Case cases[] = {
      {"FACTS worked case: 15->8, 12->7", {15, 8}, {12, 7}, true, true, false, true, true},
      {"FACTS edge: 10->9, GAD-7 below 8 throughout",
       {10, 9},
       {5, 5},
       true,
       false,
       false,
       true,
       false},
      {"PHQ-9 9 and GAD-7 7 is not a case", {9, 3}, {7, 2}, false, true, false, false, false},
      {"GAD-7 8 alone is a case", {4, 4}, {8, 4}, true, true, false, true, true},
      {"PHQ-9 fall of exactly 6 is reliable", {16, 10}, {5, 5}, true, true, false, false, false},
      {"PHQ-9 fall of 5 is not", {16, 11}, {5, 5}, true, false, false, false, false},
      {"GAD-7 fall of exactly 4 is reliable", {5, 5}, {12, 8}, true, true, false, false, false},
      {"GAD-7 fall of 3 is not", {5, 5}, {12, 9}, true, false, false, false, false},
      {"GAD-7 fall of 4 to below caseness", {5, 5}, {11, 7}, true, true, false, true, true},
      {"PHQ-9 rise of 6 deteriorates", {10, 16}, {5, 5}, true, false, true, false, false},
      {"GAD-7 rise of 4 deteriorates", {5, 5}, {3, 7}, false, false, true, false, false},
      {"PHQ-9 rise of 5 does not", {10, 15}, {5, 5}, true, false, false, false, false},
      {"improvement on one and deterioration on the other is not improvement",
       {18, 12},
       {3, 7},
       true,
       false,
       true,
       false,
       false},
  };
  const NhsTalkingTherapiesRules rules = ShippedRules();
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const auto indicators =
        NhsTalkingTherapies(rules, testing::ShippedLibrary(), test_case.phq9, test_case.gad7);
    ASSERT_TRUE(indicators) << indicators.error().message();
    EXPECT_EQ(indicators->caseness, test_case.caseness);
    EXPECT_EQ(indicators->reliable_improvement, test_case.reliable_improvement);
    EXPECT_EQ(indicators->reliable_deterioration, test_case.reliable_deterioration);
    EXPECT_EQ(indicators->recovery, test_case.recovery);
    EXPECT_EQ(indicators->reliable_recovery, test_case.reliable_recovery);
  }
}

TEST(NhsTalkingTherapies, TheNoDeteriorationRuleIsConfigurable) {
  NhsTalkingTherapiesRules rules = ShippedRules();
  EXPECT_TRUE(rules.improvement_requires_no_deterioration);
  rules.improvement_requires_no_deterioration = false;
  const auto indicators = NhsTalkingTherapies(rules, testing::ShippedLibrary(), {18, 12}, {3, 7});
  ASSERT_TRUE(indicators);
  EXPECT_TRUE(indicators->reliable_improvement);
  EXPECT_TRUE(indicators->reliable_deterioration);
}

TEST(NhsTalkingTherapies, RefusesTotalsOutsideTheInstrumentRange) {
  const NhsTalkingTherapiesRules rules = ShippedRules();
  const auto phq = NhsTalkingTherapies(rules, testing::ShippedLibrary(), {28, 10}, {5, 5});
  ASSERT_FALSE(phq);
  EXPECT_NE(phq.error().message().find("phq9 first total: 28"), std::string::npos);
  EXPECT_FALSE(NhsTalkingTherapies(rules, testing::ShippedLibrary(), {10, 10}, {5, 22}));
  EXPECT_FALSE(NhsTalkingTherapies(rules, testing::ShippedLibrary(), {10, 10}, {5, 2.5}));
}

TEST(NhsTalkingTherapies, RulesFileErrorsNameTheField) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("tessera-nhs-rules-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file)
      << R"({"format": 1, "id": "x", "name": "x", "sources": [{"id": "s", "citation": "test"}],
      "depression": {"instrument": "phq9", "caseness_at_least": 10, "source": "s"},
      "anxiety": {"instrument": "gad7", "caseness_at_least": 8, "reliable_change_points": 4, "source": "s"},
      "improvement_requires_no_deterioration": {"value": true, "source": "s"}})";
  const auto rules = LoadNhsTalkingTherapiesRules(file);
  std::filesystem::remove(file);
  ASSERT_FALSE(rules);
  EXPECT_NE(rules.error().message().find("depression.reliable_change_points: required"),
            std::string::npos)
      << rules.error().message();
}

}  // namespace
}  // namespace tessera::measures
