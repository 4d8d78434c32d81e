#pragma once
// Stable text names of the record enums, used in the store's columns and in JSON files.
// Parse* functions return InvalidArgument naming the accepted values. The clinical words
// (stage of change, attendance, competence) are core/vocabulary.hpp's tables.

#include <string_view>

#include "core/records/audit.hpp"
#include "core/records/clinical.hpp"
#include "core/records/people.hpp"
#include "core/records/plans.hpp"
#include "core/result.hpp"
#include "core/vocabulary.hpp"

namespace tessera {

std::string_view Name(Role value);
std::string_view Name(CareTeamRole value);
std::string_view Name(SignOffRole value);
std::string_view Name(AgreementGiven value);
std::string_view Name(PlanStatus value);

Result<Role> ParseRole(std::string_view text);
/// The one competence scale, or a word of the five-level scale stored before migration 13.
Result<Competence> ParseCompetenceLevel(std::string_view text);
Result<StageOfChange> ParseStageOfChange(std::string_view text);
Result<CareTeamRole> ParseCareTeamRole(std::string_view text);
Result<Attendance> ParseAttendance(std::string_view text);
Result<SignOffRole> ParseSignOffRole(std::string_view text);
Result<AgreementGiven> ParseAgreementGiven(std::string_view text);
Result<PlanStatus> ParsePlanStatus(std::string_view text);

/// True for "YYYY-MM-DD" with a real calendar date.
bool IsIsoDate(std::string_view text);

}  // namespace tessera
