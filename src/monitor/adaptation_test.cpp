#include "monitor/adaptation.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tessera::monitor {
namespace {

const char* kPlan = R"({"strategy": "sequential", "phases": [
  {"name": "engagement and motivation", "phase": "engagement", "techniques": [{"id": "mi_decisional_balance"}], "review_at_session": 3, "switch_criteria": []},
  {"name": "skills and active change", "phase": "skills", "techniques": [{"id": "behavioural_activation"}, {"id": "thought_record"}], "review_at_session": 10, "switch_criteria": []}],
  "common_factors": [{"id": "alliance", "name": "therapeutic alliance", "actions": ["measure the alliance every session"]}]})";

AdaptationProposal Proposal(PlanChange change, std::string phase, std::string technique = "") {
  AdaptationProposal proposal;
  proposal.id = "p1";
  proposal.kind = change == PlanChange::kAddCommonFactorAction ? ProposalKind::kAllianceRepair
                                                               : ProposalKind::kSwitchCriterion;
  proposal.change = change;
  proposal.session = 6;
  proposal.phase = std::move(phase);
  proposal.technique = std::move(technique);
  proposal.text = "do it";
  proposal.prompted_by = {AlertType::kNoReliableChange};
  return proposal;
}

TEST(AcceptProposal, MovingOnRecordsTheFeedbackThatPromptedIt) {
  auto revision =
      AcceptProposal(kPlan, Proposal(PlanChange::kMoveToNextPhase, "engagement and motivation"),
                     "I want to start");
  ASSERT_TRUE(revision) << revision.error().message();
  const auto plan = nlohmann::json::parse(revision->content);
  EXPECT_EQ(plan["current_phase"], 1);
  ASSERT_EQ(plan["revisions"].size(), 1u);
  EXPECT_EQ(plan["revisions"][0]["prompted_by"][0], "no_reliable_change");
  EXPECT_EQ(plan["revisions"][0]["session"], 6);
  EXPECT_EQ(plan["revisions"][0]["client_feedback"], "I want to start");
  EXPECT_EQ(revision->alert_types, std::vector<std::string>{"no_reliable_change"});
  EXPECT_EQ(revision->session, 6);
  // A second revision appends to the history rather than replacing it.
  auto second =
      AcceptProposal(revision->content,
                     Proposal(PlanChange::kReturnToEarlierPhase, "skills and active change"), "");
  ASSERT_TRUE(second);
  const auto again = nlohmann::json::parse(second->content);
  EXPECT_EQ(again["current_phase"], 0);
  EXPECT_EQ(again["revisions"].size(), 2u);
}

TEST(AcceptProposal, AddsAndRemovesTechniquesAndRepairActions) {
  auto added = AcceptProposal(
      kPlan, Proposal(PlanChange::kAddTechnique, "skills and active change", "problem_solving"),
      "");
  ASSERT_TRUE(added);
  EXPECT_EQ(nlohmann::json::parse(added->content)["phases"][1]["techniques"].size(), 3u);
  auto removed = AcceptProposal(
      kPlan, Proposal(PlanChange::kRemoveTechnique, "skills and active change", "thought_record"),
      "");
  ASSERT_TRUE(removed);
  EXPECT_EQ(nlohmann::json::parse(removed->content)["phases"][1]["techniques"].size(), 1u);
  auto repair = AcceptProposal(kPlan, Proposal(PlanChange::kAddCommonFactorAction, ""), "");
  ASSERT_TRUE(repair);
  EXPECT_EQ(nlohmann::json::parse(repair->content)["common_factors"][0]["actions"].size(), 2u);
}

// Issue 14: a second acceptance of the same repair did not add a duplicate line, and a
// technique planned in another phase is not added again.
TEST(AcceptProposal, NeverWritesALineOrATechniqueTwice) {
  auto repair = AcceptProposal(kPlan, Proposal(PlanChange::kAddCommonFactorAction, ""), "");
  ASSERT_TRUE(repair);
  auto again =
      AcceptProposal(repair->content, Proposal(PlanChange::kAddCommonFactorAction, ""), "");
  ASSERT_TRUE(again);
  EXPECT_EQ(nlohmann::json::parse(again->content)["common_factors"][0]["actions"].size(), 2u);
  auto elsewhere = AcceptProposal(
      kPlan,
      Proposal(PlanChange::kAddTechnique, "skills and active change", "mi_decisional_balance"), "");
  ASSERT_FALSE(elsewhere);
  EXPECT_NE(elsewhere.error().message().find("already in phase 'engagement and motivation'"),
            std::string::npos)
      << elsewhere.error().message();
}

TEST(ProposalId, ComesFromWhatTheProposalDoesNotItsSessionOrPosition) {
  AdaptationProposal first =
      Proposal(PlanChange::kAddTechnique, "skills and active change", "problem_solving");
  AdaptationProposal later = first;
  later.session = 9;
  later.id = "p7";
  EXPECT_EQ(ProposalId(first), ProposalId(later));
  EXPECT_EQ(ProposalId(first).size(), 13u);
  AdaptationProposal other = first;
  other.technique = "thought_record";
  EXPECT_NE(ProposalId(first), ProposalId(other));
  other = first;
  other.change = PlanChange::kRemoveTechnique;
  EXPECT_NE(ProposalId(first), ProposalId(other));
}

TEST(AcceptProposal, RefusesWhatTheProposalCannotDoAndChangesNothing) {
  struct Case {
    std::string plan;
    AdaptationProposal proposal;
    std::string message;
  } cases[] = {
      {"{", Proposal(PlanChange::kNone, ""), "not valid JSON"},
      {"{}", Proposal(PlanChange::kNone, ""), "phases"},
      {kPlan, Proposal(PlanChange::kMoveToNextPhase, "skills and active change"),
       "is the last phase"},
      {kPlan, Proposal(PlanChange::kReturnToEarlierPhase, "engagement and motivation"),
       "is the first phase"},
      {kPlan, Proposal(PlanChange::kRemoveTechnique, "skills and active change", "exposure"),
       "'exposure' is not in phase"},
      {kPlan, Proposal(PlanChange::kAddTechnique, "skills and active change", "thought_record"),
       "already in phase"},
      {kPlan, Proposal(PlanChange::kAddTechnique, "no such phase", "x"), "not a phase of the plan"},
  };
  for (const Case& test : cases) {
    auto revision = AcceptProposal(test.plan, test.proposal, "");
    ASSERT_FALSE(revision) << test.message;
    EXPECT_NE(revision.error().message().find(test.message), std::string::npos)
        << revision.error().message();
  }
}

}  // namespace
}  // namespace tessera::monitor
