#pragma once
// The SQLite driver: one connection in WAL mode with synchronous=FULL (a commit is on disk
// before it is acknowledged), foreign keys on, and a busy timeout so writers queue.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::store {

enum class SqliteOpenMode { kCreateIfMissing, kMustExist };

class SqliteDatabase final : public Database {
 public:
  /// Opens (or creates) the file and sets the pragmas. Unavailable when it cannot be opened.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::filesystem::path& path,
                                                      SqliteOpenMode mode);
  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  Result<SqlRows> Query(std::string_view sql, const SqlParams& params) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status ExecuteScript(std::string_view script) override;
  std::string_view RowLockSuffix() const override { return ""; }
  std::string Dialect() const override { return "sqlite"; }

  /// PRAGMA integrity_check; DataLoss naming the first problem unless it says "ok".
  Status CheckIntegrity();
  /// Copies the whole database to `destination` with SQLite's online backup API.
  Status BackupTo(const std::filesystem::path& destination);
  /// Replaces this database's content with the content of `source` (online backup API).
  Status RestoreFrom(const std::filesystem::path& source);

 private:
  explicit SqliteDatabase(sqlite3* handle) : handle_(handle) {}
  Error LastError(std::string_view doing) const;
  /// The prepared statement for `sql`, prepared on first use and kept (keyed by the SQL text;
  /// the store's statements are literals, so the cache is bounded by the program's SQL).
  Result<sqlite3_stmt*> Prepared(std::string_view sql);
  void ForgetStatements();

  // Looked up by string_view without building a std::string per query.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  sqlite3* handle_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> statements_;
};

/// The SQLite schema migrations, oldest first.
const std::vector<Migration>& SqliteMigrations();

}  // namespace tessera::store
