// The planner's own profile words (treatment history responses) and the profile's derived
// states; the clinical vocabulary itself is core/vocabulary.hpp.

#include <array>
#include <utility>

#include "core/word_table.hpp"
#include "planner/profile.hpp"

namespace tessera::planner {
int SeverityWeight(Severity severity) {
  switch (severity) {
    case Severity::kMild:
      return 1;
    case Severity::kModerate:
      return 2;
    case Severity::kSevere:
      return 3;
  }
  return 1;
}

std::string_view Name(Response value) { return WordFor(kResponseWords, value); }

std::optional<Response> ParseResponse(std::string_view word) {
  return ValueFor(kResponseWords, word);
}

std::vector<catalog::Condition> ActiveConditions(const ClientProfile& profile) {
  using catalog::Condition;
  std::vector<Condition> conditions;
  const auto& risk = profile.risk;
  if (risk.suicidality && *risk.suicidality >= Suicidality::kModerate) {
    conditions.push_back(Condition::kAcuteSuicidality);
  }
  if (risk.psychosis.value_or(false)) conditions.push_back(Condition::kActivePsychosis);
  if (risk.dissociation == Dissociation::kSevere)
    conditions.push_back(Condition::kSevereDissociation);
  if (risk.substance_intoxication.value_or(false)) conditions.push_back(Condition::kIntoxication);
  if (risk.self_harm.value_or(false)) conditions.push_back(Condition::kSelfHarm);
  for (const auto& problem : profile.problems) {
    if (problem.id == "emotion_dysregulation" && problem.severity == Severity::kSevere) {
      conditions.push_back(Condition::kSevereDysregulation);
    }
  }
  return conditions;
}

std::optional<std::string> DimensionWord(const ClientProfile& profile, std::string_view dimension) {
  const auto word = [](const auto& value) -> std::optional<std::string> {
    if (!value) return std::nullopt;
    return std::string(Name(*value));
  };
  if (dimension == "functional_impairment") return word(profile.sts.functional_impairment);
  if (dimension == "coping_style") return word(profile.sts.coping_style);
  if (dimension == "reactance") return word(profile.sts.reactance);
  if (dimension == "distress") return word(profile.sts.distress);
  if (dimension == "social_support") return word(profile.sts.social_support);
  if (dimension == "stage_of_change") return word(profile.stage);
  return std::nullopt;
}

}  // namespace tessera::planner
