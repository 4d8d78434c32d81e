// One behaviour per strategy, plus what every plan must have. Cross-cutting clinical vignettes
// live in tests/scenarios/planner/*.scenario.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "planner/plan_output.hpp"
#include "planner/planner.hpp"
#include "planner/planner_test_support.hpp"
#include "planner/therapist_match.hpp"

namespace tessera::planner {
namespace {

using testing::PhaseIndexOf;
using testing::PlanFor;
using testing::PlannedIds;
using testing::ProfileFrom;
using testing::ShippedCatalog;
using testing::TherapistFrom;

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

PlanRequest Request(const std::string& profile, Strategy strategy) {
  PlanRequest request;
  request.profile = ProfileFrom(profile);
  request.strategy = strategy;
  return request;
}

const char* kDepression = R"({"problems": [{"id": "depression", "severity": "moderate"}],
  "sts": {"coping_style": "externalizing", "reactance": "low"}, "stage_of_change": "action",
  "risk": {"suicidality": "none", "self_harm": false, "psychosis": false}})";

TEST(EclecticStrategy, RanksEveryEligibleTechniqueWithADecomposedFit) {
  const Plan plan = PlanFor(Request(kDepression, Strategy::kEclectic));
  ASSERT_FALSE(plan.ranking.empty());
  for (std::size_t index = 1; index < plan.ranking.size(); ++index) {
    EXPECT_GE(plan.ranking[index - 1].fit, plan.ranking[index].fit);
  }
  const auto& best = plan.ranking.front();
  ASSERT_EQ(best.components.size(), 6u);
  double total = 0;
  double weights = 0;
  for (const auto& component : best.components) {
    total += component.weight * component.value;
    weights += component.weight;
    EXPECT_FALSE(component.reason.empty()) << component.name;
  }
  EXPECT_NEAR(weights, 1.1, 1e-9);  // the competence component only ever subtracts
  EXPECT_NEAR(best.fit, total, 0.002);
  EXPECT_EQ(best.components[0].name, "evidence");
  // Strong evidence for depression lifts the techniques of behavioural activation / CT above
  // techniques with none.
  const auto position = [&](const std::string& id) {
    return std::find_if(plan.ranking.begin(), plan.ranking.end(),
                        [&](const auto& t) { return t.id == id; }) -
           plan.ranking.begin();
  };
  EXPECT_LT(position("activity_scheduling"), position("gestalt_body_awareness"));
  EXPECT_FALSE(PlannedIds(plan).empty());
}

TEST(EclecticStrategy, PracticeEvidenceIsANamedComponentOnlyWhenGiven) {
  PlanRequest request = Request(kDepression, Strategy::kEclectic);
  const Plan without = PlanFor(request);
  for (const auto& technique : without.ranking)
    EXPECT_EQ(technique.components.size(), 6u) << technique.id;
  request.practice_evidence["activity_scheduling"] = {1.0, 40, "mean improvement 7.5 points"};
  request.practice_evidence["cbt"] = {0.2, 12, "mean improvement 1.2 points"};
  const Plan with = PlanFor(request);
  const auto find = [](const Plan& plan, const std::string& id) {
    return *std::find_if(plan.ranking.begin(), plan.ranking.end(),
                         [&](const auto& t) { return t.id == id; });
  };
  const PlannedTechnique scheduling = find(with, "activity_scheduling");
  ASSERT_EQ(scheduling.components.size(), 7u);
  EXPECT_EQ(scheduling.components.back().name, "practice_evidence");
  EXPECT_DOUBLE_EQ(scheduling.components.back().value, 1.0);
  EXPECT_NE(scheduling.components.back().reason.find("n = 40"), std::string::npos);
  EXPECT_NEAR(scheduling.fit, find(without, "activity_scheduling").fit + 0.1, 0.002);
  // A technique with no entry for itself or its model says the component is off.
  const PlannedTechnique gestalt = find(with, "gestalt_body_awareness");
  EXPECT_EQ(gestalt.components.back().value, 0);
  EXPECT_NE(gestalt.components.back().reason.find("off"), std::string::npos);
}

TEST(EclecticStrategy, ContraindicatedTechniquesAreExcludedWithTheReason) {
  const Plan plan = PlanFor(Request(R"({"problems": [{"id": "panic", "severity": "severe"}],
      "risk": {"psychosis": true}})",
                                    Strategy::kEclectic));
  const auto excluded =
      std::find_if(plan.excluded.begin(), plan.excluded.end(),
                   [](const Exclusion& e) { return e.id == "interoceptive_exposure"; });
  ASSERT_NE(excluded, plan.excluded.end());
  EXPECT_NE(excluded->reason.find("contraindication: active_psychosis"), std::string::npos);
  EXPECT_FALSE(Contains(PlannedIds(plan), "interoceptive_exposure"));
  ASSERT_EQ(plan.referrals.size(), 0u);  // psychosis as a risk flag; not a listed problem here
}

TEST(SequentialStrategy, PrecontemplationPutsMotivationalWorkFirst) {
  const Plan plan =
      PlanFor(Request(R"({"problems": [{"id": "substance_use", "severity": "moderate"}],
      "stage_of_change": "precontemplation"})",
                      Strategy::kSequential));
  ASSERT_FALSE(plan.phases.empty());
  EXPECT_EQ(plan.phases.front().phase, catalog::Phase::kEngagement);
  EXPECT_TRUE(Contains(plan.phases.front().models, "motivational_interviewing"));
  for (const auto& technique : plan.phases.front().techniques) {
    EXPECT_NE(ShippedCatalog().FindTechnique(technique.id)->readiness, catalog::Readiness::kAction)
        << technique.id;
  }
}

TEST(SequentialStrategy, TraumaProcessingComesAfterStabilisationWhenRiskIsHigh) {
  const Plan plan = PlanFor(Request(R"({"problems": [{"id": "ptsd", "severity": "severe"},
      {"id": "emotion_dysregulation", "severity": "severe"}], "risk": {"self_harm": true, "suicidality": "low"}})",
                                    Strategy::kSequential));
  int stabilisation = -1;
  int processing = -1;
  for (std::size_t index = 0; index < plan.phases.size(); ++index) {
    if (plan.phases[index].phase == catalog::Phase::kStabilisation)
      stabilisation = static_cast<int>(index);
    if (plan.phases[index].phase == catalog::Phase::kProcessing)
      processing = static_cast<int>(index);
  }
  ASSERT_GE(stabilisation, 0);
  ASSERT_GT(processing, stabilisation);
  int previous = 0;
  for (const auto& phase : plan.phases) {
    EXPECT_GT(phase.review_at_session, previous);
    EXPECT_FALSE(phase.switch_criteria.empty());
    previous = phase.review_at_session;
  }
  EXPECT_EQ(plan.phases.back().review_at_session, 20);
}

TEST(SelectiveSynthesisStrategy, ReportsAProvenOptimumWithinTheConstraints) {
  PlanRequest request = Request(R"({"problems": [{"id": "depression", "severity": "severe"},
      {"id": "insomnia", "severity": "moderate"}], "stage_of_change": "action"})",
                                Strategy::kSelectiveSynthesis);
  request.constraints.session_budget = 12;
  request.constraints.max_techniques = 6;
  const Plan plan = PlanFor(request);
  ASSERT_TRUE(plan.objective && plan.bound);
  EXPECT_TRUE(plan.proven_optimal);
  EXPECT_DOUBLE_EQ(*plan.objective, *plan.bound);
  const auto ids = PlannedIds(plan);
  EXPECT_LE(ids.size(), 6u);
  int sessions = 0;
  for (const auto& id : ids) {
    const catalog::Technique& technique = *ShippedCatalog().FindTechnique(id);
    sessions += technique.sessions;
    for (const auto& prerequisite : technique.prerequisites)
      EXPECT_TRUE(Contains(ids, prerequisite)) << id;
    for (const auto& other : technique.incompatible_with) EXPECT_FALSE(Contains(ids, other)) << id;
  }
  EXPECT_LE(sessions, 12);
}

TEST(AssimilativeStrategy, KeepsTheHomeModelAndNotesEachImport) {
  PlanRequest request = Request(R"({"problems": [{"id": "depression", "severity": "moderate"},
      {"id": "insomnia", "severity": "severe"}]})",
                                Strategy::kAssimilative);
  request.therapists.push_back(TherapistFrom(R"({"id": "t-ana", "home_model": "psychodynamic",
      "competencies": [{"model": "psychodynamic", "level": "expert"}, {"model": "cbt", "level": "competent"}]})"));
  const Plan plan = PlanFor(request);
  EXPECT_EQ(plan.home_model, "psychodynamic");
  int home = 0;
  int imported = 0;
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) {
      if (technique.model == "psychodynamic") {
        ++home;
        EXPECT_TRUE(technique.assimilation_note.empty());
      } else {
        ++imported;
        EXPECT_NE(technique.assimilation_note.find("within psychodynamic therapy"),
                  std::string::npos)
            << technique.id;
      }
    }
  }
  EXPECT_GT(home, 0);
  EXPECT_GT(imported, 0);
  // Insomnia is not covered by psychodynamic techniques: a CBT-I technique is imported for it.
  const auto ids = PlannedIds(plan);
  EXPECT_TRUE(std::any_of(ids.begin(), ids.end(), [](const std::string& id) {
    return ShippedCatalog().FindTechnique(id)->model == "cbt_insomnia";
  }));
}

TEST(IntegrativeModelStrategy, ChoosesDbtForSevereDysregulationWithSelfHarm) {
  const Plan plan =
      PlanFor(Request(R"({"problems": [{"id": "emotion_dysregulation", "severity": "severe"},
      {"id": "self_harm", "severity": "moderate"}], "risk": {"self_harm": true}})",
                      Strategy::kIntegrativeModel));
  EXPECT_EQ(plan.template_id, "dbt_program");
  EXPECT_TRUE(Contains(PlannedIds(plan), "chain_analysis"));
  ASSERT_FALSE(plan.explanation.empty());
  EXPECT_NE(plan.explanation.front().find("emotion_dysregulation"), std::string::npos);
}

TEST(IntegrativeModelStrategy, RefusesWhenNoTemplateIsIndicated) {
  const auto plan =
      MakePlan(Request(R"({"problems": [{"id": "insomnia", "severity": "moderate"}]})",
                       Strategy::kIntegrativeModel),
               ShippedCatalog());
  ASSERT_FALSE(plan.has_value());
  EXPECT_NE(plan.error().message().find(
                "no integrative model in the catalogue is indicated for insomnia"),
            std::string::npos);
}

TEST(AutoStrategy, SaysWhichStrategyItChoseAndWhy) {
  struct Case {
    const char* profile;
    Strategy expected;
  };
  const Case cases[] = {
      {R"({"problems": [{"id": "emotion_dysregulation", "severity": "severe"}, {"id": "self_harm", "severity": "severe"}]})",
       Strategy::kIntegrativeModel},
      {R"({"problems": [{"id": "substance_use", "severity": "moderate"}], "stage_of_change": "precontemplation"})",
       Strategy::kSequential},
      {R"({"problems": [{"id": "insomnia", "severity": "moderate"}], "stage_of_change": "action"})",
       Strategy::kSelectiveSynthesis},
  };
  for (const auto& entry : cases) {
    const Plan plan = PlanFor(Request(entry.profile, Strategy::kAuto));
    EXPECT_EQ(plan.strategy, entry.expected) << entry.profile;
    EXPECT_EQ(plan.requested, Strategy::kAuto);
    ASSERT_FALSE(plan.explanation.empty());
    EXPECT_EQ(plan.explanation.front().rfind("auto chose " + std::string(Name(entry.expected)), 0),
              0u)
        << plan.explanation.front();
  }
}

TEST(EveryPlan, HasCommonFactorsGoalsAndIsDeterministic) {
  for (const Strategy strategy :
       {Strategy::kEclectic, Strategy::kSequential, Strategy::kSelectiveSynthesis,
        Strategy::kAssimilative, Strategy::kAuto}) {
    PlanRequest request =
        Request(R"({"problems": [{"id": "generalized_anxiety", "severity": "moderate"}],
        "goals": ["sleep through the night", "stop checking the news"], "stage_of_change": "preparation"})",
                strategy);
    const Plan first = PlanFor(request);
    const Plan second = PlanFor(request);
    EXPECT_EQ(PlanToJson(first), PlanToJson(second)) << Name(strategy);
    EXPECT_EQ(PlanToText(first, ShippedCatalog()), PlanToText(second, ShippedCatalog()));
    std::vector<std::string> factors;
    for (const auto& factor : first.common_factors) factors.push_back(factor.id);
    for (const char* id : {"alliance", "goal_consensus", "empathy", "expectancy", "motivation"}) {
      EXPECT_TRUE(Contains(factors, id)) << id;
    }
    EXPECT_EQ(first.client_goals, request.profile.goals);
    bool carried = false;
    for (const auto& phase : first.phases)
      carried = carried || Contains(phase.goals, "client goal: sleep through the night");
    EXPECT_TRUE(carried) << Name(strategy);
    EXPECT_FALSE(first.offered_options.empty());
  }
}

TEST(Competence, OutsideCompetenceIsLeftOutOrFlagged) {
  PlanRequest request = Request(R"({"problems": [{"id": "ptsd", "severity": "severe"}],
      "risk": {"suicidality": "none", "self_harm": false, "dissociation": "none"}})",
                                Strategy::kEclectic);
  request.therapists.push_back(TherapistFrom(R"({"id": "t-ben", "competencies": [
      {"model": "person_centred", "level": "expert"}]})"));
  const Plan plan = PlanFor(request);
  const auto excluded =
      std::find_if(plan.excluded.begin(), plan.excluded.end(),
                   [](const Exclusion& e) { return e.id == "prolonged_exposure_imaginal"; });
  ASSERT_NE(excluded, plan.excluded.end());
  EXPECT_NE(excluded->reason.find("competence"), std::string::npos);
  // PE and CPT are strongly supported for PTSD and nobody on the case is trained: referral.
  EXPECT_TRUE(std::any_of(
      plan.competence_gaps.begin(), plan.competence_gaps.end(),
      [](const CompetenceGap& gap) { return gap.action == CompetenceAction::kReferral; }));
  // EMDR desensitisation needs an expert; a basic EMDR therapist may use it only with co-therapy.
  request.therapists = {
      TherapistFrom(R"({"id": "t-eva", "competencies": [{"model": "emdr", "level": "basic"}]})")};
  const auto ranking = PlanFor(request).ranking;
  const auto emdr = std::find_if(ranking.begin(), ranking.end(),
                                 [](const auto& t) { return t.id == "emdr_desensitisation"; });
  ASSERT_NE(emdr, ranking.end());
  EXPECT_EQ(emdr->competence_action, CompetenceAction::kCoTherapy);
}

TEST(PreferenceGaps, ShowWhereTherapistStyleAndClientPreferenceDiverge) {
  PlanRequest request = Request(R"({"problems": [{"id": "depression", "severity": "mild"}],
      "preferences": {"directiveness": -3, "challenge": 1}})",
                                Strategy::kEclectic);
  request.therapists.push_back(
      TherapistFrom(R"({"id": "t-cy", "competencies": [{"model": "cbt", "level": "expert"}],
      "style": {"directiveness": 2, "challenge": 0}})"));
  const Plan plan = PlanFor(request);
  ASSERT_EQ(plan.preference_gaps.size(), 1u);
  EXPECT_EQ(plan.preference_gaps[0].dimension, "directiveness");
  EXPECT_NE(plan.preference_gaps[0].note.find("client-directed"), std::string::npos);
}

TEST(CareTeam, EachTechniqueGoesToTheMemberWhoseCompetenceFitsBest) {
  PlanRequest request = Request(
      R"({"problems": [{"id": "ptsd", "severity": "moderate"}, {"id": "insomnia", "severity": "moderate"}],
      "stage_of_change": "action", "risk": {"suicidality": "none", "self_harm": false, "dissociation": "none"}})",
      Strategy::kSelectiveSynthesis);
  request.therapists.push_back(TherapistFrom(R"({"id": "t-sleep", "home_model": "cbt_insomnia",
      "competencies": [{"model": "cbt_insomnia", "level": "expert"}, {"model": "cbt", "level": "basic"}]})"));
  request.therapists.push_back(
      TherapistFrom(R"({"id": "t-trauma", "home_model": "cognitive_processing_therapy",
      "competencies": [{"model": "cognitive_processing_therapy", "level": "expert"}, {"model": "prolonged_exposure", "level": "expert"},
                       {"model": "cbt", "level": "competent"}]})"));
  const Plan plan = PlanFor(request);
  int checked = 0;
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) {
      if (technique.model == "cbt_insomnia") {
        EXPECT_EQ(technique.therapist, "t-sleep") << technique.id;
        ++checked;
      }
      if (technique.model == "cognitive_processing_therapy" ||
          technique.model == "prolonged_exposure") {
        EXPECT_EQ(technique.therapist, "t-trauma") << technique.id;
        ++checked;
      }
    }
    EXPECT_FALSE(phase.lead_therapist.empty());
  }
  EXPECT_GT(checked, 1);
}

TEST(TherapistMatching, RanksTheTherapistWhoCanDeliverThePlanFirst) {
  const ClientProfile profile = ProfileFrom(
      R"({"problems": [{"id": "ocd", "severity": "severe"}], "stage_of_change": "action",
      "preferences": {"directiveness": 2}})");
  const Therapist erp =
      TherapistFrom(R"({"id": "t-erp", "competencies": [{"model": "cbt", "level": "expert"},
      {"model": "exposure_response_prevention", "level": "expert"}], "style": {"directiveness": 2}})");
  const Therapist dynamic = TherapistFrom(
      R"({"id": "t-dyn", "competencies": [{"model": "psychodynamic", "level": "expert"}],
      "style": {"directiveness": -2}})");
  const auto result =
      MatchTherapists(profile, {dynamic, erp}, Strategy::kAuto, Constraints{}, ShippedCatalog());
  ASSERT_TRUE(result.has_value()) << result.error().message();
  ASSERT_EQ(result->ranking.size(), 2u);
  EXPECT_EQ(result->ranking[0].therapist, "t-erp");
  EXPECT_GT(result->ranking[0].competence, result->ranking[1].competence);
  EXPECT_GT(result->ranking[0].style, result->ranking[1].style);
}

TEST(Constraints, OutOfRangeValuesAreRefusedNamingTheField) {
  PlanRequest request = Request(kDepression, Strategy::kEclectic);
  request.constraints.session_budget = 0;
  auto plan = MakePlan(request, ShippedCatalog());
  ASSERT_FALSE(plan.has_value());
  EXPECT_NE(plan.error().message().find("sessions: 0 is out of range 1 to 200"), std::string::npos);
  request.constraints.session_budget = 10;
  request.constraints.max_techniques_per_phase = 0;
  plan = MakePlan(request, ShippedCatalog());
  ASSERT_FALSE(plan.has_value());
  EXPECT_NE(plan.error().message().find("max techniques per phase"), std::string::npos);
}

}  // namespace
}  // namespace tessera::planner
