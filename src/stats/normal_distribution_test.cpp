#include "stats/normal_distribution.hpp"

#include <gtest/gtest.h>

namespace tessera::stats {
namespace {

TEST(NormalQuantile, MatchesKnownValues) {
  struct Case {
    double probability;
    double quantile;
  };
  // Reference values from R's qnorm() to 15 digits.
  const Case cases[] = {{0.5, 0.0},
                        {0.975, 1.95996398454005},
                        {0.025, -1.95996398454005},
                        {0.95, 1.64485362695147},
                        {0.9, 1.28155156554460},
                        {0.02425, -1.97296105131188},  // either side of the tail switch
                        {0.0243, -1.97208415902929},
                        {1e-10, -6.36134090240406}};
  for (const Case& c : cases) {
    EXPECT_NEAR(NormalQuantile(c.probability), c.quantile, 1e-12) << c.probability;
  }
}

TEST(NormalQuantile, InvertsCdf) {
  for (double p = 0.001; p < 1; p += 0.0137) EXPECT_NEAR(NormalCdf(NormalQuantile(p)), p, 1e-14);
}

}  // namespace
}  // namespace tessera::stats
