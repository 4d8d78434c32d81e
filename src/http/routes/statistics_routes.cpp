// GET /api/v1/statistics/practice: counts, outcome categories and NHS Talking Therapies
// indicators over the caller's clients' closed episodes (app/practice_statistics).
#include <nlohmann/json.hpp>

#include "app/practice_statistics.hpp"
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
  const auto rate = [](int count, int of) { return of == 0 ? json(nullptr) : json(double(count) / of); };
  return {{"clients", statistics.clients},
          {"episodes", {{"open", statistics.episodes_open}, {"closed", statistics.episodes_closed}}},
          {"sessions", statistics.sessions},
          {"administrations", statistics.administrations},
          {"alerts", {{"open", statistics.alerts_open}, {"handled", statistics.alerts_handled}}},
          {"outcomes", std::move(outcomes)},
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

}  // namespace

Status AddStatisticsRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/api/v1/statistics/practice",
                 .roles = {Role::kAdmin, Role::kClinician, Role::kSupervisor},
                 .summary = "Practice statistics over the caller's clients: counts, outcome "
                            "categories, NHS Talking Therapies indicators (closed episodes)",
                 .handler = [deps](const HandlerContext& context) -> Result<Response> {
                   auto lease = deps.stores.Acquire();
                   TRY_ASSIGN(app::PracticeStatistics statistics,
                              app::ComputePracticeStatistics(*lease, ContextOf(context),
                                                             deps.library));
                   return JsonOk(StatisticsJson(statistics));
                 },
                 .responses = {Reply(200, "PracticeStatistics")}}));
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
  TRY(AddStatisticsRoutes(table, deps));
  TRY(AddMonitorRoutes(table, deps));
  TRY(AddCourseRoutes(table, deps));
  TRY(AddFhirRoutes(table, deps));
  return Ok();
}

}  // namespace tessera::http
