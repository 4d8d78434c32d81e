#include <gtest/gtest.h>

#include "app/alert_use_cases.hpp"
#include "app/app_test_fixture.hpp"
#include "app/measure_submission.hpp"
#include "app/practice_statistics.hpp"

namespace tessera::app {
namespace {

class AlertsAndStatistics : public testing::AppTest {
 protected:
  AlertId Raise(ClientId client, const std::string& kind) {
    Alert alert;
    alert.client = client;
    alert.kind = kind;
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

TEST_F(AlertsAndStatistics, ListsNewestFirstWithFiltersAndAcknowledgesWithANote) {
  const auto first = NewClient(DepressionProfile());
  const auto second = NewClient(DepressionProfile());
  const AlertId oldest = Raise(first.client, "not_on_track");
  const AlertId middle = Raise(second.client, "flag:self-harm-thoughts");
  const AlertId newest = Raise(first.client, "flag:self-harm-thoughts");

  auto all = ListAlerts(store(), ana_, {});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).id, newest);
  EXPECT_EQ(all->at(2).id, oldest);

  auto of_kind = ListAlerts(store(), ana_, {std::nullopt, "flag:self-harm-thoughts", AlertState::kAny});
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
  ASSERT_EQ(acknowledged->handlings.size(), 1u);
  EXPECT_EQ(acknowledged->handlings[0].note, "called the client");
  EXPECT_EQ(acknowledged->handlings[0].action, "acknowledged");

  auto open = ListAlerts(store(), ana_, {std::nullopt, std::nullopt, AlertState::kOpen});
  auto handled = ListAlerts(store(), ana_, {std::nullopt, std::nullopt, AlertState::kHandled});
  ASSERT_TRUE(open && handled);
  EXPECT_EQ(open->size(), 2u);
  ASSERT_EQ(handled->size(), 1u);
  EXPECT_EQ(handled->at(0).id, middle);

  auto ben_sees = ListAlerts(store(), ben_, {});
  ASSERT_TRUE(ben_sees);
  EXPECT_TRUE(ben_sees->empty());
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
