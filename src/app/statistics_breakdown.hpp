#pragma once
// Practice statistics broken down per team and per clinician (issue 15): the same counts as
// app/practice_statistics.hpp over the clients each team's clinicians and each clinician lead.
// Who sees which groups: an admin every team and every lead clinician; a supervisor the teams
// they supervise and those teams' clinicians (their clients read for supervision, decision
// 0210); a clinician only themselves (the clients they lead), and no team.

#include <cstdint>
#include <string>
#include <vector>

#include "app/practice_statistics.hpp"

namespace tessera::app {

struct StatisticsGroup {
  std::int64_t id = 0;  // the team's id, or the clinician's account id
  std::string name;     // the team's name, or the clinician's name (as the caseload shows it)
  PracticeStatistics statistics;
};

struct StatisticsBreakdown {
  std::vector<StatisticsGroup> by_team;       // by name
  std::vector<StatisticsGroup> by_clinician;  // by name
};

/// The groups the actor may see, in one transaction. Which clients belong to whom comes from
/// one caseload read (Store::ReadCaseload: one audit entry per client), each group's counts
/// from the same per-client reads as ComputePracticeStatistics. A client account gets
/// PermissionDenied.
Result<StatisticsBreakdown> ComputeStatisticsBreakdown(Store& store, const AccessContext& context,
                                                       const ClinicalLibrary& library,
                                                       const StatisticsPeriod& period = {});

}  // namespace tessera::app
