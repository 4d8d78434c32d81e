// Unusable data are refused with a message that says what is wrong; singular fits are
// reported as such.

#include "stats/growth_data.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stats/growth_model.hpp"
#include "stats/growth_prediction.hpp"
#include "stats/random_source.hpp"

namespace tessera::stats {
namespace {

using ::testing::HasSubstr;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// clients x 4 sessions (t = 0..3), intercepts varying by client, slope 0.5, and residuals
// +1 -1 -1 +1, which are orthogonal to (1, t) within each client: every client's own slope
// is exactly 0.5, so the slope variance is estimated as 0 (a singular fit).
void AddIdenticalSlopes(GrowthDataBuilder& builder, int clients) {
  const double residual[] = {1, -1, -1, 1};
  for (int client = 0; client < clients; ++client) {
    const double intercept = 10 + 3 * std::sin(client * 1.7);
    for (int t = 0; t < 4; ++t) {
      ASSERT_TRUE(
          builder.Add("c" + std::to_string(client), t, intercept + 0.5 * t + residual[t], {})
              .has_value());
    }
  }
}

// A well-posed data set: slopes that vary between clients and noise that is not orthogonal.
void AddVaryingSlopes(GrowthDataBuilder& builder, int clients, double covariate_value = kNaN) {
  RandomSource random(2024);
  for (int client = 0; client < clients; ++client) {
    const double slope = random.Normal(-0.5, 0.4);
    const double intercept = random.Normal(15, 3);
    for (int t = 0; t < 5; ++t) {
      const double noise = random.Normal();
      std::vector<double> covariates;
      if (!std::isnan(covariate_value)) covariates.push_back(covariate_value);
      ASSERT_TRUE(
          builder.Add("c" + std::to_string(client), t, intercept + slope * t + noise, covariates)
              .has_value());
    }
  }
}

std::string FinishError(GrowthDataBuilder& builder) {
  Result<GrowthData> data = builder.Finish();
  EXPECT_FALSE(data.has_value());
  return data.has_value() ? "" : data.error().message();
}

TEST(GrowthData, ClientSumsMatchTheRows) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  AddVaryingSlopes(builder, 3);
  ASSERT_TRUE(builder.Add("x", 2, 10, {}).has_value());
  ASSERT_TRUE(builder.Add("x", 4, 7, {}).has_value());
  Result<GrowthData> data = builder.Finish();
  ASSERT_TRUE(data.has_value()) << data.error().message();
  EXPECT_EQ(data->ClientCount(), 4u);
  EXPECT_EQ(data->ObservationCount(), 17u);
  EXPECT_EQ(data->ClientLabel(3), "x");
  EXPECT_EQ(data->Sums(3).count, 2);
  EXPECT_EQ(data->Sums(3).sum_time, 6);
  EXPECT_EQ(data->Sums(3).sum_time_sq, 20);
  // Responses are stored centred on the first one seen.
  const double shift = data->ResponseShift();
  EXPECT_NEAR(data->CrossZY(3)[0], 17 - 2 * shift, 1e-12);
  EXPECT_NEAR(data->CrossZY(3)[1], 48 - 6 * shift, 1e-12);
  EXPECT_EQ(data->CrossZX(3)[1], 6);   // sum of time (row 0, column time)
  EXPECT_EQ(data->CrossZX(3)[3], 20);  // sum of time * time (row 1, column time)
}

TEST(GrowthData, LogTimeScaleTransformsAndRefusesNonPositiveTimes) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kLog});
  ASSERT_TRUE(builder.Add("a", std::exp(2.0), 10, {}).has_value());
  const Status refused = builder.Add("a", 0, 10, {});
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error().message(), HasSubstr("session"));
  EXPECT_THAT(refused.error().message(), HasSubstr("not > 0"));
  EXPECT_EQ(builder.ObservationCount(), 1u);
}

TEST(GrowthData, RefusesNonFiniteValuesNamingTheField) {
  struct Case {
    double time, response, covariate;
    const char* field;
  };
  const Case cases[] = {{kNaN, 1, 1, "session"},
                        {kInfinity, 1, 1, "session"},
                        {1, kNaN, 1, "phq9"},
                        {1, -kInfinity, 1, "phq9"},
                        {1, 1, kNaN, "intake"}};
  for (const Case& c : cases) {
    GrowthDataBuilder builder({"session", "phq9", {"intake"}, TimeScale::kAsGiven});
    const Status refused = builder.Add("a", c.time, c.response, {&c.covariate, 1});
    ASSERT_FALSE(refused.has_value()) << c.field;
    EXPECT_THAT(refused.error().message(), HasSubstr(c.field));
    EXPECT_THAT(refused.error().message(), HasSubstr("not a finite number"));
    EXPECT_EQ(builder.ObservationCount(), 0u);
  }
}

TEST(GrowthData, RefusesTooFewClients) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  AddVaryingSlopes(builder, 2);
  EXPECT_THAT(FinishError(builder), HasSubstr("too few clients: 2"));
}

TEST(GrowthData, RefusesAsManyObservationsAsRandomEffects) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  for (int client = 0; client < 5; ++client) {
    ASSERT_TRUE(builder.Add(std::to_string(client), 0, client, {}).has_value());
    ASSERT_TRUE(builder.Add(std::to_string(client), 1, client * client, {}).has_value());
  }
  EXPECT_THAT(FinishError(builder), HasSubstr("too few observations: 10 for 5 clients"));
}

TEST(GrowthData, RefusesConstantTime) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  for (int client = 0; client < 5; ++client) {
    for (int repeat = 0; repeat < 3; ++repeat) {
      ASSERT_TRUE(builder.Add(std::to_string(client), 4, client + repeat, {}).has_value());
    }
  }
  EXPECT_THAT(FinishError(builder), HasSubstr("session: constant"));
}

TEST(GrowthData, RefusesADeclaredClientWithoutObservations) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  builder.DeclareClient("waiting-list-7");
  AddVaryingSlopes(builder, 10);
  EXPECT_THAT(FinishError(builder), HasSubstr("client 'waiting-list-7' has no observations"));
}

TEST(GrowthData, RefusesAConstantCovariateAsCollinear) {
  GrowthDataBuilder builder({"session", "phq9", {"intake"}, TimeScale::kAsGiven});
  AddVaryingSlopes(builder, 10, /*covariate_value=*/14);
  EXPECT_THAT(FinishError(builder), HasSubstr("fixed effect 'intake' is constant"));
}

TEST(GrowthFit, ReportsASingularFitInsteadOfEstimates) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  AddIdenticalSlopes(builder, 12);
  Result<GrowthData> data = builder.Finish();
  ASSERT_TRUE(data.has_value()) << data.error().message();
  for (EstimationMethod method : {EstimationMethod::kReml, EstimationMethod::kMaximumLikelihood}) {
    GrowthFitOptions options;
    options.method = method;
    Result<GrowthFit> fit = FitGrowthModel(*data, options);
    ASSERT_FALSE(fit.has_value());
    EXPECT_EQ(fit.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_THAT(fit.error().message(), HasSubstr("singular fit"));
    EXPECT_THAT(fit.error().message(), HasSubstr("random-slope SD is estimated as 0"));
  }
}

TEST(GrowthFit, FitsWellPosedDataAndReportsProgress) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  AddVaryingSlopes(builder, 20);
  Result<GrowthData> data = builder.Finish();
  ASSERT_TRUE(data.has_value()) << data.error().message();
  int reports = 0;
  GrowthFitOptions options;
  options.on_progress = [&](const FitProgress& progress) {
    ++reports;
    EXPECT_TRUE(std::isfinite(progress.deviance));
  };
  Result<GrowthFit> fit = FitGrowthModel(*data, options);
  ASSERT_TRUE(fit.has_value()) << fit.error().message();
  EXPECT_EQ(fit->convergence, Convergence::kConverged);
  EXPECT_EQ(reports, fit->iterations);
  EXPECT_GT(fit->random.sd_slope, 0.1);
}

TEST(GrowthFit, StopsAtTheEvaluationLimitAndSaysSo) {
  GrowthDataBuilder builder({"session", "phq9", {}, TimeScale::kAsGiven});
  AddVaryingSlopes(builder, 20);
  Result<GrowthData> data = builder.Finish();
  ASSERT_TRUE(data.has_value());
  GrowthFitOptions options;
  options.max_evaluations = 10;
  Result<GrowthFit> fit = FitGrowthModel(*data, options);
  ASSERT_TRUE(fit.has_value()) << fit.error().message();
  EXPECT_EQ(fit->convergence, Convergence::kNotConverged);
  // The limit is checked between steps: one Newton step (4 gradients) may overshoot it.
  EXPECT_LE(fit->evaluations, 10 + 4);
}

// Scores far from 0 (here +10,000 on the response and the covariate) must not cost
// precision: only the intercept changes, by exactly the implied amount.
TEST(GrowthFit, LargeOffsetsChangeOnlyTheIntercept) {
  auto fit_with_offset = [](double offset) {
    GrowthDataBuilder builder({"session", "phq9", {"intake"}, TimeScale::kAsGiven});
    RandomSource random(5);
    for (int client = 0; client < 60; ++client) {
      const double intake = offset + random.Normal(16, 4);
      const double slope = random.Normal(-0.5, 0.4), intercept = random.Normal(5, 3);
      for (int t = 0; t < 6; ++t) {
        const double score =
            offset + intercept + 0.8 * (intake - offset) + slope * t + random.Normal();
        EXPECT_TRUE(builder.Add("c" + std::to_string(client), t, score, {&intake, 1}).has_value());
      }
    }
    Result<GrowthData> data = builder.Finish();
    EXPECT_TRUE(data.has_value());
    Result<GrowthFit> fit = FitGrowthModel(*data);
    EXPECT_TRUE(fit.has_value());
    return std::make_pair(std::move(*fit), PredictClientEffects(*data, *fit));
  };
  const auto [plain, plain_effects] = fit_with_offset(0);
  const auto [shifted, shifted_effects] = fit_with_offset(10000);
  EXPECT_NEAR(shifted.log_likelihood, plain.log_likelihood, 1e-8);
  EXPECT_NEAR(shifted.random.sd_slope, plain.random.sd_slope, 1e-9);
  EXPECT_NEAR(shifted.random.correlation, plain.random.correlation, 1e-9);
  EXPECT_NEAR(shifted.fixed[2].estimate, plain.fixed[2].estimate, 1e-9);
  EXPECT_NEAR(shifted.fixed[2].standard_error, plain.fixed[2].standard_error, 1e-9);
  // beta0 shifts by 10000 (response) - 10000 * beta_intake (covariate).
  EXPECT_NEAR(shifted.fixed[0].estimate,
              plain.fixed[0].estimate + 10000 * (1 - plain.fixed[2].estimate), 1e-6);
  EXPECT_NEAR(shifted_effects[7].intercept, plain_effects[7].intercept, 1e-8);
  EXPECT_NEAR(shifted_effects[7].slope, plain_effects[7].slope, 1e-9);
}

TEST(GrowthData, RowOrderDoesNotMatter) {
  // The same rows client by client, and interleaved across clients in reverse session order.
  struct Row {
    std::string client;
    double time, score;
  };
  std::vector<Row> rows;
  RandomSource random(8);
  for (int client = 0; client < 30; ++client) {
    const double slope = random.Normal(-0.5, 0.4), intercept = random.Normal(15, 3);
    for (int t = 0; t < 6; ++t) {
      rows.push_back(
          {"c" + std::to_string(client), double(t), intercept + slope * t + random.Normal()});
    }
  }
  GrowthDataBuilder by_client({"session", "phq9", {}, TimeScale::kAsGiven});
  for (const Row& row : rows) {
    ASSERT_TRUE(by_client.Add(row.client, row.time, row.score, {}).has_value());
  }
  GrowthDataBuilder interleaved({"session", "phq9", {}, TimeScale::kAsGiven});
  for (int t = 5; t >= 0; --t) {
    for (std::size_t index = t; index < rows.size(); index += 6) {
      ASSERT_TRUE(
          interleaved.Add(rows[index].client, rows[index].time, rows[index].score, {}).has_value());
    }
  }
  Result<GrowthFit> first = FitGrowthModel(by_client.Finish().value());
  Result<GrowthFit> second = FitGrowthModel(interleaved.Finish().value());
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_NEAR(first->log_likelihood, second->log_likelihood, 1e-9);
  EXPECT_NEAR(first->fixed[1].estimate, second->fixed[1].estimate, 1e-9);
  EXPECT_NEAR(first->random.sd_slope, second->random.sd_slope, 1e-7);
}

}  // namespace
}  // namespace tessera::stats
