#pragma once
// The PostgreSQL driver, on libpq's C API. Every statement goes through PQexecParams with
// text parameters; nothing is interpolated.

#include <memory>
#include <string>

#include "store/sql/database.hpp"

struct pg_conn;

namespace tessera::store {

/// Whether to accept a connection that the server let in without checking anything (trust or
/// peer authentication). tessera refuses it unless told the server is a local test cluster.
enum class PostgresAuthentication { kRequire, kAllowNone };

class PostgresDatabase final : public Database {
 public:
  /// Connects to a postgresql:// URL. Unavailable when the server cannot be reached;
  /// Unauthenticated when the server asked for no password or client certificate and
  /// `authentication` is kRequire. tessera has no default user or password: what is not in the
  /// URL comes from libpq's own environment (PGPASSWORD, ~/.pgpass), never from tessera.
  static Result<std::unique_ptr<PostgresDatabase>> Connect(const std::string& url,
                                                           PostgresAuthentication authentication);
  ~PostgresDatabase() override;
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  Result<SqlRows> Query(std::string_view sql, const SqlParams& params) override;
  /// Starts a transaction. A connection the server dropped (restart, failover, idle kill) is
  /// re-established first with the same URL and checks as Connect, so one lost connection does
  /// not fail every later call; the transaction it was in had already failed with Unavailable.
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Status ExecuteScript(std::string_view script) override;
  Status LockMigrations() override;
  Status UnlockMigrations() override;
  std::string_view RowLockSuffix() const override { return " FOR UPDATE"; }
  std::string Dialect() const override { return "postgresql"; }

 private:
  PostgresDatabase(pg_conn* connection, PostgresAuthentication authentication)
      : connection_(connection), authentication_(authentication) {}
  /// What Connect checks and sets on a fresh connection (also after a reconnect).
  Status PrepareSession();
  pg_conn* connection_;
  PostgresAuthentication authentication_;
};

/// The PostgreSQL schema migrations, oldest first (the same versions as SQLite's).
const std::vector<Migration>& PostgresMigrations();

/// Rewrites `?` placeholders to $1, $2, ... (outside quoted literals).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace tessera::store
