// Reads the catalogue's JSON files into Catalog's maps. Structure and vocabulary are checked
// here, entry by entry; cross-references are checked afterwards in catalog_validation.cpp.

#include <algorithm>
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"
#include "catalog/vocabulary.hpp"
#include "json/object.hpp"

namespace tessera::catalog {

using nlohmann::json;

namespace {

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

template <class E>
Result<E> ParseWord(const JsonObject& fields, std::string_view key,
                    std::optional<E> (*parse)(std::string_view), std::string_view allowed) {
  TRY_ASSIGN(std::string word, fields.String(key));
  const std::optional<E> value = parse(word);
  if (!value) return fields.Fail(key, Quoted(word) + " is not one of " + std::string(allowed));
  return *value;
}

Result<std::vector<WeightedTarget>> ParseTargets(const JsonObject& fields, std::string_view key) {
  TRY_ASSIGN(JsonArray items, fields.Array(key));
  std::vector<WeightedTarget> targets;
  for (std::size_t index = 0; index < items.size(); ++index) {
    TRY_ASSIGN(JsonObject item, items.Object(index, {"id", "weight"}));
    TRY_ASSIGN(std::string id, item.String("id"));
    TRY_ASSIGN(int weight, item.Integer("weight", 1, 3));
    targets.push_back({id, weight});
  }
  return targets;
}

}  // namespace

/// Fills a Catalog section by section; ids must be unique across every file.
class CatalogBuilder {
 public:
  Status AddFile(const std::string& file, const std::string& text) {
    static constexpr std::string_view kSections[] = {
        "sources",        "mechanisms",         "problem_areas",  "models",
        "techniques",     "integrative_models", "matching_rules", "phases",
        "common_factors", "stages_of_change",   "measure_bands"};
    TRY_ASSIGN(json document, ParseJson(text, file));
    TRY_ASSIGN(JsonObject sections,
               JsonObject::Open(document, "",
                                {"description", "sources", "mechanisms", "problem_areas", "models",
                                 "techniques", "integrative_models", "matching_rules", "phases",
                                 "common_factors", "stages_of_change", "measure_bands"},
                                file));
    for (std::string_view section : kSections) {
      TRY_ASSIGN(JsonArray entries, sections.Array(section));
      for (std::size_t index = 0; index < entries.size(); ++index)
        TRY(AddEntry(section, entries, index, file));
    }
    return Ok();
  }

  Catalog Finish() { return std::move(catalog_); }

 private:
  template <class Map>
  static Status Insert(Map& map, typename Map::mapped_type value, std::string_view kind) {
    const std::string id = value.id;
    if (map.contains(id))
      return InvalidArgument(std::string(kind) + " " + Quoted(id) + " is defined twice");
    map.emplace(id, std::move(value));
    return Ok();
  }

  Status AddEntry(std::string_view section, const JsonArray& entries, std::size_t index,
                  const std::string& file) {
    if (section == "sources") return AddSource(entries, index);
    if (section == "mechanisms") return AddMechanism(entries, index);
    if (section == "problem_areas") return AddProblem(entries, index);
    if (section == "models") return AddModel(entries, index);
    if (section == "techniques") return AddTechnique(entries, index, file);
    if (section == "integrative_models") return AddIntegrative(entries, index);
    if (section == "matching_rules") return AddRule(entries, index);
    if (section == "phases") return AddPhase(entries, index);
    if (section == "common_factors") return AddFactor(entries, index);
    if (section == "stages_of_change") return AddStage(entries, index);
    return AddBand(entries, index);
  }

  Status AddSource(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields, entries.Object(position, {"id", "citation", "kind", "url"}));
    Source source;
    TRY_ASSIGN(source.id, fields.String("id"));
    TRY_ASSIGN(source.citation, fields.String("citation"));
    TRY_ASSIGN(source.kind, fields.String("kind"));
    TRY_ASSIGN(source.url, fields.OptionalString("url"));
    static constexpr std::string_view kKinds[] = {"guideline", "review", "manual", "meta_analysis",
                                                  "editorial"};
    if (std::find(std::begin(kKinds), std::end(kKinds), source.kind) == std::end(kKinds)) {
      return fields.Fail("kind",
                         Quoted(source.kind) +
                             " is not one of guideline, review, manual, meta_analysis, editorial");
    }
    return Insert(catalog_.sources_, std::move(source), "source");
  }

  Status AddMechanism(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields, entries.Object(position, {"id", "name"}));
    Mechanism mechanism;
    TRY_ASSIGN(mechanism.id, fields.String("id"));
    TRY_ASSIGN(mechanism.name, fields.String("name"));
    return Insert(catalog_.mechanisms_, std::move(mechanism), "mechanism");
  }

  Status AddProblem(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(position, {"id", "name", "scope", "refer_note", "mechanisms"}));
    ProblemArea problem;
    TRY_ASSIGN(problem.id, fields.String("id"));
    TRY_ASSIGN(problem.name, fields.String("name"));
    TRY_ASSIGN(problem.scope, ParseWord<Scope>(fields, "scope", ParseScope, "treat, refer"));
    TRY_ASSIGN(problem.refer_note, fields.OptionalString("refer_note"));
    if (problem.scope == Scope::kRefer && problem.refer_note.empty()) {
      return fields.Fail("refer_note", "is required when scope is refer");
    }
    TRY_ASSIGN(problem.mechanisms, ParseTargets(fields, "mechanisms"));
    return Insert(catalog_.problems_, std::move(problem), "problem area");
  }

  Status AddModel(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(position, {"id", "name", "family", "stance", "assimilation_frame",
                                         "broader_model", "indicated_for"}));
    Model model;
    TRY_ASSIGN(model.id, fields.String("id"));
    TRY_ASSIGN(model.name, fields.String("name"));
    TRY_ASSIGN(model.family, fields.String("family"));
    TRY_ASSIGN(model.stance, fields.String("stance"));
    TRY_ASSIGN(model.assimilation_frame, fields.String("assimilation_frame"));
    TRY_ASSIGN(model.broader_model, fields.OptionalString("broader_model"));
    TRY_ASSIGN(model.indicated_for, fields.Strings("indicated_for"));
    return Insert(catalog_.models_, std::move(model), "model");
  }

  Result<StsAttributes> ParseSts(const JsonObject& parent) {
    TRY_ASSIGN(JsonObject fields, parent.Object("sts", {"directiveness", "focus", "arousal",
                                                        "intensity", "challenge"}));
    StsAttributes sts;
    TRY_ASSIGN(sts.directiveness,
               ParseWord<Ordinal>(fields, "directiveness", ParseOrdinal, "low, moderate, high"));
    TRY_ASSIGN(sts.focus,
               ParseWord<Focus>(fields, "focus", ParseFocus, "symptom, balanced, insight"));
    TRY_ASSIGN(sts.arousal,
               ParseWord<Arousal>(fields, "arousal", ParseArousal, "lowering, neutral, raising"));
    TRY_ASSIGN(sts.intensity,
               ParseWord<Ordinal>(fields, "intensity", ParseOrdinal, "low, moderate, high"));
    TRY_ASSIGN(sts.challenge,
               ParseWord<Ordinal>(fields, "challenge", ParseOrdinal, "low, moderate, high"));
    return sts;
  }

  Status AddTechnique(const JsonArray& entries, std::size_t position, const std::string& file) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(
                   position, {"id", "name", "model", "targets", "sts", "phases",
                              "contraindications", "prerequisites", "incompatible_with",
                              "competence", "sessions", "readiness", "evidence", "indicated_for"}));
    Technique technique;
    technique.file = file;
    TRY_ASSIGN(technique.id, fields.String("id"));
    TRY_ASSIGN(technique.name, fields.String("name"));
    TRY_ASSIGN(technique.model, fields.String("model"));
    TRY_ASSIGN(technique.targets, ParseTargets(fields, "targets"));
    if (technique.targets.empty()) return fields.Fail("targets", "must name at least one target");
    TRY_ASSIGN(technique.sts, ParseSts(fields));
    TRY_ASSIGN(std::vector<std::string> phases, fields.Strings("phases"));
    if (phases.empty()) return fields.Fail("phases", "must name at least one phase");
    for (const auto& word : phases) {
      const auto phase = ParsePhase(word);
      if (!phase) return fields.Fail("phases", Quoted(word) + " is not a known phase");
      technique.phases.push_back(*phase);
    }
    TRY_ASSIGN(JsonArray contraindications, fields.Array("contraindications"));
    for (std::size_t index = 0; index < contraindications.size(); ++index) {
      TRY_ASSIGN(JsonObject item,
                 contraindications.Object(index, {"condition", "effect", "source", "note"}));
      Contraindication contraindication;
      TRY_ASSIGN(contraindication.condition,
                 ParseWord<Condition>(item, "condition", ParseCondition,
                                      "acute_suicidality, active_psychosis, severe_dissociation, "
                                      "intoxication, self_harm, severe_dysregulation"));
      TRY_ASSIGN(contraindication.effect, ParseWord<ContraEffect>(item, "effect", ParseContraEffect,
                                                                  "exclude, after_stabilisation"));
      TRY_ASSIGN(contraindication.source, item.String("source"));
      TRY_ASSIGN(contraindication.note, item.OptionalString("note"));
      technique.contraindications.push_back(std::move(contraindication));
    }
    TRY_ASSIGN(technique.prerequisites, fields.Strings("prerequisites"));
    TRY_ASSIGN(technique.incompatible_with, fields.Strings("incompatible_with"));
    TRY_ASSIGN(technique.indicated_for, fields.Strings("indicated_for"));
    TRY_ASSIGN(technique.competence, ParseWord<Competence>(fields, "competence", ParseCompetence,
                                                           "basic, competent, expert"));
    if (technique.competence == Competence::kNone)
      return fields.Fail("competence", "must be basic or above");
    TRY_ASSIGN(technique.sessions, fields.Integer("sessions", 1, 40));
    if (fields.Has("readiness")) {
      TRY_ASSIGN(technique.readiness,
                 ParseWord<Readiness>(fields, "readiness", ParseReadiness, "any, action"));
    }
    TRY_ASSIGN(JsonArray evidence, fields.Array("evidence"));
    for (std::size_t index = 0; index < evidence.size(); ++index) {
      TRY_ASSIGN(JsonObject item, evidence.Object(index, {"problem", "strength", "source"}));
      Evidence entry;
      TRY_ASSIGN(entry.problem, item.String("problem"));
      TRY_ASSIGN(entry.strength,
                 ParseWord<Strength>(item, "strength", ParseStrength, "emerging, modest, strong"));
      TRY_ASSIGN(entry.source, item.String("source"));
      technique.evidence.push_back(std::move(entry));
    }
    return Insert(catalog_.techniques_, std::move(technique), "technique");
  }

  Status AddIntegrative(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields, entries.Object(position, {"id", "name", "description", "models",
                                                            "phases", "indications", "sources"}));
    IntegrativeModel model;
    TRY_ASSIGN(model.id, fields.String("id"));
    TRY_ASSIGN(model.name, fields.String("name"));
    TRY_ASSIGN(model.description, fields.String("description"));
    TRY_ASSIGN(model.models, fields.Strings("models"));
    TRY_ASSIGN(model.sources, fields.Strings("sources"));
    if (model.sources.empty()) return fields.Fail("sources", "must name at least one source");
    TRY_ASSIGN(JsonArray phases, fields.Array("phases", JsonPresence::kRequired));
    for (std::size_t index = 0; index < phases.size(); ++index) {
      TRY_ASSIGN(JsonObject item, phases.Object(index, {"phase", "techniques"}));
      TemplatePhase phase;
      TRY_ASSIGN(phase.phase, ParseWord<Phase>(item, "phase", ParsePhase, "a known phase"));
      TRY_ASSIGN(phase.techniques, item.Strings("techniques"));
      if (phase.techniques.empty())
        return item.Fail("techniques", "must name at least one technique");
      model.phases.push_back(std::move(phase));
    }
    TRY_ASSIGN(JsonArray indications, fields.Array("indications", JsonPresence::kRequired));
    for (std::size_t index = 0; index < indications.size(); ++index) {
      TRY_ASSIGN(JsonObject item, indications.Object(index, {"problem", "weight"}));
      Indication indication;
      TRY_ASSIGN(indication.problem, item.String("problem"));
      TRY_ASSIGN(indication.weight, item.Integer("weight", 1, 3));
      model.indications.push_back(std::move(indication));
    }
    return Insert(catalog_.integrative_models_, std::move(model), "integrative model");
  }

  Status AddRule(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(position, {"id", "when", "is", "prefer_attribute", "prefer", "weight",
                                         "source", "explanation"}));
    MatchingRule rule;
    TRY_ASSIGN(rule.id, fields.String("id"));
    TRY_ASSIGN(rule.dimension, fields.String("when"));
    TRY_ASSIGN(rule.value, fields.String("is"));
    TRY_ASSIGN(rule.attribute, fields.String("prefer_attribute"));
    TRY_ASSIGN(rule.prefer, fields.String("prefer"));
    TRY_ASSIGN(rule.weight, fields.Integer("weight", 1, 3));
    TRY_ASSIGN(rule.source, fields.String("source"));
    TRY_ASSIGN(rule.explanation, fields.String("explanation"));
    const auto values = DimensionValues(rule.dimension);
    if (values.empty())
      return fields.Fail("when", Quoted(rule.dimension) + " is not a client dimension");
    if (std::find(values.begin(), values.end(), rule.value) == values.end()) {
      return fields.Fail("is", Quoted(rule.value) + " is not one of " + JoinWords(values));
    }
    const auto preferred = AttributeValues(rule.attribute);
    if (preferred.empty())
      return fields.Fail("prefer_attribute",
                         Quoted(rule.attribute) + " is not a technique attribute");
    if (std::find(preferred.begin(), preferred.end(), rule.prefer) == preferred.end()) {
      return fields.Fail("prefer", Quoted(rule.prefer) + " is not one of " + JoinWords(preferred));
    }
    for (const auto& existing : catalog_.matching_rules_) {
      if (existing.id == rule.id)
        return InvalidArgument("matching rule " + Quoted(rule.id) + " is defined twice");
    }
    catalog_.matching_rules_.push_back(std::move(rule));
    return Ok();
  }

  Status AddPhase(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(position, {"phase", "name", "purpose", "switch_criteria"}));
    PhaseInfo info;
    TRY_ASSIGN(info.phase, ParseWord<Phase>(fields, "phase", ParsePhase, "a known phase"));
    TRY_ASSIGN(info.name, fields.String("name"));
    TRY_ASSIGN(info.purpose, fields.String("purpose"));
    // Each criterion carries the id of the monitor's trigger that tests it, so a criterion a
    // clinic adds is never silently left untested: it must name a trigger (the monitor refuses
    // unknown ones) or say "clinical_judgement".
    TRY_ASSIGN(JsonArray criteria, fields.Array("switch_criteria"));
    for (std::size_t index = 0; index < criteria.size(); ++index) {
      TRY_ASSIGN(JsonObject item, criteria.Object(index, {"text", "trigger"}));
      TRY_ASSIGN(std::string text, item.String("text"));
      TRY_ASSIGN(std::string trigger, item.String("trigger"));
      if (text.empty()) return item.Fail("text", "must not be empty");
      if (trigger.empty()) {
        return item.Fail("trigger", "must name the monitor's trigger or \"clinical_judgement\"");
      }
      info.switch_criteria.push_back(std::move(text));
      info.switch_triggers.push_back(std::move(trigger));
    }
    for (const auto& existing : catalog_.phases_) {
      if (existing.phase == info.phase)
        return fields.Fail("phase", Quoted(Name(info.phase)) + " is defined twice");
    }
    catalog_.phases_.push_back(std::move(info));
    std::sort(catalog_.phases_.begin(), catalog_.phases_.end(),
              [](const PhaseInfo& a, const PhaseInfo& b) { return a.phase < b.phase; });
    return Ok();
  }

  Status AddFactor(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields, entries.Object(position, {"id", "name", "actions", "source"}));
    CommonFactor factor;
    TRY_ASSIGN(factor.id, fields.String("id"));
    TRY_ASSIGN(factor.name, fields.String("name"));
    TRY_ASSIGN(factor.actions, fields.Strings("actions"));
    TRY_ASSIGN(factor.source, fields.String("source"));
    catalog_.common_factors_.push_back(std::move(factor));
    return Ok();
  }

  Status AddStage(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(position, {"stage", "processes", "guidance", "source"}));
    StageGuidance stage;
    TRY_ASSIGN(stage.stage, fields.String("stage"));
    const auto stages = DimensionValues("stage_of_change");
    if (std::find(stages.begin(), stages.end(), stage.stage) == stages.end()) {
      return fields.Fail("stage", Quoted(stage.stage) + " is not one of " + JoinWords(stages));
    }
    TRY_ASSIGN(stage.processes, fields.Strings("processes"));
    TRY_ASSIGN(stage.guidance, fields.String("guidance"));
    TRY_ASSIGN(stage.source, fields.String("source"));
    catalog_.stages_.push_back(std::move(stage));
    return Ok();
  }

  Status AddBand(const JsonArray& entries, std::size_t position) {
    TRY_ASSIGN(JsonObject fields,
               entries.Object(position, {"instrument", "band", "problem", "severity"}));
    BandMapping band;
    TRY_ASSIGN(band.instrument, fields.String("instrument"));
    TRY_ASSIGN(band.band, fields.String("band"));
    TRY_ASSIGN(band.problem, fields.String("problem"));
    TRY_ASSIGN(band.severity, fields.String("severity"));
    static constexpr std::string_view kSeverities[] = {"none", "mild", "moderate", "severe"};
    if (std::find(std::begin(kSeverities), std::end(kSeverities), band.severity) ==
        std::end(kSeverities)) {
      return fields.Fail("severity",
                         Quoted(band.severity) + " is not one of none, mild, moderate, severe");
    }
    catalog_.measure_bands_.push_back(std::move(band));
    return Ok();
  }

  Catalog catalog_;
};

Result<Catalog> Catalog::FromTexts(const std::vector<std::pair<std::string, std::string>>& files) {
  CatalogBuilder builder;
  for (const auto& [name, text] : files) TRY(builder.AddFile(name, text));
  Catalog catalog = builder.Finish();
  TRY(catalog.Validate());
  return catalog;
}

Result<Catalog> Catalog::Load(const std::vector<std::filesystem::path>& directories) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& directory : directories) {
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
      return NotFound("catalog directory '" + directory.string() + "' does not exist");
    }
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json")
        paths.push_back(entry.path());
    }
    // Directory iteration order is unspecified; sort so loading is deterministic.
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      std::ifstream stream(path);
      if (!stream) return Unavailable("cannot read catalog file '" + path.string() + "'");
      std::ostringstream text;
      text << stream.rdbuf();
      files.emplace_back(path.lexically_relative(directory).string(), text.str());
    }
  }
  return FromTexts(files);
}

}  // namespace tessera::catalog
