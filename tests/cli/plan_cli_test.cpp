// Black-box: `tessera plan`, `tessera match` and `tessera catalog` as a shell user runs them.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

const char* kProfile = R"({
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

const char* kAna = R"({"id": "t-ana", "home_model": "psychodynamic",
 "competencies": [{"model": "psychodynamic", "level": "expert"}, {"model": "cbt", "level": "competent"},
                  {"technique": "prolonged_exposure_imaginal", "level": "none"}],
 "style": {"directiveness": -1, "emotional_intensity": 1, "past_orientation": 2, "challenge": 0}})";

class PlanCli : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(directory_.File("profile.json"), kProfile);
    WriteFile(directory_.File("ana.json"), kAna);
  }
  std::string File(const std::string& name) const { return directory_.File(name); }
  TempDir directory_;
};

TEST_F(PlanCli, PrintsThePlanAsJsonWithTheIssuesFields) {
  const auto outcome =
      RunTessera({"plan", "--profile", File("profile.json"), "--therapist", File("ana.json"),
                  "--strategy", "sequential", "--sessions", "16"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const auto plan = nlohmann::json::parse(outcome.out);
  EXPECT_EQ(plan["strategy"], "sequential");
  for (const char* field : {"phases", "common_factors", "excluded", "competence_gaps",
                            "preference_gaps", "objective", "bound", "explanation"}) {
    EXPECT_TRUE(plan.contains(field)) << field;
  }
  ASSERT_FALSE(plan["phases"].empty());
  const auto& phase = plan["phases"][0];
  for (const char* field :
       {"name", "models", "techniques", "goals", "review_at_session", "switch_criteria"}) {
    EXPECT_TRUE(phase.contains(field)) << field;
  }
  const auto& technique = phase["techniques"][0];
  for (const char* field : {"id", "model", "fit", "reasons"})
    EXPECT_TRUE(technique.contains(field)) << field;
  EXPECT_EQ(plan["phases"].back()["review_at_session"], 16);
}

TEST_F(PlanCli, SameInputGivesTheSameBytes) {
  const std::vector<std::string> args = {
      "plan",           "--profile",  File("profile.json"), "--therapist",
      File("ana.json"), "--strategy", "selective_synthesis"};
  const auto first = RunTessera(args);
  const auto second = RunTessera(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  const auto plan = nlohmann::json::parse(first.out);
  EXPECT_EQ(plan["objective"], plan["bound"]);
}

TEST_F(PlanCli, TextFormatIsForPeople) {
  const auto outcome = RunTessera(
      {"plan", "--profile", File("profile.json"), "--strategy", "auto", "--format", "text"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("Treatment plan (strategy: "), std::string::npos);
  EXPECT_NE(outcome.out.find("Phase 1: "), std::string::npos);
  EXPECT_NE(outcome.out.find("Common factors (every plan)"), std::string::npos);
  EXPECT_NE(outcome.out.find("feel less alone"), std::string::npos);
}

TEST_F(PlanCli, BadProfilesAreRefusedNamingTheField) {
  struct Case {
    const char* profile;
    const char* fragment;
  };
  const Case cases[] = {
      {R"({"problems": [{"id": "melancholy", "severity": "mild"}]})",
       "profile.problems[0].id: 'melancholy' is not a known problem area"},
      {R"({"problems": [{"id": "depression", "severity": "mild"}], "preferences": {"directiveness": 5}})",
       "profile.preferences.directiveness: 5 is out of range -3..3"},
      {R"({"sts": {"reactance": "high"}})", "profile.problems: required"},
      {R"({"problems": [{"id": "depression"}]})", "profile.problems[0].severity: required"},
  };
  for (const auto& bad : cases) {
    WriteFile(File("bad.json"), bad.profile);
    const auto outcome =
        RunTessera({"plan", "--profile", File("bad.json"), "--strategy", "eclectic"});
    EXPECT_EQ(outcome.exit_code, 2) << bad.profile;
    EXPECT_TRUE(outcome.out.empty());
    EXPECT_NE(outcome.err.find(bad.fragment), std::string::npos) << outcome.err;
    EXPECT_EQ(outcome.err.rfind("tessera: ", 0), 0u);
  }
}

TEST_F(PlanCli, BadOptionsAreRefused) {
  auto outcome = RunTessera({"plan", "--profile", File("profile.json"), "--strategy", "holistic"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("--strategy: 'holistic' is not one of"), std::string::npos)
      << outcome.err;
  outcome = RunTessera(
      {"plan", "--profile", File("profile.json"), "--strategy", "eclectic", "--sessions", "0"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("sessions: 0 is out of range"), std::string::npos) << outcome.err;
  outcome = RunTessera({"plan", "--profile", File("missing.json"), "--strategy", "eclectic"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("profile file"), std::string::npos) << outcome.err;
  outcome = RunTessera({"plan", "--profile", File("profile.json")});
  EXPECT_EQ(outcome.exit_code, 2);  // --strategy is required
}

// Issue 20: CBC solves selective synthesis in process; its log must not reach the plan on stdout.
TEST_F(PlanCli, SelectiveSynthesisPrintsOnlyThePlanAndCanWriteItsModel) {
  const auto outcome =
      RunTessera({"plan", "--profile", File("profile.json"), "--strategy", "selective_synthesis",
                  "--sessions", "30", "--max-techniques", "14", "--write-lp", File("model.lp")});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_TRUE(outcome.err.empty()) << outcome.err;
  const auto plan = nlohmann::json::parse(outcome.out);  // throws (fails) on any extra text
  EXPECT_TRUE(plan["proven_optimal"].get<bool>());
  EXPECT_EQ(plan["objective"], plan["bound"]);
  bool proven_line = false;
  for (const auto& line : plan["explanation"]) {
    proven_line = proven_line || line.get<std::string>().rfind(
                                     "optimality proven by the MILP solver COIN-OR CBC", 0) == 0;
  }
  EXPECT_TRUE(proven_line) << plan["explanation"].dump(1);
  std::ifstream model(File("model.lp"));
  std::ostringstream text;
  text << model.rdbuf();
  for (const char* expected : {"Subject To", "sessions:", "techniques:", "coverage_depression:",
                               "x_thought_record", "Integers"}) {
    EXPECT_NE(text.str().find(expected), std::string::npos) << expected;
  }
}

TEST_F(PlanCli, SolverLimitsAreChecked) {
  auto outcome = RunTessera({"plan", "--profile", File("profile.json"), "--strategy",
                             "selective_synthesis", "--time-limit", "0"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("time limit: 0 seconds is out of range"), std::string::npos)
      << outcome.err;
  outcome = RunTessera({"plan", "--profile", File("profile.json"), "--strategy",
                        "selective_synthesis", "--write-lp", File("model.txt")});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("must end in .lp"), std::string::npos) << outcome.err;
  EXPECT_TRUE(outcome.out.empty());
}

TEST_F(PlanCli, MeasuresAddProblemsToTheProfile) {
  WriteFile(File("measures.json"), R"([{"instrument": "gad7", "total": 16, "band": "severe"}])");
  const auto outcome = RunTessera({"plan", "--profile", File("profile.json"), "--measures",
                                   File("measures.json"), "--strategy", "eclectic"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("generalized_anxiety"), std::string::npos);
  WriteFile(File("measures.json"), R"([{"instrument": "gad7", "total": 16, "band": "awful"}])");
  const auto bad = RunTessera({"plan", "--profile", File("profile.json"), "--measures",
                               File("measures.json"), "--strategy", "eclectic"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("measures[0].band 'awful' is not a band of gad7"), std::string::npos)
      << bad.err;
}

TEST_F(PlanCli, MatchRanksTherapists) {
  WriteFile(File("ben.json"),
            R"({"id": "t-ben", "competencies": [{"model": "gestalt", "level": "expert"}],
    "style": {"directiveness": 3}})");
  const auto outcome = RunTessera({"match", "--profile", File("profile.json"), "--therapist",
                                   File("ben.json"), "--therapist", File("ana.json")});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const auto result = nlohmann::json::parse(outcome.out);
  ASSERT_EQ(result["ranking"].size(), 2u);
  EXPECT_EQ(result["ranking"][0]["therapist"], "t-ana");
  EXPECT_FALSE(result["ranking"][1]["reasons"].empty());
}

TEST(CatalogCli, CheckPassesOnTheShippedCatalogue) {
  const auto outcome = RunTessera({"catalog", "check"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("catalog ok:"), std::string::npos);
  EXPECT_NE(outcome.out.find(" techniques"), std::string::npos);
}

TEST(CatalogCli, CheckRefusesABrokenClinicFileNamingTheEntry) {
  TempDir clinic;
  WriteFile(clinic.File("ours.json"),
            R"({"techniques": [{"id": "clinic_walk", "name": "walk and talk",
    "model": "behavioural_activation", "targets": [{"id": "depression", "weight": 2}],
    "sts": {"directiveness": "moderate", "focus": "symptom", "arousal": "neutral", "intensity": "low", "challenge": "low"},
    "phases": ["skills"], "competence": "basic", "sessions": 2,
    "evidence": [{"problem": "depression", "strength": "strong", "source": "our_newsletter"}]}]})");
  const auto outcome = RunTessera({"catalog", "check", clinic.path(), "--with-shipped"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.err.find("technique 'clinic_walk' (ours.json): evidence[0].source "
                             "'our_newsletter' is not a known source"),
            std::string::npos)
      << outcome.err;
  // Fixed: the same file with a known source passes, and plans can use the technique.
  WriteFile(
      clinic.File("sources.json"),
      R"({"sources": [{"id": "our_newsletter", "kind": "editorial", "citation": "Clinic newsletter."}]})");
  const auto fixed = RunTessera({"catalog", "check", clinic.path(), "--with-shipped"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  const auto shown = RunTessera({"catalog", "show", "clinic_walk", "--catalog-dir", clinic.path()});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
}

TEST(CatalogCli, CheckAcceptsAnExplicitCompleteDirectory) {
  const auto outcome =
      RunTessera({"catalog", "check", std::string(TESSERA_SOURCE_DIR) + "/data/catalog"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  // A clinic's additions alone are not a complete catalogue: their references do not resolve.
  TempDir clinic;
  WriteFile(clinic.File("ours.json"),
            R"({"techniques": [{"id": "clinic_walk", "name": "walk and talk",
    "model": "behavioural_activation", "targets": [{"id": "depression", "weight": 2}],
    "sts": {"directiveness": "moderate", "focus": "symptom", "arousal": "neutral", "intensity": "low", "challenge": "low"},
    "phases": ["skills"], "competence": "basic", "sessions": 2}]})");
  const auto partial = RunTessera({"catalog", "check", clinic.path()});
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_NE(partial.err.find("model 'behavioural_activation' is not a known model"),
            std::string::npos)
      << partial.err;
}

TEST_F(PlanCli, AClinicTechniqueIsPlannedWithoutCodeChange) {
  TempDir clinic;
  WriteFile(clinic.File("ours.json"),
            R"({"sources": [{"id": "clinic_audit", "kind": "review", "citation": "Our audit."}],
    "techniques": [{"id": "clinic_walk_and_talk", "name": "walk and talk", "model": "behavioural_activation",
    "targets": [{"id": "depression", "weight": 3}, {"id": "low_activation", "weight": 3}],
    "sts": {"directiveness": "low", "focus": "balanced", "arousal": "neutral", "intensity": "low", "challenge": "low"},
    "phases": ["skills"], "competence": "basic", "sessions": 2,
    "evidence": [{"problem": "depression", "strength": "emerging", "source": "clinic_audit"}]}]})");
  const auto outcome = RunTessera({"plan", "--profile", File("profile.json"), "--strategy",
                                   "eclectic", "--catalog-dir", clinic.path()});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("\"clinic_walk_and_talk\""), std::string::npos);
}

TEST(CatalogCli, ShowPrintsAnEntryWithItsSources) {
  const auto outcome = RunTessera({"catalog", "show", "prolonged_exposure_imaginal"});
  ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
  const auto entry = nlohmann::json::parse(outcome.out);
  EXPECT_EQ(entry["kind"], "technique");
  EXPECT_EQ(entry["model"], "prolonged_exposure");
  EXPECT_FALSE(entry["evidence"][0]["source"]["citation"].get<std::string>().empty());
  const auto missing = RunTessera({"catalog", "show", "astrology"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no entry has id 'astrology'"), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
