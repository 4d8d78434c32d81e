// The app's submission and adaptation use cases with the real monitor (src/monitor, rules from
// data/monitor) over a SQLite store.
#include "app/episode_monitor.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/app_test_fixture.hpp"
#include "app/measure_submission.hpp"
#include "app/plan_use_cases.hpp"

namespace tessera::app {
namespace {

class WithTheMonitor : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto created = RoutineOutcomeMonitor::Create(library(), TESSERA_DATA_DIR);
    ASSERT_TRUE(created) << created.error().message();
    monitor_ = std::move(*created);
  }
  SessionId NextSession(const Seeded& seeded, const std::string& date) {
    Session session{{}, seeded.episode, seeded.client, date, Attendance::kAttended, {}, {}};
    auto recorded = store().RecordSession(ana_, session);
    EXPECT_TRUE(recorded) << recorded.error().message();
    return recorded ? *recorded : SessionId();
  }
  Result<SubmissionResult> SubmitPhq9(const Seeded& seeded, SessionId session,
                                      std::vector<double> items) {
    std::map<std::string, std::optional<double>> answers;
    for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
      answers[std::to_string(item_idx + 1)] = items[item_idx];
    }
    clock().Advance(std::chrono::hours{24 * 7});
    return SubmitAdministration(store(), ana_, library(), monitor_.get(), clock(),
                                {seeded.client, session, "phq9", answers, std::nullopt});
  }
  std::unique_ptr<RoutineOutcomeMonitor> monitor_;
};

TEST_F(WithTheMonitor, AnEndorsedRiskItemRaisesTheMonitorsRiskAlert) {
  const auto seeded = NewClient(DepressionProfile());
  auto result = SubmitPhq9(seeded, seeded.session, {2, 2, 2, 1, 1, 1, 1, 1, 2});
  ASSERT_TRUE(result) << result.error().message();
  bool risk = false;
  for (const auto& alert : result->alerts) risk |= alert.kind == "risk_item";
  EXPECT_TRUE(risk);
  EXPECT_NE(result->monitoring.status, "not_monitored");
}

TEST_F(WithTheMonitor, DeteriorationIsFlaggedAndAProposalCanBeAcceptedByItsId) {
  const auto seeded = NewClient(DepressionProfile());
  CreatePlanRequest plan_request{seeded.client, seeded.episode, "sequential", {}, 12};
  auto plan = CreateTreatmentPlan(store(), ana_, library(), clock(), plan_request);
  ASSERT_TRUE(plan) << plan.error().message();
  // Agreed in session: the active plan, the one the monitor follows.
  ASSERT_TRUE(store().SignOffPlan(ana_, plan->id, 1, SignOffRole::kClinician));
  ASSERT_TRUE(store().RecordClientAgreement(ana_, plan->id, 1, AgreementGiven::kInSession));
  ASSERT_TRUE(SubmitPhq9(seeded, seeded.session, {2, 2, 1, 1, 1, 1, 1, 1, 0}));
  const SessionId second = NextSession(seeded, "2026-01-12");
  const SessionId third = NextSession(seeded, "2026-01-19");
  ASSERT_TRUE(SubmitPhq9(seeded, second, {3, 3, 2, 2, 2, 2, 2, 2, 0}));
  auto worse = SubmitPhq9(seeded, third, {3, 3, 3, 3, 3, 3, 3, 3, 0});
  ASSERT_TRUE(worse) << worse.error().message();
  EXPECT_EQ(worse->monitoring.status, "deteriorated");
  ASSERT_FALSE(worse->alerts.empty());
  ASSERT_FALSE(worse->monitoring.proposals.empty());

  auto unknown = AcceptAdaptation(store(), ana_, library(), clock(), monitor_.get(),
                                  {plan->id, 1, "p999", {}, {}, {}, "", ""});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  // Ids come from what a proposal does: the next submission offering it again (here the
  // questionnaire given again in the same session) gives it the same id.
  auto again = SubmitPhq9(seeded, third, {3, 3, 3, 3, 3, 3, 3, 3, 0});
  ASSERT_TRUE(again) << again.error().message();
  std::vector<std::string> earlier_ids;
  for (const auto& offered : worse->monitoring.proposals) earlier_ids.push_back(offered.id);
  bool kept = false;
  for (const auto& offered : again->monitoring.proposals) {
    const auto same = std::find(earlier_ids.begin(), earlier_ids.end(), offered.id);
    if (same == earlier_ids.end()) continue;
    kept = true;
    const auto& before = worse->monitoring.proposals[same - earlier_ids.begin()];
    EXPECT_EQ(offered.kind, before.kind);
    EXPECT_EQ(offered.change, before.change);
    EXPECT_EQ(offered.technique, before.technique);
  }
  EXPECT_TRUE(kept) << "no proposal was offered again by the next submission";
  EXPECT_EQ(again->monitoring.proposals.size(), worse->monitoring.proposals.size());
  // Accepted by the id the earlier submission gave it.
  const AdaptationProposal& proposal = worse->monitoring.proposals.back();
  auto accepted =
      AcceptAdaptation(store(), ana_, library(), clock(), monitor_.get(),
                       {plan->id, 1, proposal.id, {}, {}, {}, "it is getting worse", ""});
  ASSERT_TRUE(accepted) << accepted.error().message();
  ASSERT_EQ(accepted->versions.size(), 2u);
  const auto content = nlohmann::json::parse(accepted->versions[1].content);
  ASSERT_TRUE(content.contains("revisions")) << content.dump();
  EXPECT_EQ(content["revisions"].back()["client_feedback"], "it is getting worse");
  EXPECT_EQ(accepted->versions[1].prompted_by.client_feedback, "it is getting worse");
}

}  // namespace
}  // namespace tessera::app
