// Black-box: the whole route scenario (every record and clinical route, clinical_api_support.hpp)
// of the real `tessera serve` once against the PostgreSQL test cluster CTest starts (fixture
// `postgres`): every operation of the OpenAPI document exercised, the psychotherapy-note canary
// in no other response and not in the log, and the audit chain intact.

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "http/clinical_api_support.hpp"
#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

std::string Line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

TEST(RecordsApiPostgres, EveryRouteWorksOnPostgres) {
  const char* url_file = std::getenv("TESSERA_TEST_PG_URL_FILE");
  ASSERT_NE(url_file, nullptr) << "run through ctest (fixture postgres)";
  const std::string admin_url = Line(url_file);
  ASSERT_FALSE(admin_url.empty()) << "the PostgreSQL test cluster is not running";
  const std::string database = "tessera_api_" + std::to_string(getpid());
  RunCommand("/usr/bin/psql", {admin_url, "-q", "-c", "DROP DATABASE IF EXISTS " + database,
                               "-c", "CREATE DATABASE " + database});
  const std::string url = admin_url.substr(0, admin_url.rfind('/') + 1) + database;
  TempDir directory;
  auto environment = ServerTestEnvironment();
  environment["TESSERA_DB"] = url;
  ServerProcess server({"--demo-users"}, environment, directory.File("log"));
  const PracticeIds ids = RunEveryRoute(server);
  EXPECT_GT(ids.other_client, ids.own_client);
  EXPECT_GT(ids.plan, 0);
  const nlohmann::json openapi =
      nlohmann::json::parse(SendRequest(server.port(), "GET", "/api/v1/openapi.json").body);
  for (const std::string& operation : OperationsNeverExercised(openapi, RecordedExchanges())) {
    ADD_FAILURE() << operation << " was never answered with a 2xx on PostgreSQL";
  }
  const std::string notes = "/api/v1/clients/" + std::to_string(ids.own_client) + "/psychotherapy-notes";
  for (const Exchange& exchange : RecordedExchanges()) {
    const bool authors_read = exchange.user == "demo-clinician" && exchange.method == "GET" &&
                              exchange.target.starts_with(notes);
    if (!authors_read) {
      EXPECT_EQ(exchange.body.find(ids.psychotherapy_canary), std::string::npos)
          << exchange.user << " " << exchange.method << " " << exchange.target;
    }
  }
  EXPECT_EQ(ReadFile(directory.File("log")).find(ids.psychotherapy_canary), std::string::npos);
  const ApiClient admin = LogIn(server.port(), "demo-admin", server.DemoPassword("demo-admin"));
  EXPECT_EQ(admin.Expect(200, "GET", "/api/v1/audit/verification")["intact"], true);
  // The password in the URL never reaches the console or the log.
  const std::string password = url.substr(url.find("postgres:") + 9, 48);
  EXPECT_EQ(server.banner().find(password), std::string::npos);
  EXPECT_EQ(ReadFile(directory.File("log")).find(password), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
