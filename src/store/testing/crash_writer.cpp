// The crash test's writer: commits records from several threads as fast as it can and prints
// "<kind> <id>" for every commit the store acknowledged, flushed before the next one starts.
// The crash test SIGKILLs it at random moments and then checks that every printed id survived.
//
//   store_crash_writer <sqlite-file> <clinician-id> <client-id> <episode-id> <threads>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/open_store.hpp"

namespace {

std::mutex output_mutex;

void Acknowledge(const char* kind, std::int64_t id) {
  const std::string line = std::string(kind) + " " + std::to_string(id) + "\n";
  std::lock_guard lock(output_mutex);
  // write(2) straight to the pipe: nothing sits in a stdio buffer when the kill comes.
  (void)!write(STDOUT_FILENO, line.data(), line.size());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tessera;
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s <db> <clinician-id> <client-id> <episode-id> <threads>\n",
                 argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const AccessContext clinician = AccessContext::For(UserId(std::atoll(argv[2])));
  const ClientId client(std::atoll(argv[3]));
  const EpisodeId episode(std::atoll(argv[4]));
  const int thread_count = std::atoi(argv[5]);
  SystemClock clock;
  std::vector<std::thread> threads;
  for (int thread_index = 0; thread_index < thread_count; ++thread_index) {
    threads.emplace_back([&, thread_index] {
      auto store = store::OpenStore(path, clock, {});
      if (!store) {
        std::fprintf(stderr, "writer: %s\n", store.error().message().c_str());
        std::_Exit(1);
      }
      for (std::int64_t round = 0;; ++round) {
        if ((round + thread_index) % 2 == 0) {
          auto id = (*store)->WriteProgressNote(clinician,
                                                ProgressNote{{},
                                                             client,
                                                             std::nullopt,
                                                             {},
                                                             {},
                                                             "crash note " + std::to_string(round),
                                                             std::nullopt});
          if (!id) {
            std::fprintf(stderr, "writer: %s\n", id.error().message().c_str());
            std::_Exit(1);
          }
          Acknowledge("note", id->value());
        } else {
          auto id = (*store)->RecordSession(clinician,
                                            Session{{},
                                                    episode,
                                                    client,
                                                    "2026-01-12",
                                                    Attendance::kAttended,
                                                    {{TechniqueId("behavioural-activation"), 5}},
                                                    std::nullopt});
          if (!id) {
            std::fprintf(stderr, "writer: %s\n", id.error().message().c_str());
            std::_Exit(1);
          }
          Acknowledge("session", id->value());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  return 0;
}
