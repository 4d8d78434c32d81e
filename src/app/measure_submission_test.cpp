#include "app/measure_submission.hpp"

#include <gtest/gtest.h>

#include "app/app_test_fixture.hpp"

namespace tessera::app {
namespace {

using testing::AppTest;

std::map<std::string, std::optional<double>> Phq9Answers(std::vector<double> values) {
  std::map<std::string, std::optional<double>> answers;
  for (std::size_t item_idx = 0; item_idx < values.size(); ++item_idx) {
    answers[std::to_string(item_idx + 1)] = values[item_idx];
  }
  return answers;
}

// A monitor that records what it was shown and answers as configured.
class RecordingMonitor final : public EpisodeMonitor {
 public:
  Result<MonitoringOutcome> Review(const MonitoringInput& input) override {
    seen_totals.clear();
    for (const auto& administration : input.administrations) {
      seen_totals.push_back(administration.total.value_or(-1));
    }
    seen_episode = input.episode;
    seen_latest = input.latest_session;
    seen_sessions = input.sessions.size();
    if (fail) return Unavailable("monitor down");
    return outcome;
  }
  Result<PlanRevisionDraft> Accept(const MonitoringInput&, const std::string&,
                                   const std::string&) override {
    return Unavailable("not used here");
  }
  MonitoringOutcome outcome;
  bool fail = false;
  std::vector<double> seen_totals;
  EpisodeId seen_episode;
  std::optional<SessionId> seen_latest;
  std::size_t seen_sessions = 0;
};

class MeasureSubmission : public AppTest {};

TEST_F(MeasureSubmission, ScoresStoresItemAnswersAndRaisesTheInstrumentsFlags) {
  const auto seeded = NewClient(DepressionProfile());
  AdministrationRequest request{seeded.client, seeded.session, "phq9",
                                Phq9Answers({2, 2, 2, 1, 1, 1, 1, 1, 1}), std::nullopt};
  auto result = SubmitAdministration(store(), ana_, library(), nullptr, clock(), request);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->total, 12);
  EXPECT_EQ(result->band, "moderate");
  EXPECT_EQ(result->episode, seeded.episode);
  EXPECT_EQ(result->monitoring.status, "not_monitored");
  ASSERT_EQ(result->alerts.size(), 1u);
  EXPECT_EQ(result->alerts[0].kind, "flag:self-harm-thoughts");

  auto stored = store().ListAdministrations(ana_, seeded.client, Versions::kCurrentOnly);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 1u);
  ASSERT_EQ(stored->at(0).answers.size(), 9u);
  EXPECT_EQ(stored->at(0).answers[8].item, "9");
  EXPECT_EQ(stored->at(0).answers[8].value, 1);
  EXPECT_EQ(stored->at(0).band, "moderate");
  EXPECT_EQ(stored->at(0).session, seeded.session);
  auto alerts = store().ListAlerts(ana_, seeded.client);
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(alerts->at(0).administration, result->administration);
}

TEST_F(MeasureSubmission, BadAnswersNameTheItemAndStoreNothing) {
  const auto seeded = NewClient(DepressionProfile());
  auto missing = Phq9Answers({1, 1, 1, 1, 1, 1, 1, 1, 1});
  missing.erase("4");
  auto unknown = Phq9Answers({1, 1, 1, 1, 1, 1, 1, 1, 1});
  unknown["10"] = 1;
  const struct {
    const char* name;
    std::optional<std::map<std::string, std::optional<double>>> answers;
    std::optional<double> total;
    const char* instrument;
    const char* message_part;
  } cases[] = {
      {"out of range", Phq9Answers({1, 1, 1, 1, 4, 1, 1, 1, 1}), std::nullopt, "phq9", "item 5: 4"},
      {"below range", Phq9Answers({-1, 1, 1, 1, 1, 1, 1, 1, 1}), std::nullopt, "phq9",
       "item 1: -1"},
      {"missing item", missing, std::nullopt, "phq9", "item '4'"},
      {"unknown item", unknown, std::nullopt, "phq9", "item '10'"},
      {"total above range", std::nullopt, 28, "phq9", "total"},
      {"total below range", std::nullopt, -1, "phq9", "total"},
      // Issue 16: totals an integer-scored instrument cannot produce were stored.
      {"total not whole", std::nullopt, 12.5, "phq9", "total: 12.5 is not a whole number"},
      {"total not whole, tiny", std::nullopt, 0.001, "gad7", "total: 0.001 is not a whole number"},
      {"both", Phq9Answers({1, 1, 1, 1, 1, 1, 1, 1, 1}), 9, "phq9", "exactly one"},
      {"neither", std::nullopt, std::nullopt, "phq9", "exactly one"},
      {"unknown instrument", std::nullopt, 3, "phq99", "phq99"},
  };
  const std::string before = RecordsFingerprint();
  for (const auto& test_case : cases) {
    AdministrationRequest request{seeded.client, seeded.session, test_case.instrument,
                                  test_case.answers, test_case.total};
    auto result = SubmitAdministration(store(), ana_, library(), nullptr, clock(), request);
    ASSERT_FALSE(result) << test_case.name;
    EXPECT_NE(result.error().message().find(test_case.message_part), std::string::npos)
        << test_case.name << ": " << result.error().message();
  }
  EXPECT_EQ(RecordsFingerprint(), before);
}

TEST_F(MeasureSubmission, TotalOnlyIsBandedAtTheBoundaries) {
  const auto seeded = NewClient(DepressionProfile());
  // PHQ-9 bands from data/instruments/phq9.json: 0-4, 5-9, 10-14, 15-19, 20-27.
  const struct {
    double total;
    const char* band;
  } cases[] = {{0, "minimal"},
               {4, "minimal"},
               {5, "mild"},
               {9, "mild"},
               {10, "moderate"},
               {14, "moderate"},
               {15, "moderately severe"},
               {19, "moderately severe"},
               {20, "severe"},
               {27, "severe"}};
  for (const auto& test_case : cases) {
    AdministrationRequest request{seeded.client, seeded.session, "phq9", std::nullopt,
                                  test_case.total};
    auto result = SubmitAdministration(store(), ana_, library(), nullptr, clock(), request);
    ASSERT_TRUE(result) << result.error().message();
    EXPECT_EQ(result->band, test_case.band) << test_case.total;
    EXPECT_FALSE(result->score.has_value());
  }
}

TEST_F(MeasureSubmission, AClinicianOffTheTeamGetsNotFoundAndNothingIsStored) {
  const auto seeded = NewClient(DepressionProfile());
  const std::string before = RecordsFingerprint();
  AdministrationRequest request{seeded.client, seeded.session, "phq9", std::nullopt, 10};
  auto result = SubmitAdministration(store(), ben_, library(), nullptr, clock(), request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RecordsFingerprint(), before);
  request.session = SessionId(seeded.session.value() + 100);
  auto missing_session = SubmitAdministration(store(), ana_, library(), nullptr, clock(), request);
  ASSERT_FALSE(missing_session);
  EXPECT_EQ(missing_session.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RecordsFingerprint(), before);
}

TEST_F(MeasureSubmission, TheMonitorSeesTheEpisodeHistoryAndItsAlertsAreStored) {
  const auto seeded = NewClient(DepressionProfile());
  RecordingMonitor monitor;
  monitor.outcome.status = "not_on_track";
  monitor.outcome.alerts = {{"not_on_track", "above the expected range"}};
  monitor.outcome.proposals = {{"p1", "alliance_repair", "add_common_factor_action",
                                "talk about the work together", "SRS low", "", ""}};
  std::vector<std::size_t> alerts_raised;
  for (double total : {14.0, 18.0}) {
    AdministrationRequest request{seeded.client, seeded.session, "phq9", std::nullopt, total};
    auto result = SubmitAdministration(store(), ana_, library(), &monitor, clock(), request);
    ASSERT_TRUE(result) << result.error().message();
    EXPECT_EQ(result->monitoring.status, "not_on_track");
    std::size_t raised = 0;
    for (const RaisedAlert& alert : result->alerts) {
      EXPECT_EQ(alert.kind, "not_on_track");
      raised += alert.change == "raised" ? 1 : 0;
    }
    alerts_raised.push_back(raised);
    clock().Advance(std::chrono::hours{24 * 7});
  }
  // Both went to the same session: its alert is raised once, then updated by the questionnaire
  // given again (the alert lifecycle: one alert per episode, kind and instrument).
  EXPECT_EQ(alerts_raised, (std::vector<std::size_t>{1, 0}));
  // Another questionnaire of the same session yields the session's alert again: it rests on
  // the session's administrations, which already triggered it, so nothing changes.
  AdministrationRequest again{seeded.client, seeded.session, "gad7", std::nullopt, 12.0};
  auto repeated = SubmitAdministration(store(), ana_, library(), &monitor, clock(), again);
  ASSERT_TRUE(repeated) << repeated.error().message();
  EXPECT_TRUE(repeated->alerts.empty());
  // Per session and instrument the monitor gets the administration that counts (the later
  // PHQ-9, 18), not the one it replaces (14).
  EXPECT_EQ(monitor.seen_totals, (std::vector<double>{18, 12}));
  EXPECT_EQ(monitor.seen_episode, seeded.episode);
  EXPECT_EQ(monitor.seen_latest, seeded.session);
  EXPECT_EQ(monitor.seen_sessions, 1u);
  auto alerts = store().ListAlerts(ana_, seeded.client);
  ASSERT_TRUE(alerts);
  EXPECT_EQ(alerts->size(), 1u);
}

TEST_F(MeasureSubmission, WithAMonitorItsAlertsReplaceTheInstrumentFlags) {
  const auto seeded = NewClient(DepressionProfile());
  RecordingMonitor monitor;
  monitor.outcome.status = "on_track";
  monitor.outcome.alerts = {{"risk_item", "PHQ-9 item 9 endorsed"}};
  AdministrationRequest request{seeded.client, seeded.session, "phq9",
                                Phq9Answers({1, 1, 1, 1, 1, 1, 1, 1, 2}), std::nullopt};
  auto result = SubmitAdministration(store(), ana_, library(), &monitor, clock(), request);
  ASSERT_TRUE(result) << result.error().message();
  ASSERT_EQ(result->alerts.size(), 1u);
  EXPECT_EQ(result->alerts[0].kind, "risk_item");
}

TEST_F(MeasureSubmission, AMonitorFailureRollsTheWholeSubmissionBack) {
  const auto seeded = NewClient(DepressionProfile());
  RecordingMonitor monitor;
  monitor.fail = true;
  const std::string before = RecordsFingerprint();
  AdministrationRequest request{seeded.client, seeded.session, "phq9",
                                Phq9Answers({3, 3, 3, 3, 3, 3, 3, 3, 3}), std::nullopt};
  auto result = SubmitAdministration(store(), ana_, library(), &monitor, clock(), request);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(RecordsFingerprint(), before);
}

}  // namespace
}  // namespace tessera::app
