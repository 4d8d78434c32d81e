// Alert lifecycle scenarios (tests/scenarios/alerts/*.scenario; format in its README.md): each
// file is one client's sessions submitted through the real submission use case, the real
// monitor (data/monitor rules, no practice model) and a SQLite store, with the clinician's
// handlings in between and what the stored alerts must then be.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/alert_use_cases.hpp"
#include "app/app_test_fixture.hpp"
#include "app/episode_monitor.hpp"
#include "app/measure_submission.hpp"
#include "scenario_file/scenario_file.hpp"

namespace tessera::app {
namespace {

namespace fs = std::filesystem;

fs::path ScenarioDirectory() { return fs::path(TESSERA_SOURCE_DIR) / "tests/scenarios/alerts"; }

class AlertScenario : public testing::AppTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto created = RoutineOutcomeMonitor::Create(library(), TESSERA_DATA_DIR);
    ASSERT_TRUE(created) << created.error().message();
    monitor_ = std::move(*created);
    seeded_ = NewClient(DepressionProfile());
  }

  // "session N phq9 answers 1,2,... | phq9 TOTAL | srs TOTAL ...": session 1 is the seeded one.
  void RunSession(const std::vector<std::string>& words, const std::string& where) {
    const int number = std::stoi(words.at(1));
    SessionId session = seeded_.session;
    if (number > 1) {
      const std::chrono::sys_days day = std::chrono::sys_days{std::chrono::year{2026} / 1 / 5} +
                                        std::chrono::days{7 * (number - 1)};
      const std::chrono::year_month_day date{day};
      char text[32];
      std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                    static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
      auto recorded = store().RecordSession(
          ana_, Session{{}, seeded_.episode, seeded_.client, text, Attendance::kAttended, {}, {}});
      ASSERT_TRUE(recorded) << where << recorded.error().message();
      session = *recorded;
    }
    for (std::size_t index = 2; index + 1 < words.size();) {
      AdministrationRequest request{seeded_.client, session, words[index], std::nullopt,
                                    std::nullopt};
      if (words[index + 1] == "answers") {
        std::map<std::string, std::optional<double>> answers;
        std::istringstream values(words.at(index + 2));
        int item = 1;
        for (std::string value; std::getline(values, value, ',');)
          answers[std::to_string(item++)] = std::stod(value);
        request.answers = std::move(answers);
        index += 3;
      } else {
        request.total = std::stod(words[index + 1]);
        index += 2;
      }
      clock().Advance(std::chrono::hours{1});
      auto submitted =
          SubmitAdministration(store(), ana_, library(), monitor_.get(), clock(), request);
      ASSERT_TRUE(submitted) << where << submitted.error().message();
    }
  }

  // The newest stored alert of kind and instrument ("-" for none).
  std::optional<AlertView> Find(const std::string& kind, const std::string& instrument) {
    auto alerts = ListAlerts(store(), ana_, {seeded_.client, kind, AlertState::kAny});
    EXPECT_TRUE(alerts) << alerts.error().message();
    std::optional<AlertView> newest;
    for (AlertView& view : *alerts) {
      if (view.alert.instrument != (instrument == "-" ? "" : instrument)) continue;
      if (!newest || view.alert.id.value() > newest->alert.id.value()) newest = std::move(view);
    }
    return newest;
  }

  void Handle(const std::vector<std::string>& words, const std::string& where) {
    auto found = Find(words.at(1), words.at(2));
    ASSERT_TRUE(found) << where << "no such alert";
    const std::string note = scenario::JoinWords(words, 3);
    if (words[0] == "acknowledge") {
      ASSERT_TRUE(AcknowledgeAlert(store(), ana_, clock(), found->alert.id, note)) << where;
    } else {
      ASSERT_TRUE(ResolveAlert(store(), ana_, clock(), found->alert.id, note)) << where;
    }
  }

  // "expect alert KIND INSTRUMENT state S | triggers N | severity S", "expect no alert KIND
  // INSTRUMENT", "expect alerts KIND count N".
  void Expect(const std::vector<std::string>& words, const std::string& where) {
    if (words.at(1) == "no") {
      EXPECT_FALSE(Find(words.at(3), words.at(4))) << where;
      return;
    }
    if (words.at(1) == "alerts") {
      auto alerts = ListAlerts(store(), ana_, {seeded_.client, words.at(2), AlertState::kAny});
      ASSERT_TRUE(alerts);
      EXPECT_EQ(std::to_string(alerts->size()), words.at(4)) << where;
      return;
    }
    auto found = Find(words.at(2), words.at(3));
    ASSERT_TRUE(found) << where << "no such alert";
    const std::string& what = words.at(4);
    const std::string& expected = words.at(5);
    if (what == "state") {
      EXPECT_EQ(std::string(Name(found->state)), expected) << where;
    } else if (what == "triggers") {
      EXPECT_EQ(std::to_string(found->alert.triggers.size()), expected) << where;
    } else if (what == "severity") {
      EXPECT_EQ(found->severity, expected) << where;
    } else {
      ADD_FAILURE() << where << "unknown expectation '" << what << "'";
    }
  }

  std::unique_ptr<RoutineOutcomeMonitor> monitor_;
  Seeded seeded_;
};

TEST_P(AlertScenario, StoredAlertsFollowTheLifecycle) {
  const auto file = scenario::Read(ScenarioDirectory() / (GetParam() + ".scenario"));
  ASSERT_TRUE(file) << file.error().message();
  int expectations = 0;
  for (const scenario::Line& line : file->lines) {
    const std::vector<std::string>& words = line.words;
    const std::string where = GetParam() + ".scenario:" + std::to_string(line.number) + ": ";
    if (words[0] == "session") {
      RunSession(words, where);
    } else if (words[0] == "acknowledge" || words[0] == "resolve") {
      Handle(words, where);
    } else if (words[0] == "expect") {
      Expect(words, where);
      ++expectations;
    } else {
      ADD_FAILURE() << where << "unknown line '" << line.WordsFrom(0) << "'";
    }
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(expectations, 0) << GetParam() << " expects nothing";
}

INSTANTIATE_TEST_SUITE_P(Files, AlertScenario,
                         ::testing::ValuesIn(scenario::Stems(ScenarioDirectory())),
                         [](const auto& info) { return scenario::TestName(info.param); });

}  // namespace
}  // namespace tessera::app
