#pragma once
// The standard normal distribution's CDF and quantile, portable and deterministic.

namespace tessera::stats {

/// P(Z <= z) for a standard normal Z.
double NormalCdf(double z);

/// The z with NormalCdf(z) == probability, accurate to ~1e-15 relative.
/// REQUIRES: 0 < probability < 1.
double NormalQuantile(double probability);

}  // namespace tessera::stats
