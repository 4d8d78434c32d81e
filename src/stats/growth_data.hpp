#pragma once
// The data of a growth model, reduced as it arrives to what the likelihood needs: per client,
// the 2x2 cross-product of (1, time), its products with the fixed-effect columns and the
// response. Memory is linear in the number of clients, not observations, so a fit can stream
// millions of sessions from a file or a store.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::stats {

/// How the time column enters the model. kLog uses log(time) and requires time > 0
/// (e.g. session number 1, 2, ...), giving fast early change that levels off.
enum class TimeScale { kAsGiven, kLog };

/// "as_given" or "log".
std::string_view TimeScaleName(TimeScale scale);
/// Parses "as_given"/"identity"/"linear" or "log"; InvalidArgument otherwise.
Result<TimeScale> ParseTimeScale(std::string_view text);
/// Applies the scale to one raw time; InvalidArgument when not finite or log of time <= 0.
Result<double> TransformTime(TimeScale scale, double raw_time);

struct GrowthDataSpec {
  std::string time_name = "time";  // names used in errors and in the fit's output
  std::string response_name = "response";
  std::vector<std::string> covariate_names;  // client covariates, fixed effects after time
  TimeScale time_scale = TimeScale::kAsGiven;
};

/// Sufficient statistics of one client (q = 2 random effects, p = 2 + covariates).
struct ClientSums {
  double count = 0;  // Z'Z = [count, sum_time; sum_time, sum_time_sq]
  double sum_time = 0;
  double sum_time_sq = 0;
};

/// Immutable result of GrowthDataBuilder::Finish(); validated and ready to fit.
class GrowthData {
 public:
  const GrowthDataSpec& spec() const { return spec_; }
  /// Number of fixed effects p: intercept, time, covariates.
  std::size_t FixedCount() const { return 2 + spec_.covariate_names.size(); }
  std::size_t ClientCount() const { return labels_.size(); }
  std::size_t ObservationCount() const { return observation_count_; }
  /// The client's label as given to the builder.
  const std::string& ClientLabel(std::size_t client) const { return labels_[client]; }
  const ClientSums& Sums(std::size_t client) const { return sums_[client]; }
  /// The sums below are of centred values: the response minus ResponseShift() and each
  /// covariate minus its CovariateShifts() entry (the first value seen). Centring is an exact
  /// reparametrisation (only the intercept changes) that keeps y'y and X'X from swamping the
  /// residual sum of squares when scores sit far from 0.
  double ResponseShift() const { return response_shift_; }
  const std::vector<double>& CovariateShifts() const { return covariate_shifts_; }
  /// Z_i'X_i as a 2 x p row-major block (row 0: sums of X, row 1: sums of time * X).
  std::span<const double> CrossZX(std::size_t client) const;
  /// Z_i'y_i: (sum of y, sum of time * y).
  std::span<const double, 2> CrossZY(std::size_t client) const;
  /// X'X (p x p row-major), X'y (p) and y'y over all observations.
  const std::vector<double>& CrossXX() const { return cross_xx_; }
  const std::vector<double>& CrossXY() const { return cross_xy_; }
  double CrossYY() const { return cross_yy_; }

 private:
  friend class GrowthDataBuilder;
  GrowthData() = default;
  GrowthDataSpec spec_;
  std::vector<std::string> labels_;
  std::vector<ClientSums> sums_;
  std::vector<double> cross_zx_;  // 2p per client
  std::vector<double> cross_zy_;  // 2 per client
  std::vector<double> cross_xx_;
  std::vector<double> cross_xy_;
  double cross_yy_ = 0;
  double response_shift_ = 0;
  std::vector<double> covariate_shifts_;
  std::size_t observation_count_ = 0;
};

/// Accumulates observations in any order (rows of one client need not be adjacent).
class GrowthDataBuilder {
 public:
  explicit GrowthDataBuilder(GrowthDataSpec spec);
  ~GrowthDataBuilder();
  GrowthDataBuilder(GrowthDataBuilder&&) noexcept;
  GrowthDataBuilder& operator=(GrowthDataBuilder&&) noexcept;

  /// Adds one observation. `raw_time` is transformed by spec.time_scale. Returns
  /// InvalidArgument naming the field (time, response or the covariate) when a value is not
  /// finite or the time cannot be transformed; nothing is added then.
  /// REQUIRES: covariates.size() == spec.covariate_names.size().
  Status Add(std::string_view client, double raw_time, double response,
             std::span<const double> covariates);

  /// Registers a client expected to have observations (e.g. every client of a cohort), so
  /// that Finish() reports one without any instead of silently leaving it out.
  void DeclareClient(std::string_view client);

  std::size_t ObservationCount() const;

  /// Checks the data can identify the model (every declared client observed, >= 3 clients,
  /// more observations than random effects, non-constant time, fixed effects not collinear) and
  /// returns it; the builder is left empty.
  Result<GrowthData> Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tessera::stats
