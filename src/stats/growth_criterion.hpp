#pragma once
// The profiled deviance of the growth model as a function of theta (internal to stats).
//
// For one client with Z_i = [1 t], Lambda = [theta0 0; theta1 theta2] and
// A_i = Lambda' Z_i'Z_i Lambda + I, the penalised least-squares problem of lme4 reduces to
// sums over clients of M_i = Lambda A_i^-1 Lambda' contracted with w_i = [Z_i'X_i | Z_i'y_i]:
//   Q = sum_i w_i' M_i w_i,  RX'RX = X'X - Q_xx,  rhs = X'y - Q_xy,  beta = (RX'RX)^-1 rhs,
//   pwrss = y'y - Q_yy - rhs' beta.
// M_i depends on the client only through Z_i'Z_i, so clients with the same time pattern form
// one group whose sums of w_a w_b' are precomputed; an evaluation then costs O(groups)
// plus O(clients whose time pattern is unique).

#include <array>
#include <cstddef>
#include <vector>

#include "stats/growth_data.hpp"
#include "stats/growth_model.hpp"

namespace tessera::stats {

struct CriterionParts {
  double deviance = 0;  // -2 log-likelihood (REML criterion for REML); +inf when not defined
  double pwrss = 0;     // penalised weighted residual sum of squares
  double sigma_squared = 0;
  std::vector<double> beta;
  std::vector<double> rx_inverse;  // (RX'RX)^-1, p x p row-major
};

class GrowthCriterion {
 public:
  explicit GrowthCriterion(const GrowthData& data);

  /// The deviance at theta; +inf when theta makes the system singular.
  double Deviance(const std::array<double, 3>& theta, EstimationMethod method) const;
  /// Everything at theta (beta, sigma^2, (RX'RX)^-1) for the final estimates.
  CriterionParts Evaluate(const std::array<double, 3>& theta, EstimationMethod method) const;

  /// The gradient of the deviance with respect to theta, analytic (growth_criterion_gradient.cpp).
  /// REQUIRES: parts == Evaluate(theta, method) with a finite deviance.
  std::array<double, 3> Gradient(const std::array<double, 3>& theta, EstimationMethod method,
                                 const CriterionParts& parts) const;

  /// Time patterns shared by two or more clients, and clients with a pattern of their own.
  std::size_t GroupCount() const { return group_count_.size(); }
  std::size_t SingletonCount() const { return singleton_ztz_.size(); }

 private:
  std::size_t p_;      // fixed effects
  std::size_t width_;  // p + 1: the w columns (X then y)
  double observation_count_;
  std::vector<double> cross_xx_;  // X'X
  std::vector<double> cross_xy_;
  double cross_yy_;
  // Per group: client count, Z'Z entries, then G00, G01, G11 (width x width each).
  std::vector<double> group_count_;
  std::vector<std::array<double, 3>> group_ztz_;
  std::vector<double> group_sums_;
  // Per client whose pattern is unique: Z'Z entries and w (2 x width, row-major).
  std::vector<std::array<double, 3>> singleton_ztz_;
  std::vector<double> singleton_w_;
};

}  // namespace tessera::stats
