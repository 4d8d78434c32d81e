// Words of the profile format and their enums, both ways.

#include <array>
#include <utility>

#include "core/word_table.hpp"
#include "planner/profile.hpp"

namespace tessera::planner {
namespace {

constexpr WordTable<Severity, 3> kSeverities{
    {{Severity::kMild, "mild"}, {Severity::kModerate, "moderate"}, {Severity::kSevere, "severe"}}};
constexpr WordTable<Level, 3> kLevels{
    {{Level::kLow, "low"}, {Level::kModerate, "moderate"}, {Level::kHigh, "high"}}};
constexpr WordTable<CopingStyle, 3> kCoping{{{CopingStyle::kInternalizing, "internalizing"},
                                             {CopingStyle::kExternalizing, "externalizing"},
                                             {CopingStyle::kMixed, "mixed"}}};
constexpr WordTable<Stage, 5> kStages{{{Stage::kPrecontemplation, "precontemplation"},
                                       {Stage::kContemplation, "contemplation"},
                                       {Stage::kPreparation, "preparation"},
                                       {Stage::kAction, "action"},
                                       {Stage::kMaintenance, "maintenance"}}};
constexpr WordTable<Suicidality, 4> kSuicidality{{{Suicidality::kNone, "none"},
                                                  {Suicidality::kLow, "low"},
                                                  {Suicidality::kModerate, "moderate"},
                                                  {Suicidality::kHigh, "high"}}};
constexpr WordTable<Dissociation, 3> kDissociation{{{Dissociation::kNone, "none"},
                                                    {Dissociation::kMild, "mild"},
                                                    {Dissociation::kSevere, "severe"}}};
constexpr WordTable<Response, 3> kResponses{{{Response::kHelped, "helped"},
                                             {Response::kNoChange, "no_change"},
                                             {Response::kWorsened, "worsened"}}};

}  // namespace

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

std::string_view Name(Severity value) { return WordFor(kSeverities, value); }
std::string_view Name(Level value) { return WordFor(kLevels, value); }
std::string_view Name(CopingStyle value) { return WordFor(kCoping, value); }
std::string_view Name(Stage value) { return WordFor(kStages, value); }
std::string_view Name(Suicidality value) { return WordFor(kSuicidality, value); }
std::string_view Name(Dissociation value) { return WordFor(kDissociation, value); }
std::string_view Name(Response value) { return WordFor(kResponses, value); }

std::optional<Severity> ParseSeverity(std::string_view word) { return ValueFor(kSeverities, word); }
std::optional<Level> ParseLevel(std::string_view word) { return ValueFor(kLevels, word); }
std::optional<CopingStyle> ParseCopingStyle(std::string_view word) {
  return ValueFor(kCoping, word);
}
std::optional<Stage> ParseStage(std::string_view word) { return ValueFor(kStages, word); }
std::optional<Suicidality> ParseSuicidality(std::string_view word) {
  return ValueFor(kSuicidality, word);
}
std::optional<Dissociation> ParseDissociation(std::string_view word) {
  return ValueFor(kDissociation, word);
}
std::optional<Response> ParseResponse(std::string_view word) { return ValueFor(kResponses, word); }

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
