#pragma once
// The clinical vocabulary: one enum per profile and record concept and one word table each.
// The words are those of the client-profile document (docs/schemas/client-profile.schema.json),
// the HTTP API, the CLI files, import/export, the catalogue and the store's columns, so every
// reader and writer uses these tables (issue 13):
//
//   Name(StageOfChange::kAction)      -> "action"
//   ParseStageOfChangeWord("action")  -> StageOfChange::kAction, or std::nullopt
//   AllowedWords(kStageOfChangeWords) -> "precontemplation, contemplation, ..." (for messages)

#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "core/word_table.hpp"

namespace tessera {

/// Prochaska and DiClemente's stages of change.
enum class StageOfChange { kPrecontemplation, kContemplation, kPreparation, kAction, kMaintenance };
inline constexpr WordTable<StageOfChange, 5> kStageOfChangeWords{
    {{StageOfChange::kPrecontemplation, "precontemplation"},
     {StageOfChange::kContemplation, "contemplation"},
     {StageOfChange::kPreparation, "preparation"},
     {StageOfChange::kAction, "action"},
     {StageOfChange::kMaintenance, "maintenance"}}};

/// Whether a booked session took place.
enum class Attendance { kAttended, kCancelledByClient, kCancelledByService, kDidNotAttend };
inline constexpr WordTable<Attendance, 4> kAttendanceWords{
    {{Attendance::kAttended, "attended"},
     {Attendance::kCancelledByClient, "cancelled_by_client"},
     {Attendance::kCancelledByService, "cancelled_by_service"},
     {Attendance::kDidNotAttend, "did_not_attend"}}};
/// The monitor's episode files' short words, still read: "missed" and "cancelled" (the file
/// does not say who cancelled; the monitor only asks whether the session took place).
inline constexpr WordTable<Attendance, 2> kEpisodeFileAttendanceWords{
    {{Attendance::kDidNotAttend, "missed"}, {Attendance::kCancelledByClient, "cancelled"}}};

/// Competence in a model or a technique, ordered: the level a catalogue technique needs and the
/// level a therapist has (decision 0220: one scale since migration 13).
enum class Competence { kNone, kBasic, kCompetent, kExpert };
inline constexpr WordTable<Competence, 4> kCompetenceWords{{{Competence::kNone, "none"},
                                                            {Competence::kBasic, "basic"},
                                                            {Competence::kCompetent, "competent"},
                                                            {Competence::kExpert, "expert"}}};
/// The five-level scale stored before migration 13 ("expert" is the same word in both),
/// still read from requests and import files and written as the scale above.
inline constexpr WordTable<Competence, 4> kFormerCompetenceWords{
    {{Competence::kBasic, "aware"},
     {Competence::kCompetent, "trained"},
     {Competence::kCompetent, "proficient"},
     {Competence::kExpert, "supervisor"}}};

/// A problem's severity.
enum class Severity { kMild, kModerate, kSevere };
inline constexpr WordTable<Severity, 3> kSeverityWords{
    {{Severity::kMild, "mild"}, {Severity::kModerate, "moderate"}, {Severity::kSevere, "severe"}}};

/// Systematic Treatment Selection (Beutler) dimensions of a client, kept as profile traits.
enum class StsDimension {
  kFunctionalImpairment,
  kCopingStyle,
  kReactance,
  kDistress,
  kSocialSupport
};
inline constexpr WordTable<StsDimension, 5> kStsDimensionWords{
    {{StsDimension::kFunctionalImpairment, "functional_impairment"},
     {StsDimension::kCopingStyle, "coping_style"},
     {StsDimension::kReactance, "reactance"},
     {StsDimension::kDistress, "distress"},
     {StsDimension::kSocialSupport, "social_support"}}};
/// The level of every STS dimension but coping style.
enum class StsLevel { kLow, kModerate, kHigh };
inline constexpr WordTable<StsLevel, 3> kStsLevelWords{
    {{StsLevel::kLow, "low"}, {StsLevel::kModerate, "moderate"}, {StsLevel::kHigh, "high"}}};
enum class CopingStyle { kInternalizing, kExternalizing, kMixed };
inline constexpr WordTable<CopingStyle, 3> kCopingStyleWords{
    {{CopingStyle::kInternalizing, "internalizing"},
     {CopingStyle::kExternalizing, "externalizing"},
     {CopingStyle::kMixed, "mixed"}}};

/// The risk flags of a profile ("suicidality:<level>", "dissociation:<level>", the rest bare).
enum class RiskFlag { kSuicidality, kDissociation, kSelfHarm, kPsychosis, kSubstanceIntoxication };
inline constexpr WordTable<RiskFlag, 5> kRiskFlagWords{
    {{RiskFlag::kSuicidality, "suicidality"},
     {RiskFlag::kDissociation, "dissociation"},
     {RiskFlag::kSelfHarm, "self_harm"},
     {RiskFlag::kPsychosis, "psychosis"},
     {RiskFlag::kSubstanceIntoxication, "substance_intoxication"}}};
enum class Suicidality { kNone, kLow, kModerate, kHigh };
inline constexpr WordTable<Suicidality, 4> kSuicidalityWords{{{Suicidality::kNone, "none"},
                                                              {Suicidality::kLow, "low"},
                                                              {Suicidality::kModerate, "moderate"},
                                                              {Suicidality::kHigh, "high"}}};
enum class Dissociation { kNone, kMild, kSevere };
inline constexpr WordTable<Dissociation, 3> kDissociationWords{{{Dissociation::kNone, "none"},
                                                                {Dissociation::kMild, "mild"},
                                                                {Dissociation::kSevere, "severe"}}};

/// The four C-NIP scales (Cooper-Norcross Inventory of Preferences), each a whole number from
/// kCnipLowest to kCnipHighest: a client's preference or a therapist's usual style.
enum class CnipScale { kDirectiveness, kEmotionalIntensity, kPastOrientation, kChallenge };
inline constexpr WordTable<CnipScale, 4> kCnipScaleWords{
    {{CnipScale::kDirectiveness, "directiveness"},
     {CnipScale::kEmotionalIntensity, "emotional_intensity"},
     {CnipScale::kPastOrientation, "past_orientation"},
     {CnipScale::kChallenge, "challenge"}}};
inline constexpr int kCnipLowest = -3;
inline constexpr int kCnipHighest = 3;

constexpr std::string_view Name(StageOfChange value) { return WordFor(kStageOfChangeWords, value); }
constexpr std::string_view Name(Attendance value) { return WordFor(kAttendanceWords, value); }
constexpr std::string_view Name(Competence value) { return WordFor(kCompetenceWords, value); }
constexpr std::string_view Name(Severity value) { return WordFor(kSeverityWords, value); }
constexpr std::string_view Name(StsDimension value) { return WordFor(kStsDimensionWords, value); }
constexpr std::string_view Name(StsLevel value) { return WordFor(kStsLevelWords, value); }
constexpr std::string_view Name(CopingStyle value) { return WordFor(kCopingStyleWords, value); }
constexpr std::string_view Name(RiskFlag value) { return WordFor(kRiskFlagWords, value); }
constexpr std::string_view Name(Suicidality value) { return WordFor(kSuicidalityWords, value); }
constexpr std::string_view Name(Dissociation value) { return WordFor(kDissociationWords, value); }
constexpr std::string_view Name(CnipScale value) { return WordFor(kCnipScaleWords, value); }

constexpr std::optional<StageOfChange> ParseStageOfChangeWord(std::string_view word) {
  return ValueFor(kStageOfChangeWords, word);
}
/// A record's attendance word, or an episode file's short word ("missed", "cancelled").
constexpr std::optional<Attendance> ParseAttendanceWord(std::string_view word) {
  if (auto value = ValueFor(kAttendanceWords, word)) return value;
  return ValueFor(kEpisodeFileAttendanceWords, word);
}
/// The one scale only (catalogue files, planner therapist files).
constexpr std::optional<Competence> ParseCompetence(std::string_view word) {
  return ValueFor(kCompetenceWords, word);
}
/// The one scale or a word of the former five-level scale (records: requests, imports, rows).
constexpr std::optional<Competence> ParseCompetenceOrFormer(std::string_view word) {
  if (auto value = ValueFor(kCompetenceWords, word)) return value;
  return ValueFor(kFormerCompetenceWords, word);
}
constexpr std::optional<Severity> ParseSeverity(std::string_view word) {
  return ValueFor(kSeverityWords, word);
}
constexpr std::optional<StsDimension> ParseStsDimension(std::string_view word) {
  return ValueFor(kStsDimensionWords, word);
}
constexpr std::optional<StsLevel> ParseStsLevel(std::string_view word) {
  return ValueFor(kStsLevelWords, word);
}
constexpr std::optional<CopingStyle> ParseCopingStyle(std::string_view word) {
  return ValueFor(kCopingStyleWords, word);
}
constexpr std::optional<RiskFlag> ParseRiskFlag(std::string_view word) {
  return ValueFor(kRiskFlagWords, word);
}
constexpr std::optional<Suicidality> ParseSuicidality(std::string_view word) {
  return ValueFor(kSuicidalityWords, word);
}
constexpr std::optional<Dissociation> ParseDissociation(std::string_view word) {
  return ValueFor(kDissociationWords, word);
}
constexpr std::optional<CnipScale> ParseCnipScale(std::string_view word) {
  return ValueFor(kCnipScaleWords, word);
}

}  // namespace tessera
