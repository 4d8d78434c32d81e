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

std::int64_t ApiTest::AuditEntries(const ApiClient& admin) {
  return admin.Expect(200, "GET", "/api/v1/audit/verification").value("entries_checked", -1);
}

std::string ApiTest::RecordTableCounts() {
  sqlite3* database = nullptr;
  if (sqlite3_open_v2(directory_->File("clinic.db").c_str(), &database, SQLITE_OPEN_READONLY,
                      nullptr) != SQLITE_OK) {
    sqlite3_close(database);
    return "cannot open the database";
  }
  const auto query = [&](const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(database, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
      while (sqlite3_step(statement) == SQLITE_ROW) {
        rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
      }
    }
    sqlite3_finalize(statement);
    return rows;
  };
  std::string counts;
  for (const std::string& table :
       query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'audit%' "
             "AND name NOT LIKE 'sqlite_%' AND name <> 'login_sessions' ORDER BY name")) {
    const auto rows = query("SELECT COUNT(*) FROM \"" + table + "\"");
    counts += table + "=" + (rows.empty() ? "?" : rows[0]) + " ";
  }
  sqlite3_close(database);
  return counts;
}

std::string ApiTest::Log() { return ReadFile(directory_->File("log")); }

}  // namespace tessera::testing
