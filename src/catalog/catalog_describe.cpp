#include "catalog/catalog_describe.hpp"

#include <nlohmann/json.hpp>

#include "catalog/vocabulary.hpp"

namespace tessera::catalog {

using Json = nlohmann::ordered_json;

namespace {

Json SourceJson(const Catalog& catalog, const std::string& id) {
  const Source* source = catalog.FindSource(id);
  Json out{{"id", id}};
  if (source) {
    out["kind"] = source->kind;
    out["citation"] = source->citation;
    if (!source->url.empty()) out["url"] = source->url;
  }
  return out;
}

Json TargetsJson(const std::vector<WeightedTarget>& targets) {
  Json out = Json::array();
  for (const auto& target : targets) out.push_back({{"id", target.id}, {"weight", target.weight}});
  return out;
}

Json TechniqueJson(const Catalog& catalog, const Technique& technique) {
  Json out{{"kind", "technique"},
           {"id", technique.id},
           {"name", technique.name},
           {"model", technique.model}};
  out["targets"] = TargetsJson(technique.targets);
  out["sts"] = {{"directiveness", Name(technique.sts.directiveness)},
                {"focus", Name(technique.sts.focus)},
                {"arousal", Name(technique.sts.arousal)},
                {"intensity", Name(technique.sts.intensity)},
                {"challenge", Name(technique.sts.challenge)}};
  Json phases = Json::array();
  for (const Phase phase : technique.phases) phases.push_back(Name(phase));
  out["phases"] = std::move(phases);
  Json contraindications = Json::array();
  for (const auto& item : technique.contraindications) {
    contraindications.push_back({{"condition", Name(item.condition)},
                                 {"effect", Name(item.effect)},
                                 {"note", item.note},
                                 {"source", SourceJson(catalog, item.source)}});
  }
  out["contraindications"] = std::move(contraindications);
  out["prerequisites"] = technique.prerequisites;
  out["incompatible_with"] = technique.incompatible_with;
  out["competence"] = Name(technique.competence);
  out["sessions"] = technique.sessions;
  out["readiness"] = Name(technique.readiness);
  Json evidence = Json::array();
  for (const auto& item : technique.evidence) {
    evidence.push_back({{"problem", item.problem},
                        {"strength", Name(item.strength)},
                        {"source", SourceJson(catalog, item.source)}});
  }
  out["evidence"] = std::move(evidence);
  out["file"] = technique.file;
  return out;
}

}  // namespace

std::optional<std::string> DescribeEntry(const Catalog& catalog, std::string_view id) {
  Json out;
  if (const Technique* technique = catalog.FindTechnique(id)) {
    out = TechniqueJson(catalog, *technique);
  } else if (const Model* model = catalog.FindModel(id)) {
    Json techniques = Json::array();
    for (const auto& [technique_id, technique] : catalog.techniques()) {
      if (technique.model == model->id) techniques.push_back(technique_id);
    }
    out = {{"kind", "model"},         {"id", model->id},
           {"name", model->name},     {"family", model->family},
           {"stance", model->stance}, {"assimilation_frame", model->assimilation_frame},
           {"techniques", techniques}};
  } else if (const ProblemArea* problem = catalog.FindProblem(id)) {
    out = {{"kind", "problem_area"},
           {"id", problem->id},
           {"name", problem->name},
           {"scope", Name(problem->scope)}};
    if (!problem->refer_note.empty()) out["refer_note"] = problem->refer_note;
    out["mechanisms"] = TargetsJson(problem->mechanisms);
  } else if (const Mechanism* mechanism = catalog.FindMechanism(id)) {
    out = {{"kind", "mechanism"}, {"id", mechanism->id}, {"name", mechanism->name}};
  } else if (const IntegrativeModel* model = catalog.FindIntegrativeModel(id)) {
    out = {{"kind", "integrative_model"},
           {"id", model->id},
           {"name", model->name},
           {"description", model->description},
           {"models", model->models}};
    Json phases = Json::array();
    for (const auto& phase : model->phases)
      phases.push_back({{"phase", Name(phase.phase)}, {"techniques", phase.techniques}});
    out["phases"] = std::move(phases);
    Json indications = Json::array();
    for (const auto& indication : model->indications) {
      indications.push_back({{"problem", indication.problem}, {"weight", indication.weight}});
    }
    out["indications"] = std::move(indications);
    Json sources = Json::array();
    for (const auto& source : model->sources) sources.push_back(SourceJson(catalog, source));
    out["sources"] = std::move(sources);
  } else if (catalog.FindSource(id)) {
    out = SourceJson(catalog, std::string(id));
    out["kind"] = "source";
  } else {
    return std::nullopt;
  }
  return out.dump(2) + "\n";
}

std::string Summary(const Catalog& catalog) {
  std::size_t evidence = 0;
  for (const auto& [id, technique] : catalog.techniques()) evidence += technique.evidence.size();
  return std::to_string(catalog.models().size()) + " models, " +
         std::to_string(catalog.techniques().size()) + " techniques, " +
         std::to_string(catalog.integrative_models().size()) + " integrative models, " +
         std::to_string(catalog.problems().size()) + " problem areas, " +
         std::to_string(catalog.mechanisms().size()) + " mechanisms, " +
         std::to_string(catalog.sources().size()) + " sources, " + std::to_string(evidence) +
         " evidence entries, " + std::to_string(catalog.matching_rules().size()) +
         " matching rules";
}

}  // namespace tessera::catalog
