#include "catalog/vocabulary.hpp"

#include <array>
#include <utility>

namespace tessera::catalog {
namespace {

template <class E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<Ordinal, 3> kOrdinals{{{Ordinal::kLow, "low"},
                                       {Ordinal::kModerate, "moderate"},
                                       {Ordinal::kHigh, "high"}}};
constexpr Table<Focus, 3> kFoci{{{Focus::kSymptom, "symptom"},
                                 {Focus::kBalanced, "balanced"},
                                 {Focus::kInsight, "insight"}}};
constexpr Table<Arousal, 3> kArousals{{{Arousal::kLowering, "lowering"},
                                       {Arousal::kNeutral, "neutral"},
                                       {Arousal::kRaising, "raising"}}};
constexpr Table<Strength, 3> kStrengths{{{Strength::kEmerging, "emerging"},
                                         {Strength::kModest, "modest"},
                                         {Strength::kStrong, "strong"}}};
constexpr Table<Phase, 6> kPhases{{{Phase::kEngagement, "engagement"},
                                   {Phase::kStabilisation, "stabilisation"},
                                   {Phase::kSkills, "skills"},
                                   {Phase::kProcessing, "processing"},
                                   {Phase::kConsolidation, "consolidation"},
                                   {Phase::kRelapsePrevention, "relapse_prevention"}}};
constexpr Table<Competence, 4> kCompetences{{{Competence::kNone, "none"},
                                             {Competence::kBasic, "basic"},
                                             {Competence::kCompetent, "competent"},
                                             {Competence::kExpert, "expert"}}};
constexpr Table<Condition, 6> kConditions{{{Condition::kAcuteSuicidality, "acute_suicidality"},
                                           {Condition::kActivePsychosis, "active_psychosis"},
                                           {Condition::kSevereDissociation, "severe_dissociation"},
                                           {Condition::kIntoxication, "intoxication"},
                                           {Condition::kSelfHarm, "self_harm"},
                                           {Condition::kSevereDysregulation, "severe_dysregulation"}}};
constexpr Table<ContraEffect, 2> kEffects{{{ContraEffect::kExclude, "exclude"},
                                           {ContraEffect::kAfterStabilisation, "after_stabilisation"}}};
constexpr Table<Readiness, 2> kReadiness{{{Readiness::kAny, "any"}, {Readiness::kAction, "action"}}};
constexpr Table<Scope, 2> kScopes{{{Scope::kTreat, "treat"}, {Scope::kRefer, "refer"}}};

template <class E, std::size_t N>
std::string_view Find(const Table<E, N>& table, E value) {
  for (const auto& [entry, word] : table) {
    if (entry == value) return word;
  }
  return "unknown";
}

template <class E, std::size_t N>
std::optional<E> Parse(const Table<E, N>& table, std::string_view word) {
  for (const auto& [entry, name] : table) {
    if (name == word) return entry;
  }
  return std::nullopt;
}

}  // namespace

std::string_view Name(Ordinal value) { return Find(kOrdinals, value); }
std::string_view Name(Focus value) { return Find(kFoci, value); }
std::string_view Name(Arousal value) { return Find(kArousals, value); }
std::string_view Name(Strength value) { return Find(kStrengths, value); }
std::string_view Name(Phase value) { return Find(kPhases, value); }
std::string_view Name(Competence value) { return Find(kCompetences, value); }
std::string_view Name(Condition value) { return Find(kConditions, value); }
std::string_view Name(ContraEffect value) { return Find(kEffects, value); }
std::string_view Name(Readiness value) { return Find(kReadiness, value); }
std::string_view Name(Scope value) { return Find(kScopes, value); }

std::optional<Ordinal> ParseOrdinal(std::string_view word) { return Parse(kOrdinals, word); }
std::optional<Focus> ParseFocus(std::string_view word) { return Parse(kFoci, word); }
std::optional<Arousal> ParseArousal(std::string_view word) { return Parse(kArousals, word); }
std::optional<Strength> ParseStrength(std::string_view word) { return Parse(kStrengths, word); }
std::optional<Phase> ParsePhase(std::string_view word) { return Parse(kPhases, word); }
std::optional<Competence> ParseCompetence(std::string_view word) { return Parse(kCompetences, word); }
std::optional<Condition> ParseCondition(std::string_view word) { return Parse(kConditions, word); }
std::optional<ContraEffect> ParseContraEffect(std::string_view word) { return Parse(kEffects, word); }
std::optional<Readiness> ParseReadiness(std::string_view word) { return Parse(kReadiness, word); }
std::optional<Scope> ParseScope(std::string_view word) { return Parse(kScopes, word); }

std::vector<std::string_view> DimensionValues(std::string_view dimension) {
  if (dimension == "functional_impairment" || dimension == "reactance" ||
      dimension == "distress" || dimension == "social_support") {
    return {"low", "moderate", "high"};
  }
  if (dimension == "coping_style") return {"internalizing", "externalizing", "mixed"};
  if (dimension == "stage_of_change") {
    return {"precontemplation", "contemplation", "preparation", "action", "maintenance"};
  }
  return {};
}

std::vector<std::string_view> AttributeValues(std::string_view attribute) {
  if (attribute == "directiveness" || attribute == "intensity" || attribute == "challenge") {
    return {"low", "moderate", "high"};
  }
  if (attribute == "focus") return {"symptom", "balanced", "insight"};
  if (attribute == "arousal") return {"lowering", "neutral", "raising"};
  if (attribute == "readiness") return {"any", "action"};
  return {};
}

std::string JoinWords(const std::vector<std::string_view>& words) {
  std::string joined;
  for (const auto word : words) {
    if (!joined.empty()) joined += ", ";
    joined += word;
  }
  return joined;
}

}  // namespace tessera::catalog
