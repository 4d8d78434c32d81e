#include "stats/theta_optimizer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tessera::stats {
namespace {

// A convex quadratic with its minimum at (0.7, -0.2, 0.3) and mixed curvature.
double Quadratic(const Point3& x) {
  const double a = x[0] - 0.7, b = x[1] + 0.2, c = x[2] - 0.3;
  return 5 + 4 * a * a + 2 * a * b + 3 * b * b + 10 * c * c;
}

std::optional<Point3> QuadraticGradient(const Point3& x) {
  const double a = x[0] - 0.7, b = x[1] + 0.2, c = x[2] - 0.3;
  return Point3{8 * a + 2 * b, 2 * a + 6 * b, 20 * c};
}

TEST(ThetaOptimizer, NewtonWithExactGradientConvergesQuickly) {
  OptimizerOptions options;
  options.gradient = QuadraticGradient;
  const OptimizerResult result = MinimizeTheta(Quadratic, {1, 0, 1}, options);
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(result.point[0], 0.7, 1e-8);
  EXPECT_NEAR(result.point[1], -0.2, 1e-8);
  EXPECT_NEAR(result.point[2], 0.3, 1e-8);
  EXPECT_LE(result.evaluations, 20);
}

TEST(ThetaOptimizer, DerivativeFreeSearchSolvesRosenbrock) {
  // Curved valley; infinite (not evaluable) for x[2] > 3, which the search must step around.
  auto rosenbrock = [](const Point3& x) {
    if (x[2] > 3) return std::numeric_limits<double>::infinity();
    return 100 * std::pow(x[1] - x[0] * x[0], 2) + std::pow(1 - x[0], 2) +
           100 * std::pow(x[2] - x[1] * x[1], 2) + std::pow(1 - x[1], 2);
  };
  const OptimizerResult result = MinimizeTheta(rosenbrock, {-1.2, 1, 1}, {});
  EXPECT_TRUE(result.converged);
  for (double coordinate : result.point) EXPECT_NEAR(coordinate, 1, 1e-5);
}

TEST(ThetaOptimizer, LeavesASaddleForTheMinimum) {
  // Starts exactly on a saddle at the origin (gradient zero, one negative curvature); the
  // minima are at x0 = +-1.
  auto double_well = [](const Point3& x) {
    return std::pow(x[0] * x[0] - 1, 2) + x[1] * x[1] + x[2] * x[2];
  };
  OptimizerOptions options;
  options.gradient = [](const Point3& x) -> std::optional<Point3> {
    return Point3{4 * x[0] * (x[0] * x[0] - 1), 2 * x[1], 2 * x[2]};
  };
  const OptimizerResult result = MinimizeTheta(double_well, {0, 0, 0}, options);
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(std::abs(result.point[0]), 1, 1e-6);
  EXPECT_NEAR(result.value, 0, 1e-10);
}

}  // namespace
}  // namespace tessera::stats
