#pragma once
// The client profile the planner works from (issue 4's profile file). Omitted sections mean
// "unknown", never "low": every STS dimension, preference and risk flag is optional.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/result.hpp"

namespace tessera::planner {

enum class Severity { kMild, kModerate, kSevere };
enum class Level { kLow, kModerate, kHigh };
enum class CopingStyle { kInternalizing, kExternalizing, kMixed };
enum class Stage { kPrecontemplation, kContemplation, kPreparation, kAction, kMaintenance };
enum class Suicidality { kNone, kLow, kModerate, kHigh };
enum class Dissociation { kNone, kMild, kSevere };
enum class Response { kHelped, kNoChange, kWorsened };

struct ProblemEntry {
  std::string id;
  Severity severity = Severity::kModerate;
};

/// Systematic Treatment Selection dimensions (Beutler).
struct StsProfile {
  std::optional<Level> functional_impairment;
  std::optional<CopingStyle> coping_style;
  std::optional<Level> reactance;
  std::optional<Level> distress;
  std::optional<Level> social_support;
};

/// The four C-NIP scales, each -3..+3 (client preference, or a therapist's usual style).
struct CnipScales {
  std::optional<int> directiveness;        // +3 therapist-directed, -3 client-directed
  std::optional<int> emotional_intensity;  // +3 intense, -3 reserved
  std::optional<int> past_orientation;     // +3 past-focused, -3 present-focused
  std::optional<int> challenge;            // +3 focused challenge, -3 warm support
};

struct RiskProfile {
  std::optional<Suicidality> suicidality;
  std::optional<bool> self_harm;
  std::optional<bool> psychosis;
  std::optional<bool> substance_intoxication;
  std::optional<Dissociation> dissociation;
};

struct HistoryEntry {
  std::string technique;
  Response response = Response::kNoChange;
};

struct ClientProfile {
  std::vector<ProblemEntry> problems;
  StsProfile sts;
  std::optional<Stage> stage;
  CnipScales preferences;
  std::vector<std::string> goals;  // in the client's own words
  RiskProfile risk;
  std::vector<HistoryEntry> history;
};

/// Parses and validates a profile file. Problem and technique ids must exist in the catalogue.
/// Errors are InvalidArgument naming the field, e.g. "profile: problems[0].severity 'huge' is
/// not one of mild, moderate, severe".
Result<ClientProfile> ParseProfile(const std::string& json_text, const catalog::Catalog& catalog);

/// Checks a profile built in code against the same rules as ParseProfile.
Status ValidateProfile(const ClientProfile& profile, const catalog::Catalog& catalog);

/// The client states that can contraindicate techniques, in enum order.
std::vector<catalog::Condition> ActiveConditions(const ClientProfile& profile);

/// The profile's word for a matching-rule dimension ("reactance" -> "high"); nullopt when
/// unknown.
std::optional<std::string> DimensionWord(const ClientProfile& profile, std::string_view dimension);

/// Severity as a weight: mild 1, moderate 2, severe 3.
int SeverityWeight(Severity severity);

std::string_view Name(Severity value);
std::string_view Name(Level value);
std::string_view Name(CopingStyle value);
std::string_view Name(Stage value);
std::string_view Name(Suicidality value);
std::string_view Name(Dissociation value);
std::string_view Name(Response value);

std::optional<Severity> ParseSeverity(std::string_view word);
std::optional<Level> ParseLevel(std::string_view word);
std::optional<CopingStyle> ParseCopingStyle(std::string_view word);
std::optional<Stage> ParseStage(std::string_view word);
std::optional<Suicidality> ParseSuicidality(std::string_view word);
std::optional<Dissociation> ParseDissociation(std::string_view word);
std::optional<Response> ParseResponse(std::string_view word);

}  // namespace tessera::planner
