// The analytic gradient of the profiled deviance with respect to theta.
//
// With S = RX'RX = X'X - Q_xx, beta = S^-1 rhs and v = (-beta, 1):
//   d pwrss        = -v' dQ v
//   d log det S    = -tr(S^-1 dQ_xx)
//   d log det A_i  = tr(A_i^-1 dA_i),   dA_i = E' C_i Lambda + Lambda' C_i E
//   dM_i           = E B_i' + B_i E' - B_i dA_i B_i',   B_i = Lambda A_i^-1
// where E = dLambda/dtheta_k is a unit matrix and C_i = Z_i'Z_i. dQ = sum_i w_i' dM_i w_i
// needs only the scalars v'G_ab v and <S^-1, G_ab[xx]> per group (or per singleton client).

#include <cmath>

#include "stats/growth_criterion.hpp"

namespace tessera::stats {
namespace {

struct Mat2 {
  double a00, a01, a10, a11;
};

Mat2 Multiply(const Mat2& x, const Mat2& y) {
  return {x.a00 * y.a00 + x.a01 * y.a10, x.a00 * y.a01 + x.a01 * y.a11,
          x.a10 * y.a00 + x.a11 * y.a10, x.a10 * y.a01 + x.a11 * y.a11};
}
Mat2 Transpose(const Mat2& x) { return {x.a00, x.a10, x.a01, x.a11}; }
Mat2 Add(const Mat2& x, const Mat2& y) {
  return {x.a00 + y.a00, x.a01 + y.a01, x.a10 + y.a10, x.a11 + y.a11};
}

// Per time pattern: d log det A and dM (m00, m01, m11) for each of the three thetas.
struct BlockDerivatives {
  std::array<double, 3> log_det;
  std::array<std::array<double, 3>, 3> m;
};

BlockDerivatives Differentiate(const std::array<double, 3>& theta,
                               const std::array<double, 3>& ztz) {
  const Mat2 lambda{theta[0], 0, theta[1], theta[2]};
  const Mat2 cross{ztz[0], ztz[1], ztz[1], ztz[2]};
  const Mat2 c_lambda = Multiply(cross, lambda);
  const Mat2 a = Add(Multiply(Transpose(lambda), c_lambda), {1, 0, 0, 1});
  const double det = a.a00 * a.a11 - a.a01 * a.a10;
  const Mat2 a_inverse{a.a11 / det, -a.a01 / det, -a.a10 / det, a.a00 / det};
  const Mat2 b = Multiply(lambda, a_inverse);
  const Mat2 b_transpose = Transpose(b);
  static constexpr Mat2 kUnit[3] = {{1, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  BlockDerivatives result{};
  for (int k = 0; k < 3; ++k) {
    const Mat2 half = Multiply(Transpose(kUnit[k]), c_lambda);
    const Mat2 d_a = Add(half, Transpose(half));
    const Mat2 product = Multiply(a_inverse, d_a);
    result.log_det[k] = product.a00 + product.a11;
    const Mat2 e_bt = Multiply(kUnit[k], b_transpose);
    const Mat2 d_m = Add(e_bt, Transpose(e_bt));
    const Mat2 correction = Multiply(Multiply(b, d_a), b_transpose);
    result.m[k] = {d_m.a00 - correction.a00, d_m.a01 - correction.a01, d_m.a11 - correction.a11};
  }
  return result;
}

}  // namespace

std::array<double, 3> GrowthCriterion::Gradient(const std::array<double, 3>& theta,
                                                EstimationMethod method,
                                                const CriterionParts& parts) const {
  const std::size_t p = p_, width = width_, block = width * width;
  std::vector<double> v(width);
  for (std::size_t k = 0; k < p; ++k) v[k] = -parts.beta[k];
  v[p] = 1;
  const std::vector<double>& s_inverse = parts.rx_inverse;  // p x p, symmetric

  std::array<double, 3> d_log_det{}, d_vqv{}, d_trace{};
  auto accumulate = [&](const BlockDerivatives& d, double count, double s00, double s01, double s11,
                        double t00, double t01, double t11) {
    for (int k = 0; k < 3; ++k) {
      const auto& m = d.m[k];
      d_log_det[k] += count * d.log_det[k];
      d_vqv[k] += m[0] * s00 + 2 * m[1] * s01 + m[2] * s11;
      d_trace[k] += m[0] * t00 + 2 * m[1] * t01 + m[2] * t11;
    }
  };
  // v'Gv and <S^-1, G_xx> for one width x width block G.
  auto quadratic = [&](const double* g) {
    double sum = 0;
    for (std::size_t row = 0; row < width; ++row) {
      double inner = 0;
      for (std::size_t col = 0; col < width; ++col) inner += g[row * width + col] * v[col];
      sum += v[row] * inner;
    }
    return sum;
  };
  auto trace = [&](const double* g) {
    double sum = 0;
    for (std::size_t row = 0; row < p; ++row) {
      for (std::size_t col = 0; col < p; ++col) {
        sum += s_inverse[row * p + col] * g[col * width + row];
      }
    }
    return sum;
  };
  for (std::size_t group = 0; group < group_count_.size(); ++group) {
    const double* g = group_sums_.data() + group * 3 * block;
    accumulate(Differentiate(theta, group_ztz_[group]), group_count_[group], quadratic(g),
               quadratic(g + block), quadratic(g + 2 * block), trace(g), trace(g + block),
               trace(g + 2 * block));
  }
  std::vector<double> s_w(p);
  for (std::size_t client = 0; client < singleton_ztz_.size(); ++client) {
    const double* w0 = singleton_w_.data() + client * 2 * width;
    const double* w1 = w0 + width;
    double r0 = 0, r1 = 0;
    for (std::size_t col = 0; col < width; ++col) r0 += v[col] * w0[col], r1 += v[col] * w1[col];
    // t_ab = w_a,x' S^-1 w_b,x
    double t00 = 0, t01 = 0, t11 = 0;
    for (std::size_t row = 0; row < p; ++row) {
      double from_w0 = 0, from_w1 = 0;
      for (std::size_t col = 0; col < p; ++col) {
        from_w0 += s_inverse[row * p + col] * w0[col];
        from_w1 += s_inverse[row * p + col] * w1[col];
      }
      t00 += w0[row] * from_w0;
      t01 += w1[row] * from_w0;
      t11 += w1[row] * from_w1;
    }
    accumulate(Differentiate(theta, singleton_ztz_[client]), 1, r0 * r0, r0 * r1, r1 * r1, t00, t01,
               t11);
  }

  const double n = observation_count_;
  std::array<double, 3> gradient{};
  for (int k = 0; k < 3; ++k) {
    const double d_pwrss = -d_vqv[k];
    if (method == EstimationMethod::kReml) {
      const double degrees = n - static_cast<double>(p);
      gradient[k] = d_log_det[k] - d_trace[k] + degrees * d_pwrss / parts.pwrss;
    } else {
      gradient[k] = d_log_det[k] + n * d_pwrss / parts.pwrss;
    }
  }
  return gradient;
}

}  // namespace tessera::stats
