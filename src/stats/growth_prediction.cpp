#include "stats/growth_prediction.hpp"

#include <cmath>
#include <string>

#include "stats/normal_distribution.hpp"

namespace tessera::stats {
namespace {

// M = Lambda A^-1 Lambda' with A = Lambda' Z'Z Lambda + I: sigma^2 M is the conditional
// covariance of a client's random effects, and M Z'(y - X beta) their conditional mean.
std::array<double, 3> Shrinkage(const std::array<double, 3>& theta, double count, double sum_time,
                                double sum_time_sq) {
  const double t0 = theta[0], t1 = theta[1], t2 = theta[2];
  const double a00 = t0 * t0 * count + 2 * t0 * t1 * sum_time + t1 * t1 * sum_time_sq + 1;
  const double a01 = t0 * t2 * sum_time + t1 * t2 * sum_time_sq;
  const double a11 = t2 * t2 * sum_time_sq + 1;
  const double det = a00 * a11 - a01 * a01;
  const double i00 = a11 / det, i01 = -a01 / det, i11 = a00 / det;
  return {t0 * t0 * i00, t0 * (t1 * i00 + t2 * i01),
          t1 * t1 * i00 + 2 * t1 * t2 * i01 + t2 * t2 * i11};
}

ClientEffects Effects(const GrowthFit& fit, const std::array<double, 3>& m, const double* cross_zx,
                      const double* cross_zy) {
  const std::size_t p = fit.fixed.size();
  double r0 = cross_zy[0], r1 = cross_zy[1];  // Z'(y - X beta)
  for (std::size_t k = 0; k < p; ++k) {
    r0 -= cross_zx[k] * fit.fixed[k].estimate;
    r1 -= cross_zx[p + k] * fit.fixed[k].estimate;
  }
  const double sigma_squared = fit.sigma * fit.sigma;
  return {m[0] * r0 + m[1] * r1, m[1] * r0 + m[2] * r1, std::sqrt(sigma_squared * m[0]),
          std::sqrt(sigma_squared * m[2])};
}

}  // namespace

std::vector<ClientEffects> PredictClientEffects(const GrowthData& data, const GrowthFit& fit) {
  // The data's sums are of centred values (GrowthData::ResponseShift); the residual
  // y - X beta is the same in both parametrisations, so use the centred intercept with them.
  GrowthFit centred = fit;
  centred.fixed[0].estimate -= data.ResponseShift();
  for (std::size_t k = 2; k < fit.fixed.size(); ++k) {
    centred.fixed[0].estimate += fit.fixed[k].estimate * data.CovariateShifts()[k - 2];
  }
  std::vector<ClientEffects> effects(data.ClientCount());
  for (std::size_t client = 0; client < data.ClientCount(); ++client) {
    const ClientSums& sums = data.Sums(client);
    const auto m = Shrinkage(fit.theta, sums.count, sums.sum_time, sums.sum_time_sq);
    effects[client] = Effects(centred, m, data.CrossZX(client).data(), data.CrossZY(client).data());
  }
  return effects;
}

Result<ExpectedResponse> ExpectedResponse::Create(const GrowthFit& fit,
                                                  const ClientHistory& history) {
  const std::size_t p = fit.fixed.size();
  if (history.covariates.size() + 2 != p) {
    return InvalidArgument("covariates: the fit has " + std::to_string(p - 2) + " covariates but " +
                           std::to_string(history.covariates.size()) + " values were given");
  }
  for (std::size_t k = 0; k < history.covariates.size(); ++k) {
    if (!std::isfinite(history.covariates[k])) {
      return InvalidArgument(fit.fixed[k + 2].name + ": not a finite number");
    }
  }
  ExpectedResponse response;
  response.fit_ = fit;
  response.covariates_ = history.covariates;
  response.cross_zx_.assign(2 * p, 0.0);
  double count = 0, sum_time = 0, sum_time_sq = 0;
  double cross_zy[2] = {0, 0};
  std::vector<double> x(p);
  for (std::size_t index = 0; index < history.scores.size(); ++index) {
    const TimedScore& observed = history.scores[index];
    Result<double> time = TransformTime(fit.time_scale, observed.time);
    if (!time) {
      return InvalidArgument("scores[" + std::to_string(index) + "]." + time.error().message());
    }
    if (!std::isfinite(observed.score)) {
      return InvalidArgument("scores[" + std::to_string(index) + "].score: not a finite number");
    }
    x[0] = 1;
    x[1] = *time;
    for (std::size_t k = 2; k < p; ++k) x[k] = history.covariates[k - 2];
    count += 1;
    sum_time += *time;
    sum_time_sq += *time * *time;
    for (std::size_t k = 0; k < p; ++k) {
      response.cross_zx_[k] += x[k];
      response.cross_zx_[p + k] += *time * x[k];
    }
    cross_zy[0] += observed.score;
    cross_zy[1] += *time * observed.score;
  }
  response.shrinkage_ = Shrinkage(fit.theta, count, sum_time, sum_time_sq);
  response.effects_ = Effects(fit, response.shrinkage_, response.cross_zx_.data(), cross_zy);
  return response;
}

Result<ResponseBand> ExpectedResponse::At(double time, double coverage) const {
  if (!(coverage > 0 && coverage < 1)) {
    return InvalidArgument("coverage: " + std::to_string(coverage) + " is not in (0, 1)");
  }
  TRY_ASSIGN(const double t, TransformTime(fit_.time_scale, time));
  const std::size_t p = fit_.fixed.size();
  std::vector<double> x(p);
  x[0] = 1;
  x[1] = t;
  for (std::size_t k = 2; k < p; ++k) x[k] = covariates_[k - 2];
  double expected = effects_.intercept + effects_.slope * t;
  for (std::size_t k = 0; k < p; ++k) expected += x[k] * fit_.fixed[k].estimate;

  // Var of z'(b - b_hat) given the data: sigma^2 z'Mz (z = (1, t)).
  const auto& m = shrinkage_;
  const double sigma_squared = fit_.sigma * fit_.sigma;
  double variance = sigma_squared * (m[0] + 2 * m[1] * t + m[2] * t * t);
  // beta enters both x'beta and b_hat = M Z'(y - X beta): gradient g = x - (Z'X)' M z.
  const double mz0 = m[0] + m[1] * t, mz1 = m[1] + m[2] * t;
  std::vector<double> g(p);
  for (std::size_t k = 0; k < p; ++k) {
    g[k] = x[k] - (cross_zx_[k] * mz0 + cross_zx_[p + k] * mz1);
  }
  for (std::size_t row = 0; row < p; ++row) {
    for (std::size_t col = 0; col < p; ++col) {
      variance += g[row] * fit_.fixed_covariance[row * p + col] * g[col];
    }
  }
  ResponseBand band;
  band.time = time;
  band.expected = expected;
  band.standard_error = std::sqrt(variance);
  band.prediction_sd = std::sqrt(variance + sigma_squared);
  const double z = NormalQuantile(0.5 + coverage / 2);
  band.lower = expected - z * band.prediction_sd;
  band.upper = expected + z * band.prediction_sd;
  return band;
}

}  // namespace tessera::stats
