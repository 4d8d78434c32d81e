// Group commit measured without the HTTP server: N threads submit PHQ-9 administrations (the
// whole use case: scored, stored with answers, the monitor over the episode, alerts) and read
// client summaries, either through one CommitQueue (one writer, one transaction and fsync per
// batch) or each on its own connection committing alone (the pre-queue path). SQLite, WAL,
// synchronous=FULL, in a temp directory.
//
//   ./build/bench/commit_queue_benchmark [--benchmark_min_time=2s]

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/episode_monitor.hpp"
#include "app/measure_submission.hpp"
#include "store/commit_queue.hpp"
#include "store/open_store.hpp"

namespace {

using namespace tessera;

constexpr const char* kHash =
    "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
    "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
constexpr int kClients = 8;
constexpr int kSessionsEach = 10;

struct Target {
  ClientId client;
  SessionId session;
};

// One practice shared by every benchmark: a clinician, 8 clients with one episode of 10 weekly
// sessions each, the shipped instruments and the monitor.
struct Practice {
  SystemClock clock;
  std::string database;
  std::unique_ptr<app::ClinicalLibrary> library;
  std::unique_ptr<app::RoutineOutcomeMonitor> monitor;
  AccessContext clinician;
  std::vector<Target> targets;
  std::unique_ptr<store::CommitQueue> queue;

  std::unique_ptr<store::SqlStore> Connect() {
    return store::OpenStore(database, clock, {.creation = store::Creation::kMustExist}).value();
  }
};

Practice& ThePractice() {
  static Practice* practice = [] {
    auto* made = new Practice;
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tessera-queue-bench-XXXXXX").string();
    made->database = std::string(mkdtemp(pattern.data())) + "/clinic.db";
    auto store = store::OpenStore(made->database, made->clock,
                                  {.creation = store::Creation::kCreateIfMissing})
                     .value();
    auto admin =
        store->CreateUser(AccessContext::Bootstrap(), User{{}, "admin", Role::kAdmin, kHash, {}})
            .value();
    auto ana =
        store->CreateUser(AccessContext::For(admin), User{{}, "ana", Role::kClinician, kHash, {}})
            .value();
    made->clinician = AccessContext::For(ana);
    for (int client_idx = 0; client_idx < kClients; ++client_idx) {
      ClientProfile profile;
      profile.problems = {{ProblemId("depression"), "moderate"}};
      const ClientId client =
          store
              ->CreateClient(made->clinician, {"Client " + std::to_string(client_idx), "", "", ""},
                             profile)
              .value();
      const EpisodeId episode =
          store->OpenEpisode(made->clinician, Episode{{}, client, "2026-01-05", "referral", {}, ""})
              .value();
      for (int week = 0; week < kSessionsEach; ++week) {
        const std::string date =
            "2026-0" + std::to_string(1 + week / 3) + "-" + std::to_string(10 + week % 3 * 7);
        const SessionId session =
            store
                ->RecordSession(made->clinician,
                                Session{{}, episode, client, date, Attendance::kAttended, {}, {}})
                .value();
        made->targets.push_back({client, session});
      }
    }
    const char* data = std::getenv("TESSERA_DATA_DIR");
    const std::filesystem::path data_dir = data != nullptr ? data : TESSERA_BENCH_DATA_DIR;
    made->library =
        std::make_unique<app::ClinicalLibrary>(app::ClinicalLibrary::Load(data_dir).value());
    made->monitor = app::RoutineOutcomeMonitor::Create(*made->library, data_dir).value();
    made->queue =
        std::make_unique<store::CommitQueue>(made->Connect(), store::CommitQueue::Options{});
    return made;
  }();
  return *practice;
}

app::AdministrationRequest Submission(const Target& target, int counter) {
  app::AdministrationRequest request;
  request.client = target.client;
  request.session = target.session;
  request.instrument = "phq9";
  std::map<std::string, std::optional<double>> answers;
  for (int item = 1; item <= 9; ++item)
    answers[std::to_string(item)] = item == 9 ? 0 : (counter + item) % 4;
  request.answers = std::move(answers);
  return request;
}

std::atomic<int> next_submission{0};

enum class Monitoring { kOn, kOff };

Status Submit(Practice& practice, Store& store, Monitoring monitoring = Monitoring::kOn) {
  const int counter = next_submission.fetch_add(1);
  const Target& target =
      practice.targets[static_cast<std::size_t>(counter) % practice.targets.size()];
  TRY(app::SubmitAdministration(store, practice.clinician, *practice.library,
                                monitoring == Monitoring::kOn ? practice.monitor.get() : nullptr,
                                practice.clock, Submission(target, counter)));
  return Ok();
}

// Without the monitor (scored, stored, instrument flags only): how much of a submission's time
// in the writer thread is the episode read and the monitor's review.
void BM_SubmitWithoutMonitorThroughCommitQueue(benchmark::State& state) {
  Practice& practice = ThePractice();
  for (auto _ : state) {
    Status done = practice.queue->Run(
        [&](Store& store) { return Submit(practice, store, Monitoring::kOff); });
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SubmitThroughCommitQueue(benchmark::State& state) {
  Practice& practice = ThePractice();
  for (auto _ : state) {
    Status done = practice.queue->Run([&](Store& store) { return Submit(practice, store); });
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SubmitEachOnItsOwnConnection(benchmark::State& state) {
  Practice& practice = ThePractice();
  auto store = practice.Connect();
  for (auto _ : state) {
    Status done = Submit(practice, *store);
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SummaryThroughCommitQueue(benchmark::State& state) {
  Practice& practice = ThePractice();
  std::size_t counter = static_cast<std::size_t>(state.thread_index());
  for (auto _ : state) {
    const ClientId client = practice.targets[counter++ % practice.targets.size()].client;
    Status done = practice.queue->Run([&](Store& store) -> Status {
      TRY(store.GetClientSummary(practice.clinician, client));
      return Ok();
    });
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

// The monitor's read alone (Store::ReadEpisodeOfSession, one audited read).
void BM_EpisodeReadThroughCommitQueue(benchmark::State& state) {
  Practice& practice = ThePractice();
  std::size_t counter = static_cast<std::size_t>(state.thread_index());
  for (auto _ : state) {
    const Target& target = practice.targets[counter++ % practice.targets.size()];
    Status done = practice.queue->Run([&](Store& store) -> Status {
      TRY(store.ReadEpisodeOfSession(practice.clinician, target.client, target.session));
      return Ok();
    });
    if (!done) state.SkipWithError(done.error().message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_SubmitThroughCommitQueue)->Threads(1)->Threads(8)->Threads(64)->UseRealTime();
BENCHMARK(BM_SubmitWithoutMonitorThroughCommitQueue)->Threads(64)->UseRealTime();
BENCHMARK(BM_SubmitEachOnItsOwnConnection)->Threads(1)->Threads(8)->UseRealTime();
BENCHMARK(BM_EpisodeReadThroughCommitQueue)->Threads(64)->UseRealTime();
BENCHMARK(BM_SummaryThroughCommitQueue)->Threads(1)->Threads(8)->Threads(64)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
