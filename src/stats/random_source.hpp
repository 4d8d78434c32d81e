#pragma once
// Deterministic random numbers for simulation: the same seed gives the same sequence on every
// platform and library version. std::mt19937_64's output is fixed by the standard, but the
// std:: distributions are not, so the distributions here are our own.

#include <cstdint>
#include <random>
#include <span>

namespace tessera::stats {

class RandomSource {
 public:
  explicit RandomSource(std::uint64_t seed) : engine_(seed) {}

  /// Uniform on [0, 1) with 53 random bits.
  double Uniform();
  /// Uniform integer in [0, bound) without modulo bias. REQUIRES: bound > 0.
  std::uint64_t UniformInteger(std::uint64_t bound);
  /// Standard normal (Marsaglia's polar method; caches the second value).
  double Normal();
  /// Normal with the given mean and SD.
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  /// True with the given probability.
  bool Bernoulli(double probability) { return Uniform() < probability; }
  /// An index drawn with probability proportional to weights[index].
  /// REQUIRES: weights non-empty, non-negative, with a positive sum.
  std::size_t Categorical(std::span<const double> weights);

 private:
  std::mt19937_64 engine_;
  double cached_normal_ = 0;
  bool has_cached_normal_ = false;
};

}  // namespace tessera::stats
