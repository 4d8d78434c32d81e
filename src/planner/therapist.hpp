#pragma once
// A therapist as the planner sees them: home model, competence per model and per technique,
// and usual style on the C-NIP scales.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/profile.hpp"

namespace tessera::planner {

/// Whether a competence entry names a model (covering its techniques) or one technique.
enum class CompetenceScope { kModel, kTechnique };

struct CompetenceEntry {
  CompetenceScope scope = CompetenceScope::kModel;
  std::string id;
  Competence level = Competence::kNone;
};

struct Therapist {
  std::string id;
  std::string home_model;  // empty when not stated
  std::vector<CompetenceEntry> competencies;
  CnipScales style;

  /// The therapist's level for a technique: a technique-level entry wins over the model-level
  /// entry, which wins over an entry for the model's broader model (e.g. cbt covers
  /// cognitive_therapy); without any entry, transtheoretical models count as competent and
  /// everything else as none.
  Competence LevelFor(const catalog::Technique& technique, const catalog::Catalog& catalog) const;
};

/// Parses and validates a therapist file; model and technique ids must be in the catalogue.
/// Errors name the field, e.g. "therapist: competencies[1].level 'guru' is not one of ...".
Result<Therapist> ParseTherapist(const std::string& json_text, const catalog::Catalog& catalog);

}  // namespace tessera::planner
