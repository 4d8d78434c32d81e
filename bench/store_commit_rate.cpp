// Single-commit rate of the clinical store: each progress note is its own transaction (the
// note, its audit entry and the audit anchor update, fsynced before the call returns).
//
//   store_commit_rate [--commits N] [--sqlite-dir DIR] [--postgres URL]
//
// Prints one line per store: commits per second and latency percentiles.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "store/open_store.hpp"

namespace {

using namespace tessera;
using Clock = std::chrono::steady_clock;

constexpr const char* kHash =
    "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
    "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

int Measure(const std::string& label, const std::string& target, int commits) {
  SystemClock clock;
  auto opened = store::OpenStore(target, clock, {.creation = store::Creation::kCreateIfMissing});
  if (!opened) {
    std::fprintf(stderr, "%s: %s\n", label.c_str(), opened.error().message().c_str());
    return 1;
  }
  store::SqlStore& store = **opened;
  auto admin =
      store.CreateUser(AccessContext::Bootstrap(), User{{}, "admin", Role::kAdmin, kHash, {}});
  auto ana =
      store.CreateUser(AccessContext::For(*admin), User{{}, "ana", Role::kClinician, kHash, {}});
  if (!ana) {
    std::fprintf(stderr, "%s: %s (use an empty database)\n", label.c_str(),
                 ana.error().message().c_str());
    return 1;
  }
  const AccessContext clinician = AccessContext::For(*ana);
  auto client = store.CreateClient(clinician, {"Bench Client", "", "", ""}, {});
  if (!client) return 1;
  std::vector<double> latencies;
  const int warm_up = std::min(20, commits / 10);
  for (int index = 0; index < commits + warm_up; ++index) {
    const auto before = Clock::now();
    auto note = store.WriteProgressNote(
        clinician, ProgressNote{{}, *client, std::nullopt, {}, {}, "bench note", std::nullopt});
    if (!note) {
      std::fprintf(stderr, "%s: %s\n", label.c_str(), note.error().message().c_str());
      return 1;
    }
    if (index >= warm_up)
      latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - before).count());
  }
  double total = 0;
  for (double latency : latencies) total += latency;
  std::sort(latencies.begin(), latencies.end());
  const auto percentile = [&](double p) {
    return latencies[static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1))];
  };
  std::printf("%-10s %6d commits  %8.1f commits/s  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n",
              label.c_str(), commits, 1000.0 * static_cast<double>(latencies.size()) / total,
              percentile(0.5), percentile(0.95), percentile(0.99));
  return store.VerifyAudit()->intact() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  int commits = 500;
  std::string sqlite_dir = std::filesystem::temp_directory_path().string();
  std::string postgres;
  for (int index = 1; index + 1 < argc; index += 2) {
    const std::string flag = argv[index];
    if (flag == "--commits")
      commits = std::atoi(argv[index + 1]);
    else if (flag == "--sqlite-dir")
      sqlite_dir = argv[index + 1];
    else if (flag == "--postgres")
      postgres = argv[index + 1];
  }
  const auto file =
      std::filesystem::path(sqlite_dir) / ("tessera-bench-" + std::to_string(::getpid()) + ".db");
  int status = Measure("sqlite", file.string(), commits);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  if (!postgres.empty()) status |= Measure("postgresql", postgres, commits);
  return status;
}
