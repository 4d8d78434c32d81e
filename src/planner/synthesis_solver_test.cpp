// CBC's plans against brute force on many small random problems (fixed seed), determinism, the
// LP file, and each constraint of the model on its own. What CBC reports when cut short is
// tested on a real client in synthesis_catalog_test.cpp.

#include "planner/synthesis_solver.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

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
  for (int target = 0; target < targets; ++target)
    problem.target_weights.push_back(weight(generator));
  for (int item = 0; item < items; ++item) {
    SynthesisItem entry;
    entry.id = "t" + std::to_string(item);
    entry.sessions = sessions(generator);
    const int contributions = 1 + percent(generator) % 3;
    for (int count = 0; count < contributions; ++count)
      entry.contributions.emplace_back(pick_target(generator), amount(generator));
    if (item > 0 && percent(generator) < 20)
      entry.prerequisites.push_back(pick_item(generator) % item);
    if (percent(generator) < 15) {
      const int other = pick_item(generator);
      if (other != item) entry.incompatible.push_back(other);
    }
    problem.items.push_back(std::move(entry));
  }
  if (percent(generator) < 50)
    problem.requirements.push_back(
        {{pick_item(generator)}, {pick_item(generator), pick_item(generator)}, "rule"});
  problem.session_budget = 6 + percent(generator) % 15;
  problem.max_items = 2 + percent(generator) % 6;
  return problem;
}

SynthesisResult Solve(const SynthesisProblem& problem) {
  auto result = SolveSynthesis(problem);
  EXPECT_TRUE(result.has_value()) << result.error().message();
  return result ? *result : SynthesisResult{};
}

TEST(SelectiveSynthesisSolver, MatchesBruteForceOnRandomSmallProblems) {
  std::mt19937 generator(20261121);
  for (int round = 0; round < 300; ++round) {
    const int items = 6 + round % 11;  // 6..16 items
    const SynthesisProblem problem = RandomProblem(generator, items, 3 + round % 5);
    const SynthesisResult exact = Solve(problem);
    const SynthesisResult brute = SolveSynthesisByBruteForce(problem);
    ASSERT_TRUE(exact.proven_optimal) << "round " << round;
    EXPECT_EQ(exact.status, SynthesisStatus::kOptimal) << "round " << round;
    // CBC proves optimality to an absolute gap of 1e-7 with LP tolerances near 1e-7.
    EXPECT_NEAR(exact.objective, brute.objective, 1e-6) << "round " << round;
    EXPECT_EQ(exact.bound, exact.objective) << "round " << round;
    EXPECT_TRUE(SynthesisFeasible(problem, exact.chosen)) << "round " << round;
    EXPECT_NEAR(SynthesisObjective(problem, exact.chosen), exact.objective, 1e-12)
        << "round " << round;
  }
}

TEST(SelectiveSynthesisSolver, SameProblemSamePlan) {
  std::mt19937 generator(11);
  for (int round = 0; round < 3; ++round) {
    SynthesisProblem problem = RandomProblem(generator, 40, 10);
    problem.session_budget = 24;
    problem.max_items = 10;
    const SynthesisResult first = Solve(problem);
    const SynthesisResult second = Solve(problem);
    EXPECT_EQ(first.chosen, second.chosen) << "round " << round;
    EXPECT_EQ(first.objective, second.objective) << "round " << round;
    EXPECT_EQ(first.nodes, second.nodes) << "round " << round;
  }
}

TEST(SelectiveSynthesisSolver, WritesTheModelAsAnLpFile) {
  SynthesisProblem problem;
  problem.target_weights = {2.0};
  problem.target_ids = {"insomnia"};
  problem.cap = 2.0;
  problem.items = {{"sleep_diary", 1, {{0, 0.5}}, {}, {}},
                   {"stimulus_control", 2, {{0, 1.5}}, {0}, {}}};
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "synthesis_model.lp";
  ASSERT_TRUE(WriteSynthesisLp(problem, path.string()).has_value());
  std::ifstream stream(path);
  std::ostringstream text;
  text << stream.rdbuf();
  for (const char* expected : {"x_sleep_diary", "cover_insomnia", "coverage_insomnia:", "sessions:",
                               "techniques:", "needs_stimulus_control__sleep_diary:", "Integers"}) {
    EXPECT_NE(text.str().find(expected), std::string::npos) << expected << "\n" << text.str();
  }
  const auto refused = WriteSynthesisLp(
      problem, (std::filesystem::path(::testing::TempDir()) / "model.txt").string());
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message().find("must end in .lp"), std::string::npos);
}

TEST(SelectiveSynthesisSolver, RespectsEachConstraint) {
  SynthesisProblem problem;
  problem.target_weights = {1.0, 1.0};
  problem.cap = 1.0;
  problem.items = {{"a", 2, {{0, 1.0}}, {}, {1}},  // incompatible with b
                   {"b", 2, {{1, 1.0}}, {}, {}},
                   {"c", 3, {{1, 1.0}}, {3}, {}},  // needs d
                   {"d", 1, {}, {}, {}}};
  problem.session_budget = 6;
  problem.max_items = 3;
  const SynthesisResult result = Solve(problem);
  EXPECT_EQ(result.chosen, (std::vector<int>{0, 2, 3}));  // a + c (with its prerequisite d)
  EXPECT_DOUBLE_EQ(result.objective, 2.0);
  problem.session_budget = 5;  // c + d no longer fit beside a
  EXPECT_DOUBLE_EQ(Solve(problem).objective, 1.0);
  EXPECT_DOUBLE_EQ(SolveSynthesisByBruteForce(problem).objective, 1.0);
}

TEST(SelectiveSynthesisSolver, RequireAnyRuleNeedsAnOption) {
  SynthesisProblem problem;
  problem.target_weights = {1.0};
  problem.cap = 1.0;
  problem.items = {{"processing", 1, {{0, 1.0}}, {}, {}}, {"stabilising", 1, {}, {}, {}}};
  problem.requirements = {{{0}, {1}, "stabilise_first"}};
  problem.max_items = 1;  // no room for both: processing cannot be chosen
  EXPECT_DOUBLE_EQ(Solve(problem).objective, 0.0);
  problem.max_items = 2;
  const SynthesisResult result = Solve(problem);
  EXPECT_EQ(result.chosen, (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace tessera::planner
