#include "stats/growth_criterion.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <unordered_map>

namespace tessera::stats {
namespace {

using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct PatternKey {
  std::uint64_t count, sum, sum_sq;
  bool operator==(const PatternKey&) const = default;
};

struct PatternHash {
  std::size_t operator()(const PatternKey& key) const {
    std::uint64_t hash = key.count * 0x9E3779B97F4A7C15ull;
    hash ^= key.sum + 0x9E3779B97F4A7C15ull + (hash << 6) + (hash >> 2);
    hash ^= key.sum_sq + 0x9E3779B97F4A7C15ull + (hash << 6) + (hash >> 2);
    return static_cast<std::size_t>(hash);
  }
};

// M = Lambda A^-1 Lambda' for one Z'Z pattern, and det A (log det A = log|L_i|^2 in lme4).
struct BlockTerms {
  double m00, m01, m11;
  double determinant;  // det A >= 1
};

constexpr std::size_t kSingleton = static_cast<std::size_t>(-1);

BlockTerms ComputeBlock(const std::array<double, 3>& theta, const std::array<double, 3>& ztz) {
  const double t0 = theta[0], t1 = theta[1], t2 = theta[2];
  const double n = ztz[0], s = ztz[1], ss = ztz[2];
  // Lambda' Z'Z Lambda with Lambda = [t0 0; t1 t2].
  const double a00 = t0 * t0 * n + 2 * t0 * t1 * s + t1 * t1 * ss + 1;
  const double a01 = t0 * t2 * s + t1 * t2 * ss;
  const double a11 = t2 * t2 * ss + 1;
  const double det = a00 * a11 - a01 * a01;
  // A^-1 = [a11 -a01; -a01 a00] / det; M = Lambda A^-1 Lambda'.
  const double i00 = a11 / det, i01 = -a01 / det, i11 = a00 / det;
  const double m00 = t0 * t0 * i00;
  const double m01 = t0 * (t1 * i00 + t2 * i01);
  const double m11 = t1 * t1 * i00 + 2 * t1 * t2 * i01 + t2 * t2 * i11;
  return {m00, m01, m11, det};
}

}  // namespace

GrowthCriterion::GrowthCriterion(const GrowthData& data)
    : p_(data.FixedCount()),
      width_(data.FixedCount() + 1),
      observation_count_(static_cast<double>(data.ObservationCount())),
      cross_xx_(data.CrossXX()),
      cross_xy_(data.CrossXY()),
      cross_yy_(data.CrossYY()) {
  auto key_of = [&](std::size_t client) {
    const ClientSums& sums = data.Sums(client);
    return PatternKey{std::bit_cast<std::uint64_t>(sums.count),
                      std::bit_cast<std::uint64_t>(sums.sum_time),
                      std::bit_cast<std::uint64_t>(sums.sum_time_sq)};
  };
  // First pass: how many clients share each time pattern. A pattern seen once is kept as
  // the client's own w (2 x width numbers) rather than three width x width sums, which is
  // 4x less memory to stream per evaluation when times are irregular.
  std::unordered_map<PatternKey, std::size_t, PatternHash> group_of;
  for (std::size_t client = 0; client < data.ClientCount(); ++client) ++group_of[key_of(client)];
  std::size_t next_group = 0;
  for (auto& [key, count] : group_of) count = count == 1 ? kSingleton : next_group++;

  const std::size_t block = width_ * width_;
  group_count_.assign(next_group, 0);
  group_ztz_.resize(next_group);
  group_sums_.assign(next_group * 3 * block, 0.0);
  std::vector<double> w(2 * width_);
  for (std::size_t client = 0; client < data.ClientCount(); ++client) {
    const ClientSums& sums = data.Sums(client);
    const auto zx = data.CrossZX(client);
    const auto zy = data.CrossZY(client);
    for (std::size_t col = 0; col < p_; ++col) {
      w[col] = zx[col];
      w[width_ + col] = zx[p_ + col];
    }
    w[p_] = zy[0];
    w[width_ + p_] = zy[1];
    const std::size_t group = group_of[key_of(client)];
    if (group == kSingleton) {
      singleton_ztz_.push_back({sums.count, sums.sum_time, sums.sum_time_sq});
      singleton_w_.insert(singleton_w_.end(), w.begin(), w.end());
      continue;
    }
    group_count_[group] += 1;
    group_ztz_[group] = {sums.count, sums.sum_time, sums.sum_time_sq};
    double* g00 = group_sums_.data() + group * 3 * block;
    double* g01 = g00 + block;
    double* g11 = g01 + block;
    for (std::size_t row = 0; row < width_; ++row) {
      const double w0 = w[row], w1 = w[width_ + row];
      for (std::size_t col = 0; col < width_; ++col) {
        g00[row * width_ + col] += w0 * w[col];
        g01[row * width_ + col] += w0 * w[width_ + col];
        g11[row * width_ + col] += w1 * w[width_ + col];
      }
    }
  }
}

double GrowthCriterion::Deviance(const std::array<double, 3>& theta,
                                 EstimationMethod method) const {
  return Evaluate(theta, method).deviance;
}

CriterionParts GrowthCriterion::Evaluate(const std::array<double, 3>& theta,
                                         EstimationMethod method) const {
  CriterionParts parts;
  parts.deviance = std::numeric_limits<double>::infinity();
  const std::size_t block = width_ * width_;
  Matrix q = Matrix::Zero(width_, width_);
  double log_det_l = 0;
  for (std::size_t group = 0; group < group_count_.size(); ++group) {
    const BlockTerms terms = ComputeBlock(theta, group_ztz_[group]);
    log_det_l += group_count_[group] * std::log(terms.determinant);
    const double* g = group_sums_.data() + group * 3 * block;
    Eigen::Map<const Matrix> g00(g, width_, width_);
    Eigen::Map<const Matrix> g01(g + block, width_, width_);
    Eigen::Map<const Matrix> g11(g + 2 * block, width_, width_);
    // sum over a, b of M_ab G_ab, with G_10 = G_01'. Symmetrised below.
    q.noalias() += terms.m00 * g00 + terms.m11 * g11 + (2 * terms.m01) * g01;
  }
  // Singletons: Q += w0 a' + w1 b' with (a; b) = M (w0; w1), upper triangle only (Q is
  // symmetric). det A >= 1, so products of determinants only grow: take one log per ~20.
  const std::size_t width = width_;
  std::vector<double> upper(width * width, 0.0);
  double determinant_product = 1;
  for (std::size_t client = 0; client < singleton_ztz_.size(); ++client) {
    const BlockTerms terms = ComputeBlock(theta, singleton_ztz_[client]);
    determinant_product *= terms.determinant;
    if (determinant_product > 1e200) {
      log_det_l += std::log(determinant_product);
      determinant_product = 1;
    }
    const double* w0 = singleton_w_.data() + client * 2 * width;
    const double* w1 = w0 + width;
    for (std::size_t row = 0; row < width; ++row) {
      const double a = terms.m00 * w0[row] + terms.m01 * w1[row];
      const double b = terms.m01 * w0[row] + terms.m11 * w1[row];
      for (std::size_t col = row; col < width; ++col) {
        upper[row * width + col] += a * w0[col] + b * w1[col];
      }
    }
  }
  log_det_l += std::log(determinant_product);
  for (std::size_t row = 0; row < width; ++row) {
    for (std::size_t col = row; col < width; ++col) {
      const double value = upper[row * width + col];
      q(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(col)) += value;
      if (col != row) q(static_cast<Eigen::Index>(col), static_cast<Eigen::Index>(row)) += value;
    }
  }
  const Matrix q_sym = 0.5 * (q + q.transpose());
  const auto p = static_cast<Eigen::Index>(p_);
  const Matrix rx_rx = Eigen::Map<const Matrix>(cross_xx_.data(), p, p) - q_sym.topLeftCorner(p, p);
  const Eigen::VectorXd rhs =
      Eigen::Map<const Eigen::VectorXd>(cross_xy_.data(), p) - q_sym.topRightCorner(p, 1);
  const Eigen::LLT<Matrix> cholesky(rx_rx);
  if (cholesky.info() != Eigen::Success || !std::isfinite(log_det_l)) return parts;
  const Eigen::VectorXd beta = cholesky.solve(rhs);
  const double pwrss = cross_yy_ - q_sym(p, p) - rhs.dot(beta);
  if (!(pwrss > 0)) return parts;
  double log_det_rx = 0;
  for (Eigen::Index k = 0; k < p; ++k) log_det_rx += 2 * std::log(cholesky.matrixLLT()(k, k));

  const double n = observation_count_;
  const double two_pi = 2 * std::numbers::pi;
  if (method == EstimationMethod::kReml) {
    const double degrees = n - static_cast<double>(p_);
    parts.sigma_squared = pwrss / degrees;
    parts.deviance = log_det_l + log_det_rx + degrees * (1 + std::log(two_pi * pwrss / degrees));
  } else {
    parts.sigma_squared = pwrss / n;
    parts.deviance = log_det_l + n * (1 + std::log(two_pi * pwrss / n));
  }
  parts.pwrss = pwrss;
  parts.beta.assign(beta.data(), beta.data() + p);
  const Matrix inverse = cholesky.solve(Matrix::Identity(p, p));
  parts.rx_inverse.assign(inverse.data(), inverse.data() + p * p);
  return parts;
}

}  // namespace tessera::stats
