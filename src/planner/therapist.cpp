#include "planner/therapist.hpp"

#include <set>

#include "catalog/vocabulary.hpp"
#include "planner/internal/cnip_json.hpp"

namespace tessera::planner {

using nlohmann::json;

Competence Therapist::LevelFor(const catalog::Technique& technique,
                               const catalog::Catalog& catalog) const {
  for (const auto& entry : competencies) {
    if (entry.scope == CompetenceScope::kTechnique && entry.id == technique.id) return entry.level;
  }
  for (const auto& entry : competencies) {
    if (entry.scope == CompetenceScope::kModel && entry.id == technique.model) return entry.level;
  }
  const catalog::Model* model = catalog.FindModel(technique.model);
  if (model && !model->broader_model.empty()) {
    for (const auto& entry : competencies) {
      if (entry.scope == CompetenceScope::kModel && entry.id == model->broader_model)
        return entry.level;
    }
  }
  // Transtheoretical work (shared formulation, goal agreement, safety planning) is part of
  // every therapist's training unless an entry says otherwise.
  if (model && model->family == "transtheoretical") return Competence::kCompetent;
  return Competence::kNone;
}

Result<Therapist> ParseTherapist(const std::string& json_text, const catalog::Catalog& catalog) {
  TRY_ASSIGN(json document, ParseJson(json_text, "therapist"));
  TRY_ASSIGN(JsonObject named,
             JsonObject::Open(document, "therapist",
                              {"id", "name", "home_model", "competencies", "style"}));
  Therapist therapist;
  TRY_ASSIGN(therapist.id, named.String("id"));
  TRY_ASSIGN(therapist.home_model, named.OptionalString("home_model"));
  if (!therapist.home_model.empty() && !catalog.FindModel(therapist.home_model)) {
    return named.Fail("home_model", "'" + therapist.home_model + "' is not a known model");
  }
  TRY_ASSIGN(JsonArray competencies, named.Array("competencies"));
  std::set<std::pair<CompetenceScope, std::string>> seen;
  for (std::size_t index = 0; index < competencies.size(); ++index) {
    TRY_ASSIGN(JsonObject item,
               competencies.Object(index, {"model", "technique", "level", "evidence"}));
    CompetenceEntry entry;
    if (item.Has("model") == item.Has("technique")) {
      return item.Fail("", "exactly one of model or technique must be given");
    }
    if (item.Has("model")) {
      TRY_ASSIGN(entry.id, item.String("model"));
      if (!catalog.FindModel(entry.id))
        return item.Fail("model", "'" + entry.id + "' is not a known model");
    } else {
      entry.scope = CompetenceScope::kTechnique;
      TRY_ASSIGN(entry.id, item.String("technique"));
      if (!catalog.FindTechnique(entry.id)) {
        return item.Fail("technique", "'" + entry.id + "' is not a known technique");
      }
    }
    TRY_ASSIGN(std::string level, item.String("level"));
    const auto parsed = ParseCompetence(level);
    if (!parsed)
      return item.Fail("level", "'" + level + "' is not one of none, basic, competent, expert");
    entry.level = *parsed;
    if (!seen.emplace(entry.scope, entry.id).second)
      return item.Fail("", "'" + entry.id + "' is listed twice");
    therapist.competencies.push_back(std::move(entry));
  }
  TRY_ASSIGN(therapist.style, ParseCnipScales(named, "style"));
  return therapist;
}

}  // namespace tessera::planner
