#pragma once
// The exact optimiser behind selective synthesis, on plain indices so it can be tested against
// brute force. Choose a set S of items maximising
//
//   objective(S) = sum over targets g of  w_g * min(cap, sum_{i in S} a_ig) / cap
//
// subject to: total sessions <= budget, |S| <= max_items, no incompatible pair in S, every
// prerequisite of a chosen item chosen too, and each "require any" rule satisfied (if a
// trigger item is chosen, at least one of its options is). The objective is monotone and
// submodular in S. Branch and bound bounds what any completion can add by relaxing each
// target's cap with a multiplier (see Bound in the .cpp), limited by the slots and (fractionally)
// the sessions left, and stops at a node limit, reporting the best set and the proven bound.

#include <string>
#include <vector>

namespace tessera::planner {

struct SynthesisItem {
  std::string id;
  int sessions = 1;
  std::vector<std::pair<int, double>> contributions;  // (target index, amount >= 0)
  std::vector<int> prerequisites;                     // item indices
  std::vector<int> incompatible;                      // item indices (symmetric is not required)
};

struct RequireAny {
  std::vector<int> triggers;
  std::vector<int> options;
};

struct SynthesisProblem {
  std::vector<double> target_weights;
  double cap = 3.0;
  std::vector<SynthesisItem> items;
  std::vector<RequireAny> requirements;
  int session_budget = 20;
  int max_items = 10;
  long node_limit = 400'000;
};

struct SynthesisResult {
  std::vector<int> chosen;  // ascending item indices
  double objective = 0;
  double bound = 0;         // proven upper bound on the optimum; == objective when proven
  bool proven_optimal = false;
  long nodes = 0;
};

/// Branch and bound. Deterministic: ties keep the first set found in the fixed search order,
/// then items that add nothing to the objective are dropped (the objective is unchanged).
SynthesisResult SolveSynthesis(const SynthesisProblem& problem);

/// Every subset, for tests. REQUIRES: items.size() <= 22.
SynthesisResult SolveSynthesisByBruteForce(const SynthesisProblem& problem);

double SynthesisObjective(const SynthesisProblem& problem, const std::vector<int>& chosen);
bool SynthesisFeasible(const SynthesisProblem& problem, const std::vector<int>& chosen);

}  // namespace tessera::planner
