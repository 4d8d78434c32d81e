#pragma once
// The active treatment plan as a FHIR CarePlan, and the client's goals (in their own words,
// from the plan's `client_goals`) as Goal resources. Only what a client sees of its own plan
// goes in (client_view.hpp): phases and techniques by their catalogue names, sessions, the
// phase's goals and the client's goals. Never fit scores, reasons, therapists, switch criteria,
// excluded options or what prompted a revision: a CarePlan reads the same for every caller.
//
//   CarePlan/12-7        plan 7 of client 12 (its current version)
//   Goal/12-7-1          the first of the client's goals in that plan
//
// Activities: one per phase (code urn:tessera:phase) and one per planned technique (code
// urn:tessera:technique, the catalogue's name as display and text), in plan order; the phase
// under way is in-progress, the ones before it completed, the ones after not-started, and each
// technique has its phase's status.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog/catalog.hpp"
#include "core/records/plans.hpp"
#include "core/result.hpp"

namespace tessera::fhir {

inline constexpr std::string_view kPhaseSystem = "urn:tessera:phase";
inline constexpr std::string_view kTechniqueSystem = "urn:tessera:technique";
inline constexpr std::string_view kPlanIdentifierSystem = "urn:tessera:plan";

/// What a CarePlan id ("12-7") or a Goal id ("12-7-1") names.
struct PlanRef {
  ClientId client;
  PlanId plan;
};
struct GoalRef {
  PlanRef plan;
  std::size_t number = 0;  // 1-based position in the plan's client_goals
};
std::string CarePlanId(ClientId client, PlanId plan);
/// kNotFound (as for an id that names nothing) when malformed.
Result<PlanRef> ParseCarePlanId(std::string_view id);
Result<GoalRef> ParseGoalId(std::string_view id);

/// The CarePlan of `plan` (status active: callers serve only the active plan).
/// REQUIRES: !plan.versions.empty().
nlohmann::json CarePlanOf(const Plan& plan, const catalog::Catalog& catalog);

/// The client's goals of `plan`'s current version, as Goal resources (lifecycleStatus active,
/// expressedBy the Patient), in the plan's order.
std::vector<nlohmann::json> GoalsOf(const Plan& plan);

}  // namespace tessera::fhir
