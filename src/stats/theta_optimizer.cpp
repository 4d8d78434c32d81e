#include "stats/theta_optimizer.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera::stats {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

class CountedObjective {
 public:
  CountedObjective(const std::function<double(const Point3&)>& objective,
                   const OptimizerOptions& options)
      : objective_(objective), gradient_(options.gradient), budget_(options.max_evaluations) {}
  double operator()(const Point3& point) {
    ++evaluations_;
    const double value = objective_(point);
    return std::isfinite(value) ? value : kInfinity;
  }
  bool HasGradient() const { return static_cast<bool>(gradient_); }
  std::optional<Point3> Gradient(const Point3& point) {
    ++evaluations_;
    return gradient_(point);
  }
  bool Exhausted() const { return evaluations_ >= budget_; }
  int evaluations() const { return evaluations_; }

 private:
  const std::function<double(const Point3&)>& objective_;
  const std::function<std::optional<Point3>(const Point3&)>& gradient_;
  int budget_;
  int evaluations_ = 0;
};

Point3 Combine(const Point3& a, double weight_a, const Point3& b, double weight_b) {
  return {weight_a * a[0] + weight_b * b[0], weight_a * a[1] + weight_b * b[1],
          weight_a * a[2] + weight_b * b[2]};
}

// One Nelder-Mead run (standard coefficients) from a simplex around start. Stops when the
// simplex's values agree to relative 1e-6 and its size is below 1e-2: it only has to find the
// basin; the Newton polish that follows converges to full precision.
int NelderMead(CountedObjective& objective, Point3& best, double& best_value, double step,
               const OptimizerOptions& options, int iteration_offset) {
  std::array<Point3, 4> vertex;
  std::array<double, 4> value;
  vertex[0] = best;
  value[0] = best_value;
  for (int axis = 0; axis < 3; ++axis) {
    vertex[axis + 1] = best;
    vertex[axis + 1][axis] += step;
    value[axis + 1] = objective(vertex[axis + 1]);
  }
  int iteration = 0;
  while (!objective.Exhausted()) {
    std::array<int, 4> order{0, 1, 2, 3};
    std::sort(order.begin(), order.end(), [&](int a, int b) { return value[a] < value[b]; });
    const int low = order[0], second_high = order[2], high = order[3];
    double size = 0;
    for (int k = 1; k < 4; ++k) {
      for (int axis = 0; axis < 3; ++axis) {
        size = std::max(size, std::abs(vertex[order[k]][axis] - vertex[low][axis]));
      }
    }
    const double spread = value[high] - value[low];
    if (spread <= 1e-6 * (std::abs(value[low]) + 1) && size < 1e-2) break;
    ++iteration;
    Point3 centroid{0, 0, 0};
    for (int k = 0; k < 3; ++k) centroid = Combine(centroid, 1.0, vertex[order[k]], 1.0 / 3);
    const Point3 reflected = Combine(centroid, 2.0, vertex[high], -1.0);
    const double reflected_value = objective(reflected);
    if (reflected_value < value[low]) {
      const Point3 expanded = Combine(centroid, 3.0, vertex[high], -2.0);
      const double expanded_value = objective(expanded);
      if (expanded_value < reflected_value) {
        vertex[high] = expanded, value[high] = expanded_value;
      } else {
        vertex[high] = reflected, value[high] = reflected_value;
      }
    } else if (reflected_value < value[second_high]) {
      vertex[high] = reflected, value[high] = reflected_value;
    } else {
      const bool outside = reflected_value < value[high];
      const Point3 contracted = outside ? Combine(centroid, 1.5, vertex[high], -0.5)
                                        : Combine(centroid, 0.5, vertex[high], 0.5);
      const double contracted_value = objective(contracted);
      if (contracted_value < std::min(reflected_value, value[high])) {
        vertex[high] = contracted, value[high] = contracted_value;
      } else {
        for (int k = 1; k < 4; ++k) {
          vertex[order[k]] = Combine(vertex[low], 0.5, vertex[order[k]], 0.5);
          value[order[k]] = objective(vertex[order[k]]);
        }
      }
    }
    if (options.on_iteration) {
      options.on_iteration("search", iteration_offset + iteration,
                           *std::min_element(value.begin(), value.end()));
    }
  }
  const int best_index =
      static_cast<int>(std::min_element(value.begin(), value.end()) - value.begin());
  best = vertex[best_index];
  best_value = value[best_index];
  return iteration;
}

struct Derivatives {
  Eigen::Vector3d gradient;
  Eigen::Matrix3d hessian;
};

Derivatives FiniteDifferences(CountedObjective& objective, const Point3& x, double fx) {
  Derivatives result;
  // Steps scale with |theta| but stay positive at 0 (a boundary of the parameter space).
  std::array<double, 3> h{};
  for (int axis = 0; axis < 3; ++axis) h[axis] = 1e-4 * (std::abs(x[axis]) + 0.05);
  auto shifted = [&](int a, double da, int b, double db) {
    Point3 point = x;
    point[a] += da;
    if (b >= 0) point[b] += db;
    return objective(point);
  };
  std::array<double, 3> plus{}, minus{};
  for (int a = 0; a < 3; ++a) {
    plus[a] = shifted(a, h[a], -1, 0);
    minus[a] = shifted(a, -h[a], -1, 0);
    result.gradient(a) = (plus[a] - minus[a]) / (2 * h[a]);
    result.hessian(a, a) = (plus[a] - 2 * fx + minus[a]) / (h[a] * h[a]);
  }
  for (int a = 0; a < 3; ++a) {
    for (int b = a + 1; b < 3; ++b) {
      const double value = (shifted(a, h[a], b, h[b]) - shifted(a, h[a], b, -h[b]) -
                            shifted(a, -h[a], b, h[b]) + shifted(a, -h[a], b, -h[b])) /
                           (4 * h[a] * h[b]);
      result.hessian(a, b) = result.hessian(b, a) = value;
    }
  }
  return result;
}

// Exact gradient at x; Hessian from forward differences of the exact gradient, symmetrised
// (3 extra gradients; its O(h) error only slows Newton's final convergence a little).
// nullopt when the gradient is not defined at or around x.
std::optional<Derivatives> GradientDifferences(CountedObjective& objective, const Point3& x) {
  const std::optional<Point3> center = objective.Gradient(x);
  if (!center) return std::nullopt;
  Derivatives result;
  result.gradient = Eigen::Vector3d((*center)[0], (*center)[1], (*center)[2]);
  for (int axis = 0; axis < 3; ++axis) {
    const double h = 1e-5 * (std::abs(x[axis]) + 0.05);
    Point3 point = x;
    point[axis] += h;
    const std::optional<Point3> plus = objective.Gradient(point);
    if (!plus) return std::nullopt;
    for (int row = 0; row < 3; ++row) {
      result.hessian(row, axis) = ((*plus)[row] - (*center)[row]) / h;
    }
  }
  result.hessian = 0.5 * (result.hessian + result.hessian.transpose()).eval();
  return result;
}

// Newton steps with a Levenberg shift and backtracking from result.point; true when the
// point is proved stationary (the convergence check).
bool Newton(CountedObjective& objective, OptimizerResult& result, int max_iterations,
            const OptimizerOptions& options) {
  for (int newton = 0; newton < max_iterations && !objective.Exhausted(); ++newton) {
    std::optional<Derivatives> exact;
    if (objective.HasGradient()) exact = GradientDifferences(objective, result.point);
    const Derivatives d = exact ? *exact : FiniteDifferences(objective, result.point, result.value);
    Eigen::Matrix3d hessian = d.hessian;
    // Make the Hessian positive definite (Levenberg shift) so the step descends.
    double shift = 0;
    Eigen::LLT<Eigen::Matrix3d> cholesky(hessian);
    const double scale = hessian.diagonal().cwiseAbs().maxCoeff() + 1e-12;
    while (cholesky.info() != Eigen::Success) {
      shift = shift == 0 ? 1e-8 * scale : shift * 10;
      cholesky.compute(hessian + shift * Eigen::Matrix3d::Identity());
    }
    const Eigen::Vector3d direction = -cholesky.solve(d.gradient);
    const double decrement = -d.gradient.dot(direction);
    ++result.iterations;
    if (options.on_iteration) options.on_iteration("newton", result.iterations, result.value);
    // The decrement is twice the deviance still to gain. Rounding in a deviance of size |f|
    // is ~1e-15 |f| (more after cancellation in the residual sum of squares), so the target
    // scales with |f|; finite-difference gradients are noisier than exact ones. Either way
    // the target is far below a thousandth of a standard error in theta.
    const double noise = (exact ? 1e-14 : 1e-13) * std::abs(result.value);
    // A stationary point with clearly negative curvature is a saddle, not a minimum: leave
    // it to the derivative-free search.
    if (shift > 0) {
      const double lowest =
          Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(hessian, Eigen::EigenvaluesOnly)
              .eigenvalues()(0);
      if (lowest < -1e-6 * scale && decrement < 1e-6 + 100 * noise) return false;
    }
    if (decrement < (exact ? 1e-12 : 1e-10) + noise) return true;
    // Within the noise floor a failed full step means the point is stationary to the
    // precision available; halving further would only spend evaluations on rounding.
    const bool at_noise_floor = decrement < 1e-6 + 100 * noise;
    double length = 1;
    bool improved = false;
    for (int halving = 0; halving < 30 && !objective.Exhausted(); ++halving, length /= 2) {
      const Point3 trial{result.point[0] + length * direction(0),
                         result.point[1] + length * direction(1),
                         result.point[2] + length * direction(2)};
      const double trial_value = objective(trial);
      if (trial_value < result.value - 1e-4 * length * decrement) {
        result.point = trial;
        result.value = trial_value;
        improved = true;
        break;
      }
      if (at_noise_floor) return true;
    }
    // No descent along a Newton direction: stationary if the gap is rounding, else stuck.
    if (!improved) return at_noise_floor;
  }
  return false;
}

}  // namespace

OptimizerResult MinimizeTheta(const std::function<double(const Point3&)>& function,
                              const Point3& start, const OptimizerOptions& options) {
  CountedObjective objective(function, options);
  OptimizerResult result;
  result.point = start;
  result.value = objective(start);

  // With an exact gradient, Newton from the start usually converges in a handful of
  // iterations (about 50 evaluations); the derivative-free search is the fallback.
  if (objective.HasGradient()) {
    result.converged = Newton(objective, result, 30, options);
    if (result.converged) {
      result.evaluations = objective.evaluations();
      return result;
    }
  }

  // Restart Nelder-Mead from its own answer until a restart no longer improves: a collapsed
  // simplex is the classic way it stalls short of the optimum.
  double step = 0.5;
  for (int restart = 0; restart < 6 && !objective.Exhausted(); ++restart) {
    const double before = result.value;
    result.iterations +=
        NelderMead(objective, result.point, result.value, step, options, result.iterations);
    if (restart > 0 && before - result.value <= 1e-10 * (std::abs(before) + 1)) break;
    step = 0.05;
  }
  result.converged = Newton(objective, result, 50, options);
  result.evaluations = objective.evaluations();
  return result;
}

}  // namespace tessera::stats
