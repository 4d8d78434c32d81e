#include "stats/small_linear_algebra.hpp"

#include <cmath>

namespace tessera::stats {

std::optional<std::size_t> FindCollinearColumn(const std::vector<double>& gram, std::size_t p) {
  // Relative pivot below which a column adds nothing new: about 1e-10 of its own norm,
  // far above rounding (1e-16) and far below any real design (a covariate correlated 0.99999
  // with the others still leaves 1e-5).
  constexpr double kRelativePivot = 1e-10;
  std::vector<double> scale(p);
  for (std::size_t col = 0; col < p; ++col) {
    const double diagonal = gram[col * p + col];
    if (!(diagonal > 0)) return col;
    scale[col] = 1.0 / std::sqrt(diagonal);
  }
  // Cholesky of the scaled (correlation-like) matrix, column by column.
  std::vector<double> factor(p * p, 0.0);
  for (std::size_t col = 0; col < p; ++col) {
    for (std::size_t row = col; row < p; ++row) {
      double value = gram[row * p + col] * scale[row] * scale[col];
      for (std::size_t k = 0; k < col; ++k) value -= factor[row * p + k] * factor[col * p + k];
      if (row == col) {
        if (value <= kRelativePivot) return col;
        factor[col * p + col] = std::sqrt(value);
      } else {
        factor[row * p + col] = value / factor[col * p + col];
      }
    }
  }
  return std::nullopt;
}

}  // namespace tessera::stats
