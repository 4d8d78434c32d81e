#include <gtest/gtest.h>

#include "app/alert_use_cases.hpp"
#include "app/app_test_fixture.hpp"
#include "app/measure_submission.hpp"
#include "app/practice_statistics.hpp"

namespace tessera::app {
namespace {

class AlertsAndStatistics : public testing::AppTest {
 protected:
  AlertId Raise(ClientId client, const std::string& kind, const std::string& severity = "warning") {
    Alert alert;
    alert.client = client;
    alert.kind = kind;
    alert.severity = severity;
    alert.raised_at = clock().Now();
    alert.detail = kind + " detail";
    clock().Advance(std::chrono::minutes{1});
    auto id = store().RaiseAlert(ana_, alert);
    EXPECT_TRUE(id) << id.error().message();
    return id ? *id : AlertId();
  }

  void Submit(const Seeded& seeded, const std::string& instrument, double total) {
    AdministrationRequest request{seeded.client, seeded.session, instrument, std::nullopt, total};
    auto result = SubmitAdministration(store(), ana_, library(), nullptr, clock(), request);
    ASSERT_TRUE(result) << result.error().message();
    clock().Advance(std::chrono::hours{24 * 7});
  }
};

TEST_F(AlertsAndStatistics, ListsMostSevereThenLongestWaitingWithNamesAndAcknowledgesWithANote) {
  const auto first = NewClient(DepressionProfile());
  const auto second = NewClient(DepressionProfile());
  const AlertId oldest = Raise(first.client, "not_on_track");
  const AlertId middle = Raise(second.client, "flag:self-harm-thoughts", "critical");
  const AlertId newest = Raise(first.client, "flag:self-harm-thoughts", "critical");

  auto all = ListAlerts(store(), ana_, {});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  // Critical before warning; within a severity the longest waiting first.
  EXPECT_EQ(all->at(0).alert.id, middle);
  EXPECT_EQ(all->at(1).alert.id, newest);
  EXPECT_EQ(all->at(2).alert.id, oldest);
  EXPECT_EQ(all->at(0).severity, "critical");
  EXPECT_EQ(all->at(0).client_name, "Test Client");
  EXPECT_EQ(all->at(0).state, AlertLifecycleState::kOpen);

  auto of_kind =
      ListAlerts(store(), ana_, {std::nullopt, "flag:self-harm-thoughts", AlertState::kAny});
  ASSERT_TRUE(of_kind);
  EXPECT_EQ(of_kind->size(), 2u);
  auto of_client = ListAlerts(store(), ana_, {first.client, std::nullopt, AlertState::kAny});
  ASSERT_TRUE(of_client);
  EXPECT_EQ(of_client->size(), 2u);

  auto empty_note = AcknowledgeAlert(store(), ana_, clock(), middle, "");
  ASSERT_FALSE(empty_note);
  EXPECT_NE(empty_note.error().message().find("note"), std::string::npos);
  auto not_yours = AcknowledgeAlert(store(), ben_, clock(), middle, "seen");
  ASSERT_FALSE(not_yours);
  EXPECT_EQ(not_yours.error().code(), ErrorCode::kNotFound);

  auto acknowledged = AcknowledgeAlert(store(), ana_, clock(), middle, "called the client");
  ASSERT_TRUE(acknowledged) << acknowledged.error().message();
  ASSERT_EQ(acknowledged->alert.handlings.size(), 1u);
  EXPECT_EQ(acknowledged->alert.handlings[0].note, "called the client");
  EXPECT_EQ(acknowledged->alert.handlings[0].action, "acknowledged");
  EXPECT_EQ(acknowledged->state, AlertLifecycleState::kAcknowledged);

  auto open = ListAlerts(store(), ana_, {std::nullopt, std::nullopt, AlertState::kOpen});
  auto handled = ListAlerts(store(), ana_, {std::nullopt, std::nullopt, AlertState::kHandled});
  ASSERT_TRUE(open && handled);
  EXPECT_EQ(open->size(), 2u);
  ASSERT_EQ(handled->size(), 1u);
  EXPECT_EQ(handled->at(0).alert.id, middle);

  auto ben_sees = ListAlerts(store(), ben_, {});
  ASSERT_TRUE(ben_sees);
  EXPECT_TRUE(ben_sees->empty());
}

TEST_F(AlertsAndStatistics, BulkAcknowledgementIsAllOrNothingAndResolvedAlertsStayResolved) {
  const auto seeded = NewClient(DepressionProfile());
  const AlertId one = Raise(seeded.client, "not_on_track");
  const AlertId two = Raise(seeded.client, "dropout_risk");
  const std::string before = RecordsFingerprint();
  auto unknown = AcknowledgeAlerts(store(), ana_, clock(), {one, AlertId(999999)}, "seen");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RecordsFingerprint(), before);

  auto both = AcknowledgeAlerts(store(), ana_, clock(), {one, two}, "reviewed in supervision");
  ASSERT_TRUE(both) << both.error().message();
  ASSERT_EQ(both->size(), 2u);
  for (const AlertView& view : *both) {
    EXPECT_EQ(view.state, AlertLifecycleState::kAcknowledged);
    EXPECT_EQ(view.alert.handlings.back().note, "reviewed in supervision");
  }
  auto resolved = ResolveAlert(store(), ana_, clock(), one, "back on track after the plan change");
  ASSERT_TRUE(resolved) << resolved.error().message();
  EXPECT_EQ(resolved->state, AlertLifecycleState::kResolved);
  auto again = AcknowledgeAlerts(store(), ana_, clock(), {two, one}, "seen");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  auto active = ListAlerts(store(), ana_, {seeded.client, std::nullopt, AlertState::kActive});
  ASSERT_TRUE(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ(active->at(0).alert.id, two);
}

TEST_F(AlertsAndStatistics, CountsOutcomesAndNhsIndicatorsOverClosedEpisodesOnly) {
  // Recovered: a case on both measures at first (PHQ-9 >= 10, GAD-7 >= 8), below both at last
  // with a reliable improvement (FACTS.md thresholds in data/indicators).
  const auto recovered = NewClient(DepressionProfile());
  Submit(recovered, "phq9", 18);
  Submit(recovered, "gad7", 15);
  Submit(recovered, "phq9", 4);
  Submit(recovered, "gad7", 3);
  ASSERT_TRUE(store().CloseEpisode(ana_, recovered.episode, "2026-04-01", "goals met"));
  // Deteriorated, closed.
  const auto worse = NewClient(DepressionProfile());
  Submit(worse, "phq9", 10);
  Submit(worse, "gad7", 9);
  Submit(worse, "phq9", 22);
  Submit(worse, "gad7", 19);
  ASSERT_TRUE(store().CloseEpisode(ana_, worse.episode, "2026-04-01", "referred on"));
  // Open episode: counted, but not in outcomes.
  const auto ongoing = NewClient(DepressionProfile());
  Submit(ongoing, "phq9", 20);
  Submit(ongoing, "phq9", 5);

  auto statistics = ComputePracticeStatistics(store(), ana_, library());
  ASSERT_TRUE(statistics) << statistics.error().message();
  EXPECT_EQ(statistics->clients, 3);
  EXPECT_EQ(statistics->episodes_closed, 2);
  EXPECT_EQ(statistics->episodes_open, 1);
  EXPECT_EQ(statistics->sessions, 3);
  EXPECT_EQ(statistics->administrations, 10);
  EXPECT_EQ(statistics->outcomes.at("phq9").episodes, 2);
  EXPECT_EQ(statistics->outcomes.at("phq9").categories.at("recovered"), 1);
  EXPECT_EQ(statistics->outcomes.at("phq9").categories.at("deteriorated"), 1);
  const NhsTtSummary& nhs = statistics->nhs_talking_therapies;
  EXPECT_EQ(nhs.paired_episodes, 2);
  EXPECT_EQ(nhs.caseness, 2);
  EXPECT_EQ(nhs.recovery, 1);
  EXPECT_EQ(nhs.reliable_recovery, 1);
  EXPECT_EQ(nhs.reliable_improvement, 1);
  EXPECT_EQ(nhs.reliable_deterioration, 1);

  auto ben_view = ComputePracticeStatistics(store(), ben_, library());
  ASSERT_TRUE(ben_view);
  EXPECT_EQ(ben_view->clients, 0);
}

}  // namespace
}  // namespace tessera::app
