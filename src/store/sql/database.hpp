#pragma once
// The one seam between the shared SQL store and a database driver. Statements use `?`
// placeholders (the PostgreSQL adapter renumbers them to $1, $2, ...) and every value is a
// bound parameter: no SQL is ever built from data.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace tessera::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

/// An optional value as a parameter (NULL when absent).
template <class T>
SqlValue OrNull(const std::optional<T>& value) {
  if (!value) return std::monostate{};
  return SqlValue(*value);
}

/// One result row. Drivers may return every column as text (libpq does); the accessors convert.
class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
  bool IsNull(std::size_t column) const;
  std::int64_t Int(std::size_t column) const;  // REQUIRES: not null and numeric
  double Real(std::size_t column) const;       // REQUIRES: not null and numeric
  std::string Text(std::size_t column) const;  // "" for NULL
  std::optional<std::int64_t> OptionalInt(std::size_t column) const;
  std::optional<double> OptionalReal(std::size_t column) const;
  std::optional<std::string> OptionalText(std::size_t column) const;
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<SqlValue> values_;
};

using SqlRows = std::vector<SqlRow>;

/// A database connection. Errors: a unique-key violation is AlreadyExists, a foreign-key
/// violation NotFound, a serialisation failure Conflict, a lost connection Unavailable.
class Database {
 public:
  virtual ~Database() = default;
  virtual Result<SqlRows> Query(std::string_view sql, const SqlParams& params) = 0;
  Status Execute(std::string_view sql, const SqlParams& params = {}) {
    TRY(Query(sql, params));
    return Ok();
  }
  /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing
  /// on lock upgrade).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  /// Runs a multi-statement script without parameters (migrations only).
  virtual Status ExecuteScript(std::string_view script) = 0;
  /// Holds a database-wide lock so that two processes opening a fresh database do not both
  /// create the schema (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE already
  /// serialises each migration). Released by UnlockMigrations.
  virtual Status LockMigrations() { return Ok(); }
  virtual Status UnlockMigrations() { return Ok(); }
  /// " FOR UPDATE" where row locks exist (PostgreSQL), "" otherwise.
  virtual std::string_view RowLockSuffix() const = 0;
  virtual std::string Dialect() const = 0;
};

/// A schema migration: version numbers start at 1 and never change once released.
struct Migration {
  int version;
  std::string_view description;
  std::string_view script;
};

/// Applies every migration newer than the database's schema_migrations, each in its own
/// transaction. Returns how many were applied. Refuses a database newer than this program.
Result<int> ApplyMigrations(Database& database, const std::vector<Migration>& migrations);
/// The highest applied migration version (0 for an empty database).
Result<int> SchemaVersion(Database& database);

}  // namespace tessera::store
