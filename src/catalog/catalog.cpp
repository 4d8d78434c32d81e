// Look-ups and whole-catalogue validation: every reference resolves, every clinical claim names
// a known source, prerequisites have no cycles.

#include "catalog/catalog.hpp"

#include <set>

#include "catalog/vocabulary.hpp"

namespace tessera::catalog {
namespace {

template <class Map>
auto FindIn(const Map& map, std::string_view id) -> const typename Map::mapped_type* {
  const auto found = map.find(id);
  return found == map.end() ? nullptr : &found->second;
}

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

const Source* Catalog::FindSource(std::string_view id) const { return FindIn(sources_, id); }
const Model* Catalog::FindModel(std::string_view id) const { return FindIn(models_, id); }
const Technique* Catalog::FindTechnique(std::string_view id) const {
  return FindIn(techniques_, id);
}
const ProblemArea* Catalog::FindProblem(std::string_view id) const { return FindIn(problems_, id); }
const Mechanism* Catalog::FindMechanism(std::string_view id) const {
  return FindIn(mechanisms_, id);
}
const IntegrativeModel* Catalog::FindIntegrativeModel(std::string_view id) const {
  return FindIn(integrative_models_, id);
}

const PhaseInfo* Catalog::FindPhase(Phase phase) const {
  for (const auto& info : phases_) {
    if (info.phase == phase) return &info;
  }
  return nullptr;
}

const StageGuidance* Catalog::FindStage(std::string_view stage) const {
  for (const auto& guidance : stages_) {
    if (guidance.stage == stage) return &guidance;
  }
  return nullptr;
}

const std::vector<std::string>& Catalog::IndicatedFor(const Technique& technique) const {
  if (!technique.indicated_for.empty()) return technique.indicated_for;
  return FindModel(technique.model)->indicated_for;
}

std::string Catalog::TargetName(std::string_view id) const {
  if (const auto* problem = FindProblem(id)) return problem->name;
  if (const auto* mechanism = FindMechanism(id)) return mechanism->name;
  return std::string(id);
}

Status Catalog::Validate() const {
  const auto source_known = [&](const std::string& context, const std::string& field,
                                const std::string& id) -> Status {
    if (!FindSource(id))
      return InvalidArgument(context + ": " + field + " " + Quoted(id) + " is not a known source");
    return Ok();
  };
  const auto target_known = [&](const std::string& context, const std::string& field,
                                const std::string& id) -> Status {
    if (!FindProblem(id) && !FindMechanism(id)) {
      return InvalidArgument(context + ": " + field + " " + Quoted(id) +
                             " is not a known problem area or mechanism");
    }
    return Ok();
  };
  for (const auto& [id, mechanism] : mechanisms_) {
    if (problems_.contains(id))
      return InvalidArgument("mechanism " + Quoted(id) + " has the same id as a problem area");
  }
  for (const auto& [id, problem] : problems_) {
    const std::string context = "problem area " + Quoted(id);
    for (std::size_t index = 0; index < problem.mechanisms.size(); ++index) {
      if (!FindMechanism(problem.mechanisms[index].id)) {
        return InvalidArgument(context + ": mechanisms[" + std::to_string(index) + "] " +
                               Quoted(problem.mechanisms[index].id) + " is not a known mechanism");
      }
    }
  }
  for (const auto& [id, model] : models_) {
    for (const auto& problem : model.indicated_for) {
      if (!FindProblem(problem))
        return InvalidArgument("model " + Quoted(id) + ": indicated_for " + Quoted(problem) +
                               " is not a known problem area");
    }
    if (!model.broader_model.empty() &&
        (!FindModel(model.broader_model) || model.broader_model == id ||
         !FindModel(model.broader_model)->broader_model.empty())) {
      return InvalidArgument("model " + Quoted(id) + ": broader_model " +
                             Quoted(model.broader_model) +
                             " must be another known model without a broader model of its own");
    }
  }
  for (const auto& [id, technique] : techniques_) {
    const std::string context = "technique " + Quoted(id) + " (" + technique.file + ")";
    if (!FindModel(technique.model))
      return InvalidArgument(context + ": model " + Quoted(technique.model) +
                             " is not a known model");
    for (std::size_t index = 0; index < technique.targets.size(); ++index) {
      TRY(target_known(context, "targets[" + std::to_string(index) + "]",
                       technique.targets[index].id));
    }
    for (std::size_t index = 0; index < technique.contraindications.size(); ++index) {
      TRY(source_known(context, "contraindications[" + std::to_string(index) + "].source",
                       technique.contraindications[index].source));
    }
    for (std::size_t index = 0; index < technique.evidence.size(); ++index) {
      const auto& evidence = technique.evidence[index];
      const std::string field = "evidence[" + std::to_string(index) + "]";
      if (!FindProblem(evidence.problem)) {
        return InvalidArgument(context + ": " + field + ".problem " + Quoted(evidence.problem) +
                               " is not a known problem area");
      }
      TRY(source_known(context, field + ".source", evidence.source));
    }
    for (const auto& problem : technique.indicated_for) {
      if (!FindProblem(problem))
        return InvalidArgument(context + ": indicated_for " + Quoted(problem) +
                               " is not a known problem area");
    }
    for (const auto& other : technique.prerequisites) {
      if (!FindTechnique(other))
        return InvalidArgument(context + ": prerequisite " + Quoted(other) +
                               " is not a known technique");
      if (other == id) return InvalidArgument(context + ": cannot be its own prerequisite");
    }
    for (const auto& other : technique.incompatible_with) {
      if (!FindTechnique(other))
        return InvalidArgument(context + ": incompatible_with " + Quoted(other) +
                               " is not a known technique");
      if (other == id) return InvalidArgument(context + ": cannot be incompatible with itself");
    }
  }
  // Prerequisite chains must end: a cycle would make every technique on it unplannable.
  for (const auto& [id, technique] : techniques_) {
    std::set<std::string> seen{id};
    std::vector<std::string> pending = technique.prerequisites;
    while (!pending.empty()) {
      const std::string next = pending.back();
      pending.pop_back();
      if (next == id)
        return InvalidArgument("technique " + Quoted(id) + ": prerequisites form a cycle");
      if (!seen.insert(next).second) continue;
      for (const auto& further : techniques_.at(next).prerequisites) pending.push_back(further);
    }
  }
  for (const auto& [id, model] : integrative_models_) {
    const std::string context = "integrative model " + Quoted(id);
    for (const auto& component : model.models) {
      if (!FindModel(component))
        return InvalidArgument(context + ": models " + Quoted(component) + " is not a known model");
    }
    for (const auto& phase : model.phases) {
      for (const auto& technique : phase.techniques) {
        if (!FindTechnique(technique)) {
          return InvalidArgument(context + ": phase " + std::string(Name(phase.phase)) +
                                 " technique " + Quoted(technique) + " is not a known technique");
        }
      }
    }
    for (const auto& indication : model.indications) {
      if (!FindProblem(indication.problem)) {
        return InvalidArgument(context + ": indication " + Quoted(indication.problem) +
                               " is not a known problem area");
      }
    }
    for (const auto& source : model.sources) TRY(source_known(context, "sources", source));
  }
  for (const auto& rule : matching_rules_)
    TRY(source_known("matching rule " + Quoted(rule.id), "source", rule.source));
  for (const auto& factor : common_factors_)
    TRY(source_known("common factor " + Quoted(factor.id), "source", factor.source));
  for (const auto& stage : stages_)
    TRY(source_known("stage of change " + Quoted(stage.stage), "source", stage.source));
  for (const auto& band : measure_bands_) {
    if (!FindProblem(band.problem)) {
      return InvalidArgument("measure band " + band.instrument + "/" + band.band + ": problem " +
                             Quoted(band.problem) + " is not a known problem area");
    }
  }
  for (const Phase phase : kAllPhases) {
    if (!FindPhase(phase))
      return InvalidArgument("phases: phase " + Quoted(Name(phase)) + " is not described");
  }
  return Ok();
}

}  // namespace tessera::catalog
