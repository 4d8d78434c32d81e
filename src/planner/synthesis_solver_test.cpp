// The exact optimiser against brute force on many small random problems (fixed seed), and the
// reported bound when the search is cut short.

#include "planner/synthesis_solver.hpp"

#include <gtest/gtest.h>

#include <random>

namespace tessera::planner {
namespace {

SynthesisProblem RandomProblem(std::mt19937& generator, int items, int targets) {
  std::uniform_real_distribution<double> weight(0.5, 3.0);
  std::uniform_real_distribution<double> amount(0.2, 1.5);
  std::uniform_int_distribution<int> sessions(1, 5);
  std::uniform_int_distribution<int> pick_target(0, targets - 1);
  std::uniform_int_distribution<int> pick_item(0, items - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  SynthesisProblem problem;
  problem.cap = 2.0;
  for (int target = 0; target < targets; ++target) problem.target_weights.push_back(weight(generator));
  for (int item = 0; item < items; ++item) {
    SynthesisItem entry;
    entry.id = "t" + std::to_string(item);
    entry.sessions = sessions(generator);
    const int contributions = 1 + percent(generator) % 3;
    for (int count = 0; count < contributions; ++count) entry.contributions.emplace_back(pick_target(generator), amount(generator));
    if (item > 0 && percent(generator) < 20) entry.prerequisites.push_back(pick_item(generator) % item);
    if (percent(generator) < 15) {
      const int other = pick_item(generator);
      if (other != item) entry.incompatible.push_back(other);
    }
    problem.items.push_back(std::move(entry));
  }
  if (percent(generator) < 50) problem.requirements.push_back({{pick_item(generator)}, {pick_item(generator), pick_item(generator)}});
  problem.session_budget = 6 + percent(generator) % 15;
  problem.max_items = 2 + percent(generator) % 6;
  return problem;
}

TEST(SelectiveSynthesisSolver, MatchesBruteForceOnRandomSmallProblems) {
  std::mt19937 generator(20261121);
  for (int round = 0; round < 300; ++round) {
    const int items = 6 + round % 11;  // 6..16 items
    const SynthesisProblem problem = RandomProblem(generator, items, 3 + round % 5);
    const SynthesisResult exact = SolveSynthesis(problem);
    const SynthesisResult brute = SolveSynthesisByBruteForce(problem);
    ASSERT_TRUE(exact.proven_optimal) << "round " << round;
    EXPECT_NEAR(exact.objective, brute.objective, 1e-9) << "round " << round;
    EXPECT_NEAR(exact.bound, exact.objective, 1e-12) << "round " << round;
    EXPECT_TRUE(SynthesisFeasible(problem, exact.chosen)) << "round " << round;
    EXPECT_NEAR(SynthesisObjective(problem, exact.chosen), exact.objective, 1e-9) << "round " << round;
  }
}

TEST(SelectiveSynthesisSolver, CutShortSearchReportsAValidBound) {
  std::mt19937 generator(7);
  for (int round = 0; round < 50; ++round) {
    SynthesisProblem problem = RandomProblem(generator, 16, 6);
    const SynthesisResult brute = SolveSynthesisByBruteForce(problem);
    problem.node_limit = 3;
    const SynthesisResult cut = SolveSynthesis(problem);
    EXPECT_GE(cut.bound + 1e-9, brute.objective) << "round " << round;
    EXPECT_LE(cut.objective, brute.objective + 1e-9) << "round " << round;
    if (!cut.proven_optimal) {
      EXPECT_GE(cut.bound, cut.objective);
    }
  }
}

TEST(SelectiveSynthesisSolver, RespectsEachConstraint) {
  SynthesisProblem problem;
  problem.target_weights = {1.0, 1.0};
  problem.cap = 1.0;
  problem.items = {{"a", 2, {{0, 1.0}}, {}, {1}},   // incompatible with b
                   {"b", 2, {{1, 1.0}}, {}, {}},
                   {"c", 3, {{1, 1.0}}, {3}, {}},  // needs d
                   {"d", 1, {}, {}, {}}};
  problem.session_budget = 6;
  problem.max_items = 3;
  const SynthesisResult result = SolveSynthesis(problem);
  EXPECT_EQ(result.chosen, (std::vector<int>{0, 2, 3}));  // a + c (with its prerequisite d)
  EXPECT_DOUBLE_EQ(result.objective, 2.0);
  problem.session_budget = 5;  // c + d no longer fit beside a
  EXPECT_DOUBLE_EQ(SolveSynthesis(problem).objective, 1.0);
  EXPECT_DOUBLE_EQ(SolveSynthesisByBruteForce(problem).objective, 1.0);
}

TEST(SelectiveSynthesisSolver, RequireAnyRuleNeedsAnOption) {
  SynthesisProblem problem;
  problem.target_weights = {1.0};
  problem.cap = 1.0;
  problem.items = {{"processing", 1, {{0, 1.0}}, {}, {}}, {"stabilising", 1, {}, {}, {}}};
  problem.requirements = {{{0}, {1}}};
  problem.max_items = 1;  // no room for both: processing cannot be chosen
  EXPECT_DOUBLE_EQ(SolveSynthesis(problem).objective, 0.0);
  problem.max_items = 2;
  const SynthesisResult result = SolveSynthesis(problem);
  EXPECT_EQ(result.chosen, (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace tessera::planner
