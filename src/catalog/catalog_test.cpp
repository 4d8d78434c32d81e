// Catalogue validation: a minimal valid catalogue, then one broken reference at a time; each
// must be refused with a message naming the broken entry.

#include "catalog/catalog.hpp"

#include <gtest/gtest.h>

namespace tessera::catalog {
namespace {

const char* kPhases = R"({"phases": [
  {"phase": "engagement", "name": "e", "purpose": "p", "switch_criteria": []},
  {"phase": "stabilisation", "name": "s", "purpose": "p", "switch_criteria": []},
  {"phase": "skills", "name": "k", "purpose": "p", "switch_criteria": [{"text": "x", "trigger": "clinical_judgement"}]},
  {"phase": "processing", "name": "p", "purpose": "p", "switch_criteria": []},
  {"phase": "consolidation", "name": "c", "purpose": "p", "switch_criteria": []},
  {"phase": "relapse_prevention", "name": "r", "purpose": "p", "switch_criteria": []}]})";

const char* kBase = R"({
  "sources": [{"id": "src", "kind": "guideline", "citation": "A guideline."}],
  "mechanisms": [{"id": "avoidance", "name": "avoidance"}],
  "problem_areas": [{"id": "panic", "name": "panic", "scope": "treat",
                     "mechanisms": [{"id": "avoidance", "weight": 2}]}],
  "models": [{"id": "cbt", "name": "CBT", "family": "cb", "stance": "s", "assimilation_frame": "f"}]
})";

std::string Technique(const std::string& extra) {
  return R"({"techniques": [{"id": "exposure", "name": "exposure", "model": "cbt",
    "targets": [{"id": "panic", "weight": 3}],
    "sts": {"directiveness": "high", "focus": "symptom", "arousal": "raising", "intensity": "high", "challenge": "high"},
    "phases": ["skills"], "competence": "competent", "sessions": 4)" +
         extra + "}]}";
}

Result<Catalog> LoadWith(const std::string& techniques) {
  return Catalog::FromTexts(
      {{"base.json", kBase}, {"phases.json", kPhases}, {"t.json", techniques}});
}

TEST(CatalogValidation, AcceptsAMinimalCatalogue) {
  const auto catalog = LoadWith(
      Technique(R"(, "evidence": [{"problem": "panic", "strength": "strong", "source": "src"}])"));
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message();
  ASSERT_NE(catalog->FindTechnique("exposure"), nullptr);
  EXPECT_EQ(catalog->FindTechnique("exposure")->evidence.at(0).strength, Strength::kStrong);
  EXPECT_EQ(catalog->FindTechnique("exposure")->file, "t.json");
}

struct BrokenCase {
  const char* what;
  std::string extra;
  const char* expected_fragment;
};

TEST(CatalogValidation, RefusesEachBrokenReferenceNamingTheEntry) {
  const BrokenCase cases[] = {
      {"evidence source",
       R"(, "evidence": [{"problem": "panic", "strength": "strong", "source": "nope"}])",
       "technique 'exposure' (t.json): evidence[0].source 'nope' is not a known source"},
      {"evidence problem",
       R"(, "evidence": [{"problem": "ghosts", "strength": "strong", "source": "src"}])",
       "evidence[0].problem 'ghosts' is not a known problem area"},
      {"evidence strength",
       R"(, "evidence": [{"problem": "panic", "strength": "huge", "source": "src"}])",
       "evidence[0].strength: 'huge' is not one of"},
      {"evidence without source", R"(, "evidence": [{"problem": "panic", "strength": "strong"}])",
       "t.json: techniques[0].evidence[0].source: required"},
      {"contraindication source",
       R"(, "contraindications": [{"condition": "active_psychosis", "effect": "exclude", "source": "x"}])",
       "contraindications[0].source 'x' is not a known source"},
      {"contraindication condition",
       R"(, "contraindications": [{"condition": "sadness", "effect": "exclude", "source": "src"}])",
       "contraindications[0].condition: 'sadness' is not one of"},
      {"prerequisite", R"(, "prerequisites": ["missing_technique"])",
       "technique 'exposure' (t.json): prerequisite 'missing_technique' is not a known technique"},
      {"self prerequisite", R"(, "prerequisites": ["exposure"])", "cannot be its own prerequisite"},
      {"incompatibility", R"(, "incompatible_with": ["ghost"])",
       "incompatible_with 'ghost' is not a known technique"},
      {"indication", R"(, "indicated_for": ["melancholia"])",
       "indicated_for 'melancholia' is not a known problem area"},
      {"self incompatibility", R"(, "incompatible_with": ["exposure"])",
       "cannot be incompatible with itself"},
      {"unknown key", R"(, "colour": "blue")",
       "t.json: techniques[0].colour: unknown field (allowed here: id, name,"},
      // Technique() already gives "phases": a second one is refused while parsing, not read.
      {"phases given twice", R"(, "phases": ["later"])",
       "t.json: techniques[0].phases: appears twice; each member name may appear once"},
  };
  for (const auto& broken : cases) {
    const auto catalog = LoadWith(Technique(broken.extra));
    ASSERT_FALSE(catalog.has_value()) << broken.what;
    EXPECT_NE(catalog.error().message().find(broken.expected_fragment), std::string::npos)
        << broken.what << ": " << catalog.error().message();
  }
}

TEST(CatalogValidation, RefusesUnknownModelAndTarget) {
  std::string technique = Technique("");
  technique.replace(technique.find("\"cbt\""), 5, "\"gestalt\"");
  auto catalog = LoadWith(technique);
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find("model 'gestalt' is not a known model"),
            std::string::npos);

  technique = Technique("");
  technique.replace(technique.find("\"panic\""), 7, "\"sorrow\"");
  catalog = LoadWith(technique);
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find(
                "targets[0] 'sorrow' is not a known problem area or mechanism"),
            std::string::npos);
}

TEST(CatalogValidation, RefusesDuplicateIdsAcrossFiles) {
  const auto catalog = Catalog::FromTexts({{"base.json", kBase},
                                           {"phases.json", kPhases},
                                           {"a.json", Technique("")},
                                           {"b.json", Technique("")}});
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find("technique 'exposure' is defined twice"),
            std::string::npos);
}

TEST(CatalogValidation, RefusesPrerequisiteCycles) {
  const std::string two = R"({"techniques": [
    {"id": "a", "name": "a", "model": "cbt", "targets": [{"id": "panic", "weight": 1}],
     "sts": {"directiveness": "low", "focus": "symptom", "arousal": "neutral", "intensity": "low", "challenge": "low"},
     "phases": ["skills"], "competence": "basic", "sessions": 1, "prerequisites": ["b"]},
    {"id": "b", "name": "b", "model": "cbt", "targets": [{"id": "panic", "weight": 1}],
     "sts": {"directiveness": "low", "focus": "symptom", "arousal": "neutral", "intensity": "low", "challenge": "low"},
     "phases": ["skills"], "competence": "basic", "sessions": 1, "prerequisites": ["a"]}]})";
  const auto catalog = LoadWith(two);
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find("prerequisites form a cycle"), std::string::npos);
}

TEST(CatalogValidation, RefusesMatchingRuleWithUnknownSourceOrWord) {
  const std::string rule = R"({"matching_rules": [{"id": "r", "when": "reactance", "is": "high",
    "prefer_attribute": "directiveness", "prefer": "low", "weight": 2, "source": "ghost", "explanation": "e"}]})";
  auto catalog =
      Catalog::FromTexts({{"base.json", kBase}, {"phases.json", kPhases}, {"r.json", rule}});
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(
      catalog.error().message().find("matching rule 'r': source 'ghost' is not a known source"),
      std::string::npos);
  std::string bad_word = rule;
  bad_word.replace(bad_word.find("\"high\""), 6, "\"extreme\"");
  catalog =
      Catalog::FromTexts({{"base.json", kBase}, {"phases.json", kPhases}, {"r.json", bad_word}});
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find("'extreme' is not one of low, moderate, high"),
            std::string::npos);
}

TEST(CatalogValidation, RefusesBrokenJsonNamingTheFile) {
  const auto catalog = Catalog::FromTexts({{"clinic/extra.json", "{ not json"}});
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find("clinic/extra.json: malformed JSON at byte"),
            std::string::npos);
}

TEST(CatalogValidation, RefusesUnknownSection) {
  const auto catalog = Catalog::FromTexts({{"x.json", R"({"technique": []})"}});
  ASSERT_FALSE(catalog.has_value());
  EXPECT_NE(catalog.error().message().find(
                "x.json: technique: unknown field (allowed here: description, sources,"),
            std::string::npos);
}

TEST(CatalogValidation, MissingDirectoryIsNotFound) {
  const auto catalog = Catalog::Load({"/nonexistent/catalog"});
  ASSERT_FALSE(catalog.has_value());
  EXPECT_EQ(catalog.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace tessera::catalog
