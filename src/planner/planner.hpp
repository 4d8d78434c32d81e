#pragma once
// The integration planner: profile + therapist(s) + catalogue + strategy -> a plan that
// explains every choice. Deterministic: the same request gives the same plan, byte for byte.
//
//   PlanRequest request{.profile = profile, .therapists = {ana}, .strategy =
//   Strategy::kSequential}; TRY_ASSIGN(Plan plan, MakePlan(request, catalog)); std::cout <<
//   PlanToJson(plan);

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

/// Builds a plan with the requested strategy. Every plan has a common-factors layer, the
/// excluded techniques with reasons, competence and preference gaps, referrals for problems
/// outside outpatient work, the client's goals and the options offered. Returns
/// InvalidArgument for a bad profile or constraints (naming the field), or when the strategy
/// cannot be applied (e.g. no integrative model is indicated).
Result<Plan> MakePlan(const PlanRequest& request, const catalog::Catalog& catalog);

/// Checks constraints: sessions 1..200, techniques per phase 1..20, techniques 1..40, node
/// limit 1..2e9, time limit above 0 and at most 3600 seconds.
Status ValidateConstraints(const Constraints& constraints);

/// Writes the MILP that selective synthesis solves for this request as a CPLEX LP file at `path`
/// (which must end in .lp), so other solvers can be run on exactly the same problem
/// (bench/planner). Returns InvalidArgument as MakePlan does, or for a path that cannot be written.
Status WriteSelectiveSynthesisLp(const PlanRequest& request, const catalog::Catalog& catalog,
                                 const std::string& path);

}  // namespace tessera::planner
