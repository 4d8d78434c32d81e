// Black-box: every record route of the real `tessera serve` once against the PostgreSQL test
// cluster CTest starts (fixture `postgres`).

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "http/records_api_support.hpp"
#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

std::string Line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

TEST(RecordsApiPostgres, EveryRecordRouteWorksOnPostgres) {
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
  const PracticeIds ids = RunEveryRecordRoute(server);
  EXPECT_GT(ids.other_client, ids.own_client);
  // The password in the URL never reaches the console or the log.
  const std::string password = url.substr(url.find("postgres:") + 9, 48);
  EXPECT_EQ(server.banner().find(password), std::string::npos);
  EXPECT_EQ(ReadFile(directory.File("log")).find(password), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
