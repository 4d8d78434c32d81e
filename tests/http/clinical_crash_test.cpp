// The store's crash test repeated through the HTTP server: clients submit measures over
// loopback while the server is SIGKILLed after a seeded random number of acknowledgements;
// every submission acknowledged with a 201 must be in the database afterwards, which must pass
// SQLite's integrity check and the audit-chain verification. bench/http-crash-cycles runs more.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "http/clinical_serve_support.hpp"
#include "store/open_store.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::testing {
namespace {

int Cycles() {
  const char* text = std::getenv("TESSERA_HTTP_CRASH_CYCLES");
  return text != nullptr ? std::atoi(text) : 20;
}

TEST(HttpCrash, AcknowledgedSubmissionsSurviveSigkill) {
  TempDir directory;
  const std::string db = directory.File("crash.db");
  const std::string output = LoadDemoPractice(db, 4);
  const std::string password = PasswordIn(output, "demo-ana");
  ASSERT_FALSE(password.empty()) << output;
  std::mt19937 random(20261121);
  std::vector<std::pair<std::int64_t, std::int64_t>> targets;
  std::set<std::int64_t> acknowledged;
  for (int cycle = 0; cycle < Cycles(); ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    ServerProcess server(ServeArguments(db), ServerTestEnvironment(), directory.File("log"));
    const std::string token = BearerToken(server.port(), "demo-ana", password);
    ASSERT_FALSE(token.empty());
    if (targets.empty()) targets = SubmissionTargets(server.port(), token, 4);
    ASSERT_FALSE(targets.empty());
    const int kill_after = std::uniform_int_distribution<int>(1, 30)(random);
    const int pause_microseconds = std::uniform_int_distribution<int>(0, 2000)(random);
    std::mutex mutex;
    std::vector<std::int64_t> acked_this_cycle;
    std::atomic<bool> stop{false};
    std::atomic<int> acks{0};
    std::vector<std::thread> writers;
    for (int writer = 0; writer < 2; ++writer) {
      writers.emplace_back([&, writer] {
        for (int request = 0; !stop; ++request) {
          const auto [client, session] = targets[(request + writer) % targets.size()];
          const HttpReply reply =
              Authorized(server.port(), token, "POST",
                         "/api/v1/clients/" + std::to_string(client) + "/sessions/" +
                             std::to_string(session) + "/measures",
                         R"({"instrument":"phq9","total":)" + std::to_string(request % 28) + "}");
          if (reply.status == 201) {
            const auto id =
                nlohmann::json::parse(reply.body)["administration_id"].get<std::int64_t>();
            const std::lock_guard lock(mutex);
            acked_this_cycle.push_back(id);
            ++acks;
          } else if (reply.status != 0) {
            ADD_FAILURE() << "unexpected status " << reply.status << ": " << reply.body;
            return;
          }
        }
      });
    }
    while (acks < kill_after) std::this_thread::sleep_for(std::chrono::microseconds(200));
    std::this_thread::sleep_for(std::chrono::microseconds(pause_microseconds));
    server.Kill();
    stop = true;
    for (auto& writer : writers) writer.join();
    acknowledged.insert(acked_this_cycle.begin(), acked_this_cycle.end());

    SystemClock clock;
    auto store = store::OpenStore(db, clock, {store::Creation::kMustExist});
    ASSERT_TRUE(store) << store.error().message();
    auto rows = (*store)->database().Query("SELECT id FROM measure_administrations", {});
    ASSERT_TRUE(rows) << rows.error().message();
    std::set<std::int64_t> present;
    for (std::size_t row = 0; row < rows->size(); ++row) present.insert(rows->at(row).Int(0));
    for (const std::int64_t id : acknowledged) {
      ASSERT_TRUE(present.contains(id)) << "acknowledged administration " << id << " is missing";
    }
    auto integrity = (*store)->database().Query("PRAGMA integrity_check", {});
    ASSERT_TRUE(integrity);
    EXPECT_EQ(integrity->at(0).Text(0), "ok");
    auto audit = (*store)->VerifyAudit();
    ASSERT_TRUE(audit) << audit.error().message();
    EXPECT_TRUE(audit->intact()) << audit->problem;
  }
  EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(Cycles()));
}

}  // namespace
}  // namespace tessera::testing
