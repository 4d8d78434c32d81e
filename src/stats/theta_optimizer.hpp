#pragma once
// Minimises a smooth function of the three covariance parameters (internal to stats):
// Nelder-Mead with restarts finds the basin robustly without derivatives, then Newton steps
// (exact gradient when given, Hessian from differences of it) polish the optimum and prove
// it stationary (the convergence check).

#include <array>
#include <functional>
#include <optional>
#include <string_view>

namespace tessera::stats {

using Point3 = std::array<double, 3>;

struct OptimizerOptions {
  int max_evaluations = 20000;  // function and gradient evaluations together
  /// The exact gradient, or nullopt where the function is not finite. When set, the polish
  /// uses it and differences it for the Hessian; otherwise both come from finite differences.
  std::function<std::optional<Point3>(const Point3&)> gradient;
  /// Called with (phase, iteration, best value) after each iteration.
  std::function<void(std::string_view, int, double)> on_iteration;
};

struct OptimizerResult {
  Point3 point{};
  double value = 0;
  int iterations = 0;
  int evaluations = 0;
  /// True when the final Newton decrement g'H^-1 g (twice the deviance still to gain) is
  /// below 1e-12 + 1e-14 |f| (exact gradient; 1e-10 + 1e-13 |f| with finite differences),
  /// or no descent is possible and it is below 1e-6 + 100x that relative term (the noise
  /// floor of the arithmetic).
  bool converged = false;
};

/// REQUIRES: objective(start) is finite. Non-finite values elsewhere are treated as +inf.
OptimizerResult MinimizeTheta(const std::function<double(const Point3&)>& objective,
                              const Point3& start, const OptimizerOptions& options);

}  // namespace tessera::stats
