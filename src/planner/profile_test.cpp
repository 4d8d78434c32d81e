// Profile, therapist and measure input: good input parses; each kind of bad input is refused
// with a message naming the field.

#include <gtest/gtest.h>

#include "planner/measure_profile.hpp"
#include "planner/planner_test_support.hpp"
#include "planner/profile.hpp"
#include "planner/therapist.hpp"

namespace tessera::planner {
namespace {

using testing::ShippedCatalog;

const char* kIssueProfile = R"({
  "problems": [{"id": "depression", "severity": "moderate"}],
  "sts": {"functional_impairment": "moderate", "coping_style": "internalizing",
          "reactance": "high", "distress": "high", "social_support": "low"},
  "stage_of_change": "contemplation",
  "preferences": {"directiveness": -2, "emotional_intensity": 1, "past_orientation": 2, "challenge": -1},
  "goals": ["feel less alone", "go back to work"],
  "risk": {"suicidality": "none", "self_harm": false, "psychosis": false,
           "substance_intoxication": false, "dissociation": "none"},
  "history": [{"technique": "thought_record", "response": "no_change"}]
})";

TEST(ProfileParsing, ReadsTheIssueExample) {
  const auto profile = ParseProfile(kIssueProfile, ShippedCatalog());
  ASSERT_TRUE(profile.has_value()) << profile.error().message();
  EXPECT_EQ(profile->problems.at(0).severity, Severity::kModerate);
  EXPECT_EQ(profile->sts.reactance, StsLevel::kHigh);
  EXPECT_EQ(profile->sts.coping_style, CopingStyle::kInternalizing);
  EXPECT_EQ(profile->stage, StageOfChange::kContemplation);
  EXPECT_EQ(profile->preferences.directiveness, -2);
  EXPECT_EQ(profile->goals.size(), 2u);
  EXPECT_EQ(profile->history.at(0).response, Response::kNoChange);
}

TEST(ProfileParsing, OmittedSectionsAreUnknownNotLow) {
  const auto profile =
      ParseProfile(R"({"problems": [{"id": "panic", "severity": "mild"}]})", ShippedCatalog());
  ASSERT_TRUE(profile.has_value());
  EXPECT_FALSE(profile->sts.reactance.has_value());
  EXPECT_FALSE(profile->stage.has_value());
  EXPECT_FALSE(profile->risk.suicidality.has_value());
  EXPECT_FALSE(profile->preferences.challenge.has_value());
}

TEST(ProfileParsing, RefusesBadInputNamingTheField) {
  struct Case {
    const char* json;
    const char* fragment;
  };
  const Case cases[] = {
      {R"({"problems": [{"id": "melancholy", "severity": "mild"}]})",
       "profile.problems[0].id: 'melancholy' is not a known problem area"},
      {R"({"problems": [{"id": "panic", "severity": "huge"}]})",
       "profile.problems[0].severity: 'huge' is not one of mild, moderate, severe"},
      {R"({"problems": [{"id": "panic"}]})", "profile.problems[0].severity: required"},
      {R"({"problems": []})", "profile.problems: must not be empty"},
      {R"({"goals": ["x"]})", "profile.problems: required"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "preferences": {"directiveness": 4}})",
       "profile.preferences.directiveness: 4 is out of range -3..3"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "preferences": {"challenge": -4}})",
       "profile.preferences.challenge: -4 is out of range -3..3"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "sts": {"reactance": "extreme"}})",
       "profile.sts.reactance: 'extreme' is not one of low, moderate, high"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "sts": {"coping_style": "avoidant"}})",
       "coping_style: 'avoidant' is not one of internalizing, externalizing, mixed"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "stage_of_change": "ready"})",
       "profile.stage_of_change: 'ready' is not one of"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "risk": {"suicidality": "some"}})",
       "profile.risk.suicidality: 'some' is not one of none, low, moderate, high"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "risk": {"self_harm": "no"}})",
       "profile.risk.self_harm: expected true or false"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "history": [{"technique": "hypnosis", "response": "helped"}]})",
       "profile.history[0].technique: 'hypnosis' is not a known technique"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "history": [{"technique": "thought_record", "response": "meh"}]})",
       "profile.history[0].response: 'meh' is not one of helped, no_change, worsened"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}], "mood": "low"})",
       "profile.mood: unknown field (allowed here: id, problems,"},
      {R"({"problems": [{"id": "panic", "severity": "mild"}, {"id": "panic", "severity": "severe"}]})",
       "is listed twice"},
      {R"([1, 2])", "profile: expected an object"},
      {R"({"problems": )", "profile: malformed JSON at byte"},
  };
  for (const auto& bad : cases) {
    const auto profile = ParseProfile(bad.json, ShippedCatalog());
    ASSERT_FALSE(profile.has_value()) << bad.json;
    EXPECT_EQ(profile.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(profile.error().message().find(bad.fragment), std::string::npos)
        << profile.error().message();
  }
}

TEST(ProfileParsing, PreferenceBoundariesAreInclusive) {
  for (const int value : {-3, 3}) {
    const std::string json =
        R"({"problems": [{"id": "panic", "severity": "mild"}], "preferences": {"directiveness": )" +
        std::to_string(value) + "}}";
    EXPECT_TRUE(ParseProfile(json, ShippedCatalog()).has_value()) << value;
  }
}

TEST(TherapistParsing, TechniqueEntryOverridesModelEntry) {
  const Therapist ana = testing::TherapistFrom(R"({"id": "t-ana", "home_model": "psychodynamic",
    "competencies": [{"model": "psychodynamic", "level": "expert"}, {"model": "cbt", "level": "competent"},
                     {"technique": "thought_record", "level": "none"}],
    "style": {"directiveness": -1}})");
  const auto& catalog = ShippedCatalog();
  EXPECT_EQ(ana.LevelFor(*catalog.FindTechnique("transference_interpretation"), catalog),
            Competence::kExpert);
  EXPECT_EQ(ana.LevelFor(*catalog.FindTechnique("thought_record"), catalog), Competence::kNone);
  // cbt covers cognitive_therapy (its broader model) ...
  EXPECT_EQ(ana.LevelFor(*catalog.FindTechnique("cognitive_restructuring"), catalog),
            Competence::kCompetent);
  // ... but not trauma-focused models, and nothing covers DBT for her.
  EXPECT_EQ(ana.LevelFor(*catalog.FindTechnique("prolonged_exposure_imaginal"), catalog),
            Competence::kNone);
  EXPECT_EQ(ana.LevelFor(*catalog.FindTechnique("chain_analysis"), catalog), Competence::kNone);
  EXPECT_EQ(ana.style.directiveness, -1);
}

TEST(TherapistParsing, RefusesBadInputNamingTheField) {
  struct Case {
    const char* json;
    const char* fragment;
  };
  const Case cases[] = {
      {R"({"home_model": "cbt"})", "therapist.id: required"},
      {R"({"id": "t", "home_model": "jungian"})",
       "therapist.home_model: 'jungian' is not a known model"},
      {R"({"id": "t", "competencies": [{"model": "cbt", "level": "guru"}]})",
       "therapist.competencies[0].level: 'guru' is not one of none, basic, competent, expert"},
      {R"({"id": "t", "competencies": [{"model": "cbt", "technique": "thought_record", "level": "basic"}]})",
       "exactly one of model or technique"},
      {R"({"id": "t", "competencies": [{"technique": "tarot", "level": "basic"}]})",
       "technique: 'tarot' is not a known technique"},
      {R"({"id": "t", "style": {"challenge": 9}})",
       "therapist.style.challenge: 9 is out of range -3..3"},
  };
  for (const auto& bad : cases) {
    const auto therapist = ParseTherapist(bad.json, ShippedCatalog());
    ASSERT_FALSE(therapist.has_value()) << bad.json;
    EXPECT_NE(therapist.error().message().find(bad.fragment), std::string::npos)
        << therapist.error().message();
  }
}

TEST(MeasureProfile, BandsMapToProblemsAtTheHighestSeverity) {
  struct Case {
    const char* instrument;
    const char* band;
    const char* problem;  // empty: nothing derived
    Severity severity;
  };
  const Case cases[] = {
      {"phq9", "minimal", "", Severity::kMild},
      {"phq9", "mild", "depression", Severity::kMild},
      {"phq9", "moderate", "depression", Severity::kModerate},
      {"phq9", "moderately severe", "depression", Severity::kSevere},
      {"pcl5", "below the provisional PTSD cut-off", "", Severity::kMild},
      {"pcl5", "at or above the provisional PTSD cut-off: assess further", "ptsd",
       Severity::kModerate},
      {"phq9", "severe", "depression", Severity::kSevere},
      {"gad7", "minimal", "", Severity::kMild},
      {"gad7", "moderate", "generalized_anxiety", Severity::kModerate},
      {"gad7", "severe", "generalized_anxiety", Severity::kSevere},
  };
  for (const auto& entry : cases) {
    const auto problems =
        ProblemsFromMeasures({{entry.instrument, 0, entry.band}}, ShippedCatalog());
    ASSERT_TRUE(problems.has_value()) << problems.error().message();
    if (std::string(entry.problem).empty()) {
      EXPECT_TRUE(problems->empty()) << entry.band;
    } else {
      ASSERT_EQ(problems->size(), 1u);
      EXPECT_EQ(problems->at(0).id, entry.problem);
      EXPECT_EQ(problems->at(0).severity, entry.severity) << entry.instrument << " " << entry.band;
    }
  }
  const auto both = ProblemsFromMeasures(
      {{"phq9", 12, "moderate"}, {"gad7", 16, "severe"}, {"phq9", 21, "severe"}}, ShippedCatalog());
  ASSERT_TRUE(both.has_value());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ(both->at(0).severity, Severity::kSevere);  // the higher of the two PHQ-9 bands
}

TEST(MeasureProfile, RefusesUnknownInstrumentOrBand) {
  auto problems = ProblemsFromMeasures({{"phq9", 3, "tiny"}}, ShippedCatalog());
  ASSERT_FALSE(problems.has_value());
  EXPECT_NE(problems.error().message().find("measures[0].band 'tiny' is not a band of phq9"),
            std::string::npos);
  problems = ProblemsFromMeasures({{"bdi2", 3, "mild"}}, ShippedCatalog());
  ASSERT_FALSE(problems.has_value());
  EXPECT_NE(problems.error().message().find("measures[0].instrument 'bdi2' has no problem mapping"),
            std::string::npos);
}

TEST(MeasureProfile, MergeKeepsTheHigherSeverity) {
  ClientProfile profile;
  profile.problems = {{"depression", Severity::kMild}};
  MergeProblems(profile, {{"depression", Severity::kSevere}, {"insomnia", Severity::kModerate}});
  ASSERT_EQ(profile.problems.size(), 2u);
  EXPECT_EQ(profile.problems[0].severity, Severity::kSevere);
  EXPECT_EQ(profile.problems[1].id, "insomnia");
}

}  // namespace
}  // namespace tessera::planner
