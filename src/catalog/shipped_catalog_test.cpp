// The catalogue shipped in data/catalog/ loads, and meets the issue's minimum content.

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "catalog/catalog.hpp"

namespace tessera::catalog {
namespace {

const Catalog& Shipped() {
  static const Catalog catalog = [] {
    auto loaded = Catalog::Load({std::filesystem::path(TESSERA_DATA_DIR) / "catalog"});
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message();
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return catalog;
}

TEST(ShippedCatalog, HasTheRequiredModels) {
  for (const char* id : {"cbt",
                         "behavioural_activation",
                         "cognitive_therapy",
                         "exposure_response_prevention",
                         "prolonged_exposure",
                         "cognitive_processing_therapy",
                         "emdr",
                         "dbt",
                         "act",
                         "mbct",
                         "ipt",
                         "psychodynamic",
                         "mentalization_based",
                         "schema_therapy",
                         "cat",
                         "person_centred",
                         "emotion_focused",
                         "gestalt",
                         "motivational_interviewing",
                         "problem_solving",
                         "systemic_family",
                         "solution_focused",
                         "cbt_insomnia",
                         "compassion_focused"}) {
    EXPECT_NE(Shipped().FindModel(id), nullptr) << id;
  }
}

TEST(ShippedCatalog, HasTheRequiredProblemAreas) {
  for (const char* id :
       {"depression", "generalized_anxiety", "panic", "social_anxiety", "specific_phobia",
        "health_anxiety", "ptsd", "ocd", "emotion_dysregulation", "self_harm", "substance_use",
        "insomnia", "grief", "relationship_distress", "low_self_esteem", "eating_disorder",
        "psychosis"}) {
    EXPECT_NE(Shipped().FindProblem(id), nullptr) << id;
  }
}

TEST(ShippedCatalog, HasAtLeast120TechniquesEveryModelUsed) {
  EXPECT_GE(Shipped().techniques().size(), 120u);
  std::set<std::string> used;
  for (const auto& [id, technique] : Shipped().techniques()) used.insert(technique.model);
  for (const auto& [id, model] : Shipped().models())
    EXPECT_TRUE(used.contains(id)) << id << " has no technique";
}

TEST(ShippedCatalog, EveryClinicalClaimNamesAKnownSource) {
  std::size_t evidence_entries = 0;
  for (const auto& [id, technique] : Shipped().techniques()) {
    for (const auto& evidence : technique.evidence) {
      ++evidence_entries;
      const Source* source = Shipped().FindSource(evidence.source);
      ASSERT_NE(source, nullptr) << id;
      // Evidence strength must come from a published source, never an editorial judgement.
      EXPECT_NE(source->kind, "editorial") << id;
    }
    for (const auto& contraindication : technique.contraindications) {
      EXPECT_NE(Shipped().FindSource(contraindication.source), nullptr) << id;
    }
  }
  EXPECT_GE(evidence_entries, 90u);
  for (const auto& rule : Shipped().matching_rules())
    EXPECT_NE(Shipped().FindSource(rule.source), nullptr);
}

TEST(ShippedCatalog, HasTheRequiredIntegrativeModels) {
  for (const char* id : {"dbt_program", "schema_therapy_program", "cat_program", "act_program",
                         "unified_protocol", "mbct_program", "cbt_psychodynamic"}) {
    EXPECT_NE(Shipped().FindIntegrativeModel(id), nullptr) << id;
  }
}

TEST(ShippedCatalog, ProblemsOutsideOutpatientWorkAreReferred) {
  EXPECT_EQ(Shipped().FindProblem("psychosis")->scope, Scope::kRefer);
  EXPECT_EQ(Shipped().FindProblem("eating_disorder")->scope, Scope::kRefer);
  EXPECT_EQ(Shipped().FindProblem("depression")->scope, Scope::kTreat);
}

TEST(ShippedCatalog, AClinicDirectoryAddsTechniquesWithoutCodeChange) {
  const auto extra = std::filesystem::temp_directory_path() / "tessera_catalog_clinic_test";
  std::filesystem::create_directories(extra);
  {
    std::ofstream file(extra / "clinic.json");
    file
        << R"({"sources": [{"id": "clinic_protocol", "kind": "manual", "citation": "Our clinic's protocol."}],
      "techniques": [{"id": "clinic_walk_and_talk", "name": "walk and talk", "model": "behavioural_activation",
      "targets": [{"id": "depression", "weight": 2}],
      "sts": {"directiveness": "moderate", "focus": "symptom", "arousal": "neutral", "intensity": "low", "challenge": "low"},
      "phases": ["skills"], "competence": "basic", "sessions": 2}]})";
  }
  const auto catalog = Catalog::Load({std::filesystem::path(TESSERA_DATA_DIR) / "catalog", extra});
  std::filesystem::remove_all(extra);
  ASSERT_TRUE(catalog.has_value()) << catalog.error().message();
  EXPECT_NE(catalog->FindTechnique("clinic_walk_and_talk"), nullptr);
  EXPECT_EQ(catalog->techniques().size(), Shipped().techniques().size() + 1);
}

}  // namespace
}  // namespace tessera::catalog
