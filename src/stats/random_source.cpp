#include "stats/random_source.hpp"

#include <cassert>
#include <cmath>

namespace tessera::stats {

double RandomSource::Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

std::uint64_t RandomSource::UniformInteger(std::uint64_t bound) {
  assert(bound > 0);
  // Reject the top partial block so every residue is equally likely.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t draw;
  do {
    draw = engine_();
  } while (draw >= limit);
  return draw % bound;
}

double RandomSource::Normal() {
  if (has_cached_normal_) {
    has_cached_normal_ = false;
    return cached_normal_;
  }
  double u, v, s;
  do {
    u = 2 * Uniform() - 1;
    v = 2 * Uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double factor = std::sqrt(-2 * std::log(s) / s);
  cached_normal_ = v * factor;
  has_cached_normal_ = true;
  return u * factor;
}

std::size_t RandomSource::Categorical(std::span<const double> weights) {
  assert(!weights.empty());
  double total = 0;
  for (double weight : weights) total += weight;
  assert(total > 0);
  double target = Uniform() * total;
  for (std::size_t index = 0; index < weights.size(); ++index) {
    if (target < weights[index]) return index;
    target -= weights[index];
  }
  return weights.size() - 1;
}

}  // namespace tessera::stats
