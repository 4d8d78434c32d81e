#include "planner/synthesis_solver.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>

namespace tessera::planner {
namespace {

constexpr double kEpsilon = 1e-9;

bool Incompatible(const SynthesisProblem& problem, int first, int second) {
  const auto& a = problem.items[first].incompatible;
  const auto& b = problem.items[second].incompatible;
  return std::find(a.begin(), a.end(), second) != a.end() || std::find(b.begin(), b.end(), first) != b.end();
}

double Value(const SynthesisProblem& problem, const std::vector<double>& coverage) {
  double value = 0;
  for (std::size_t target = 0; target < coverage.size(); ++target) {
    value += problem.target_weights[target] * std::min(problem.cap, coverage[target]) / problem.cap;
  }
  return value;
}

class BranchAndBound {
 public:
  explicit BranchAndBound(const SynthesisProblem& problem)
      : problem_(problem), coverage_(problem.target_weights.size(), 0.0), in_set_(problem.items.size(), false),
        needed_(problem.items.size(), false) {
    // Items other items may need (prerequisites, options of a rule) can be worth choosing even
    // when they add no coverage themselves.
    for (const auto& item : problem.items) {
      for (const int prerequisite : item.prerequisites) needed_[prerequisite] = true;
    }
    for (const auto& rule : problem.requirements) {
      for (const int option : rule.options) needed_[option] = true;
    }
  }

  SynthesisResult Run() {
    result_.objective = -1;
    Greedy();
    Search(0, 0, 0, true);
    if (result_.objective < 0) result_.objective = 0;  // not even the empty set: cannot happen
    result_.proven_optimal = !aborted_;
    result_.bound = aborted_ ? std::max(result_.objective, open_bound_) : result_.objective;
    result_.nodes = nodes_;
    return result_;
  }

 private:
  double Gain(int item) const {
    double gain = 0;
    for (const auto& [target, amount] : problem_.items[item].contributions) {
      const double before = std::min(problem_.cap, coverage_[target]);
      const double after = std::min(problem_.cap, coverage_[target] + amount);
      gain += problem_.target_weights[target] * (after - before) / problem_.cap;
    }
    return gain;
  }

  // What any completion T drawn from items `next`.. can add. For every target g with room
  // r_g left and any theta_g in [0, 1]:
  //   w_g min(r_g, sum_T a_ig) <= w_g (theta_g r_g + (1 - theta_g) sum_T min(a_ig, r_g)),
  // which makes the gain separable per item; the best T then is bounded by the top items
  // for the slots left and by a fractional knapsack for the sessions left. Any theta gives a
  // valid bound: start at 0 (plain marginal gains) and raise theta on targets the best items
  // would over-fill, keeping the smallest bound.
  double Bound(std::size_t next, int count, int sessions, double enough) const {
    const std::size_t targets = problem_.target_weights.size();
    std::vector<double> room(targets);
    for (std::size_t target = 0; target < targets; ++target) room[target] = problem_.cap - std::min(problem_.cap, coverage_[target]);
    std::vector<double> theta(targets, 0.0);
    const int slots = problem_.max_items - count;
    const double budget = problem_.session_budget - sessions;
    // theta = 1 everywhere: no completion can add more than the room left.
    double best = 0;
    for (std::size_t target = 0; target < targets; ++target) best += problem_.target_weights[target] * room[target] / problem_.cap;
    for (int round = 0; round < 8; ++round) {
      double fixed = 0;
      for (std::size_t target = 0; target < targets; ++target) {
        fixed += problem_.target_weights[target] * theta[target] * room[target] / problem_.cap;
      }
      std::vector<std::pair<double, std::size_t>> gains;
      for (std::size_t item = next; item < problem_.items.size(); ++item) {
        double gain = 0;
        for (const auto& [target, amount] : problem_.items[item].contributions) {
          gain += problem_.target_weights[target] * (1.0 - theta[target]) * std::min(amount, room[target]) / problem_.cap;
        }
        if (gain > 0) gains.emplace_back(gain, item);
      }
      std::sort(gains.begin(), gains.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      double by_slots = 0;
      std::vector<double> load(targets, 0.0);
      for (int slot = 0; slot < slots && slot < static_cast<int>(gains.size()); ++slot) {
        by_slots += gains[slot].first;
        for (const auto& [target, amount] : problem_.items[gains[slot].second].contributions) {
          load[target] += std::min(amount, room[target]);
        }
      }
      std::vector<std::pair<double, std::size_t>> by_density = gains;
      std::sort(by_density.begin(), by_density.end(), [&](const auto& a, const auto& b) {
        return a.first * problem_.items[b.second].sessions > b.first * problem_.items[a.second].sessions;
      });
      double by_sessions = 0;
      double left = budget;
      for (const auto& [gain, item] : by_density) {
        if (left <= 0) break;
        const double share = std::min(1.0, left / problem_.items[item].sessions);
        by_sessions += gain * share;
        left -= problem_.items[item].sessions * share;
      }
      best = std::min(best, fixed + std::min(by_slots, by_sessions));
      if (best <= enough) break;  // already good enough to prune: no need to tighten further
      // A subgradient step: raise theta where the best items over-fill a target, lower it
      // where they leave room, with a shrinking step.
      bool changed = false;
      const double step = 1.0 / (round + 1);
      for (std::size_t target = 0; target < targets; ++target) {
        if (room[target] <= 0) continue;
        const double moved = std::clamp(theta[target] + step * (load[target] - room[target]) / room[target], 0.0, 1.0);
        if (std::abs(moved - theta[target]) > 1e-6) {
          theta[target] = moved;
          changed = true;
        }
      }
      if (!changed) break;
    }
    return best;
  }

  // A good incumbent first makes the bound prune from the start: add the item with the largest
  // marginal gain while it fits, then keep the result if it is feasible.
  void Greedy() {
    int count = 0;
    int sessions = 0;
    while (count < problem_.max_items) {
      int best = -1;
      double best_gain = kEpsilon;
      for (std::size_t item = 0; item < problem_.items.size(); ++item) {
        if (in_set_[item] || sessions + problem_.items[item].sessions > problem_.session_budget) continue;
        bool compatible = true;
        for (std::size_t other = 0; other < in_set_.size() && compatible; ++other) {
          if (in_set_[other] && Incompatible(problem_, static_cast<int>(item), static_cast<int>(other))) compatible = false;
        }
        const double gain = compatible ? Gain(static_cast<int>(item)) : 0;
        if (gain > best_gain) {
          best_gain = gain;
          best = static_cast<int>(item);
        }
      }
      if (best < 0) break;
      in_set_[best] = true;
      for (const auto& [target, amount] : problem_.items[best].contributions) coverage_[target] += amount;
      ++count;
      sessions += problem_.items[best].sessions;
    }
    Consider();
    std::fill(in_set_.begin(), in_set_.end(), false);
    std::fill(coverage_.begin(), coverage_.end(), 0.0);
  }

  void Consider() {
    std::vector<int> chosen;
    for (std::size_t item = 0; item < in_set_.size(); ++item) {
      if (in_set_[item]) chosen.push_back(static_cast<int>(item));
    }
    if (!SynthesisFeasible(problem_, chosen)) return;
    const double value = Value(problem_, coverage_);
    if (value > result_.objective + kEpsilon) {
      result_.objective = value;
      result_.chosen = std::move(chosen);
    }
  }

  // True when no completion can make the set feasible: a chosen item's prerequisite, or every
  // option of a triggered rule, has already been decided against.
  bool Doomed(std::size_t next) const {
    const auto decided_out = [&](int item) { return static_cast<std::size_t>(item) < next && !in_set_[item]; };
    for (std::size_t item = 0; item < next; ++item) {
      if (!in_set_[item]) continue;
      for (const int prerequisite : problem_.items[item].prerequisites) {
        if (decided_out(prerequisite)) return true;
      }
    }
    for (const auto& rule : problem_.requirements) {
      const bool triggered = std::any_of(rule.triggers.begin(), rule.triggers.end(),
                                         [&](int item) { return static_cast<std::size_t>(item) < next && in_set_[item]; });
      if (triggered && std::all_of(rule.options.begin(), rule.options.end(), decided_out)) return true;
    }
    return false;
  }

  // `changed`: the set differs from the parent's (an include branch), so it is worth scoring.
  void Search(std::size_t next, int count, int sessions, bool changed) {
    if (Doomed(next)) return;
    const double current = Value(problem_, coverage_);
    if (aborted_ || nodes_ >= problem_.node_limit) {
      aborted_ = true;
      open_bound_ = std::max(open_bound_, current + Bound(next, count, sessions, -1.0));
      return;
    }
    ++nodes_;
    if (changed) Consider();
    if (next >= problem_.items.size() || count >= problem_.max_items) return;
    const double bound = current + Bound(next, count, sessions, result_.objective + kEpsilon - current);
    if (bound <= result_.objective + kEpsilon) return;
    const int item = static_cast<int>(next);
    const SynthesisItem& candidate = problem_.items[item];
    bool allowed = sessions + candidate.sessions <= problem_.session_budget;
    // An item that adds nothing now adds nothing in any larger set (coverage only saturates),
    // and no other item needs it: choosing it cannot lead to a better set.
    if (allowed && !needed_[item] && Gain(item) <= 0) allowed = false;
    for (std::size_t other = 0; allowed && other < next; ++other) {
      if (in_set_[other] && Incompatible(problem_, item, static_cast<int>(other))) allowed = false;
    }
    if (allowed) {
      in_set_[item] = true;
      for (const auto& [target, amount] : candidate.contributions) coverage_[target] += amount;
      Search(next + 1, count + 1, sessions + candidate.sessions, true);
      for (const auto& [target, amount] : candidate.contributions) coverage_[target] -= amount;
      in_set_[item] = false;
    }
    Search(next + 1, count, sessions, false);
  }

  const SynthesisProblem& problem_;
  std::vector<double> coverage_;
  std::vector<bool> in_set_;
  std::vector<bool> needed_;
  SynthesisResult result_;
  long nodes_ = 0;
  bool aborted_ = false;
  double open_bound_ = 0;
};

}  // namespace

double SynthesisObjective(const SynthesisProblem& problem, const std::vector<int>& chosen) {
  std::vector<double> coverage(problem.target_weights.size(), 0.0);
  for (const int item : chosen) {
    for (const auto& [target, amount] : problem.items[item].contributions) coverage[target] += amount;
  }
  return Value(problem, coverage);
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
    const bool triggered = std::any_of(rule.triggers.begin(), rule.triggers.end(), [&](int item) { return in_set[item]; });
    const bool met = std::any_of(rule.options.begin(), rule.options.end(), [&](int item) { return in_set[item]; });
    if (triggered && !met) return false;
  }
  return true;
}

SynthesisResult SolveSynthesis(const SynthesisProblem& problem) {
  SynthesisResult result = BranchAndBound(problem).Run();
  // Among sets with the same objective, prefer fewer techniques: drop any item (last first)
  // whose removal keeps the set feasible and the objective unchanged.
  for (std::size_t position = result.chosen.size(); position-- > 0;) {
    std::vector<int> smaller = result.chosen;
    smaller.erase(smaller.begin() + static_cast<std::ptrdiff_t>(position));
    if (SynthesisFeasible(problem, smaller) && SynthesisObjective(problem, smaller) >= result.objective - kEpsilon) {
      result.chosen = std::move(smaller);
    }
  }
  return result;
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
