#include "stats/test_fixtures.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace tessera::stats::testing {

std::string FixtureDir() { return std::string(TESSERA_SOURCE_DIR) + "/tests/fixtures/stats/"; }

std::vector<FixtureRow> LoadFixtureRows(const std::string& dataset) {
  std::ifstream file(FixtureDir() + dataset + ".csv");
  EXPECT_TRUE(file.good()) << dataset;
  std::string line;
  std::getline(file, line);
  std::vector<FixtureRow> rows;
  while (std::getline(file, line)) {
    std::stringstream fields(line);
    std::string id, time, y, intake;
    std::getline(fields, id, ',');
    std::getline(fields, time, ',');
    std::getline(fields, y, ',');
    std::getline(fields, intake, ',');
    rows.push_back({id, std::stod(time), std::stod(y), std::stod(intake)});
  }
  return rows;
}

GrowthData LoadFixtureDataset(const std::string& dataset,
                              const std::vector<std::string>& covariates, TimeScale scale) {
  GrowthDataBuilder builder({"time", "y", covariates, scale});
  for (const FixtureRow& row : LoadFixtureRows(dataset)) {
    std::vector<double> values;
    if (!covariates.empty()) values.push_back(row.intake);
    EXPECT_TRUE(builder.Add(row.id, row.time, row.y, values).has_value());
  }
  Result<GrowthData> data = builder.Finish();
  EXPECT_TRUE(data.has_value()) << data.error().message();
  return std::move(data).value();
}

}  // namespace tessera::stats::testing
