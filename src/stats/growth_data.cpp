#include "stats/growth_data.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "stats/small_linear_algebra.hpp"

namespace tessera::stats {

std::string_view TimeScaleName(TimeScale scale) {
  switch (scale) {
    case TimeScale::kAsGiven:
      return "as_given";
    case TimeScale::kLog:
      return "log";
  }
  return "as_given";
}

Result<TimeScale> ParseTimeScale(std::string_view text) {
  if (text == "as_given" || text == "identity" || text == "linear") return TimeScale::kAsGiven;
  if (text == "log") return TimeScale::kLog;
  return InvalidArgument("time scale: '" + std::string(text) + "' is not one of as_given, log");
}

Result<double> TransformTime(TimeScale scale, double raw_time) {
  if (!std::isfinite(raw_time)) return InvalidArgument("time: not a finite number");
  switch (scale) {
    case TimeScale::kAsGiven:
      return raw_time;
    case TimeScale::kLog:
      if (raw_time <= 0) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", raw_time);
        return InvalidArgument("time: " + std::string(text) +
                               " is not > 0, so its log is undefined (log time scale)");
      }
      return std::log(raw_time);
  }
  return raw_time;
}

std::span<const double> GrowthData::CrossZX(std::size_t client) const {
  const std::size_t width = 2 * FixedCount();
  return {cross_zx_.data() + client * width, width};
}

std::span<const double, 2> GrowthData::CrossZY(std::size_t client) const {
  return std::span<const double, 2>(cross_zy_.data() + 2 * client, 2);
}

struct GrowthDataBuilder::State {
  GrowthData data;
  std::unordered_map<std::string, std::size_t> index_of;
  // Rows of one client are usually adjacent; remembering the last one skips the hash.
  std::string last_label;
  std::size_t last_index = 0;
  bool has_last = false;
  double min_time = 0;
  double max_time = 0;
  std::vector<double> row;  // scratch: one row of X

  std::size_t IndexOf(std::string_view label) {
    if (has_last && label == last_label) return last_index;
    auto [it, inserted] = index_of.try_emplace(std::string(label), data.labels_.size());
    if (inserted) {
      const std::size_t p = data.FixedCount();
      data.labels_.emplace_back(label);
      data.sums_.emplace_back();
      data.cross_zx_.resize(data.cross_zx_.size() + 2 * p, 0.0);
      data.cross_zy_.resize(data.cross_zy_.size() + 2, 0.0);
    }
    last_label.assign(label);
    last_index = it->second;
    has_last = true;
    return it->second;
  }
};

GrowthDataBuilder::GrowthDataBuilder(GrowthDataSpec spec) : state_(std::make_unique<State>()) {
  const std::size_t p = 2 + spec.covariate_names.size();
  state_->data.spec_ = std::move(spec);
  state_->data.cross_xx_.assign(p * p, 0.0);
  state_->data.cross_xy_.assign(p, 0.0);
  state_->row.assign(p, 0.0);
}

GrowthDataBuilder::~GrowthDataBuilder() = default;
GrowthDataBuilder::GrowthDataBuilder(GrowthDataBuilder&&) noexcept = default;
GrowthDataBuilder& GrowthDataBuilder::operator=(GrowthDataBuilder&&) noexcept = default;

void GrowthDataBuilder::DeclareClient(std::string_view client) { state_->IndexOf(client); }

std::size_t GrowthDataBuilder::ObservationCount() const { return state_->data.observation_count_; }

Status GrowthDataBuilder::Add(std::string_view client, double raw_time, double response,
                              std::span<const double> covariates) {
  GrowthData& data = state_->data;
  assert(covariates.size() == data.spec_.covariate_names.size());
  Result<double> transformed = TransformTime(data.spec_.time_scale, raw_time);
  if (!transformed) {
    // TransformTime names the field "time"; the caller's column name is clearer.
    return InvalidArgument(data.spec_.time_name +
                           transformed.error().message().substr(std::string_view("time").size()));
  }
  const double time = *transformed;
  if (!std::isfinite(response)) {
    return InvalidArgument(data.spec_.response_name + ": not a finite number");
  }
  for (std::size_t k = 0; k < covariates.size(); ++k) {
    if (!std::isfinite(covariates[k])) {
      return InvalidArgument(data.spec_.covariate_names[k] + ": not a finite number");
    }
  }
  if (data.observation_count_ == 0) {
    data.response_shift_ = response;
    data.covariate_shifts_.assign(covariates.begin(), covariates.end());
  }
  response -= data.response_shift_;
  const std::size_t p = data.FixedCount();
  std::vector<double>& x = state_->row;
  x[0] = 1.0;
  x[1] = time;
  for (std::size_t k = 0; k < covariates.size(); ++k) {
    x[2 + k] = covariates[k] - data.covariate_shifts_[k];
  }

  const std::size_t client_index = state_->IndexOf(client);
  ClientSums& sums = data.sums_[client_index];
  sums.count += 1;
  sums.sum_time += time;
  sums.sum_time_sq += time * time;
  double* zx = data.cross_zx_.data() + client_index * 2 * p;
  for (std::size_t col = 0; col < p; ++col) {
    zx[col] += x[col];
    zx[p + col] += time * x[col];
  }
  double* zy = data.cross_zy_.data() + client_index * 2;
  zy[0] += response;
  zy[1] += time * response;
  for (std::size_t row = 0; row < p; ++row) {
    for (std::size_t col = 0; col < p; ++col) data.cross_xx_[row * p + col] += x[row] * x[col];
    data.cross_xy_[row] += x[row] * response;
  }
  data.cross_yy_ += response * response;

  if (data.observation_count_ == 0) {
    state_->min_time = state_->max_time = time;
  } else {
    state_->min_time = std::min(state_->min_time, time);
    state_->max_time = std::max(state_->max_time, time);
  }
  ++data.observation_count_;
  return Ok();
}

Result<GrowthData> GrowthDataBuilder::Finish() {
  GrowthData& data = state_->data;
  for (std::size_t client = 0; client < data.ClientCount(); ++client) {
    if (data.sums_[client].count == 0) {
      return InvalidArgument("client '" + data.labels_[client] +
                             "' has no observations; a growth model needs at least one");
    }
  }
  // Two random effects per client need at least three clients to estimate their 2x2
  // covariance, and (as lme4 checks) more observations than random effects.
  if (data.ClientCount() < 3) {
    return InvalidArgument("too few clients: " + std::to_string(data.ClientCount()) +
                           " (a random intercept and slope model needs at least 3)");
  }
  if (data.observation_count_ <= 2 * data.ClientCount()) {
    return InvalidArgument("too few observations: " + std::to_string(data.observation_count_) +
                           " for " + std::to_string(data.ClientCount()) +
                           " clients; need more than 2 per client on average to separate "
                           "random intercepts and slopes from residual error");
  }
  if (!(state_->max_time > state_->min_time)) {
    return InvalidArgument(data.spec_.time_name + ": constant (every observation has time " +
                           std::to_string(state_->min_time) + "), so no slope can be estimated");
  }
  const std::size_t p = data.FixedCount();
  const std::optional<std::size_t> rank_problem = FindCollinearColumn(data.cross_xx_, p);
  if (rank_problem.has_value()) {
    const std::size_t col = *rank_problem;
    const std::string name = col == 1 ? data.spec_.time_name : data.spec_.covariate_names[col - 2];
    return InvalidArgument("fixed effect '" + name +
                           "' is constant or a linear combination of the earlier columns "
                           "(intercept, time, covariates), so it cannot be estimated");
  }
  GrowthData finished = std::move(data);
  *state_ = State{};
  return finished;
}

}  // namespace tessera::stats
