#pragma once
// The client profile the planner works from (issue 4's profile file). Omitted sections mean
// "unknown", never "low": every STS dimension, preference and risk flag is optional.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace tessera::planner {

// The profile's words and enums (severity, STS levels, stage of change, risk levels) are the
// clinical vocabulary of core/vocabulary.hpp.

/// How a technique tried before worked for the client (treatment history).
enum class Response { kHelped, kNoChange, kWorsened };
inline constexpr WordTable<Response, 3> kResponseWords{{{Response::kHelped, "helped"},
                                                        {Response::kNoChange, "no_change"},
                                                        {Response::kWorsened, "worsened"}}};

struct ProblemEntry {
  std::string id;
  Severity severity = Severity::kModerate;
};

/// Systematic Treatment Selection dimensions (Beutler).
struct StsProfile {
  std::optional<StsLevel> functional_impairment;
  std::optional<CopingStyle> coping_style;
  std::optional<StsLevel> reactance;
  std::optional<StsLevel> distress;
  std::optional<StsLevel> social_support;
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
  std::optional<StageOfChange> stage;
  CnipScales preferences;
  std::vector<std::string> goals;  // in the client's own words
  RiskProfile risk;
  std::vector<HistoryEntry> history;
};

/// Parses and validates a profile file. Problem and technique ids must exist in the catalogue.
/// Errors are InvalidArgument naming the field, e.g. "profile.problems[0].severity: 'huge' is
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

std::string_view Name(Response value);

std::optional<Response> ParseResponse(std::string_view word);

}  // namespace tessera::planner
