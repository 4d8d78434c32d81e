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
  TRY(AddFhirClientResourceRoutes(
      table, pool, pages,
      {.type = "CarePlan",
       .id_parameter = "care_plan_id",
       .roles = staff_and_client,
       .read_summary = "FHIR CarePlan: a client's active plan, phases and techniques as activities",
       .search_summary = "FHIR search of the active plans of the clients the caller may see",
       .patient_filter = "Patient/<id> or <id>: one client's active plans",
       .read = [&catalog](Store& store, const AccessContext& actor,
                          const std::string& id) -> Result<json> {
         TRY_ASSIGN(const fhir::PlanRef ref, fhir::ParseCarePlanId(id));
         TRY_ASSIGN(const Plan plan, ActivePlanNamed(store, actor, ref, "CarePlan/" + id));
         return fhir::CarePlanOf(plan, catalog);
       },
       .of_client = [&catalog](Store& store, const AccessContext& actor, ClientId client,
                               std::vector<json>& matches) -> Status {
         TRY_ASSIGN(const std::vector<Plan> plans, ActivePlansOf(store, actor, client));
         for (const Plan& plan : plans) matches.push_back(fhir::CarePlanOf(plan, catalog));
         return Ok();
       }}));
  return AddFhirClientResourceRoutes(
      table, pool, pages,
      {.type = "Goal",
       .id_parameter = "goal_id",
       .roles = staff_and_client,
       .read_summary = "FHIR Goal: one of the client's goals in its active plan, in its own words",
       .search_summary =
           "FHIR search of the goals in the active plans of the clients the caller may see",
       .patient_filter = "Patient/<id> or <id>: one client's goals",
       .read = [](Store& store, const AccessContext& actor, const std::string& id) -> Result<json> {
         TRY_ASSIGN(const fhir::GoalRef ref, fhir::ParseGoalId(id));
         TRY_ASSIGN(const Plan plan, ActivePlanNamed(store, actor, ref.plan, "Goal/" + id));
         std::vector<json> goals = fhir::GoalsOf(plan);
         if (ref.number > goals.size()) return NotFound("Goal/" + id + " not found");
         return goals[ref.number - 1];
       },
       .of_client = [](Store& store, const AccessContext& actor, ClientId client,
                       std::vector<json>& matches) -> Status {
         TRY_ASSIGN(const std::vector<Plan> plans, ActivePlansOf(store, actor, client));
         for (const Plan& plan : plans) {
           for (json& goal : fhir::GoalsOf(plan)) matches.push_back(std::move(goal));
         }
         return Ok();
       }});
}

}  // namespace tessera::http
