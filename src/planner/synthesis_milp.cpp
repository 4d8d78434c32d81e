// Selective synthesis as a mixed-integer linear programme, solved by COIN-OR CBC through its C
// API (docs/decisions/0100-cbc-for-selective-synthesis.md). This file is the one place where the
// formulation lives; docs/planner.md describes the same model for clinicians and reviewers.
//
// Variables
//   x_<technique>  binary   1 when the technique is in the plan
//   cover_<target> [0, cap] how much of the target the plan covers, counted up to the cap
// Objective (maximise)
//   sum_g  w_g / cap * cover_g
// Because the objective pays for cover_g and cover_g is bounded above by both the cap and the
// techniques' contributions, at an optimum cover_g = min(cap, sum_i a_ig x_i): the linear model
// has exactly the optimum of the capped-coverage objective in synthesis_solver.hpp.

#include <Cbc_C_Interface.h>  // include dir from pkg-config cbc

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "planner/synthesis_solver.hpp"

namespace tessera::planner {
namespace {

// Fixed seeds make CBC's heuristics (and so the plan) the same on every run. Both are CBC's own
// defaults, stated here so a CBC upgrade that changes them does not change plans silently:
// randomCbcSeed -1 is CBC's built-in fixed seed (0 would seed from the clock). Measured: seed 1
// instead made issue 20's 40 / 20 case 15x slower through the cbc program (bench/synthesis-vs-cbc).
constexpr const char* kCbcRandomSeed = "-1";
constexpr const char* kClpRandomSeed = "1234567";
// Optimality is proven to this absolute gap on the objective (plans print three decimals).
constexpr const char* kAllowableGap = "1e-7";
// Root cut passes: CBC's default is 100 for models under 500 columns (ours have 100-150), 20
// for models over 5,000. Measured with the cbc program on 48 LP files of 12 profiles not in
// the bench (4 budgets each): 20 passes cut the total CPU time by 29 % and the slowest solve
// from 1.16 s to 0.38 s, every one still proven optimal.
constexpr const char* kRootCutPasses = "20";

// CBC 2.10's command-line driver, which Cbc_solve runs, keeps its argument-parsing state in
// globals (CbcOrClpRead_mode and others in CbcSolver.cpp), so two solves at once in the HTTP
// server's threads could corrupt each other: one CBC model is built and solved at a time.
std::mutex cbc_mutex;

struct CbcModelDeleter {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};
using CbcModelPtr = std::unique_ptr<Cbc_Model, CbcModelDeleter>;

std::string TargetName(const SynthesisProblem& problem, std::size_t target) {
  return target < problem.target_ids.size() ? problem.target_ids[target]
                                            : "g" + std::to_string(target);
}

void AddRow(Cbc_Model* model, const std::string& name, const std::map<int, double>& terms,
            char sense, double rhs) {
  std::vector<int> columns;
  std::vector<double> coefficients;
  for (const auto& [column, coefficient] : terms) {
    columns.push_back(column);
    coefficients.push_back(coefficient);
  }
  Cbc_addRow(model, name.c_str(), static_cast<int>(columns.size()), columns.data(),
             coefficients.data(), sense, rhs);
}

// Columns 0..items-1 are x_i; then one cover_g per target.
CbcModelPtr BuildModel(const SynthesisProblem& problem) {
  CbcModelPtr model(Cbc_newModel());
  Cbc_Model* cbc = model.get();
  Cbc_setProblemName(cbc, "selective_synthesis");
  const int items = static_cast<int>(problem.items.size());
  const auto x = [](int item) { return item; };
  const auto cover = [items](std::size_t target) { return items + static_cast<int>(target); };

  for (const auto& item : problem.items) {
    Cbc_addCol(cbc, ("x_" + item.id).c_str(), 0.0, 1.0, 0.0, 1, 0, nullptr, nullptr);
  }
  for (std::size_t target = 0; target < problem.target_weights.size(); ++target) {
    Cbc_addCol(cbc, ("cover_" + TargetName(problem, target)).c_str(), 0.0, problem.cap,
               problem.target_weights[target] / problem.cap, 0, 0, nullptr, nullptr);
  }
  Cbc_setObjSense(cbc, -1.0);  // maximise

  // coverage_<target>: cover_g <= sum_i a_ig x_i. A target counts as covered only as far as the
  // chosen techniques aimed at it cover it (a_ig: the technique's suitability for this client x
  // how central the target is to it / 3).
  std::vector<std::map<int, double>> coverage(problem.target_weights.size());
  for (int item = 0; item < items; ++item) {
    for (const auto& [target, amount] : problem.items[item].contributions)
      coverage[target][x(item)] -= amount;
  }
  for (std::size_t target = 0; target < coverage.size(); ++target) {
    coverage[target][cover(target)] = 1.0;
    AddRow(cbc, "coverage_" + TargetName(problem, target), coverage[target], 'L', 0.0);
  }

  // sessions: sum_i sessions_i x_i <= budget. The techniques' planning estimates fit the
  // session budget agreed with the client.
  std::map<int, double> sessions;
  std::map<int, double> count;
  for (int item = 0; item < items; ++item) {
    sessions[x(item)] = problem.items[item].sessions;
    count[x(item)] = 1.0;
  }
  AddRow(cbc, "sessions", sessions, 'L', problem.session_budget);
  // techniques: sum_i x_i <= max. A plan a client and therapist can hold in mind
  // (--max-techniques).
  AddRow(cbc, "techniques", count, 'L', problem.max_items);

  // needs_<technique>__<prerequisite>: x_i <= x_p. A technique is taught only with what it builds
  // on (catalogue `prerequisites`, e.g. stimulus control needs the sleep diary).
  std::set<std::pair<int, int>> needs;
  std::set<std::pair<int, int>> incompatible;
  for (int item = 0; item < items; ++item) {
    for (const int prerequisite : problem.items[item].prerequisites)
      needs.emplace(item, prerequisite);
    for (const int other : problem.items[item].incompatible) {
      if (other != item) incompatible.emplace(std::min(item, other), std::max(item, other));
    }
  }
  for (const auto& [item, prerequisite] : needs) {
    AddRow(cbc, "needs_" + problem.items[item].id + "__" + problem.items[prerequisite].id,
           {{x(item), 1.0}, {x(prerequisite), -1.0}}, 'L', 0.0);
  }
  // incompatible_<a>__<b>: x_a + x_b <= 1. Techniques the catalogue marks `incompatible_with`
  // each other are never combined (in the shipped catalogue: two trauma-processing protocols,
  // thought records with cognitive defusion, applied relaxation with interoceptive exposure).
  for (const auto& [first, second] : incompatible) {
    AddRow(cbc, "incompatible_" + problem.items[first].id + "__" + problem.items[second].id,
           {{x(first), 1.0}, {x(second), 1.0}}, 'L', 1.0);
  }

  // <rule>_<trigger>: x_t <= sum_{o in options} x_o, one row per trigger (tighter than one
  // aggregated row). The rules are built in strategy_synthesis.cpp: work allowed only after
  // stabilisation needs a stabilising technique; action techniques before the action stage need
  // motivational work; with risk reported, any technique needs safety work in the plan.
  for (std::size_t rule_index = 0; rule_index < problem.requirements.size(); ++rule_index) {
    const RequireAny& rule = problem.requirements[rule_index];
    const std::string rule_name =
        rule.rule.empty() ? "require" + std::to_string(rule_index) : rule.rule;
    std::set<int> options(rule.options.begin(), rule.options.end());
    for (const int trigger : std::set<int>(rule.triggers.begin(), rule.triggers.end())) {
      if (options.count(trigger) > 0) continue;  // the trigger satisfies its own rule
      std::map<int, double> terms{{x(trigger), 1.0}};
      for (const int option : options) terms[x(option)] = -1.0;
      AddRow(cbc, rule_name + "_" + problem.items[trigger].id, terms, 'L', 0.0);
    }
  }
  return model;
}

}  // namespace

Result<SynthesisResult> SolveSynthesis(const SynthesisProblem& problem) {
  SynthesisResult result;
  if (problem.items.empty()) {
    result.proven_optimal = true;
    return result;
  }
  const std::lock_guard<std::mutex> lock(cbc_mutex);
  const CbcModelPtr model = BuildModel(problem);
  Cbc_Model* cbc = model.get();
  // CBC's log goes to stdout, which is the CLI's output: level 0 silences it.
  Cbc_setLogLevel(cbc, 0);
  Cbc_setParameter(cbc, "log", "0");
  Cbc_setParameter(cbc, "threads", "0");  // no worker threads: CBC's serial, reproducible search
  Cbc_setParameter(cbc, "randomCbcSeed", kCbcRandomSeed);
  Cbc_setParameter(cbc, "randomSeed", kClpRandomSeed);
  Cbc_setParameter(cbc, "allowableGap", kAllowableGap);
  Cbc_setParameter(cbc, "ratioGap", "0");
  Cbc_setParameter(cbc, "passCuts", kRootCutPasses);
  Cbc_setParameter(cbc, "maxNodes", std::to_string(problem.node_limit).c_str());
  Cbc_setParameter(cbc, "seconds", std::to_string(problem.time_limit_seconds).c_str());
  Cbc_solve(cbc);

  if (Cbc_isProvenOptimal(cbc)) {
    result.status = SynthesisStatus::kOptimal;
  } else if (Cbc_isNodeLimitReached(cbc)) {
    result.status = SynthesisStatus::kNodeLimit;
  } else if (Cbc_isSecondsLimitReached(cbc)) {
    result.status = SynthesisStatus::kTimeLimit;
  } else {
    // The empty plan is always feasible, so anything else is numerical trouble or a bug.
    return Internal("selective synthesis: CBC stopped without a result (status " +
                    std::to_string(Cbc_status(cbc)) + ", secondary status " +
                    std::to_string(Cbc_secondaryStatus(cbc)) + ")");
  }
  if (Cbc_bestSolution(cbc) != nullptr) {
    const double* solution = Cbc_getColSolution(cbc);
    for (std::size_t item = 0; item < problem.items.size(); ++item) {
      if (solution[item] > 0.5) result.chosen.push_back(static_cast<int>(item));
    }
  }
  // Our own check of CBC's answer: a plan that breaks a clinical rule must never be shown.
  if (!SynthesisFeasible(problem, result.chosen)) {
    return Internal("selective synthesis: CBC returned a technique set that breaks a constraint");
  }
  result.chosen = DropItemsThatAddNothing(problem, std::move(result.chosen));
  result.objective = SynthesisObjective(problem, result.chosen);
  result.proven_optimal = result.status == SynthesisStatus::kOptimal;
  // CBC's bound is on the same (maximised) objective; never below the plan it proves it for.
  result.bound = result.proven_optimal
                     ? result.objective
                     : std::max(result.objective, Cbc_getBestPossibleObjValue(cbc));
  result.nodes = Cbc_getNodeCount(cbc);
  return result;
}

Status WriteSynthesisLp(const SynthesisProblem& problem, const std::string& path) {
  // CBC appends ".lp" after cutting the name at the first ".lp" it finds: accept only names where
  // that gives back the same path.
  const std::size_t extension = path.find(".lp");
  if (extension == std::string::npos || extension == 0 || extension + 3 != path.size()) {
    return InvalidArgument("LP file: '" + path +
                           "' must end in .lp (and contain .lp nowhere else)");
  }
  if (!std::ofstream(path)) return InvalidArgument("LP file: cannot write '" + path + "'");
  const std::lock_guard<std::mutex> lock(cbc_mutex);
  const CbcModelPtr model = BuildModel(problem);
  Cbc_writeLp(model.get(), path.c_str());
  std::error_code error;
  if (std::filesystem::file_size(path, error) == 0 || error) {
    return Internal("LP file: CBC wrote nothing to '" + path + "'");
  }
  return Ok();
}

}  // namespace tessera::planner
