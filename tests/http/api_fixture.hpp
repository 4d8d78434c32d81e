#pragma once
// The black-box API fixture shared by the test files of `records_api_test` and
// `records_api_postgres_test`: the real `tessera serve --demo-users` on a fresh store, on which
// RunEveryRoute ran once (per test process: CTest runs each test in its own process). The store
// is a temporary SQLite file, or a fresh database on the PostgreSQL test cluster when
// TESSERA_TEST_PG_URL_FILE names its URL file (CTest fixture `postgres`).

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "http/clinical_api_support.hpp"
#include "support/run_command.hpp"
#include "support/server_process.hpp"

namespace tessera::testing {

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static const ServerProcess& server() { return *server_; }
  static const PracticeIds& ids() { return *ids_; }
  /// A fresh bearer login of a demo account.
  static ApiClient As(const std::string& user);
  /// Length of the audit chain, read from the database (not over HTTP: reading the audit log
  /// through the server may itself be audited). Every committed store call appends an entry,
  /// so an unchanged length means nothing reached the store.
  static std::int64_t AuditLength();
  /// "table=rows ..." for every table of the database except login sessions and the audit
  /// tables (checked by AuditLength): an unchanged value means no record was written.
  static std::string RecordTableCounts();
  /// Everything the server logged so far.
  static std::string Log();
  /// The server's SQLite file (its WAL is this path + "-wal"); meaningful only on SQLite.
  static std::string SqliteFile();
  /// The PostgreSQL URL of the server's database, or "" on SQLite.
  static const std::string& PostgresUrl() { return *postgres_url_; }

 private:
  /// The first column of each row of `sql` on the server's database.
  static std::vector<std::string> Query(const std::string& sql);

  static TempDir* directory_;
  static ServerProcess* server_;
  static PracticeIds* ids_;
  static std::string* postgres_url_;  // empty: SQLite
};

}  // namespace tessera::testing
