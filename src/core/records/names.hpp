#pragma once
// Stable text names of the record enums, used in the store's columns and in JSON files.
// Parse* functions return InvalidArgument naming the accepted values.

#include <string_view>

#include "core/records/audit.hpp"
#include "core/records/clinical.hpp"
#include "core/records/people.hpp"
#include "core/records/plans.hpp"
#include "core/result.hpp"

namespace tessera {

std::string_view Name(Role value);
std::string_view Name(CompetenceLevel value);
std::string_view Name(StageOfChange value);
std::string_view Name(CareTeamRole value);
std::string_view Name(Attendance value);
std::string_view Name(SignOffRole value);
std::string_view Name(AgreementGiven value);
std::string_view Name(PlanStatus value);

Result<Role> ParseRole(std::string_view text);
Result<CompetenceLevel> ParseCompetenceLevel(std::string_view text);
Result<StageOfChange> ParseStageOfChange(std::string_view text);
Result<CareTeamRole> ParseCareTeamRole(std::string_view text);
Result<Attendance> ParseAttendance(std::string_view text);
Result<SignOffRole> ParseSignOffRole(std::string_view text);
Result<AgreementGiven> ParseAgreementGiven(std::string_view text);
Result<PlanStatus> ParsePlanStatus(std::string_view text);

/// True for "YYYY-MM-DD" with a real calendar date.
bool IsIsoDate(std::string_view text);

}  // namespace tessera
