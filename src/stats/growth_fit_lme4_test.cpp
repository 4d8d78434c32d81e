// FitGrowthModel against lme4: every fit in tests/fixtures/stats/lme4_fits.json (made by
// make_fixtures.R) must agree within 1e-4 relative on estimates and 1e-6 on log-likelihood,
// and a fit lme4 calls singular must be refused as singular.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stats/growth_model.hpp"
#include "stats/test_fixtures.hpp"

namespace tessera::stats {
namespace {

nlohmann::json LoadFits() {
  std::ifstream file(testing::FixtureDir() + "lme4_fits.json");
  return nlohmann::json::parse(file);
}

void ExpectRelative(double actual, double expected, double tolerance, const std::string& what) {
  EXPECT_LE(std::abs(actual - expected), tolerance * std::abs(expected))
      << what << ": tessera " << actual << " lme4 " << expected;
}

class GrowthFitMatchesLme4 : public ::testing::TestWithParam<std::string> {};

TEST_P(GrowthFitMatchesLme4, AgreesWithinTolerance) {
  nlohmann::json expected;
  const nlohmann::json all = LoadFits();
  for (const auto& fit : all["fits"]) {
    if (fit["name"] == GetParam()) expected = fit;
  }
  ASSERT_FALSE(expected.is_null());
  const auto covariates = expected["covariates"].get<std::vector<std::string>>();
  TimeScale scale = ParseTimeScale(expected["time_scale"].get<std::string>()).value();
  const GrowthData data = testing::LoadFixtureDataset(expected["dataset"], covariates, scale);
  EXPECT_EQ(data.ClientCount(), expected["n_clients"].get<std::size_t>());
  EXPECT_EQ(data.ObservationCount(), expected["n_obs"].get<std::size_t>());

  GrowthFitOptions options;
  options.method =
      expected["method"] == "ML" ? EstimationMethod::kMaximumLikelihood : EstimationMethod::kReml;
  Result<GrowthFit> fit = FitGrowthModel(data, options);
  if (expected["singular"].get<bool>()) {
    // lme4's isSingular() is TRUE: tessera must refuse the fit, not return estimates.
    ASSERT_FALSE(fit.has_value());
    EXPECT_NE(fit.error().message().find("singular fit"), std::string::npos)
        << fit.error().message();
    return;
  }
  ASSERT_TRUE(fit.has_value()) << fit.error().message();
  EXPECT_EQ(fit->convergence, Convergence::kConverged);
  constexpr double kTolerance = 1e-4;
  ASSERT_EQ(fit->fixed.size(), expected["fixed"].size());
  for (std::size_t k = 0; k < fit->fixed.size(); ++k) {
    const auto& reference = expected["fixed"][k];
    EXPECT_EQ(fit->fixed[k].name, reference["name"]);
    ExpectRelative(fit->fixed[k].estimate, reference["estimate"], kTolerance,
                   fit->fixed[k].name + " estimate");
    ExpectRelative(fit->fixed[k].standard_error, reference["se"], kTolerance,
                   fit->fixed[k].name + " se");
  }
  ExpectRelative(fit->random.sd_intercept, expected["sd_intercept"], kTolerance, "sd_intercept");
  ExpectRelative(fit->random.sd_slope, expected["sd_slope"], kTolerance, "sd_slope");
  ExpectRelative(fit->random.correlation, expected["corr"], kTolerance, "corr");
  ExpectRelative(fit->sigma, expected["sigma"], kTolerance, "sigma");
  EXPECT_NEAR(fit->log_likelihood, expected["loglik"].get<double>(), 1e-6);
}

std::vector<std::string> FitNames() {
  std::vector<std::string> names;
  const nlohmann::json all = LoadFits();  // named: a temporary would die before the loop
  for (const auto& fit : all["fits"]) names.push_back(fit["name"]);
  return names;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GrowthFitMatchesLme4, ::testing::ValuesIn(FitNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tessera::stats
