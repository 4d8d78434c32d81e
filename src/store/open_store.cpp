#include "store/open_store.hpp"

#include <filesystem>

#include "store/postgres/pg_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace tessera::store {

StoreKind KindOf(const std::string& target) {
  if (target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0)
    return StoreKind::kPostgres;
  return StoreKind::kSqlite;
}

std::string RedactTarget(const std::string& target) {
  if (KindOf(target) != StoreKind::kPostgres) return target;
  std::string redacted = target;
  // A "password=..." query parameter.
  for (std::size_t at = redacted.find("password="); at != std::string::npos;
       at = redacted.find("password=", at + 1)) {
    const std::size_t value = at + 9;
    const std::size_t end = redacted.find('&', value);
    redacted.replace(value, (end == std::string::npos ? redacted.size() : end) - value, "***");
  }
  // The "user:password@" part.
  const std::size_t scheme_end = redacted.find("://") + 3;
  const std::size_t at = redacted.find('@', scheme_end);
  const std::size_t slash = redacted.find('/', scheme_end);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return redacted;
  const std::size_t colon = redacted.find(':', scheme_end);
  if (colon == std::string::npos || colon > at) return redacted;
  return redacted.substr(0, colon + 1) + "***" + redacted.substr(at);
}

Result<int> MigrateStore(SqlStore& store) {
  Database& database = store.database();
  return ApplyMigrations(
      database, database.Dialect() == "sqlite" ? SqliteMigrations() : PostgresMigrations());
}

Result<std::unique_ptr<SqlStore>> OpenStore(const std::string& target, const Clock& clock,
                                            const OpenOptions& options) {
  if (target.empty()) return InvalidArgument("--db: no database given");
  std::unique_ptr<Database> database;
  if (KindOf(target) == StoreKind::kPostgres) {
    TRY_ASSIGN(database, PostgresDatabase::Connect(
                             target, options.unauthenticated ==
                                             UnauthenticatedPostgres::kAllowLocalTestCluster
                                         ? PostgresAuthentication::kAllowNone
                                         : PostgresAuthentication::kRequire));
  } else {
    std::error_code error;
    if (options.creation == Creation::kMustExist && !std::filesystem::exists(target, error))
      return NotFound("no database at " + target + " (create it with `tessera db init`)");
    TRY_ASSIGN(database, SqliteDatabase::Open(target, options.creation == Creation::kMustExist
                                                          ? SqliteOpenMode::kMustExist
                                                          : SqliteOpenMode::kCreateIfMissing));
  }
  auto store = std::make_unique<SqlStore>(std::move(database), clock);
  if (options.migrations == Migrations::kApplyAtOpen) TRY(MigrateStore(*store));
  return store;
}

}  // namespace tessera::store
