// Crash safety of the SQLite store: a writer process is SIGKILLed at random moments, again and
// again; after every kill each commit it acknowledged must be present, integrity_check must
// say ok, and the audit chain must verify. Cycles: $TESSERA_CRASH_CYCLES (default 50; the
// bench/store-crash-cycles script runs 1,000). Seed: $TESSERA_CRASH_SEED (default fixed).

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "store/open_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

struct Writer {
  pid_t pid = -1;
  int output = -1;  // read end of the writer's stdout
};

Writer StartWriter(const std::vector<std::string>& arguments) {
  int pipe_ends[2];
  EXPECT_EQ(pipe(pipe_ends), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
  std::vector<char*> argv;
  for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  Writer writer;
  EXPECT_EQ(posix_spawn(&writer.pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_ends[1]);
  writer.output = pipe_ends[0];
  return writer;
}

// Reads complete lines until `wanted` have arrived (or the pipe closes).
void ReadLines(int fd, std::string& buffer, std::vector<std::string>& lines, std::size_t wanted) {
  char chunk[4096];
  while (lines.size() < wanted) {
    const ssize_t got = read(fd, chunk, sizeof chunk);
    if (got <= 0) return;
    buffer.append(chunk, static_cast<std::size_t>(got));
    for (std::size_t newline; (newline = buffer.find('\n')) != std::string::npos;) {
      lines.push_back(buffer.substr(0, newline));
      buffer.erase(0, newline + 1);
    }
  }
}

std::int64_t EnvironmentNumber(const char* name, std::int64_t fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoll(value) : fallback;
}

TEST(SqliteCrash, EveryAcknowledgedCommitSurvivesSigkill) {
  const std::int64_t cycles = EnvironmentNumber("TESSERA_CRASH_CYCLES", 50);
  const std::int64_t seed = EnvironmentNumber("TESSERA_CRASH_SEED", 20261121);
  const auto directory =
      std::filesystem::temp_directory_path() / ("tessera_crash_" + std::to_string(getpid()));
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "crash.db").string();
  SystemClock clock;
  std::string clinician, client, episode;
  {
    auto store = OpenStore(path, clock, {.creation = Creation::kCreateIfMissing});
    ASSERT_TRUE(store) << store.error().message();
    auto admin = (*store)->CreateUser(AccessContext::Bootstrap(),
                                      User{{}, "admin", Role::kAdmin, TestPasswordHash(), {}});
    auto ana = (*store)->CreateUser(AccessContext::For(*admin),
                                    User{{}, "ana", Role::kClinician, TestPasswordHash(), {}});
    ASSERT_TRUE(ana);
    auto created =
        (*store)->CreateClient(AccessContext::For(*ana), {"Crash Client", "", "", ""}, {});
    ASSERT_TRUE(created);
    auto opened = (*store)->OpenEpisode(AccessContext::For(*ana),
                                        Episode{{}, *created, "2026-01-05", "", {}, ""});
    ASSERT_TRUE(opened);
    clinician = std::to_string(ana->value());
    client = std::to_string(created->value());
    episode = std::to_string(opened->value());
  }
  std::mt19937_64 random(static_cast<std::uint64_t>(seed));
  std::set<std::int64_t> notes, sessions;
  for (std::int64_t cycle = 0; cycle < cycles; ++cycle) {
    Writer writer = StartWriter({TESSERA_CRASH_WRITER, path, clinician, client, episode, "2"});
    // Kill after a random number of acknowledgements, plus a random pause of up to 2 ms so the
    // kill can land anywhere inside the next commit.
    const std::size_t acknowledgements = std::uniform_int_distribution<std::size_t>(0, 12)(random);
    const auto pause =
        std::chrono::microseconds(std::uniform_int_distribution<int>(0, 2000)(random));
    std::string buffer;
    std::vector<std::string> lines;
    ReadLines(writer.output, buffer, lines, acknowledgements);
    std::this_thread::sleep_for(pause);
    kill(writer.pid, SIGKILL);
    int status = 0;
    waitpid(writer.pid, &status, 0);
    ReadLines(writer.output, buffer, lines, SIZE_MAX);  // acknowledged before the kill landed
    close(writer.output);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself in cycle " << cycle;
    for (const std::string& line : lines) {
      std::istringstream parts(line);
      std::string kind;
      std::int64_t id = 0;
      parts >> kind >> id;
      (kind == "note" ? notes : sessions).insert(id);
    }

    auto database = SqliteDatabase::Open(path, SqliteOpenMode::kMustExist);
    ASSERT_TRUE(database);
    ASSERT_TRUE((*database)->CheckIntegrity()) << "cycle " << cycle;
    for (const auto& [table, ids] :
         {std::pair{"progress_notes", &notes}, std::pair{"sessions", &sessions}}) {
      auto present = (*database)->Query(std::string("SELECT id FROM ") + table, {});
      ASSERT_TRUE(present);
      std::set<std::int64_t> stored;
      for (const SqlRow& row : *present) stored.insert(row.Int(0));
      for (std::int64_t id : *ids)
        ASSERT_TRUE(stored.contains(id)) << table << " " << id << " lost in cycle " << cycle;
    }
    database->reset();
    auto store = OpenStore(path, clock, {});
    ASSERT_TRUE(store);
    auto verification = (*store)->VerifyAudit();
    ASSERT_TRUE(verification);
    ASSERT_TRUE(verification->intact()) << "cycle " << cycle << ": " << verification->problem;
  }
  std::cout << "crash test: " << cycles << " kills, " << notes.size() + sessions.size()
            << " acknowledged commits, all present\n";
  EXPECT_GT(notes.size() + sessions.size(), static_cast<std::size_t>(cycles));
  std::filesystem::remove_all(directory);
}

}  // namespace
}  // namespace tessera::store::testing
