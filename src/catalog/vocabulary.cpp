#include "catalog/vocabulary.hpp"
#include "core/word_table.hpp"

#include <array>
#include <utility>

namespace tessera::catalog {
namespace {

constexpr WordTable<Ordinal, 3> kOrdinals{
    {{Ordinal::kLow, "low"}, {Ordinal::kModerate, "moderate"}, {Ordinal::kHigh, "high"}}};
constexpr WordTable<Focus, 3> kFoci{
    {{Focus::kSymptom, "symptom"}, {Focus::kBalanced, "balanced"}, {Focus::kInsight, "insight"}}};
constexpr WordTable<Arousal, 3> kArousals{{{Arousal::kLowering, "lowering"},
                                           {Arousal::kNeutral, "neutral"},
                                           {Arousal::kRaising, "raising"}}};
constexpr WordTable<Strength, 3> kStrengths{{{Strength::kEmerging, "emerging"},
                                             {Strength::kModest, "modest"},
                                             {Strength::kStrong, "strong"}}};
constexpr WordTable<Phase, 6> kPhases{{{Phase::kEngagement, "engagement"},
                                       {Phase::kStabilisation, "stabilisation"},
                                       {Phase::kSkills, "skills"},
                                       {Phase::kProcessing, "processing"},
                                       {Phase::kConsolidation, "consolidation"},
                                       {Phase::kRelapsePrevention, "relapse_prevention"}}};
constexpr WordTable<Condition, 6> kConditions{
    {{Condition::kAcuteSuicidality, "acute_suicidality"},
     {Condition::kActivePsychosis, "active_psychosis"},
     {Condition::kSevereDissociation, "severe_dissociation"},
     {Condition::kIntoxication, "intoxication"},
     {Condition::kSelfHarm, "self_harm"},
     {Condition::kSevereDysregulation, "severe_dysregulation"}}};
constexpr WordTable<ContraEffect, 2> kEffects{
    {{ContraEffect::kExclude, "exclude"},
     {ContraEffect::kAfterStabilisation, "after_stabilisation"}}};
constexpr WordTable<Readiness, 2> kReadiness{
    {{Readiness::kAny, "any"}, {Readiness::kAction, "action"}}};
constexpr WordTable<Scope, 2> kScopes{{{Scope::kTreat, "treat"}, {Scope::kRefer, "refer"}}};

}  // namespace

std::string_view Name(Ordinal value) { return WordFor(kOrdinals, value); }
std::string_view Name(Focus value) { return WordFor(kFoci, value); }
std::string_view Name(Arousal value) { return WordFor(kArousals, value); }
std::string_view Name(Strength value) { return WordFor(kStrengths, value); }
std::string_view Name(Phase value) { return WordFor(kPhases, value); }
std::string_view Name(Condition value) { return WordFor(kConditions, value); }
std::string_view Name(ContraEffect value) { return WordFor(kEffects, value); }
std::string_view Name(Readiness value) { return WordFor(kReadiness, value); }
std::string_view Name(Scope value) { return WordFor(kScopes, value); }

std::optional<Ordinal> ParseOrdinal(std::string_view word) { return ValueFor(kOrdinals, word); }
std::optional<Focus> ParseFocus(std::string_view word) { return ValueFor(kFoci, word); }
std::optional<Arousal> ParseArousal(std::string_view word) { return ValueFor(kArousals, word); }
std::optional<Strength> ParseStrength(std::string_view word) { return ValueFor(kStrengths, word); }
std::optional<Phase> ParsePhase(std::string_view word) { return ValueFor(kPhases, word); }
std::optional<Condition> ParseCondition(std::string_view word) {
  return ValueFor(kConditions, word);
}
std::optional<ContraEffect> ParseContraEffect(std::string_view word) {
  return ValueFor(kEffects, word);
}
std::optional<Readiness> ParseReadiness(std::string_view word) {
  return ValueFor(kReadiness, word);
}
std::optional<Scope> ParseScope(std::string_view word) { return ValueFor(kScopes, word); }

namespace {

template <class E, std::size_t N>
std::vector<std::string_view> WordsOf(const WordTable<E, N>& table) {
  std::vector<std::string_view> words;
  for (const auto& [value, word] : table) words.push_back(word);
  return words;
}

}  // namespace

std::vector<std::string_view> DimensionValues(std::string_view dimension) {
  if (dimension == "stage_of_change") return WordsOf(kStageOfChangeWords);
  const std::optional<StsDimension> sts = ParseStsDimension(dimension);
  if (!sts) return {};
  if (*sts == StsDimension::kCopingStyle) return WordsOf(kCopingStyleWords);
  return WordsOf(kStsLevelWords);
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
