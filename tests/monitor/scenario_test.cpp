// Runs every tests/scenarios/monitor/*.scenario file as one test. The format is described in
// tests/scenarios/monitor/README.md.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <iostream>
#include "catalog/vocabulary.hpp"
#include "monitor/episode_json.hpp"
#include "monitor/monitor.hpp"
#include "monitor/test_practice.hpp"
#include "scenario_file/scenario_file.hpp"

namespace tessera::monitor {
namespace {

namespace fs = std::filesystem;

fs::path ScenarioDirectory() {
  return fs::path(TESSERA_SOURCE_DIR) / "tests" / "scenarios" / "monitor";
}

std::vector<std::string> ScenarioNames() { return scenario::Stems(ScenarioDirectory()); }

struct Scenario {
  EpisodeInput episode;
  bool practice_model = false;
  std::vector<std::pair<int, std::vector<std::string>>>
      expectations;  // (line, words after "expect")
};

MeasureInput ParseMeasureWords(const std::vector<std::string>& words, std::size_t& index) {
  MeasureInput measure{.instrument = words.at(index)};
  if (words.at(index + 1) == "answers") {
    std::stringstream list(words.at(index + 2));
    for (std::string item; std::getline(list, item, ',');) {
      if (item == "-")
        measure.answers.emplace_back();
      else
        measure.answers.emplace_back(std::stod(item));
    }
    index += 3;
  } else {
    measure.total = std::stod(words.at(index + 1));
    index += 2;
  }
  return measure;
}

SessionInput ParseSessionWords(const std::vector<std::string>& words) {
  SessionInput session{.number = std::stoi(words.at(1))};
  for (std::size_t index = 2; index < words.size();) {
    const std::string& word = words[index];
    if (word == "missed") {
      session.attendance = Attendance::kDidNotAttend;
      ++index;
    } else if (word == "cancelled") {
      session.attendance = Attendance::kCancelledByClient;
      ++index;
    } else if (word == "stage") {
      session.stage = ParseStageOfChangeWord(words.at(index + 1));
      index += 2;
    } else if (word == "event") {
      session.life_events.push_back(words.at(index + 1));
      index += 2;
    } else if (word == "technique") {
      session.techniques.push_back({words.at(index + 1), std::stod(words.at(index + 2))});
      index += 3;
    } else {
      session.measures.push_back(ParseMeasureWords(words, index));
    }
  }
  return session;
}

Scenario Load(const std::string& name) {
  Scenario scenario;
  const auto file = scenario::Read(ScenarioDirectory() / (name + ".scenario"));
  EXPECT_TRUE(file) << file.error().message();
  if (!file) return scenario;
  for (const scenario::Line& line : file->lines) {
    const int line_number = line.number;
    const std::vector<std::string>& words = line.words;
    if (words[0] == "profile") {
      auto profile = planner::ParseProfile(line.rest, ShippedCatalog());
      EXPECT_TRUE(profile) << name << ":" << line_number << ": " << profile.error().message();
      if (profile) scenario.episode.profile = *profile;
    } else if (words[0] == "intake") {
      std::size_t index = 1;
      scenario.episode.intake.push_back(ParseMeasureWords(words, index));
    } else if (words[0] == "phase") {
      if (!scenario.episode.plan) {
        scenario.episode.plan = PlanOutline{};
        for (const catalog::CommonFactor& factor : ShippedCatalog().common_factors()) {
          scenario.episode.plan->common_factors.push_back({factor.id, factor.name, factor.actions});
        }
      }
      const auto phase = catalog::ParsePhase(words.at(1));
      EXPECT_TRUE(phase) << name << ":" << line_number << ": unknown phase " << words.at(1);
      if (!phase) continue;
      const catalog::PhaseInfo* info = ShippedCatalog().FindPhase(*phase);
      PlanPhaseOutline outline{.name = info->name,
                               .phase = words.at(1),
                               .review_at_session = std::stoi(words.at(3)),
                               .switch_criteria = info->switch_criteria,
                               .switch_triggers = info->switch_triggers};
      if (words.size() > 5 && words[4] == "techniques") {
        std::stringstream list(words[5]);
        for (std::string technique; std::getline(list, technique, ',');)
          outline.techniques.push_back(technique);
      }
      scenario.episode.plan->phases.push_back(std::move(outline));
    } else if (words[0] == "model" && words.at(1) == "practice") {
      scenario.practice_model = true;
    } else if (words[0] == "session") {
      scenario.episode.sessions.push_back(ParseSessionWords(words));
    } else if (words[0] == "expect") {
      scenario.expectations.emplace_back(line_number,
                                         std::vector<std::string>(words.begin() + 1, words.end()));
    } else {
      ADD_FAILURE() << name << ":" << line_number << ": cannot read '" << line.WordsFrom(0) << "'";
    }
  }
  return scenario;
}

EpisodeReport RunScenario(const Scenario& scenario, int through_session) {
  EpisodeInput episode = scenario.episode;
  std::erase_if(episode.sessions,
                [&](const SessionInput& session) { return session.number > through_session; });
  MonitorContext context{.instruments = &ShippedInstruments(),
                         .rules = &ShippedRules(),
                         .model = scenario.practice_model ? &TrainingPracticeModel() : nullptr,
                         .catalog = &ShippedCatalog()};
  auto report = MonitorEpisode(episode, context);
  EXPECT_TRUE(report) << report.error().message();
  return report ? *report : EpisodeReport{};
}

const SessionResult* SessionOf(const EpisodeReport& report, int number) {
  for (const SessionResult& session : report.sessions) {
    if (session.session == number) return &session;
  }
  return nullptr;
}

bool HasAlert(const SessionResult& session, const std::string& type, const std::string& severity) {
  return std::any_of(session.alerts.begin(), session.alerts.end(), [&](const Alert& alert) {
    return Name(alert.type) == type && (severity.empty() || Name(alert.severity) == severity);
  });
}

// words: "session N alert T [S]" | "session N no alert T" | "session N status S" |
// "session N method M" | "after session N proposal K [words]" | "after session N no proposal K" |
// "support AREA" | "no support" | "unhelpful T" | "no unhelpful T"
void Check(const Scenario& scenario, const std::string& where,
           const std::vector<std::string>& words) {
  const int last =
      scenario.episode.sessions.empty()
          ? 0
          : std::max_element(scenario.episode.sessions.begin(), scenario.episode.sessions.end(),
                             [](const SessionInput& left, const SessionInput& right) {
                               return left.number < right.number;
                             })
                ->number;
  if (words.at(0) == "session") {
    const EpisodeReport report = RunScenario(scenario, last);
    const SessionResult* session = SessionOf(report, std::stoi(words.at(1)));
    ASSERT_NE(session, nullptr) << where << ": no such session";
    const std::string& what = words.at(2);
    if (what == "alert") {
      EXPECT_TRUE(HasAlert(*session, words.at(3), words.size() > 4 ? words[4] : "")) << where;
    } else if (what == "no") {
      EXPECT_FALSE(HasAlert(*session, words.at(4), "")) << where;
    } else if (what == "status") {
      ASSERT_TRUE(session->primary) << where;
      EXPECT_EQ(Name(session->primary->status), words.at(3)) << where;
    } else if (what == "method") {
      ASSERT_TRUE(session->primary && session->primary->expected) << where;
      EXPECT_EQ(Name(session->primary->method), words.at(3)) << where;
    } else {
      ADD_FAILURE() << where << ": unknown expectation";
    }
  } else if (words.at(0) == "after") {
    const EpisodeReport report = RunScenario(scenario, std::stoi(words.at(2)));
    const bool negated = words.at(3) == "no";
    const std::string kind = negated ? words.at(5) : words.at(4);
    const std::string text = negated ? "" : scenario::JoinWords(words, 5);
    const bool found = std::any_of(
        report.proposals.begin(), report.proposals.end(), [&](const AdaptationProposal& proposal) {
          const std::string all = std::string(Name(proposal.change)) + " " + proposal.criterion +
                                  " " + proposal.technique;
          return Name(proposal.kind) == kind &&
                 (text.empty() || all.find(text) != std::string::npos);
        });
    EXPECT_EQ(found, !negated) << where;
  } else if (words.at(0) == "support" || (words.at(0) == "no" && words.at(1) == "support")) {
    const EpisodeReport report = RunScenario(scenario, last);
    if (words.at(0) == "no") {
      EXPECT_TRUE(report.support.empty()) << where;
    } else {
      EXPECT_TRUE(std::any_of(
          report.support.begin(), report.support.end(),
          [&](const SupportPrompt& prompt) { return Name(prompt.area) == words.at(1); }))
          << where;
    }
  } else if (words.at(0) == "unhelpful" || words.at(0) == "no") {
    const bool negated = words.at(0) == "no";
    const std::string technique = negated ? words.at(2) : words.at(1);
    const EpisodeReport report = RunScenario(scenario, last);
    const bool found =
        std::any_of(report.unhelpful_techniques.begin(), report.unhelpful_techniques.end(),
                    [&](const UnhelpfulTechnique& entry) { return entry.technique == technique; });
    EXPECT_EQ(found, !negated) << where;
  } else {
    ADD_FAILURE() << where << ": unknown expectation";
  }
}

class MonitorScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(MonitorScenario, AlertsAndProposalsAreAsStated) {
  const Scenario scenario = Load(GetParam());
  ASSERT_FALSE(scenario.expectations.empty()) << GetParam() << " states no expectation";
  for (const auto& [line, words] : scenario.expectations) {
    Check(scenario, GetParam() + ".scenario:" + std::to_string(line), words);
  }
  if (HasFailure()) std::cerr << ReportToJson(RunScenario(scenario, 1000));
}

INSTANTIATE_TEST_SUITE_P(Files, MonitorScenario, ::testing::ValuesIn(ScenarioNames()),
                         [](const auto& info) { return scenario::TestName(info.param); });

}  // namespace
}  // namespace tessera::monitor
