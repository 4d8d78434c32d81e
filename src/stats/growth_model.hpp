#pragma once
// Linear mixed-effects growth model with a random intercept and slope per client:
//
//   y_ij = b0 + b1 t_ij + sum_k bk x_ik + u0_i + u1_i t_ij + e_ij,
//   (u0_i, u1_i) ~ N(0, Sigma) with Sigma unstructured 2x2, e_ij ~ N(0, sigma^2).
//
// Fitted as lme4 does: Sigma = sigma^2 L L' with L = [theta0 0; theta1 theta2]; beta and
// sigma^2 are profiled out, so the optimiser searches only theta. Each evaluation costs
// O(distinct per-client time patterns) after one pass over the data, and the gradient is
// analytic (docs/statistics.md derives both). Results match lme4's lmer()
// (tests/fixtures/stats).
//
//   TRY_ASSIGN(GrowthData data, builder.Finish());
//   TRY_ASSIGN(GrowthFit fit, FitGrowthModel(data, {.method = EstimationMethod::kReml}));

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "stats/growth_data.hpp"

namespace tessera::stats {

enum class EstimationMethod { kReml, kMaximumLikelihood };

/// "REML" or "ML".
std::string_view EstimationMethodName(EstimationMethod method);

/// One optimiser step, for progress reports on long fits.
struct FitProgress {
  std::string_view phase;  // "newton", or "search" (the Nelder-Mead fallback)
  int iteration = 0;
  double deviance = 0;  // -2 log-likelihood (REML criterion for REML) at the best point
};

struct GrowthFitOptions {
  EstimationMethod method = EstimationMethod::kReml;
  /// Upper bound on criterion and gradient evaluations over all phases, checked between
  /// steps (one Newton step's 4 gradient evaluations may overshoot it).
  int max_evaluations = 20000;
  /// Called after each optimiser iteration when set; must not throw.
  std::function<void(const FitProgress&)> on_progress;
};

struct FixedEffect {
  std::string name;  // "(Intercept)", the time name, then covariate names
  double estimate = 0;
  double standard_error = 0;
};

struct RandomEffectsEstimate {
  double sd_intercept = 0;
  double sd_slope = 0;
  double correlation = 0;
};

enum class Convergence {
  kConverged,     // criterion stationary: scaled gradient below tolerance
  kNotConverged,  // hit max_evaluations or the stationarity test failed; estimates are
                  // the best point found and should not be trusted without a look
};

struct GrowthFit {
  EstimationMethod method = EstimationMethod::kReml;
  TimeScale time_scale = TimeScale::kAsGiven;
  std::vector<FixedEffect> fixed;
  /// Covariance of the fixed-effect estimates, p x p row-major (sigma^2 (RX'RX)^-1, as lme4's
  /// vcov()).
  std::vector<double> fixed_covariance;
  RandomEffectsEstimate random;
  double sigma = 0;           // residual SD
  double log_likelihood = 0;  // REML or ML log-likelihood, as lme4's logLik()
  /// Relative covariance factor (lme4's theta): Sigma = sigma^2 L L'.
  std::array<double, 3> theta{};
  Convergence convergence = Convergence::kConverged;
  int iterations = 0;
  int evaluations = 0;
  std::size_t client_count = 0;
  std::size_t observation_count = 0;

  /// Sigma as [var_intercept, cov, var_slope].
  std::array<double, 3> RandomCovariance() const;
};

/// Fits the model. Errors (InvalidArgument, message says which): the fit is singular (a
/// random-effect SD is ~0 or the correlation is +-1, so Sigma is not positive definite and
/// the model should be simplified), or the criterion is not finite anywhere sensible.
Result<GrowthFit> FitGrowthModel(const GrowthData& data, const GrowthFitOptions& options = {});

}  // namespace tessera::stats
