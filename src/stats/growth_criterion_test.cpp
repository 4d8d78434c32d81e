// The analytic gradient of the profiled deviance agrees with finite differences, for shared
// time patterns (groups) and unique ones (singletons), REML and ML, with and without a
// covariate.

#include "stats/growth_criterion.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/test_fixtures.hpp"

namespace tessera::stats {
namespace {

struct Case {
  const char* dataset;
  bool with_intake;
  EstimationMethod method;
};

class CriterionGradient : public ::testing::TestWithParam<Case> {};

TEST_P(CriterionGradient, MatchesCentralDifferences) {
  const Case c = GetParam();
  const std::vector<std::string> covariates =
      c.with_intake ? std::vector<std::string>{"intake"} : std::vector<std::string>{};
  const GrowthData data = testing::LoadFixtureDataset(c.dataset, covariates, TimeScale::kAsGiven);
  const GrowthCriterion criterion(data);
  const std::array<double, 3> points[] = {{1.0, 0.0, 1.0}, {1.3, -0.2, 0.15}, {0.4, 0.3, 0.05}};
  for (const auto& theta : points) {
    const CriterionParts parts = criterion.Evaluate(theta, c.method);
    ASSERT_TRUE(std::isfinite(parts.deviance));
    const std::array<double, 3> gradient = criterion.Gradient(theta, c.method, parts);
    for (int k = 0; k < 3; ++k) {
      const double h = 1e-5 * (std::abs(theta[k]) + 0.1);
      auto shifted = theta;
      shifted[k] += h;
      const double plus = criterion.Deviance(shifted, c.method);
      shifted[k] -= 2 * h;
      const double minus = criterion.Deviance(shifted, c.method);
      const double numeric = (plus - minus) / (2 * h);
      EXPECT_NEAR(gradient[k], numeric, 1e-5 * (std::abs(numeric) + 1))
          << "theta component " << k << " at (" << theta[0] << ", " << theta[1] << ", " << theta[2]
          << ")";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, CriterionGradient,
    ::testing::Values(Case{"small", false, EstimationMethod::kReml},
                      Case{"small", false, EstimationMethod::kMaximumLikelihood},
                      Case{"medium", true, EstimationMethod::kReml},
                      Case{"medium", true, EstimationMethod::kMaximumLikelihood},
                      Case{"logtime", true, EstimationMethod::kReml}),
    [](const auto& info) {
      return std::string(info.param.dataset) + (info.param.with_intake ? "_intake" : "") +
             (info.param.method == EstimationMethod::kReml ? "_reml" : "_ml");
    });

TEST(CriterionGroups, SessionTimesShareGroupsIrregularTimesDoNot) {
  const GrowthCriterion sessions(testing::LoadFixtureDataset("small", {}, TimeScale::kAsGiven));
  EXPECT_GT(sessions.GroupCount(), 0u);
  EXPECT_LT(sessions.GroupCount() + sessions.SingletonCount(), 25u);
  const GrowthCriterion weeks(testing::LoadFixtureDataset("medium", {}, TimeScale::kAsGiven));
  EXPECT_EQ(weeks.GroupCount(), 0u);
  EXPECT_EQ(weeks.SingletonCount(), 300u);
}

}  // namespace
}  // namespace tessera::stats
