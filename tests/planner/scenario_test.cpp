// Runs every tests/scenarios/planner/*.scenario file as one test.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "planner/scenario.hpp"

namespace tessera::planner::scenario {
namespace {

std::filesystem::path ScenarioDirectory() {
  return std::filesystem::path(TESSERA_SOURCE_DIR) / "tests" / "scenarios" / "planner";
}

std::vector<std::string> ScenarioNames() { return ::tessera::scenario::Stems(ScenarioDirectory()); }

const catalog::Catalog& Shipped() {
  static const catalog::Catalog catalog = [] {
    auto loaded = catalog::Catalog::Load({std::filesystem::path(TESSERA_DATA_DIR) / "catalog"});
    if (!loaded) std::abort();
    return std::move(loaded).value();
  }();
  return catalog;
}

class PlannerScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(PlannerScenario, PlanHasTheStatedProperties) {
  std::ifstream stream(ScenarioDirectory() / (GetParam() + ".scenario"));
  std::ostringstream text;
  text << stream.rdbuf();
  const auto scenario = ParseScenario(text.str(), GetParam());
  ASSERT_TRUE(scenario.has_value()) << scenario.error().message();
  for (const auto& failure : Check(*scenario, Shipped()))
    ADD_FAILURE() << scenario->title << ": " << failure;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, PlannerScenario, ::testing::ValuesIn(ScenarioNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return ::tessera::scenario::TestName(info.param);
                         });

TEST(ScenarioSuite, HasAtLeastThirtyScenarios) { EXPECT_GE(ScenarioNames().size(), 30u); }

TEST(ScenarioFormat, RefusesUnknownSettingsNamingTheLine) {
  const auto scenario = ParseScenario(
      "# name: x\n# description: x\nproblem depression moderate\nmood low\n"
      "expect strategy eclectic\n",
      "x");
  ASSERT_TRUE(scenario.has_value());
  const auto request = BuildRequest(*scenario, false, Shipped());
  ASSERT_FALSE(request.has_value());
  EXPECT_NE(request.error().message().find("line 4: unknown setting 'mood'"), std::string::npos);
}

TEST(ScenarioFormat, AFalseExpectationIsReported) {
  const auto scenario = ParseScenario(
      "# name: x\n# description: x\nproblem insomnia moderate\nstrategy eclectic\n"
      "expect technique transference_interpretation included\n",
      "x");
  ASSERT_TRUE(scenario.has_value());
  const auto failures = Check(*scenario, Shipped());
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_NE(failures[0].find("transference_interpretation is not in the plan"), std::string::npos);
}

}  // namespace
}  // namespace tessera::planner::scenario
