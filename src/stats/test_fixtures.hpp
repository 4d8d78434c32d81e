#pragma once
// Test-only helpers shared by the stats tests: the lme4 fixtures in tests/fixtures/stats.

#include <string>
#include <vector>

#include "stats/growth_data.hpp"

namespace tessera::stats::testing {

/// tests/fixtures/stats/ with a trailing slash.
std::string FixtureDir();

/// Loads <dataset>.csv (columns id,time,y,intake) into GrowthData with the given covariates
/// (empty or {"intake"}). Fails the current test when the data are refused.
GrowthData LoadFixtureDataset(const std::string& dataset,
                              const std::vector<std::string>& covariates, TimeScale scale);

struct FixtureRow {
  std::string id;
  double time = 0, y = 0, intake = 0;
};
/// The raw rows of <dataset>.csv.
std::vector<FixtureRow> LoadFixtureRows(const std::string& dataset);

}  // namespace tessera::stats::testing
