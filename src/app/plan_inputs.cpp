#include "app/plan_inputs.hpp"

#include <cmath>
#include <string>

namespace tessera::app {
namespace {

template <typename Value>
Result<Value> Word(std::optional<Value> parsed, const std::string& field, const std::string& word,
                   const char* allowed) {
  if (!parsed) {
    return InvalidArgument(field + " '" + word + "' is not one of " + allowed);
  }
  return *parsed;
}

std::string AmericanSpelling(std::string word) {
  const auto at = word.find("ising");
  if (at != std::string::npos) word.replace(at, 5, "izing");
  return word;
}

Status ReadTrait(const std::string& name, const std::string& value, planner::StsProfile& sts) {
  const std::string field = "profile.traits." + name;
  const char* levels = "low, moderate, high";
  if (name == "coping_style") {
    TRY_ASSIGN(sts.coping_style, Word(planner::ParseCopingStyle(AmericanSpelling(value)), field,
                                      value, "internalizing, externalizing, mixed"));
  } else if (name == "functional_impairment") {
    TRY_ASSIGN(sts.functional_impairment, Word(planner::ParseLevel(value), field, value, levels));
  } else if (name == "reactance") {
    TRY_ASSIGN(sts.reactance, Word(planner::ParseLevel(value), field, value, levels));
  } else if (name == "distress") {
    TRY_ASSIGN(sts.distress, Word(planner::ParseLevel(value), field, value, levels));
  } else if (name == "social_support") {
    TRY_ASSIGN(sts.social_support, Word(planner::ParseLevel(value), field, value, levels));
  }
  return Ok();
}

Result<int> CnipPoint(const std::string& field, double value) {
  if (!(value >= -3 && value <= 3)) {
    return InvalidArgument(field + " " + std::to_string(value) + " is outside -3..3");
  }
  return static_cast<int>(std::lround(value));
}

Result<std::optional<int>*> CnipSlot(planner::CnipScales& scales, const std::string& name) {
  if (name == "directiveness") return &scales.directiveness;
  if (name == "emotional_intensity") return &scales.emotional_intensity;
  if (name == "past_orientation") return &scales.past_orientation;
  if (name == "challenge") return &scales.challenge;
  return NotFound(name);
}

Status ReadRisk(const std::string& text, planner::RiskProfile& risk) {
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  const std::string value = colon == std::string::npos ? "" : text.substr(colon + 1);
  const std::string field = "profile.risks '" + text + "'";
  if (name == "suicidality") {
    TRY_ASSIGN(risk.suicidality,
               Word(planner::ParseSuicidality(value), field, value, "none, low, moderate, high"));
  } else if (name == "dissociation") {
    TRY_ASSIGN(risk.dissociation,
               Word(planner::ParseDissociation(value), field, value, "none, mild, severe"));
  } else if (name == "self_harm") {
    risk.self_harm = true;
  } else if (name == "psychosis") {
    risk.psychosis = true;
  } else if (name == "substance_intoxication") {
    risk.substance_intoxication = true;
  } else {
    return InvalidArgument(field +
                           " is not a risk the planner knows (suicidality:<level>, "
                           "dissociation:<level>, self_harm, psychosis, substance_intoxication)");
  }
  return Ok();
}

planner::Stage StageFrom(StageOfChange stage) {
  switch (stage) {
    case StageOfChange::kPrecontemplation:
      return planner::Stage::kPrecontemplation;
    case StageOfChange::kContemplation:
      return planner::Stage::kContemplation;
    case StageOfChange::kPreparation:
      return planner::Stage::kPreparation;
    case StageOfChange::kAction:
      return planner::Stage::kAction;
    case StageOfChange::kMaintenance:
      return planner::Stage::kMaintenance;
  }
  return planner::Stage::kContemplation;
}

catalog::Competence CompetenceFrom(CompetenceLevel level) {
  switch (level) {
    case CompetenceLevel::kAware:
      return catalog::Competence::kBasic;
    case CompetenceLevel::kTrained:
      return catalog::Competence::kCompetent;
    case CompetenceLevel::kProficient:
      return catalog::Competence::kCompetent;
    case CompetenceLevel::kExpert:
      return catalog::Competence::kExpert;
    case CompetenceLevel::kSupervisor:
      return catalog::Competence::kExpert;
  }
  return catalog::Competence::kNone;
}

}  // namespace

Result<planner::ClientProfile> PlannerProfile(const ClientProfile& stored,
                                              const catalog::Catalog& catalog) {
  planner::ClientProfile profile;
  for (std::size_t problem_idx = 0; problem_idx < stored.problems.size(); ++problem_idx) {
    const ProblemSeverity& problem = stored.problems[problem_idx];
    const std::string field = "profile.problems[" + std::to_string(problem_idx) + "].severity";
    TRY_ASSIGN(planner::Severity severity, Word(planner::ParseSeverity(problem.severity), field,
                                                problem.severity, "mild, moderate, severe"));
    profile.problems.push_back({problem.problem.value(), severity});
  }
  for (const auto& [name, value] : stored.traits) TRY(ReadTrait(name, value, profile.sts));
  if (stored.stage_of_change) profile.stage = StageFrom(*stored.stage_of_change);
  for (const auto& [name, value] : stored.preferences) {
    auto slot = CnipSlot(profile.preferences, name);
    if (!slot) continue;  // a free preference: kept in the record, not a C-NIP scale
    const std::string field = "profile.preferences." + name;
    double number = 0;
    try {
      std::size_t used = 0;
      number = std::stod(value, &used);
      if (used != value.size()) throw std::invalid_argument(value);
    } catch (const std::exception&) {
      return InvalidArgument(field + " '" + value + "' is not a whole number -3..3");
    }
    TRY_ASSIGN(**slot, CnipPoint(field, number));
  }
  profile.goals = stored.goals;
  for (const std::string& risk : stored.risks) TRY(ReadRisk(risk, profile.risk));
  TRY(planner::ValidateProfile(profile, catalog));
  return profile;
}

Result<planner::Therapist> PlannerTherapist(const Therapist& stored,
                                            const catalog::Catalog& catalog) {
  planner::Therapist therapist;
  therapist.id = stored.id.value();
  const std::string prefix = "therapist '" + stored.id.value() + "': ";
  if (!stored.home_model.value().empty()) {
    if (catalog.FindModel(stored.home_model.value()) == nullptr) {
      return InvalidArgument(prefix + "home_model '" + stored.home_model.value() +
                             "' is not a model in the catalogue");
    }
    therapist.home_model = stored.home_model.value();
  }
  for (const Competency& competency : stored.competencies) {
    planner::CompetenceEntry entry;
    if (competency.technique) {
      if (catalog.FindTechnique(competency.technique->value()) == nullptr) {
        return InvalidArgument(prefix + "competencies: technique '" +
                               competency.technique->value() + "' is not in the catalogue");
      }
      entry.scope = planner::CompetenceScope::kTechnique;
      entry.id = competency.technique->value();
    } else {
      if (catalog.FindModel(competency.model.value()) == nullptr) {
        return InvalidArgument(prefix + "competencies: model '" + competency.model.value() +
                               "' is not in the catalogue");
      }
      entry.id = competency.model.value();
    }
    entry.level = CompetenceFrom(competency.level);
    therapist.competencies.push_back(entry);
  }
  for (const auto& [name, value] : stored.style) {
    auto slot = CnipSlot(therapist.style, name);
    if (!slot) continue;
    TRY_ASSIGN(**slot, CnipPoint(prefix + "style." + name, value));
  }
  return therapist;
}

}  // namespace tessera::app
