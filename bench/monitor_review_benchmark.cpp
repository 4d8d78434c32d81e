// The monitor's review of one episode (app::RoutineOutcomeMonitor::Review: what every
// questionnaire submission runs on the commit queue's writer thread), on simulated episodes
// built as the store passes them (app/review_corpus.hpp: PHQ-9 item answers, GAD-7 and SRS
// totals, missed sessions, technique ratings, the planner's plan for three clients in four).
// Arguments: the episode's sessions so far, and the expected-response model (0: none, the
// rational rule; 1: the growth model `make run` fits on a simulated 400-client practice).
// Numbers: docs/monitor.md "Cost of a review".
//
//   ./build/bench/monitor_review_benchmark [--benchmark_min_time=1s]

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "app/episode_monitor.hpp"
#include "app/review_corpus.hpp"

namespace {

using namespace tessera;

struct Fixture {
  std::unique_ptr<app::ClinicalLibrary> library;
  app::ReviewCorpus corpus;
  std::unique_ptr<app::RoutineOutcomeMonitor> rational;
  std::unique_ptr<app::RoutineOutcomeMonitor> growth;
};

Fixture& TheFixture() {
  static Fixture* fixture = [] {
    auto* made = new Fixture;
    made->library = std::make_unique<app::ClinicalLibrary>(
        app::ClinicalLibrary::Load(TESSERA_BENCH_DATA_DIR).value());
    made->corpus =
        app::MakeReviewCorpus(*made->library, {.clients = 48, .sessions = 20, .seed = 7}).value();
    made->rational =
        app::RoutineOutcomeMonitor::Create(*made->library, TESSERA_BENCH_DATA_DIR).value();
    auto model = app::LoadPracticeModelFile(std::string(TESSERA_BENCH_SOURCE_DIR) +
                                            "/tests/fixtures/monitor/review_model.json")
                     .value();
    made->growth =
        app::RoutineOutcomeMonitor::Create(*made->library, TESSERA_BENCH_DATA_DIR, std::move(model))
            .value();
    return made;
  }();
  return *fixture;
}

// Reviews, round-robin, every simulated episode's state when it had state.range(0) sessions.
void BM_Review(benchmark::State& state) {
  Fixture& fixture = TheFixture();
  const std::size_t sessions = static_cast<std::size_t>(state.range(0));
  app::RoutineOutcomeMonitor& monitor = state.range(1) == 0 ? *fixture.rational : *fixture.growth;
  std::vector<const app::MonitoringInput*> inputs;
  for (const app::MonitoringInput& prefix : fixture.corpus.prefixes) {
    if (prefix.sessions.size() == sessions) inputs.push_back(&prefix);
  }
  if (inputs.empty()) {
    state.SkipWithError("no simulated episode has that many sessions");
    return;
  }
  std::size_t next = 0;
  for (auto _ : state) {
    auto outcome = monitor.Review(*inputs[next]);
    if (!outcome) {
      state.SkipWithError(outcome.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(outcome->status);
    next = (next + 1) % inputs.size();
  }
  state.counters["episodes"] = static_cast<double>(inputs.size());
  state.SetLabel(state.range(1) == 0 ? "rational rule" : "growth model");
}
BENCHMARK(BM_Review)->ArgsProduct({{1, 5, 10, 15, 20}, {0, 1}});

// As a server sees them: every episode reviewed once per new session, in order (sessions 1, 1-2,
// 1-3, ...), each pass through the practice with a new monitor, as after a start-up: whatever a
// monitor remembers between reviews (docs/monitor.md) helps only as far as it would in service.
void BM_ReviewAsSubmitted(benchmark::State& state) {
  Fixture& fixture = TheFixture();
  const bool growth = state.range(0) == 1;
  const auto fresh = [&] {
    if (!growth)
      return app::RoutineOutcomeMonitor::Create(*fixture.library, TESSERA_BENCH_DATA_DIR).value();
    auto model = app::LoadPracticeModelFile(std::string(TESSERA_BENCH_SOURCE_DIR) +
                                            "/tests/fixtures/monitor/review_model.json")
                     .value();
    return app::RoutineOutcomeMonitor::Create(*fixture.library, TESSERA_BENCH_DATA_DIR,
                                              std::move(model))
        .value();
  };
  std::unique_ptr<app::RoutineOutcomeMonitor> monitor = fresh();
  const std::vector<app::MonitoringInput>& prefixes = fixture.corpus.prefixes;
  std::size_t next = 0;
  double sessions = 0;
  for (auto _ : state) {
    auto outcome = monitor->Review(prefixes[next]);
    if (!outcome) {
      state.SkipWithError(outcome.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(outcome->status);
    sessions += static_cast<double>(prefixes[next].sessions.size());
    if (++next == prefixes.size()) {
      state.PauseTiming();
      monitor = fresh();
      next = 0;
      state.ResumeTiming();
    }
  }
  state.counters["mean_sessions"] = sessions / static_cast<double>(state.iterations());
  state.SetLabel(growth ? "growth model" : "rational rule");
}
BENCHMARK(BM_ReviewAsSubmitted)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
