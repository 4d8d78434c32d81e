#pragma once
// Therapist matching: rank therapists by how well their competence and style fit the plan
// recommended for the client (made without regard to who delivers it).

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

struct TherapistMatch {
  std::string therapist;
  double score = 0;       // 0.7 x competence + 0.3 x style, 0..1
  double competence = 0;  // fit-weighted share of the plan's techniques they can deliver
  double style = 0;       // closeness of their style to the client's C-NIP preferences
  std::vector<std::string> reasons;
};

struct MatchResult {
  Plan plan;                            // the recommended plan the therapists are matched against
  std::vector<TherapistMatch> ranking;  // best first, ties by id
};

/// Plans with `strategy` for the client alone, then scores each therapist. Errors as MakePlan;
/// InvalidArgument when no therapist is given.
Result<MatchResult> MatchTherapists(const ClientProfile& profile,
                                    const std::vector<Therapist>& therapists, Strategy strategy,
                                    const Constraints& constraints,
                                    const catalog::Catalog& catalog);

/// {"strategy": ..., "plan_techniques": [...], "ranking": [{therapist, score, competence, style,
/// reasons}]}
std::string MatchToJson(const MatchResult& result);

}  // namespace tessera::planner
