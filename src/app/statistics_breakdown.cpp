#include "app/statistics_breakdown.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace tessera::app {
namespace {

Status AddGroup(Store& store, const AccessContext& context, const ClinicalLibrary& library,
                const StatisticsPeriod& period, const std::vector<ClientId>& clients,
                StatisticsGroup& group) {
  group.statistics.period = period;
  for (const ClientId client : clients)
    TRY(AddClientStatistics(store, context, library, client, period, group.statistics));
  return Ok();
}

void SortByName(std::vector<StatisticsGroup>& groups) {
  std::sort(groups.begin(), groups.end(),
            [](const StatisticsGroup& left, const StatisticsGroup& right) {
              return std::tie(left.name, left.id) < std::tie(right.name, right.id);
            });
}

}  // namespace

Result<StatisticsBreakdown> ComputeStatisticsBreakdown(Store& store, const AccessContext& context,
                                                       const ClinicalLibrary& library,
                                                       const StatisticsPeriod& period) {
  StatisticsBreakdown breakdown;
  TRY(store.Atomically([&]() -> Status {
    if (!context.actor) return Unauthenticated("this needs a signed-in account");
    TRY_ASSIGN(User actor, store.GetUser(context, *context.actor));
    if (actor.role == Role::kClient)
      return PermissionDenied("a client account has no practice statistics");
    // Whose clients are whose: the lead of every client in the actor's reach.
    const CaseloadScope scope =
        actor.role == Role::kSupervisor ? CaseloadScope::kTeam : CaseloadScope::kOwn;
    TRY_ASSIGN(std::vector<CaseloadRecord> records, store.ReadCaseload(context, scope));
    std::map<std::int64_t, std::vector<ClientId>> led_by;
    std::map<std::int64_t, std::string> lead_names;
    for (const CaseloadRecord& record : records) {
      if (!record.lead) continue;
      // A clinician's breakdown is their own clients, never a co-therapist's.
      if (actor.role == Role::kClinician && *record.lead != actor.id) continue;
      led_by[record.lead->value()].push_back(record.summary.client);
      lead_names[record.lead->value()] = record.lead_name;
    }
    for (const auto& [lead, clients] : led_by) {
      StatisticsGroup group{lead, lead_names[lead], {}};
      TRY(AddGroup(store, context, library, period, clients, group));
      breakdown.by_clinician.push_back(std::move(group));
    }
    if (actor.role == Role::kClinician) return Ok();
    TRY_ASSIGN(std::vector<Team> teams, store.ListTeams(context));
    for (const Team& team : teams) {
      std::vector<ClientId> clients;
      for (const TeamMember& member : team.members) {
        if (member.role != TeamRole::kClinician) continue;
        const auto found = led_by.find(member.user.value());
        if (found != led_by.end())
          clients.insert(clients.end(), found->second.begin(), found->second.end());
      }
      std::sort(clients.begin(), clients.end());
      StatisticsGroup group{team.id.value(), team.name, {}};
      TRY(AddGroup(store, context, library, period, clients, group));
      breakdown.by_team.push_back(std::move(group));
    }
    return Ok();
  }));
  SortByName(breakdown.by_team);
  SortByName(breakdown.by_clinician);
  return breakdown;
}

}  // namespace tessera::app
