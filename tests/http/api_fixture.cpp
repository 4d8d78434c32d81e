#include "http/api_fixture.hpp"

#include <sqlite3.h>

#include <vector>

namespace tessera::testing {

TempDir* ApiTest::directory_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;
PracticeIds* ApiTest::ids_ = nullptr;

void ApiTest::SetUpTestSuite() {
  if (server_ != nullptr) return;
  ForgetRecordedExchanges();  // of an earlier suite's server in the same process
  directory_ = new TempDir();
  server_ = new ServerProcess({"--demo-users", "--db", directory_->File("clinic.db")},
                              ServerTestEnvironment(), directory_->File("log"));
  ids_ = new PracticeIds(RunEveryRoute(*server_));
}

void ApiTest::TearDownTestSuite() {
  delete ids_;
  delete server_;
  delete directory_;
  ids_ = nullptr;
  server_ = nullptr;
  directory_ = nullptr;
}

ApiClient ApiTest::As(const std::string& user) {
  return LogIn(server_->port(), user, server_->DemoPassword(user));
}

namespace {

// First column of every row of `sql` on the SQLite file, opened read-only beside the server.
std::vector<std::string> Column(const std::string& file, const std::string& sql) {
  std::vector<std::string> rows;
  sqlite3* database = nullptr;
  if (sqlite3_open_v2(file.c_str(), &database, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      while (sqlite3_step(statement) == SQLITE_ROW) {
        rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      }
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(database);
  return rows;
}

}  // namespace

std::int64_t ApiTest::AuditLength() {
  const auto rows = Column(directory_->File("clinic.db"), "SELECT COUNT(*) FROM audit_log");
  return rows.empty() ? -1 : std::stoll(rows[0]);
}

std::string ApiTest::RecordTableCounts() {
  const std::string file = directory_->File("clinic.db");
  std::string counts;
  for (const std::string& table :
       Column(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                    "'audit%' AND name NOT LIKE 'sqlite_%' AND name <> 'login_sessions' "
                    "ORDER BY name")) {
    const auto rows = Column(file, "SELECT COUNT(*) FROM \"" + table + "\"");
    counts += table + "=" + (rows.empty() ? "?" : rows[0]) + " ";
  }
  return counts;
}

std::string ApiTest::Log() { return ReadFile(directory_->File("log")); }

}  // namespace tessera::testing
