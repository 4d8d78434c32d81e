#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "monitor/rules.hpp"
#include "monitor/test_practice.hpp"

namespace tessera::monitor {
namespace {

std::string Read(const std::string& name) {
  std::ifstream in(std::filesystem::path(TESSERA_DATA_DIR) / "monitor" / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(MonitorRules, ShippedFilesLoadWithTheirThresholds) {
  const MonitorRules& rules = ShippedRules();
  ASSERT_FALSE(rules.alliance.empty());
  EXPECT_EQ(rules.alliance[0].instrument, "srs");
  EXPECT_EQ(rules.alliance[0].below, 36);  // FACTS.md Alliance
  EXPECT_EQ(rules.risk_items.at(0).flag, "self-harm-thoughts");
  EXPECT_EQ(rules.support_prompts.size(), 5u);
  EXPECT_FALSE(rules.switch_triggers.empty());
  EXPECT_EQ(rules.projection.from_session, 2);  // editorial, docs/monitor-evaluation.md
  EXPECT_EQ(rules.projection.improvement_fraction, 0.9);
  EXPECT_EQ(rules.projection.default_last_session, 12);
  EXPECT_EQ(rules.projection.interval_coverage, 0.8);
}

TEST(MonitorRules, RefusesBadFilesNamingTheField) {
  const std::string rules = Read("rules.json"), support = Read("support_prompts.json"),
                    triggers = Read("switch_criteria.json");
  struct Case {
    std::string rules, support, triggers, message;
  } cases[] = {
      {Replace(rules, "\"value\": 0.8", "\"value\": 1.2"), support, triggers, "band_coverage"},
      {Replace(rules, "\"instrument\": \"srs\", \"below\": 36,",
               "\"instrument\": \"srs\", \"below\": -1,"),
       support, triggers, "alliance[0].below"},
      {Replace(rules, "\"risk_item\": [", "\"risky\": ["), support, triggers,
       "rules.suggestions.risky: unknown field"},
      {rules, Replace(support, "\"risk_and_crisis\"", "\"crisis\""), triggers, "risk_and_crisis"},
      {rules, support, Replace(triggers, "\"risk_rises\"", "\"risk_up\""), "risk_up"},
      {rules, support, "{", "switch_criteria.json: malformed JSON at byte"},
      {Replace(rules, "\"from_session\": 2", "\"from_session\": 0"), support, triggers,
       "projection.from_session"},
      {Replace(rules, "\"improvement_fraction_of_reliable_change\": 0.9",
               "\"improvement_fraction_of_reliable_change\": -1"),
       support, triggers, "projection.improvement_fraction_of_reliable_change"},
      {Replace(rules, "\"interval_coverage\": 0.8", "\"interval_coverage\": 1.5"), support,
       triggers, "projection.interval_coverage"},
      {Replace(rules, "\"default_last_session\": 12", "\"default_last_sessions\": 12"), support,
       triggers, "projection.default_last_session"},
  };
  for (const Case& test : cases) {
    auto parsed = ParseMonitorRules(test.rules, test.support, test.triggers);
    ASSERT_FALSE(parsed) << test.message;
    EXPECT_NE(parsed.error().message().find(test.message), std::string::npos)
        << parsed.error().message();
  }
}

}  // namespace
}  // namespace tessera::monitor
