// FitGrowthModel: optimise the profiled criterion over theta, then assemble the estimates.

#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "stats/growth_criterion.hpp"
#include "stats/growth_model.hpp"
#include "stats/theta_optimizer.hpp"

namespace tessera::stats {
namespace {

// lme4's isSingular() tolerance: a diagonal element of the relative covariance factor this
// close to 0 means a random-effect variance (or 1 - corr^2) is estimated as zero.
constexpr double kSingularTolerance = 1e-4;

std::string Format(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

}  // namespace

std::string_view EstimationMethodName(EstimationMethod method) {
  switch (method) {
    case EstimationMethod::kReml:
      return "REML";
    case EstimationMethod::kMaximumLikelihood:
      return "ML";
  }
  return "REML";
}

std::array<double, 3> GrowthFit::RandomCovariance() const {
  const double covariance = random.correlation * random.sd_intercept * random.sd_slope;
  return {random.sd_intercept * random.sd_intercept, covariance, random.sd_slope * random.sd_slope};
}

Result<GrowthFit> FitGrowthModel(const GrowthData& data, const GrowthFitOptions& options) {
  const GrowthCriterion criterion(data);
  const EstimationMethod method = options.method;
  auto objective = [&](const Point3& theta) { return criterion.Deviance(theta, method); };

  // lme4's default start: random effects as variable as the residual, uncorrelated.
  const Point3 start{1.0, 0.0, 1.0};
  if (!std::isfinite(objective(start))) {
    return InvalidArgument(
        "the likelihood cannot be evaluated for these data (values too large or degenerate)");
  }
  OptimizerOptions optimizer_options;
  optimizer_options.max_evaluations = options.max_evaluations;
  optimizer_options.gradient = [&](const Point3& theta) -> std::optional<Point3> {
    const CriterionParts parts = criterion.Evaluate(theta, method);
    if (!std::isfinite(parts.deviance)) return std::nullopt;
    return criterion.Gradient(theta, method, parts);
  };
  if (options.on_progress) {
    optimizer_options.on_iteration = [&](std::string_view phase, int iteration, double value) {
      options.on_progress(FitProgress{phase, iteration, value});
    };
  }
  const OptimizerResult optimum = MinimizeTheta(objective, start, optimizer_options);

  // The criterion depends on theta only through Lambda Lambda', which is unchanged by
  // flipping the sign of a column of Lambda; report the form with a positive diagonal.
  Point3 theta = optimum.point;
  if (theta[0] < 0) theta[0] = -theta[0], theta[1] = -theta[1];
  theta[2] = std::abs(theta[2]);

  const CriterionParts parts = criterion.Evaluate(theta, method);
  if (!std::isfinite(parts.deviance)) {
    return Internal("growth model: the criterion is not finite at the optimum");
  }
  const double sigma = std::sqrt(parts.sigma_squared);
  const double sd_intercept = sigma * theta[0];
  const double sd_slope = sigma * std::hypot(theta[1], theta[2]);
  if (theta[0] < kSingularTolerance || theta[2] < kSingularTolerance) {
    const double slope_factor = std::hypot(theta[1], theta[2]);
    const std::string boundary =
        theta[0] < kSingularTolerance ? "the random-intercept SD is estimated as 0"
        : slope_factor < kSingularTolerance
            ? "the random-slope SD is estimated as 0"
            : std::string("the intercept-slope correlation is estimated as ") +
                  (theta[1] > 0 ? "+1" : "-1");
    return InvalidArgument(
        "singular fit: " + boundary + " (sd_intercept " + Format(sd_intercept) + ", sd_slope " +
        Format(sd_slope) +
        "), so the random-effect covariance is not positive definite; the data do not "
        "support separate random intercepts and slopes and the estimates would be unreliable");
  }

  GrowthFit fit;
  fit.method = method;
  fit.time_scale = data.spec().time_scale;
  // Undo the centring of GrowthData: with shifts c_y (response) and c_k (covariates),
  // beta0 = beta0' + c_y - sum_k c_k beta_k, i.e. beta = T beta' with T = I except row 0,
  // and vcov(beta) = T vcov(beta') T'.
  const std::size_t p = data.FixedCount();
  std::vector<double> to_original(p * p, 0.0);
  for (std::size_t k = 0; k < p; ++k) to_original[k * p + k] = 1;
  for (std::size_t k = 2; k < p; ++k) to_original[k] = -data.CovariateShifts()[k - 2];
  std::vector<double> beta(p, 0.0), covariance(p * p, 0.0);
  for (std::size_t row = 0; row < p; ++row) {
    for (std::size_t col = 0; col < p; ++col) {
      beta[row] += to_original[row * p + col] * parts.beta[col];
    }
  }
  beta[0] += data.ResponseShift();
  for (std::size_t row = 0; row < p; ++row) {
    for (std::size_t col = 0; col < p; ++col) {
      double sum = 0;
      for (std::size_t a = 0; a < p; ++a) {
        for (std::size_t b = 0; b < p; ++b) {
          sum += to_original[row * p + a] * parts.rx_inverse[a * p + b] * to_original[col * p + b];
        }
      }
      covariance[row * p + col] = parts.sigma_squared * sum;
    }
  }
  for (std::size_t k = 0; k < p; ++k) {
    const std::string name = k == 0   ? "(Intercept)"
                             : k == 1 ? data.spec().time_name
                                      : data.spec().covariate_names[k - 2];
    fit.fixed.push_back({name, beta[k], std::sqrt(covariance[k * p + k])});
  }
  fit.fixed_covariance = std::move(covariance);
  fit.random = {sd_intercept, sd_slope, theta[1] / std::hypot(theta[1], theta[2])};
  fit.sigma = sigma;
  fit.log_likelihood = -0.5 * parts.deviance;
  fit.theta = theta;
  fit.convergence = optimum.converged ? Convergence::kConverged : Convergence::kNotConverged;
  fit.iterations = optimum.iterations;
  fit.evaluations = optimum.evaluations;
  fit.client_count = data.ClientCount();
  fit.observation_count = data.ObservationCount();
  return fit;
}

}  // namespace tessera::stats
