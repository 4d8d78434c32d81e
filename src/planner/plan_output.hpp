#pragma once
// Renders plans for machines (JSON) and people (text). Both are pure functions of the plan, so
// the same plan always prints the same bytes.

#include <string>

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

/// The plan as pretty-printed JSON (two-space indent, fields in a fixed order, trailing newline):
/// strategy, requested_strategy, phases, common_factors, excluded, competence_gaps,
/// preference_gaps, objective, bound, proven_optimal, referrals, client_goals, problems,
/// offered_options, home_model, template, ranking (eclectic), explanation.
std::string PlanToJson(const Plan& plan);

/// The same plan for a person to read: phases as numbered sections, then the layers and gaps.
std::string PlanToText(const Plan& plan, const catalog::Catalog& catalog);

/// A stored plan version's content (PlanToJson's document, with the client's choices and
/// accepted adaptations) for a person to read, in the same format as PlanToText.
Result<std::string> PlanContentToText(const std::string& content, const catalog::Catalog& catalog);

/// The readable summary of a plan version's content: phases with their techniques (id, model,
/// therapist, the first reason as a one-line why), goals, choices offered, gaps, referrals and
/// overrides. The full content adds every fit component, every excluded technique with its
/// reason, the ranking and the explanation. Not a plan document: `detail` says "summary".
Result<std::string> PlanContentSummary(const std::string& content);

}  // namespace tessera::planner
