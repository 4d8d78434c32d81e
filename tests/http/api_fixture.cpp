#include "http/api_fixture.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace tessera::testing {

TempDir* ApiTest::directory_ = nullptr;
ServerProcess* ApiTest::server_ = nullptr;
PracticeIds* ApiTest::ids_ = nullptr;
std::string* ApiTest::postgres_url_ = nullptr;

namespace {

constexpr const char* kPsql = "/usr/bin/psql";

// A fresh database on the test cluster named by TESSERA_TEST_PG_URL_FILE, or "" for SQLite.
std::string FreshPostgresDatabase() {
  const char* url_file = std::getenv("TESSERA_TEST_PG_URL_FILE");
  if (url_file == nullptr) return "";
  std::ifstream file(url_file);
  std::string admin_url;
  std::getline(file, admin_url);
  EXPECT_FALSE(admin_url.empty()) << "the PostgreSQL test cluster is not running";
  static int suite = 0;
  const std::string database =
      "tessera_api_" + std::to_string(getpid()) + "_" + std::to_string(++suite);
  const CommandOutcome created =
      RunCommand(kPsql, {admin_url, "-q", "-c", "DROP DATABASE IF EXISTS " + database, "-c",
                         "CREATE DATABASE " + database});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  return admin_url.substr(0, admin_url.rfind('/') + 1) + database;
}

std::vector<std::string> SqliteColumn(const std::string& file, const std::string& sql) {
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

std::vector<std::string> PostgresColumn(const std::string& url, const std::string& sql) {
  const CommandOutcome outcome = RunCommand(kPsql, {url, "-X", "-q", "-t", "-A", "-c", sql});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  std::vector<std::string> rows;
  std::istringstream lines(outcome.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) rows.push_back(line);
  }
  return rows;
}

}  // namespace

void ApiTest::SetUpTestSuite() {
  if (server_ != nullptr) return;
  ForgetRecordedExchanges();  // of an earlier suite's server in the same process
  directory_ = new TempDir();
  postgres_url_ = new std::string(FreshPostgresDatabase());
  auto environment = ServerTestEnvironment();
  std::vector<std::string> arguments = {"--demo-users"};
  if (postgres_url_->empty()) {
    arguments.insert(arguments.end(), {"--db", directory_->File("clinic.db")});
  } else {
    environment["TESSERA_DB"] = *postgres_url_;
  }
  server_ = new ServerProcess(arguments, environment, directory_->File("log"));
  ids_ = new PracticeIds(RunEveryRoute(*server_));
}

void ApiTest::TearDownTestSuite() {
  delete ids_;
  delete server_;
  delete directory_;
  delete postgres_url_;
  ids_ = nullptr;
  server_ = nullptr;
  directory_ = nullptr;
  postgres_url_ = nullptr;
}

ApiClient ApiTest::As(const std::string& user) {
  return LogIn(server_->port(), user, server_->DemoPassword(user));
}

std::vector<std::string> ApiTest::Query(const std::string& sql) {
  if (postgres_url_->empty()) return SqliteColumn(directory_->File("clinic.db"), sql);
  return PostgresColumn(*postgres_url_, sql);
}

std::int64_t ApiTest::AuditLength() {
  const auto rows = Query("SELECT COUNT(*) FROM audit_log");
  return rows.empty() ? -1 : std::stoll(rows[0]);
}

std::string ApiTest::RecordTableCounts() {
  const std::string tables =
      postgres_url_->empty()
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";
  std::string counts;
  for (const std::string& table : Query(tables + " ORDER BY 1")) {
    // Login sessions and the login limits' counters change with every login, not with records.
    if (table.starts_with("audit") || table.starts_with("login_")) continue;
    const auto rows = Query("SELECT COUNT(*) FROM \"" + table + "\"");
    counts += table + "=" + (rows.empty() ? "?" : rows[0]) + " ";
  }
  return counts;
}

std::string ApiTest::SqliteFile() { return directory_->File("clinic.db"); }

std::string ApiTest::Log() { return ReadFile(directory_->File("log")); }

}  // namespace tessera::testing
