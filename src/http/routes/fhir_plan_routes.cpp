// FHIR CarePlan and Goal of a client's active plan: reads and searches over the store call of
// GET /api/v1/clients/{id}/plans (ListPlans), with the same roles, so the same object-level
// check, 404 for a client the caller may not see, and audit entry. A client account reaches
// only its own record, as in the JSON API; the resources carry only what a client may see of
// its plan (fhir/care_plan.hpp), so they read the same for every caller.
#include "fhir/care_plan.hpp"
#include "http/routes/fhir_support.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// The active plan a CarePlan or Goal id names; NotFound when it is not (or no longer) active.
Result<Plan> ActivePlanNamed(Store& store, const AccessContext& actor, const fhir::PlanRef& ref,
                             const std::string& what) {
  TRY_ASSIGN(std::vector<Plan> plans, ActivePlansOf(store, actor, ref.client));
  for (Plan& plan : plans) {
    if (plan.id == ref.plan) return std::move(plan);
  }
  return NotFound(what + " not found");
}

}  // namespace

Status AddFhirPlanRoutes(RouteTable& table, const ClinicalRouteDeps& deps) {
  StorePool& pool = deps.stores;
  const PageLimits pages = deps.pages;
  const catalog::Catalog& catalog = deps.library.catalog;
  const std::vector<Role> staff_and_client = {Role::kAdmin, Role::kClinician, Role::kSupervisor,
                                              Role::kClient};
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/CarePlan/{care_plan_id}",
       .roles = staff_and_client,
       .summary = "FHIR CarePlan: a client's active plan, phases and techniques as activities",
       .async_handler = WithStore(pool,
                                  [&catalog](Store& store, const AccessContext& actor,
                                             const HandlerContext& context) -> Result<Response> {
                                    const std::string& id = context.path_params.at("care_plan_id");
                                    TRY_ASSIGN(const fhir::PlanRef ref, fhir::ParseCarePlanId(id));
                                    TRY_ASSIGN(const Plan plan, ActivePlanNamed(store, actor, ref,
                                                                                "CarePlan/" + id));
                                    return FhirReply(200, fhir::CarePlanOf(plan, catalog));
                                  }),
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  TRY(table.Add({.method = Method::kGet,
                 .pattern = "/fhir/R4/CarePlan",
                 .roles = staff_and_client,
                 .summary = "FHIR search of the active plans of the clients the caller may see",
                 .async_handler = WithStore(
                     pool,
                     [&catalog, pages](Store& store, const AccessContext& actor,
                                       const HandlerContext& context) -> Result<Response> {
                       TRY_ASSIGN(const std::vector<ClientId> clients,
                                  ClientsOfSearch(store, actor, context.target.query));
                       std::vector<json> matches;
                       for (const ClientId client : clients) {
                         TRY_ASSIGN(const std::vector<Plan> plans,
                                    ActivePlansOf(store, actor, client));
                         for (const Plan& plan : plans)
                           matches.push_back(fhir::CarePlanOf(plan, catalog));
                       }
                       return SearchReply(context, pages, "CarePlan", matches);
                     }),
                 .responses = {Reply(200, "FhirBundle")},
                 .response_media_type = "application/fhir+json",
                 .query = FhirSearchQuery(
                     {{"patient", "Patient/<id> or <id>: one client's active plans"}})}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Goal/{goal_id}",
       .roles = staff_and_client,
       .summary = "FHIR Goal: one of the client's goals in its active plan, in its own words",
       .async_handler = WithStore(pool,
                                  [](Store& store, const AccessContext& actor,
                                     const HandlerContext& context) -> Result<Response> {
                                    const std::string& id = context.path_params.at("goal_id");
                                    TRY_ASSIGN(const fhir::GoalRef ref, fhir::ParseGoalId(id));
                                    TRY_ASSIGN(
                                        const Plan plan,
                                        ActivePlanNamed(store, actor, ref.plan, "Goal/" + id));
                                    std::vector<json> goals = fhir::GoalsOf(plan);
                                    if (ref.number > goals.size())
                                      return NotFound("Goal/" + id + " not found");
                                    return FhirReply(200, goals[ref.number - 1]);
                                  }),
       .responses = {Reply(200, "FhirResource")},
       .response_media_type = "application/fhir+json"}));
  TRY(table.Add(
      {.method = Method::kGet,
       .pattern = "/fhir/R4/Goal",
       .roles = staff_and_client,
       .summary = "FHIR search of the goals in the active plans of the clients the caller may see",
       .async_handler = WithStore(pool,
                                  [pages](Store& store, const AccessContext& actor,
                                          const HandlerContext& context) -> Result<Response> {
                                    TRY_ASSIGN(const std::vector<ClientId> clients,
                                               ClientsOfSearch(store, actor, context.target.query));
                                    std::vector<json> matches;
                                    for (const ClientId client : clients) {
                                      TRY_ASSIGN(const std::vector<Plan> plans,
                                                 ActivePlansOf(store, actor, client));
                                      for (const Plan& plan : plans) {
                                        for (json& goal : fhir::GoalsOf(plan))
                                          matches.push_back(std::move(goal));
                                      }
                                    }
                                    return SearchReply(context, pages, "Goal", matches);
                                  }),
       .responses = {Reply(200, "FhirBundle")},
       .response_media_type = "application/fhir+json",
       .query = FhirSearchQuery({{"patient", "Patient/<id> or <id>: one client's goals"}})}));
  return Ok();
}

}  // namespace tessera::http
