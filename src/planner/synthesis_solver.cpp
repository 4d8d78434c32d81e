// The selective-synthesis objective and constraints checked directly on a set of items, and the
// brute-force optimiser the tests compare CBC against (synthesis_milp.cpp holds the MILP).

#include "planner/synthesis_solver.hpp"

#include <algorithm>
#include <cassert>

namespace tessera::planner {
namespace {

constexpr double kEpsilon = 1e-9;

bool Incompatible(const SynthesisProblem& problem, int first, int second) {
  const auto& a = problem.items[first].incompatible;
  const auto& b = problem.items[second].incompatible;
  return std::find(a.begin(), a.end(), second) != a.end() ||
         std::find(b.begin(), b.end(), first) != b.end();
}

}  // namespace

double SynthesisObjective(const SynthesisProblem& problem, const std::vector<int>& chosen) {
  std::vector<double> coverage(problem.target_weights.size(), 0.0);
  for (const int item : chosen) {
    for (const auto& [target, amount] : problem.items[item].contributions)
      coverage[target] += amount;
  }
  double value = 0;
  for (std::size_t target = 0; target < coverage.size(); ++target) {
    value += problem.target_weights[target] * std::min(problem.cap, coverage[target]) / problem.cap;
  }
  return value;
}

bool SynthesisFeasible(const SynthesisProblem& problem, const std::vector<int>& chosen) {
  if (static_cast<int>(chosen.size()) > problem.max_items) return false;
  std::vector<bool> in_set(problem.items.size(), false);
  int sessions = 0;
  for (const int item : chosen) {
    in_set[item] = true;
    sessions += problem.items[item].sessions;
  }
  if (sessions > problem.session_budget) return false;
  for (std::size_t first = 0; first < chosen.size(); ++first) {
    for (std::size_t second = first + 1; second < chosen.size(); ++second) {
      if (Incompatible(problem, chosen[first], chosen[second])) return false;
    }
    for (const int prerequisite : problem.items[chosen[first]].prerequisites) {
      if (!in_set[prerequisite]) return false;
    }
  }
  for (const auto& rule : problem.requirements) {
    const bool triggered = std::any_of(rule.triggers.begin(), rule.triggers.end(),
                                       [&](int item) { return in_set[item]; });
    const bool met = std::any_of(rule.options.begin(), rule.options.end(),
                                 [&](int item) { return in_set[item]; });
    if (triggered && !met) return false;
  }
  return true;
}

std::vector<int> DropItemsThatAddNothing(const SynthesisProblem& problem, std::vector<int> chosen) {
  const double objective = SynthesisObjective(problem, chosen);
  for (std::size_t position = chosen.size(); position-- > 0;) {
    std::vector<int> smaller = chosen;
    smaller.erase(smaller.begin() + static_cast<std::ptrdiff_t>(position));
    if (SynthesisFeasible(problem, smaller) &&
        SynthesisObjective(problem, smaller) >= objective - kEpsilon) {
      chosen = std::move(smaller);
    }
  }
  return chosen;
}

SynthesisResult SolveSynthesisByBruteForce(const SynthesisProblem& problem) {
  assert(problem.items.size() <= 22);
  SynthesisResult result;
  result.objective = -1;
  const unsigned long subsets = 1UL << problem.items.size();
  for (unsigned long mask = 0; mask < subsets; ++mask) {
    std::vector<int> chosen;
    for (std::size_t item = 0; item < problem.items.size(); ++item) {
      if (mask & (1UL << item)) chosen.push_back(static_cast<int>(item));
    }
    if (!SynthesisFeasible(problem, chosen)) continue;
    const double value = SynthesisObjective(problem, chosen);
    if (value > result.objective + kEpsilon) {
      result.objective = value;
      result.chosen = chosen;
    }
    ++result.nodes;
  }
  result.bound = result.objective;
  result.proven_optimal = true;
  return result;
}

}  // namespace tessera::planner
