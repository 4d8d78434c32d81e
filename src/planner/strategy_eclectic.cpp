// Technical eclecticism: techniques from any model, chosen by their fit for this client.

#include <algorithm>

#include "planner/strategies.hpp"

namespace tessera::planner {

Result<Plan> PlanEclectic(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  Plan plan;
  plan.strategy = Strategy::kEclectic;
  std::vector<std::string> chosen;
  const int limit = context.request.constraints.max_techniques;
  for (const auto& candidate : assessment.candidates) {
    if (static_cast<int>(chosen.size()) >= limit) break;
    if (candidate.scored.fit <= 0) break;  // nothing left that helps this client
    std::vector<std::string> trial = chosen;
    if (!AddWithPrerequisites(candidate.scored.id, assessment, trial)) continue;
    if (static_cast<int>(trial.size()) > limit) continue;
    chosen = std::move(trial);
  }
  if (EnsureSafetyWork(assessment, chosen)) {
    plan.explanation.push_back("risk reported: " + assessment.safety_technique +
                               " added first whatever its rank");
  }
  if (const std::string added = EnsureStabilisation(assessment, chosen); !added.empty()) {
    plan.explanation.push_back(added +
                               " added: some chosen work is allowed only after stabilisation (" +
                               assessment.stabilisation_reason + ")");
  }
  plan.phases = ArrangeIntoPhases(chosen, assessment);
  for (const auto& candidate : assessment.candidates) plan.ranking.push_back(candidate.scored);
  OfferedOption alternatives{"ranking", {}};
  for (const auto& candidate : assessment.candidates) {
    if (alternatives.options.size() >= 5) break;
    if (std::find(chosen.begin(), chosen.end(), candidate.scored.id) == chosen.end()) {
      alternatives.options.push_back(candidate.scored.id);
    }
  }
  plan.offered_options.push_back(std::move(alternatives));
  plan.explanation.push_back(
      "eclectic: the " + std::to_string(chosen.size()) +
      " best-fitting techniques from any model (fit = weighted evidence, target coverage, "
      "STS match, preference match, history and competence; see each technique's components)");
  return plan;
}

}  // namespace tessera::planner
