#pragma once
// The exact optimiser behind selective synthesis, on plain indices so it can be tested against
// brute force. Choose a set S of items maximising
//
//   objective(S) = sum over targets g of  w_g * min(cap, sum_{i in S} a_ig) / cap
//
// subject to: total sessions <= budget, |S| <= max_items, no incompatible pair in S, every
// prerequisite of a chosen item chosen too, and each "require any" rule satisfied (if a
// trigger item is chosen, at least one of its options is). Solved as a mixed-integer linear
// programme by COIN-OR CBC; the formulation (every variable and constraint, with the clinical
// rule it encodes) is in synthesis_milp.cpp and docs/planner.md.

#include <string>
#include <vector>

#include "core/result.hpp"

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
  std::string rule;  // names the rule in the model, e.g. "stabilise" (LP row names: rule_trigger)
};

struct SynthesisProblem {
  std::vector<double> target_weights;
  std::vector<std::string> target_ids;  // optional, for names in the model; "g<index>" when empty
  double cap = 3.0;
  std::vector<SynthesisItem> items;
  std::vector<RequireAny> requirements;
  int session_budget = 20;
  int max_items = 10;
  long node_limit = 400'000;         // branch-and-bound nodes; deterministic
  double time_limit_seconds = 10.0;  // wall-clock guard; a plan cut short by it may vary by machine
};

/// How the solver finished. Only kOptimal proves the plan is the best one.
enum class SynthesisStatus { kOptimal, kNodeLimit, kTimeLimit };

struct SynthesisResult {
  std::vector<int> chosen;  // ascending item indices
  double objective = 0;     // objective(chosen), computed exactly from the chosen set
  double bound = 0;  // the solver's proven upper bound on the optimum; == objective when proven
  bool proven_optimal = false;
  SynthesisStatus status = SynthesisStatus::kOptimal;
  long nodes = 0;  // branch-and-bound nodes the solver explored
};

/// Solves with CBC (single thread, fixed seeds, log off). Deterministic unless the time limit
/// is reached. Among sets with the same objective, items whose removal keeps the set feasible and
/// the objective unchanged are dropped (last first). Errors: kInternal when CBC abandons the
/// problem (numerical difficulties); never for a well-formed problem.
Result<SynthesisResult> SolveSynthesis(const SynthesisProblem& problem);

/// Writes the same model SolveSynthesis solves as a CPLEX LP file (written by CBC as the
/// equivalent minimisation of the negated objective), for checking with other solvers.
Status WriteSynthesisLp(const SynthesisProblem& problem, const std::string& path);

/// Every subset, for tests. REQUIRES: items.size() <= 22.
SynthesisResult SolveSynthesisByBruteForce(const SynthesisProblem& problem);

double SynthesisObjective(const SynthesisProblem& problem, const std::vector<int>& chosen);
bool SynthesisFeasible(const SynthesisProblem& problem, const std::vector<int>& chosen);

/// Removes, last first, each item whose removal keeps the set feasible and the objective unchanged
/// (among equally good plans, the one with fewer techniques). REQUIRES: chosen is ascending.
std::vector<int> DropItemsThatAddNothing(const SynthesisProblem& problem, std::vector<int> chosen);

}  // namespace tessera::planner
