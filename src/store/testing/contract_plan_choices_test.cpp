// The store contract (both stores): a client account records its own choices on a plan of its
// linked record (RecordOwnPlanChoices, clinical-wiring); nobody else may use that call, and
// another client's plan is the same NotFound as a missing one.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

TEST_P(StoreContract, AClientAccountRecordsItsOwnPlanChoicesOnly) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  EpisodeId other_episode;
  const ClientId other = NewClient("Eli Example", &other_episode);
  const AccessContext dana = AddUser("dana", Role::kClient);
  ASSERT_TRUE(store().LinkClientAccount(admin(), *dana.actor, client));
  PlanVersion first{1, R"({"offered_options":[]})", "initial plan", {}, {}, {}, {}};
  auto plan = store().CreatePlan(ana(), Plan{{}, client, episode, {first}});
  ASSERT_TRUE(plan) << plan.error().message();
  auto others_plan = store().CreatePlan(ana(), Plan{{}, other, other_episode, {first}});
  ASSERT_TRUE(others_plan) << others_plan.error().message();
  const PlanVersion choices{
      0, R"({"client_choices":{"format":"weekly"}})", "the client's choices", {}, {}, {}, {}};

  auto recorded = store().RecordOwnPlanChoices(dana, *plan, 1, choices);
  ASSERT_TRUE(recorded) << recorded.error().message();
  EXPECT_EQ(*recorded, 2);
  auto read = store().GetPlan(ana(), *plan);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->versions.back().created_by, *dana.actor);
  EXPECT_EQ(read->versions.back().content, choices.content);

  EXPECT_EQ(store().RecordOwnPlanChoices(dana, *plan, 1, choices).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(store().RecordOwnPlanChoices(dana, *others_plan, 1, choices).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(store().RecordOwnPlanChoices(dana, PlanId(999999), 1, choices).error().code(),
            ErrorCode::kNotFound);
  // Staff revise plans with RevisePlan; this call is the client's own.
  EXPECT_EQ(store().RecordOwnPlanChoices(ana(), *plan, 2, choices).error().code(),
            ErrorCode::kPermissionDenied);
  PlanVersion prompted = choices;
  prompted.prompted_by.client_feedback = "fine";
  prompted.prompted_by.alert = AlertId(1);
  EXPECT_EQ(store().RecordOwnPlanChoices(dana, *plan, 2, prompted).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(store().GetPlan(ana(), *plan)->versions.size(), 2u);
}

}  // namespace
}  // namespace tessera::store::testing
