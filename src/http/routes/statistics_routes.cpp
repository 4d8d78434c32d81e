// GET /api/v1/statistics/practice: counts, outcome categories and NHS Talking Therapies
// indicators over the caller's clients' closed episodes, outcome categories of open episodes so
// far, alert handling times and measure completion, optionally within a period
// (app/practice_statistics).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/practice_statistics.hpp"
#include "app/statistics_breakdown.hpp"
#include "core/records/names.hpp"
#include "http/routes/clinical_routes.hpp"
#include "http/routes/clinical_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

json StatisticsJson(const app::PracticeStatistics& statistics) {
  json outcomes = json::object();
  for (const auto& [instrument, counts] : statistics.outcomes) {
    outcomes[instrument] = {{"episodes", counts.episodes}, {"categories", counts.categories}};
  }
  const app::NhsTtSummary& nhs = statistics.nhs_talking_therapies;
  // Rates follow the indicator definitions: recovery over cases at the start, improvement and
  // deterioration over every paired episode (null when there is no denominator).
  const auto rate = [](int count, int of) {
    return of == 0 ? json(nullptr) : json(double(count) / of);
  };
  json outcomes_open = json::object();
  for (const auto& [instrument, counts] : statistics.outcomes_open) {
    outcomes_open[instrument] = {{"episodes", counts.episodes}, {"categories", counts.categories}};
  }
  const auto date = [](const std::optional<std::string>& day) {
    return day ? json(*day) : json(nullptr);
  };
  const auto median = app::Median(statistics.hours_to_first_handling);
  return {
      {"period", {{"from", date(statistics.period.from)}, {"to", date(statistics.period.to)}}},
      {"clients", statistics.clients},
      {"episodes", {{"open", statistics.episodes_open}, {"closed", statistics.episodes_closed}}},
      {"sessions", statistics.sessions},
      {"administrations", statistics.administrations},
      {"alerts",
       {{"open", statistics.alerts_open},
        {"handled", statistics.alerts_handled},
        {"median_hours_to_first_handling", median ? json(*median) : json(nullptr)}}},
      {"measure_completion",
       {{"attended_sessions", statistics.attended_sessions},
        {"with_measure", statistics.attended_sessions_with_measure},
        {"rate", rate(statistics.attended_sessions_with_measure, statistics.attended_sessions)}}},
      {"outcomes", std::move(outcomes)},
      {"outcomes_open", std::move(outcomes_open)},
      {"nhs_talking_therapies",
       {{"paired_episodes", nhs.paired_episodes},
        {"caseness", nhs.caseness},
        {"recovery", nhs.recovery},
        {"reliable_improvement", nhs.reliable_improvement},
        {"reliable_deterioration", nhs.reliable_deterioration},
        {"reliable_recovery", nhs.reliable_recovery},
        {"recovery_rate", rate(nhs.recovery, nhs.caseness)},
        {"reliable_recovery_rate", rate(nhs.reliable_recovery, nhs.caseness)},
        {"reliable_improvement_rate", rate(nhs.reliable_improvement, nhs.paired_episodes)}}}};
}

json GroupsJson(const std::vector<app::StatisticsGroup>& groups) {
  json out = json::array();
  for (const app::StatisticsGroup& group : groups)
    out.push_back(
        {{"id", group.id}, {"name", group.name}, {"statistics", StatisticsJson(group.statistics)}});
  return out;
}

// `from` / `to`: ISO dates, both optional; 400 naming the parameter when malformed or reversed.
Result<app::StatisticsPeriod> ParsePeriod(const std::map<std::string, std::string>& query) {
  app::StatisticsPeriod period;
  for (const char* name : {"from", "to"}) {
    const auto found = query.find(name);
    if (found == query.end()) continue;
    if (!IsIsoDate(found->second)) {
      return InvalidArgument(std::string("query parameter '") + name +
                             "' must be a date YYYY-MM-DD");
    }
    (std::string_view(name) == "from" ? period.from : period.to) = found->second;
  }
  if (period.from && period.to && *period.from > *period.to) {
    return InvalidArgument("query parameter 'from' must not be after 'to'");
  }
  return period;
}

}  // namespace

Status AddStatisticsRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/statistics/practice",
                 .roles = {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                 .summary = "Practice statistics over the caller's clients: counts, outcome "
                            "categories of closed and open episodes, NHS Talking Therapies "
                            "indicators (closed episodes), alert handling times, measure "
                            "completion; optionally within a period; broken down per team "
                            "(admins, supervisors) and per clinician (a clinician: their own)",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   TRY_ASSIGN(app::StatisticsPeriod period, ParsePeriod(context.target.query));
                   auto lease = deps.stores.Acquire();
                   TRY_ASSIGN(app::PracticeStatistics statistics,
                              app::ComputePracticeStatistics(*lease, ContextOf(context),
                                                             deps.library, period));
                   TRY_ASSIGN(app::StatisticsBreakdown breakdown,
                              app::ComputeStatisticsBreakdown(*lease, ContextOf(context),
                                                              deps.library, period));
                   json out = StatisticsJson(statistics);
                   out["by_team"] = GroupsJson(breakdown.by_team);
                   out["by_clinician"] = GroupsJson(breakdown.by_clinician);
                   return JsonOk(out);
                 },
                 .responses = {Reply(200, "PracticeStatistics")},
                 .query = {{"from", "first day counted (YYYY-MM-DD, included)"},
                           {"to", "last day counted (YYYY-MM-DD, included)"}}}));
  return Ok();
}

Status AddClinicalRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(AddInstrumentRoutes(table, deps));
  TRY(AddCatalogRoutes(table, deps));
  TRY(AddMeasureRoutes(table, deps));
  TRY(AddPlanRoutes(table, deps));
  TRY(AddAlertRoutes(table, deps));
  TRY(AddNotificationRoutes(table, deps));
  TRY(AddReminderRoutes(table, deps));
  TRY(AddCaseloadRoutes(table, deps));
  TRY(AddScheduleRoutes(table, deps));
  TRY(AddProgressSharingRoutes(table, deps));
  TRY(AddStatisticsRoutes(table, deps));
  TRY(AddMonitorRoutes(table, deps));
  TRY(AddCourseRoutes(table, deps));
  TRY(AddFhirRoutes(table, deps));
  return Ok();
}

}  // namespace tessera::http
