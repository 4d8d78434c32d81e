// Google Benchmark timings of the growth model's stages on in-memory data (no CSV):
// accumulating the per-client sums, fitting, and the monitor's per-session band query.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "stats/growth_model.hpp"
#include "stats/growth_prediction.hpp"
#include "stats/random_source.hpp"

namespace tessera::stats {
namespace {

struct Row {
  std::string client;
  double session, score, intake;
};

// clients x sessions rows from a random intercept and slope model, 10% of sessions missed.
std::vector<Row> MakeRows(int clients, int sessions) {
  RandomSource random(17);
  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(clients) * sessions);
  for (int client = 0; client < clients; ++client) {
    const double intake = random.Normal(16, 4);
    const double u0 = random.Normal(0, 2.5), u1 = random.Normal(0, 0.3);
    for (int session = 1; session <= sessions; ++session) {
      if (session > 1 && random.Bernoulli(0.1)) continue;
      rows.push_back({"c" + std::to_string(client), double(session),
                      2 + 0.85 * intake + u0 + (-0.6 + u1) * session + random.Normal(0, 2),
                      intake});
    }
  }
  return rows;
}

GrowthData Build(const std::vector<Row>& rows) {
  GrowthDataBuilder builder({"session", "score", {"intake"}, TimeScale::kAsGiven});
  for (const Row& row : rows)
    (void)builder.Add(row.client, row.session, row.score, {&row.intake, 1});
  return builder.Finish().value();
}

void BM_AccumulateSums(benchmark::State& state) {
  const std::vector<Row> rows = MakeRows(static_cast<int>(state.range(0)), 10);
  for (auto _ : state) benchmark::DoNotOptimize(Build(rows));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows.size()));
}
BENCHMARK(BM_AccumulateSums)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_FitReml(benchmark::State& state) {
  const GrowthData data = Build(MakeRows(static_cast<int>(state.range(0)), 10));
  for (auto _ : state) benchmark::DoNotOptimize(FitGrowthModel(data));
  state.counters["clients"] = static_cast<double>(data.ClientCount());
}
BENCHMARK(BM_FitReml)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_ExpectedResponseBand(benchmark::State& state) {
  const GrowthData data = Build(MakeRows(2'000, 10));
  const GrowthFit fit = FitGrowthModel(data).value();
  const ClientHistory history{{18}, {{1, 19}, {2, 17}, {3, 16}, {4, 15}}};
  for (auto _ : state) {
    const ExpectedResponse expected = ExpectedResponse::Create(fit, history).value();
    benchmark::DoNotOptimize(expected.At(8, 0.9));
  }
}
BENCHMARK(BM_ExpectedResponseBand);

}  // namespace
}  // namespace tessera::stats

BENCHMARK_MAIN();
