// The store contract (both stores): the plan lifecycle of issue 14. A draft becomes active
// when a clinician has signed its current version and the client agreed (their own account,
// or recorded by staff on their behalf with how they agreed); the episode's previously active
// plan is superseded in the same transaction; superseded and discarded plans no longer change;
// the summary follows the active plan, never a newer draft.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

class PlanLifecycle : public StoreContract {
 protected:
  PlanId Draft(ClientId client, EpisodeId episode) {
    const PlanVersion first{1, R"({"phases":[]})", "initial plan", {}, {}, {}, {}};
    auto plan = store().CreatePlan(ana(), Plan{{}, client, episode, {first}});
    EXPECT_TRUE(plan) << plan.error().message();
    return plan.value_or(PlanId(0));
  }
  PlanStatus StatusOf(PlanId plan) { return store().GetPlan(ana(), plan).value().status; }
};

TEST_P(PlanLifecycle, AgreementByBothActivatesAndSupersedesTheEpisodesActivePlan) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const AccessContext dana = AddUser("dana", Role::kClient);
  ASSERT_TRUE(store().LinkClientAccount(admin(), *dana.actor, client));
  const PlanId first = Draft(client, episode);
  const PlanId second = Draft(client, episode);

  // The clinician's signature alone leaves a draft; the client's own sign-off activates it.
  ASSERT_TRUE(store().SignOffPlan(ana(), first, 1, SignOffRole::kClinician));
  EXPECT_EQ(StatusOf(first), PlanStatus::kDraft);
  ASSERT_TRUE(store().SignOffPlan(dana, first, 1, SignOffRole::kClient));
  EXPECT_EQ(StatusOf(first), PlanStatus::kActive);
  EXPECT_EQ(store().GetClientSummary(ana(), client)->plan, first);  // not the newer draft

  // The clinician signs the second and records the client's agreement on their behalf (the
  // same account twice: no "already signed"); the first is superseded.
  ASSERT_TRUE(store().SignOffPlan(ana(), second, 1, SignOffRole::kClinician));
  ASSERT_TRUE(store().RecordClientAgreement(ana(), second, 1, AgreementGiven::kByPhone));
  auto activated = store().GetPlan(ana(), second);
  ASSERT_TRUE(activated);
  EXPECT_EQ(activated->status, PlanStatus::kActive);
  ASSERT_EQ(activated->versions[0].sign_offs.size(), 2u);
  EXPECT_EQ(activated->versions[0].sign_offs[1].role, SignOffRole::kClient);
  EXPECT_EQ(activated->versions[0].sign_offs[1].agreement, AgreementGiven::kByPhone);
  EXPECT_EQ(activated->versions[0].sign_offs[1].user, *ana().actor);
  auto superseded = store().GetPlan(ana(), first);
  ASSERT_TRUE(superseded);
  EXPECT_EQ(superseded->status, PlanStatus::kSuperseded);
  ASSERT_EQ(superseded->status_history.size(), 2u);
  EXPECT_EQ(superseded->status_history[1].reason,
            "superseded by plan " + std::to_string(second.value()));
  EXPECT_EQ(store().GetClientSummary(ana(), client)->plan, second);

  // A superseded plan no longer changes; the active one takes new versions and stays active.
  const PlanVersion next{0, R"({"phases":[1]})", "revised", {}, {}, {}, {}};
  EXPECT_EQ(store().RevisePlan(ana(), first, 1, next).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(store().SignOffPlan(ana(), first, 1, SignOffRole::kSupervisor).error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(store().RevisePlan(ana(), second, 1, next));
  EXPECT_EQ(StatusOf(second), PlanStatus::kActive);
  EXPECT_EQ(
      store().RecordClientAgreement(ana(), second, 1, AgreementGiven::kInSession).error().code(),
      ErrorCode::kAlreadyExists);
}

TEST_P(PlanLifecycle, OnlyTheRightAccountGivesEachAgreementAndOnlyTheCurrentVersionActivates) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const AccessContext dana = AddUser("dana", Role::kClient);
  ASSERT_TRUE(store().LinkClientAccount(admin(), *dana.actor, client));
  const PlanId plan = Draft(client, episode);
  EXPECT_EQ(store().SignOffPlan(ana(), plan, 1, SignOffRole::kClient).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().SignOffPlan(dana, plan, 1, SignOffRole::kClinician).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(store().RecordClientAgreement(dana, plan, 1, AgreementGiven::kInSession).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      store().RecordClientAgreement(ana(), plan, 1, AgreementGiven::kOwnAccount).error().code(),
      ErrorCode::kInvalidArgument);

  // Version 1 agreed by both after version 2 exists: still a draft; version 2 activates.
  ASSERT_TRUE(store().RevisePlan(ana(), plan, 1, {0, "{}", "second", {}, {}, {}, {}}));
  ASSERT_TRUE(store().SignOffPlan(ana(), plan, 1, SignOffRole::kClinician));
  ASSERT_TRUE(store().SignOffPlan(dana, plan, 1, SignOffRole::kClient));
  EXPECT_EQ(StatusOf(plan), PlanStatus::kDraft);
  EXPECT_FALSE(store().GetClientSummary(ana(), client)->plan);
  ASSERT_TRUE(store().SignOffPlan(ana(), plan, 2, SignOffRole::kClinician));
  ASSERT_TRUE(store().RecordClientAgreement(ana(), plan, 2, AgreementGiven::kInWriting));
  EXPECT_EQ(StatusOf(plan), PlanStatus::kActive);
  EXPECT_EQ(store().GetPlan(ana(), plan)->status_history.at(0).version, 2);
}

TEST_P(PlanLifecycle, OnlyADraftIsDiscardedWithAReasonAndThenNeverChanges) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const PlanId kept = Draft(client, episode);
  const PlanId dropped = Draft(client, episode);
  const std::string before = RecordsFingerprint();
  EXPECT_EQ(store().DiscardPlan(ana(), dropped, "").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(RecordsFingerprint(), before);
  ASSERT_TRUE(store().DiscardPlan(ana(), dropped, "a comparison only"));
  auto discarded = store().GetPlan(ana(), dropped);
  ASSERT_TRUE(discarded);
  EXPECT_EQ(discarded->status, PlanStatus::kDiscarded);
  EXPECT_EQ(discarded->status_history.at(0).reason, "a comparison only");
  EXPECT_EQ(store().DiscardPlan(ana(), dropped, "again").error().code(), ErrorCode::kConflict);
  EXPECT_EQ(store().SignOffPlan(ana(), dropped, 1, SignOffRole::kClinician).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(store().RevisePlan(ana(), dropped, 1, {0, "{}", "x", {}, {}, {}, {}}).error().code(),
            ErrorCode::kConflict);

  ASSERT_TRUE(store().SignOffPlan(ana(), kept, 1, SignOffRole::kClinician));
  ASSERT_TRUE(store().RecordClientAgreement(ana(), kept, 1, AgreementGiven::kInSession));
  EXPECT_EQ(store().DiscardPlan(ana(), kept, "changed my mind").error().code(),
            ErrorCode::kConflict);
  const AccessContext other_client = AddUser("eli", Role::kClient);
  EXPECT_EQ(store().DiscardPlan(other_client, kept, "not mine").error().code(),
            ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Stores, PlanLifecycle,
                         ::testing::Values(StoreKind::kSqlite, StoreKind::kPostgres),
                         [](const auto& info) { return KindName(info.param); });

}  // namespace
}  // namespace tessera::store::testing
