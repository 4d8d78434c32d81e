#include "app/plan_use_cases.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/alert_lifecycle.hpp"
#include "app/app_test_fixture.hpp"

namespace tessera::app {
namespace {

class PlanUseCases : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    Therapist therapist;
    therapist.id = TherapistId("t-ana");
    therapist.display_name = "Ana";
    therapist.home_model = ModelId("psychodynamic");
    therapist.style = {{"directiveness", -1}, {"warmth", 0.8}};
    therapist.competencies = {{ModelId("psychodynamic"), std::nullopt, Competence::kExpert, {}},
                              {ModelId("cbt"), std::nullopt, Competence::kCompetent, {}}};
    ASSERT_TRUE(store().CreateTherapist(admin_, therapist));
  }

  Plan MakeSequentialPlan(const Seeded& seeded) {
    CreatePlanRequest request{
        seeded.client, seeded.episode, "sequential", {TherapistId("t-ana")}, 12};
    auto plan = CreateTreatmentPlan(store(), ana_, library(), clock(), request);
    EXPECT_TRUE(plan) << plan.error().message();
    return plan ? *plan : Plan{};
  }
};

TEST_F(PlanUseCases, CreatesTheFirstVersionFromTheStoredProfileAndTherapist) {
  const auto seeded = NewClient(DepressionProfile());
  const Plan plan = MakeSequentialPlan(seeded);
  ASSERT_EQ(plan.versions.size(), 1u);
  EXPECT_EQ(plan.versions[0].reason, "initial plan");
  EXPECT_EQ(plan.client, seeded.client);
  const auto content = nlohmann::json::parse(plan.versions[0].content);
  EXPECT_EQ(content["strategy"], "sequential");
  EXPECT_EQ(content["client_goals"], nlohmann::json::array({"go back to work"}));
}

TEST_F(PlanUseCases, RefusesBadRequestsNamingTheFieldAndStoresNothing) {
  ClientProfile unusable = DepressionProfile();
  unusable.traits["reactance"] = "enormous";
  const auto bad_profile = NewClient(unusable);
  const auto good = NewClient(DepressionProfile());
  const std::string before = RecordsFingerprint();
  const struct {
    CreatePlanRequest request;
    ErrorCode code;
    const char* message_part;
  } cases[] = {
      {{good.client, good.episode, "freestyle", {}, std::nullopt},
       ErrorCode::kInvalidArgument,
       "strategy 'freestyle'"},
      {{bad_profile.client, bad_profile.episode, "auto", {}, std::nullopt},
       ErrorCode::kInvalidArgument,
       "profile.traits.reactance 'enormous'"},
      {{good.client, good.episode, "auto", {TherapistId("t-nobody")}, std::nullopt},
       ErrorCode::kNotFound,
       "t-nobody"},
      {{good.client, EpisodeId(good.episode.value() + 50), "auto", {}, std::nullopt},
       ErrorCode::kNotFound,
       "episode"},
      {{good.client, good.episode, "auto", {}, 0}, ErrorCode::kInvalidArgument, "session"},
  };
  for (const auto& test_case : cases) {
    auto plan = CreateTreatmentPlan(store(), ana_, library(), clock(), test_case.request);
    ASSERT_FALSE(plan) << test_case.message_part;
    EXPECT_EQ(plan.error().code(), test_case.code) << plan.error().message();
    EXPECT_NE(plan.error().message().find(test_case.message_part), std::string::npos)
        << plan.error().message();
  }
  EXPECT_EQ(RecordsFingerprint(), before);
}

TEST_F(PlanUseCases, RecordsTheClientsChoiceAmongTheOfferedOptions) {
  const auto seeded = NewClient(DepressionProfile());
  const Plan plan = MakeSequentialPlan(seeded);
  const auto content = nlohmann::json::parse(plan.versions[0].content);
  ASSERT_FALSE(content["offered_options"].empty());
  const std::string decision = content["offered_options"][0]["for"];
  const std::string option = content["offered_options"][0]["options"][0];

  auto unknown_option =
      RecordClientChoices(store(), ana_, library(), clock(),
                          {plan.id, 1, {{decision, "not-an-option"}}, ChoicesBy::kStaff, {}});
  ASSERT_FALSE(unknown_option);
  EXPECT_NE(unknown_option.error().message().find("not-an-option"), std::string::npos);
  auto unknown_decision =
      RecordClientChoices(store(), ana_, library(), clock(),
                          {plan.id, 1, {{"dessert", option}}, ChoicesBy::kStaff, {}});
  ASSERT_FALSE(unknown_decision);
  EXPECT_NE(unknown_decision.error().message().find("'dessert'"), std::string::npos);

  auto chosen = RecordClientChoices(store(), ana_, library(), clock(),
                                    {plan.id, 1, {{decision, option}}, ChoicesBy::kStaff, {}});
  ASSERT_TRUE(chosen) << chosen.error().message();
  ASSERT_EQ(chosen->versions.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(chosen->versions[1].content)["client_choices"][decision], option);

  auto stale = RecordClientChoices(store(), ana_, library(), clock(),
                                   {plan.id, 1, {{decision, option}}, ChoicesBy::kStaff, {}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
}

TEST_F(PlanUseCases, APlanStoredBeforeContentFormatsIsReadAsFormatOne) {
  const auto seeded = NewClient(DepressionProfile());
  const Plan made = MakeSequentialPlan(seeded);
  auto content = nlohmann::json::parse(made.versions[0].content);
  EXPECT_EQ(content["format"], 1);  // written by the one writer
  // The same plan as tessera stored it before plan content carried a format.
  content.erase("format");
  Plan old;
  old.client = seeded.client;
  old.episode = seeded.episode;
  PlanVersion first = made.versions[0];
  first.content = content.dump(2) + "\n";
  old.versions.push_back(first);
  auto id = store().CreatePlan(ana_, old);
  ASSERT_TRUE(id) << id.error().message();

  const std::string decision = content["offered_options"][0]["for"];
  const std::string option = content["offered_options"][0]["options"][0];
  auto chosen = RecordClientChoices(store(), ana_, library(), clock(),
                                    {*id, 1, {{decision, option}}, ChoicesBy::kStaff, {}});
  ASSERT_TRUE(chosen) << chosen.error().message();
  const auto second = nlohmann::json::parse(chosen->versions[1].content);
  EXPECT_EQ(second["format"], 1);
  EXPECT_EQ(second["client_choices"][decision], option);
  EXPECT_EQ(second["phases"].size(), content["phases"].size());
}

TEST_F(PlanUseCases, AcceptingAnAdaptationRecordsWhatPromptedIt) {
  const auto seeded = NewClient(DepressionProfile());
  const auto other = NewClient(DepressionProfile());
  const Plan plan = MakeSequentialPlan(seeded);
  Alert alert;
  alert.client = seeded.client;
  alert.kind = "not_on_track";
  alert.raised_at = clock().Now();
  alert.detail = "above the expected range";
  auto alert_id = store().RaiseAlert(ana_, alert);
  alert.client = other.client;
  auto other_alert = store().RaiseAlert(ana_, alert);
  ASSERT_TRUE(alert_id && other_alert);
  const AdaptationProposal proposal{
      "", "review_alliance", "none", "talk about the work together", "SRS below 36 twice", "", ""};

  auto unprompted = AcceptAdaptation(store(), ana_, library(), clock(), nullptr,
                                     {plan.id, 1, "", proposal, {}, {}, "", ""});
  ASSERT_FALSE(unprompted);
  EXPECT_EQ(unprompted.error().code(), ErrorCode::kInvalidArgument);
  auto foreign = AcceptAdaptation(store(), ana_, library(), clock(), nullptr,
                                  {plan.id, 1, "", proposal, *other_alert, {}, "", ""});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code(), ErrorCode::kNotFound);

  auto accepted = AcceptAdaptation(store(), ana_, library(), clock(), nullptr,
                                   {plan.id, 1, "", proposal, *alert_id, {}, "it feels stuck", ""});
  ASSERT_TRUE(accepted) << accepted.error().message();
  ASSERT_EQ(accepted->versions.size(), 2u);
  const PlanVersion& revision = accepted->versions[1];
  EXPECT_EQ(revision.prompted_by.alert, *alert_id);
  EXPECT_EQ(revision.prompted_by.client_feedback, "it feels stuck");
  EXPECT_EQ(revision.reason, "adaptation accepted: talk about the work together");
  EXPECT_EQ(nlohmann::json::parse(revision.content)["adaptations"][0]["kind"], "review_alliance");
  // The alert it answers is handled in the same transaction, by the accepting clinician, with a
  // note naming the version; the refused attempts above handled nothing.
  auto alerts = store().ListAlerts(ana_, seeded.client);
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(StateOf(alerts->front()), AlertLifecycleState::kAcknowledged);
  ASSERT_EQ(alerts->front().handlings.size(), 1u);
  EXPECT_EQ(alerts->front().handlings[0].note,
            "answered by plan " + std::to_string(plan.id.value()) +
                " version 2: adaptation accepted: talk about the work together");
  auto others = store().ListAlerts(ana_, other.client);
  ASSERT_TRUE(others);
  EXPECT_TRUE(others->front().handlings.empty());

  auto stale = AcceptAdaptation(store(), ana_, library(), clock(), nullptr,
                                {plan.id, 1, "", proposal, *alert_id, {}, "", ""});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
}

TEST_F(PlanUseCases, AnAdaptationLeavesAResolvedAlertResolved) {
  const auto seeded = NewClient(DepressionProfile());
  const Plan plan = MakeSequentialPlan(seeded);
  Alert alert;
  alert.client = seeded.client;
  alert.kind = "alliance_rupture";
  alert.raised_at = clock().Now();
  alert.detail = "SRS below 36";
  auto alert_id = store().RaiseAlert(ana_, alert);
  ASSERT_TRUE(alert_id);
  ASSERT_TRUE(store().HandleAlert(
      ana_, *alert_id,
      {*ana_.actor, clock().Now(), std::string(kResolvedAction), "talked it through"}));
  const AdaptationProposal proposal{"", "review_alliance", "none", "agree the goals again", "", "",
                                    ""};
  auto accepted = AcceptAdaptation(store(), ana_, library(), clock(), nullptr,
                                   {plan.id, 1, "", proposal, *alert_id, {}, "", ""});
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_EQ(accepted->versions.back().prompted_by.alert, *alert_id);
  auto alerts = store().ListAlerts(ana_, seeded.client);
  ASSERT_TRUE(alerts);
  EXPECT_EQ(StateOf(alerts->front()), AlertLifecycleState::kResolved);
  EXPECT_EQ(alerts->front().handlings.size(), 1u);
}

}  // namespace
}  // namespace tessera::app
