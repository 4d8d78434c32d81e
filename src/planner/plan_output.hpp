#pragma once
// Renders plans for machines (JSON) and people (text). Both are pure functions of the plan, so
// the same plan always prints the same bytes.

#include <string>

#include "catalog/catalog.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

/// The plan as pretty-printed JSON (two-space indent, fields in a fixed order, trailing newline):
/// strategy, requested_strategy, phases, common_factors, excluded, competence_gaps,
/// preference_gaps, objective, bound, proven_optimal, referrals, client_goals, problems, offered_options,
/// home_model, template, ranking (eclectic), explanation.
std::string PlanToJson(const Plan& plan);

/// The same plan for a person to read: phases as numbered sections, then the layers and gaps.
std::string PlanToText(const Plan& plan, const catalog::Catalog& catalog);

}  // namespace tessera::planner
