#include "app/plan_inputs.hpp"

#include <cmath>
#include <string>

#include "core/vocabulary.hpp"

namespace tessera::app {
namespace {

template <typename Value, std::size_t N>
Result<Value> Word(const WordTable<Value, N>& table, std::optional<Value> parsed,
                   const std::string& field, const std::string& word) {
  if (!parsed) {
    return InvalidArgument(field + " '" + word + "' is not one of " + AllowedWords(table));
  }
  return *parsed;
}

std::string AmericanSpelling(std::string word) {
  const auto at = word.find("ising");
  if (at != std::string::npos) word.replace(at, 5, "izing");
  return word;
}

Status ReadTrait(const std::string& name, const std::string& value, planner::StsProfile& sts) {
  const std::optional<StsDimension> dimension = ParseStsDimension(name);
  if (!dimension) return Ok();  // another trait: kept in the record, not used by the planner
  const std::string field = "profile.traits." + name;
  if (*dimension == StsDimension::kCopingStyle) {
    const std::string word = AmericanSpelling(value);
    TRY_ASSIGN(sts.coping_style, Word(kCopingStyleWords, ParseCopingStyle(word), field, value));
    return Ok();
  }
  TRY_ASSIGN(const StsLevel level, Word(kStsLevelWords, ParseStsLevel(value), field, value));
  switch (*dimension) {
    case StsDimension::kFunctionalImpairment:
      sts.functional_impairment = level;
      break;
    case StsDimension::kReactance:
      sts.reactance = level;
      break;
    case StsDimension::kDistress:
      sts.distress = level;
      break;
    case StsDimension::kSocialSupport:
      sts.social_support = level;
      break;
    case StsDimension::kCopingStyle:
      break;
  }
  return Ok();
}

Result<int> CnipPoint(const std::string& field, double value) {
  if (!(value >= kCnipLowest && value <= kCnipHighest)) {
    return InvalidArgument(field + " " + std::to_string(value) + " is outside -3..3");
  }
  return static_cast<int>(std::lround(value));
}

std::optional<int>* CnipSlot(planner::CnipScales& scales, const std::string& name) {
  const std::optional<CnipScale> scale = ParseCnipScale(name);
  if (!scale) return nullptr;
  switch (*scale) {
    case CnipScale::kDirectiveness:
      return &scales.directiveness;
    case CnipScale::kEmotionalIntensity:
      return &scales.emotional_intensity;
    case CnipScale::kPastOrientation:
      return &scales.past_orientation;
    case CnipScale::kChallenge:
      return &scales.challenge;
  }
  return nullptr;
}

Status ReadRisk(const std::string& text, planner::RiskProfile& risk) {
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  const std::string value = colon == std::string::npos ? "" : text.substr(colon + 1);
  const std::string field = "profile.risks '" + text + "'";
  const std::optional<RiskFlag> flag = ParseRiskFlag(name);
  if (!flag) {
    return InvalidArgument(field +
                           " is not a risk the planner knows (suicidality:<level>, "
                           "dissociation:<level>, self_harm, psychosis, substance_intoxication)");
  }
  switch (*flag) {
    case RiskFlag::kSuicidality: {
      TRY_ASSIGN(risk.suicidality, Word(kSuicidalityWords, ParseSuicidality(value), field, value));
      break;
    }
    case RiskFlag::kDissociation: {
      TRY_ASSIGN(risk.dissociation,
                 Word(kDissociationWords, ParseDissociation(value), field, value));
      break;
    }
    case RiskFlag::kSelfHarm:
      risk.self_harm = true;
      break;
    case RiskFlag::kPsychosis:
      risk.psychosis = true;
      break;
    case RiskFlag::kSubstanceIntoxication:
      risk.substance_intoxication = true;
      break;
  }
  return Ok();
}

}  // namespace

Result<planner::ClientProfile> PlannerProfile(const ClientProfile& stored,
                                              const catalog::Catalog& catalog) {
  planner::ClientProfile profile;
  for (std::size_t problem_idx = 0; problem_idx < stored.problems.size(); ++problem_idx) {
    const ProblemSeverity& problem = stored.problems[problem_idx];
    const std::string field = "profile.problems[" + std::to_string(problem_idx) + "].severity";
    TRY_ASSIGN(const Severity severity,
               Word(kSeverityWords, ParseSeverity(problem.severity), field, problem.severity));
    profile.problems.push_back({problem.problem.value(), severity});
  }
  for (const auto& [name, value] : stored.traits) TRY(ReadTrait(name, value, profile.sts));
  profile.stage = stored.stage_of_change;
  for (const auto& [name, value] : stored.preferences) {
    std::optional<int>* slot = CnipSlot(profile.preferences, name);
    if (slot == nullptr) continue;  // a free preference: kept in the record, not a C-NIP scale
    const std::string field = "profile.preferences." + name;
    double number = 0;
    try {
      std::size_t used = 0;
      number = std::stod(value, &used);
      if (used != value.size()) throw std::invalid_argument(value);
    } catch (const std::exception&) {
      return InvalidArgument(field + " '" + value + "' is not a whole number -3..3");
    }
    TRY_ASSIGN(*slot, CnipPoint(field, number));
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
    entry.level = competency.level;
    therapist.competencies.push_back(entry);
  }
  for (const auto& [name, value] : stored.style) {
    std::optional<int>* slot = CnipSlot(therapist.style, name);
    if (slot == nullptr) continue;
    TRY_ASSIGN(*slot, CnipPoint(prefix + "style." + name, value));
  }
  return therapist;
}

}  // namespace tessera::app
