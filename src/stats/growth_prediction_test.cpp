// BLUPs against lme4's ranef(condVar = TRUE), and the expected-response band for new and
// partly observed clients.

#include "stats/growth_prediction.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "stats/normal_distribution.hpp"
#include "stats/random_source.hpp"
#include "stats/test_fixtures.hpp"

namespace tessera::stats {
namespace {

using ::testing::HasSubstr;

struct Lme4Effects {
  double intercept, slope, sd_intercept, sd_slope;
};

std::map<std::string, Lme4Effects> LoadRanef(const std::string& name) {
  std::ifstream file(testing::FixtureDir() + name + "_ranef.csv");
  std::string line;
  std::getline(file, line);
  std::map<std::string, Lme4Effects> effects;
  while (std::getline(file, line)) {
    std::stringstream fields(line);
    std::string id, a, b, c, d;
    std::getline(fields, id, ',');
    std::getline(fields, a, ',');
    std::getline(fields, b, ',');
    std::getline(fields, c, ',');
    std::getline(fields, d, ',');
    effects[id] = {std::stod(a), std::stod(b), std::stod(c), std::stod(d)};
  }
  return effects;
}

GrowthFit FitOrDie(const GrowthData& data) {
  Result<GrowthFit> fit = FitGrowthModel(data);
  EXPECT_TRUE(fit.has_value());
  return std::move(fit).value();
}

class ClientEffectsMatchLme4
    : public ::testing::TestWithParam<std::pair<const char*, std::vector<std::string>>> {};

TEST_P(ClientEffectsMatchLme4, ModesAndConditionalSds) {
  const auto& [name, covariates] = GetParam();
  const std::string dataset = std::string(name).substr(0, std::string(name).find('_'));
  const GrowthData data = testing::LoadFixtureDataset(dataset, covariates, TimeScale::kAsGiven);
  const GrowthFit fit = FitOrDie(data);
  const auto reference = LoadRanef(name);
  const std::vector<ClientEffects> effects = PredictClientEffects(data, fit);
  ASSERT_EQ(effects.size(), reference.size());
  // BLUPs scatter around 0, so a purely relative test is meaningless for the small ones:
  // compare to 1e-4 of (|value| + the population SD of that effect).
  for (std::size_t client = 0; client < effects.size(); ++client) {
    const Lme4Effects& expected = reference.at(data.ClientLabel(client));
    const ClientEffects& actual = effects[client];
    const double intercept_scale = std::abs(expected.intercept) + fit.random.sd_intercept;
    const double slope_scale = std::abs(expected.slope) + fit.random.sd_slope;
    EXPECT_NEAR(actual.intercept, expected.intercept, 1e-4 * intercept_scale);
    EXPECT_NEAR(actual.slope, expected.slope, 1e-4 * slope_scale);
    EXPECT_NEAR(actual.sd_intercept, expected.sd_intercept, 1e-4 * expected.sd_intercept);
    EXPECT_NEAR(actual.sd_slope, expected.sd_slope, 1e-4 * expected.sd_slope);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ClientEffectsMatchLme4,
                         ::testing::Values(std::make_pair("small_reml", std::vector<std::string>{}),
                                           std::make_pair("medium_intake_reml",
                                                          std::vector<std::string>{"intake"})),
                         [](const auto& info) { return std::string(info.param.first); });

TEST(ExpectedResponse, NewClientFollowsThePopulationCurve) {
  const GrowthData data = testing::LoadFixtureDataset("medium", {"intake"}, TimeScale::kAsGiven);
  const GrowthFit fit = FitOrDie(data);
  Result<ExpectedResponse> expected =
      ExpectedResponse::Create(fit, {.covariates = {18}, .scores = {}});
  ASSERT_TRUE(expected.has_value()) << expected.error().message();
  EXPECT_EQ(expected->effects().intercept, 0);
  EXPECT_EQ(expected->effects().slope, 0);
  const double t = 6;
  Result<ResponseBand> band = expected->At(t, 0.9);
  ASSERT_TRUE(band.has_value());
  const double x[] = {1, t, 18};
  double mean = 0, fixed_variance = 0;
  for (int row = 0; row < 3; ++row) {
    mean += x[row] * fit.fixed[row].estimate;
    for (int col = 0; col < 3; ++col)
      fixed_variance += x[row] * fit.fixed_covariance[row * 3 + col] * x[col];
  }
  const auto sigma_b = fit.RandomCovariance();
  const double random_variance = sigma_b[0] + 2 * t * sigma_b[1] + t * t * sigma_b[2];
  EXPECT_NEAR(band->expected, mean, 1e-12);
  EXPECT_NEAR(band->standard_error, std::sqrt(random_variance + fixed_variance), 1e-9);
  const double sd = std::sqrt(random_variance + fixed_variance + fit.sigma * fit.sigma);
  EXPECT_NEAR(band->prediction_sd, sd, 1e-9);
  EXPECT_NEAR(band->upper, mean + NormalQuantile(0.95) * sd, 1e-9);
  EXPECT_NEAR(band->lower, mean - NormalQuantile(0.95) * sd, 1e-9);
}

TEST(ExpectedResponse, ObservedClientGetsTheirOwnBlup) {
  const GrowthData data = testing::LoadFixtureDataset("small", {}, TimeScale::kAsGiven);
  const GrowthFit fit = FitOrDie(data);
  const std::vector<ClientEffects> effects = PredictClientEffects(data, fit);
  ClientHistory history;
  for (const testing::FixtureRow& row : testing::LoadFixtureRows("small")) {
    if (row.id == data.ClientLabel(4)) history.scores.push_back({row.time, row.y});
  }
  Result<ExpectedResponse> expected = ExpectedResponse::Create(fit, history);
  ASSERT_TRUE(expected.has_value());
  EXPECT_NEAR(expected->effects().intercept, effects[4].intercept, 1e-10);
  EXPECT_NEAR(expected->effects().slope, effects[4].slope, 1e-10);
  // Seeing the client narrows the band compared with a new client.
  Result<ExpectedResponse> fresh = ExpectedResponse::Create(fit, {});
  ASSERT_TRUE(fresh.has_value());
  EXPECT_LT(expected->At(8, 0.9)->prediction_sd, fresh->At(8, 0.9)->prediction_sd);
  EXPECT_NEAR(expected->At(8, 0.9)->expected,
              fit.fixed[0].estimate + fit.fixed[1].estimate * 8 + effects[4].intercept +
                  effects[4].slope * 8,
              1e-9);
}

// Held-out clients simulated from the fitted model's own truth: their later scores should
// fall inside the 90% band about 90% of the time, given their first three sessions.
TEST(ExpectedResponse, BandsHaveTheirNominalCoverage) {
  RandomSource random(99);
  auto simulate_client = [&](std::vector<TimedScore>& scores) {
    const double z0 = random.Normal(), z1 = random.Normal();
    const double u0 = 3 * z0, u1 = 0.4 * (-0.3 * z0 + std::sqrt(1 - 0.09) * z1);
    for (int session = 1; session <= 10; ++session) {
      scores.push_back({double(session), 18 + u0 + (-0.7 + u1) * session + 2 * random.Normal()});
    }
  };
  GrowthDataBuilder builder({"session", "score", {}, TimeScale::kAsGiven});
  for (int client = 0; client < 1500; ++client) {
    std::vector<TimedScore> scores;
    simulate_client(scores);
    for (const TimedScore& s : scores) {
      ASSERT_TRUE(builder.Add(std::to_string(client), s.time, s.score, {}).has_value());
    }
  }
  Result<GrowthData> data = builder.Finish();
  ASSERT_TRUE(data.has_value());
  const GrowthFit fit = FitOrDie(*data);
  int inside = 0, total = 0;
  for (int client = 0; client < 1000; ++client) {
    std::vector<TimedScore> scores;
    simulate_client(scores);
    ClientHistory history{{}, {scores.begin(), scores.begin() + 3}};
    Result<ExpectedResponse> expected = ExpectedResponse::Create(fit, history);
    ASSERT_TRUE(expected.has_value());
    for (std::size_t later = 3; later < scores.size(); ++later) {
      const ResponseBand band = expected->At(scores[later].time, 0.9).value();
      inside += scores[later].score >= band.lower && scores[later].score <= band.upper;
      ++total;
    }
  }
  EXPECT_NEAR(static_cast<double>(inside) / total, 0.9, 0.015);
}

TEST(ExpectedResponse, RefusesUnusableInput) {
  const GrowthData data = testing::LoadFixtureDataset("logtime", {"intake"}, TimeScale::kLog);
  const GrowthFit fit = FitOrDie(data);
  Result<ExpectedResponse> wrong_count = ExpectedResponse::Create(fit, {});
  ASSERT_FALSE(wrong_count.has_value());
  EXPECT_THAT(wrong_count.error().message(), HasSubstr("1 covariates but 0"));
  Result<ExpectedResponse> bad_time = ExpectedResponse::Create(fit, {{14}, {{0, 12}}});
  ASSERT_FALSE(bad_time.has_value());
  EXPECT_THAT(bad_time.error().message(), HasSubstr("scores[0].time"));
  Result<ExpectedResponse> bad_score = ExpectedResponse::Create(fit, {{14}, {{1, NAN}}});
  ASSERT_FALSE(bad_score.has_value());
  EXPECT_THAT(bad_score.error().message(), HasSubstr("scores[0].score"));
  Result<ExpectedResponse> good = ExpectedResponse::Create(fit, {{14}, {{1, 12}}});
  ASSERT_TRUE(good.has_value());
  for (double coverage : {0.0, 1.0, -0.1, 1.5}) {
    EXPECT_FALSE(good->At(3, coverage).has_value()) << coverage;
  }
  EXPECT_FALSE(good->At(-1, 0.9).has_value());
  EXPECT_TRUE(good->At(20, 0.9).has_value());
}

}  // namespace
}  // namespace tessera::stats
