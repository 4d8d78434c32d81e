#pragma once
// What a fitted growth model says about one client: their random effects (BLUPs) and the
// expected score, with a prediction interval, at any session. The client may be new (no
// scores yet: the population curve for their covariates) or partly observed (the curve bends
// toward their own scores). This is what the monitor draws as the expected-response band.
//
//   TRY_ASSIGN(ExpectedResponse expected,
//              ExpectedResponse::Create(fit, {.covariates = {18}, .scores = {{1, 17}, {2, 15}}}));
//   TRY_ASSIGN(ResponseBand band, expected.At(/*session=*/6, /*coverage=*/0.90));
//   if (score > band.upper) ... // worse than 95% of clients like this one

#include <array>
#include <cstddef>
#include <vector>

#include "core/result.hpp"
#include "stats/growth_data.hpp"
#include "stats/growth_model.hpp"

namespace tessera::stats {

/// A client's predicted deviation from the population curve (lme4's ranef()) and its
/// conditional SDs given their data.
struct ClientEffects {
  double intercept = 0;
  double slope = 0;
  double sd_intercept = 0;
  double sd_slope = 0;
};

/// BLUPs of every client in `data`, indexed as data's clients.
/// REQUIRES: fit came from FitGrowthModel(data).
std::vector<ClientEffects> PredictClientEffects(const GrowthData& data, const GrowthFit& fit);

struct TimedScore {
  double time = 0;  // on the raw scale (e.g. session number), as in the fitted data
  double score = 0;
};

struct ClientHistory {
  std::vector<double> covariates;  // one per fitted covariate, in the fit's order
  std::vector<TimedScore> scores;  // may be empty: a new client
};

struct ResponseBand {
  double time = 0;            // raw time asked for
  double expected = 0;        // x'beta + z'b_hat
  double standard_error = 0;  // of `expected` (random-effect and fixed-effect uncertainty)
  double prediction_sd = 0;   // of a new score: sqrt(standard_error^2 + sigma^2)
  double lower = 0;           // expected -/+ z_{(1+coverage)/2} * prediction_sd
  double upper = 0;
};

/// Uses of the fit only: fixed (estimates), fixed_covariance, theta, sigma and time_scale, so
/// a fit stored elsewhere (e.g. the JSON of `tessera fit growth`) can be rebuilt for it.
/// Covariates are client-level: one value per client, used at every session.
class ExpectedResponse {
 public:
  /// Copies what it needs from `fit`. Errors (InvalidArgument): wrong number of covariates, a
  /// non-finite value, or a time the fit's time scale cannot take (log of <= 0).
  static Result<ExpectedResponse> Create(const GrowthFit& fit, const ClientHistory& history);

  /// The band at raw time `time` holding a new score with probability `coverage`.
  /// Errors: coverage not in (0, 1), time not usable.
  Result<ResponseBand> At(double time, double coverage) const;

  const ClientEffects& effects() const { return effects_; }

 private:
  ExpectedResponse() = default;
  GrowthFit fit_;
  std::vector<double> covariates_;
  ClientEffects effects_;
  std::vector<double> cross_zx_;       // Z'X of the history, 2 x p
  std::array<double, 3> shrinkage_{};  // M = Lambda A^-1 Lambda' (m00, m01, m11)
};

}  // namespace tessera::stats
