#pragma once
// Shared by the planner's unit tests: the shipped catalogue and small request builders.

#include <string>

#include "catalog/catalog.hpp"
#include "planner/plan.hpp"

namespace tessera::planner::testing {

/// The catalogue in data/catalog, loaded once; aborts the test binary if it does not load.
const catalog::Catalog& ShippedCatalog();

/// Parses a profile JSON text against the shipped catalogue; fails the test on error.
ClientProfile ProfileFrom(const std::string& json_text);

/// Parses a therapist JSON text against the shipped catalogue; fails the test on error.
Therapist TherapistFrom(const std::string& json_text);

/// Makes a plan; fails the test and returns an empty plan on error.
Plan PlanFor(const PlanRequest& request);

/// Every technique id in the plan's phases, in order.
std::vector<std::string> PlannedIds(const Plan& plan);

/// Index of the phase holding the technique, or -1.
int PhaseIndexOf(const Plan& plan, const std::string& technique);

}  // namespace tessera::planner::testing
