// Selective synthesis: the technique set that covers the client's weighted targets best under
// compatibility, prerequisites, contraindications, competence and the session budget. This file
// turns the client and catalogue into the problem's numbers and rules; synthesis_milp.cpp
// states it as a MILP and solves it with COIN-OR CBC.

#include <algorithm>
#include <map>
#include <sstream>

#include "catalog/vocabulary.hpp"
#include "planner/strategies.hpp"
#include "planner/synthesis_solver.hpp"

namespace tessera::planner {

namespace {

std::string Number(double value) {
  std::ostringstream text;
  text.setf(std::ios::fixed);
  text.precision(3);
  text << value;
  return text.str();
}

// Candidates that cover a client target, plus the prerequisites they need.
std::vector<const Candidate*> SynthesisCandidates(const Assessment& assessment) {
  std::vector<const Candidate*> chosen;
  const auto contains = [&](const std::string& id) {
    return std::any_of(chosen.begin(), chosen.end(),
                       [&](const Candidate* c) { return c->scored.id == id; });
  };
  std::vector<std::pair<double, const Candidate*>> scored;
  for (const auto& candidate : assessment.candidates) {
    const double covered = CoveredWeight(*candidate.technique, assessment.targets);
    if (covered > 0) scored.emplace_back(covered * candidate.suitability, &candidate);
  }
  // Best single contribution first, ties by id: the model's column order (which CBC's
  // deterministic search depends on) and the alternatives offered follow this order.
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second->scored.id < b.second->scored.id;
  });
  for (const auto& [value, candidate] : scored) {
    std::vector<std::string> closure;
    if (!AddWithPrerequisites(candidate->scored.id, assessment, closure)) continue;
    for (const auto& id : closure) {
      if (!contains(id)) chosen.push_back(assessment.Find(id));
    }
  }
  return chosen;
}

// Says how far the plan is proven: optimal, or the gap to the solver's proven bound.
std::string SolverStatusLine(const SynthesisResult& result, const Constraints& constraints) {
  const std::string nodes = std::to_string(result.nodes) + " branch-and-bound nodes";
  if (result.proven_optimal)
    return "optimality proven by the MILP solver COIN-OR CBC (" + nodes + ")";
  const std::string limit =
      result.status == SynthesisStatus::kTimeLimit
          ? "the time limit (" + Number(constraints.time_limit_seconds) + " s)"
          : "the node limit (" + std::to_string(constraints.node_limit) + ")";
  const double gap = result.bound - result.objective;
  const double percent = result.bound > 0 ? 100.0 * gap / result.bound : 0.0;
  return "CBC stopped at " + limit + " (" + nodes +
         "), so optimality is not proven: the best plan found is within " + Number(gap) + " (" +
         Number(percent) + " %) of the proven bound " + Number(result.bound);
}

}  // namespace

SynthesisProblem BuildSynthesisProblem(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  const Constraints& constraints = context.request.constraints;
  const std::vector<const Candidate*> candidates = SynthesisCandidates(assessment);

  SynthesisProblem problem;
  // A target counts as fully covered when the techniques aimed at it add up to two central
  // (weight 3), fully suitable techniques.
  problem.cap = 2.0;
  problem.session_budget = constraints.session_budget;
  problem.max_items = constraints.max_techniques;
  problem.node_limit = constraints.node_limit;
  problem.time_limit_seconds = constraints.time_limit_seconds;
  std::map<std::string, int> target_index;
  for (const auto& [id, weight] : assessment.targets) {
    target_index[id] = static_cast<int>(problem.target_weights.size());
    problem.target_weights.push_back(weight);
    problem.target_ids.push_back(id);
  }
  std::map<std::string, int> item_index;
  for (const Candidate* candidate : candidates)
    item_index[candidate->scored.id] = static_cast<int>(item_index.size());
  RequireAny stabilise;
  stabilise.rule = "stabilise_first";
  RequireAny motivate;
  motivate.rule = "motivate_first";
  for (const Candidate* candidate : candidates) {
    const catalog::Technique& technique = *candidate->technique;
    SynthesisItem item;
    item.id = technique.id;
    item.sessions = technique.sessions;
    for (const auto& target : technique.targets) {
      const auto found = target_index.find(target.id);
      if (found != target_index.end()) {
        item.contributions.emplace_back(found->second,
                                        candidate->suitability * target.weight / 3.0);
      }
    }
    for (const auto& prerequisite : technique.prerequisites)
      item.prerequisites.push_back(item_index.at(prerequisite));
    for (const auto& other : technique.incompatible_with) {
      const auto found = item_index.find(other);
      if (found != item_index.end()) item.incompatible.push_back(found->second);
    }
    const int index = item_index.at(technique.id);
    // Work allowed only after stabilisation needs a stabilising (arousal-lowering) technique in
    // the set, as EnsureStabilisation and phase placement define it; action
    // techniques before the action stage need motivational work in the set.
    if (candidate->after_stabilisation) stabilise.triggers.push_back(index);
    const auto& phases = technique.phases;
    if (std::find(phases.begin(), phases.end(), catalog::Phase::kStabilisation) != phases.end() &&
        technique.sts.arousal == catalog::Arousal::kLowering) {
      stabilise.options.push_back(index);
    }
    if (assessment.needs_motivation && technique.readiness == catalog::Readiness::kAction)
      motivate.triggers.push_back(index);
    const bool motivational = std::any_of(
        technique.targets.begin(), technique.targets.end(),
        [](const catalog::WeightedTarget& target) { return target.id == "ambivalence"; });
    if (motivational &&
        std::find(phases.begin(), phases.end(), catalog::Phase::kEngagement) != phases.end()) {
      motivate.options.push_back(index);
    }
    problem.items.push_back(std::move(item));
  }
  // With risk reported, any plan at all must include safety work.
  RequireAny safety;
  safety.rule = "safety_work";
  for (std::size_t index = 0; index < problem.items.size(); ++index) {
    safety.triggers.push_back(static_cast<int>(index));
    if (assessment.risk_present && Assessment::IsSafetyWork(*candidates[index]->technique)) {
      safety.options.push_back(static_cast<int>(index));
    }
  }
  problem.requirements = {stabilise, motivate};
  if (assessment.risk_present && !safety.options.empty())
    problem.requirements.push_back(std::move(safety));
  return problem;
}

Result<Plan> PlanSelectiveSynthesis(const StrategyContext& context) {
  const Constraints& constraints = context.request.constraints;
  const Assessment& assessment = context.assessment;
  const SynthesisProblem problem = BuildSynthesisProblem(context);
  std::vector<const Candidate*> candidates;
  for (const auto& item : problem.items) candidates.push_back(assessment.Find(item.id));
  std::map<std::string, int> target_index;
  for (const auto& [id, weight] : assessment.targets)
    target_index[id] = static_cast<int>(target_index.size());

  TRY_ASSIGN(const SynthesisResult result, SolveSynthesis(problem));
  Plan plan;
  plan.strategy = Strategy::kSelectiveSynthesis;
  std::vector<std::string> chosen;
  for (const int index : result.chosen) chosen.push_back(problem.items[index].id);
  plan.phases = ArrangeIntoPhases(chosen, assessment);
  plan.objective = Round3(result.objective);
  plan.bound = Round3(result.bound);
  plan.proven_optimal = result.proven_optimal;
  plan.search_nodes = result.nodes;

  double total = 0;
  for (const double weight : problem.target_weights) total += weight;
  plan.explanation.push_back(
      "selective synthesis: " + std::to_string(chosen.size()) + " techniques chosen from " +
      std::to_string(candidates.size()) +
      " candidates to maximise suitability-weighted coverage of the client's targets (" +
      Number(result.objective) + " of " + Number(total) + " target weight), within " +
      std::to_string(constraints.session_budget) + " sessions and " +
      std::to_string(constraints.max_techniques) + " techniques");
  plan.explanation.push_back(SolverStatusLine(result, constraints));
  std::vector<double> coverage(problem.target_weights.size(), 0.0);
  for (const int index : result.chosen) {
    for (const auto& [target, amount] : problem.items[index].contributions)
      coverage[target] += amount;
  }
  std::string uncovered;
  for (const auto& [id, index] : target_index) {
    if (coverage[index] <= 0)
      uncovered += (uncovered.empty() ? "" : ", ") + context.catalog.TargetName(id);
  }
  if (!uncovered.empty())
    plan.explanation.push_back("targets not covered within the budget: " + uncovered);
  OfferedOption alternatives{"synthesis", {}};
  for (const Candidate* candidate : candidates) {
    if (alternatives.options.size() >= 5) break;
    if (std::find(chosen.begin(), chosen.end(), candidate->scored.id) == chosen.end()) {
      alternatives.options.push_back(candidate->scored.id);
    }
  }
  plan.offered_options.push_back(std::move(alternatives));
  return plan;
}

}  // namespace tessera::planner
