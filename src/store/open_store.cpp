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
  const std::size_t scheme_end = target.find("://") + 3;
  const std::size_t at = target.find('@', scheme_end);
  if (at == std::string::npos) return target;
  const std::size_t colon = target.find(':', scheme_end);
  if (colon == std::string::npos || colon > at) return target;
  return target.substr(0, colon + 1) + "***" + target.substr(at);
}

Result<int> MigrateStore(SqlStore& store) {
  Database& database = store.database();
  return ApplyMigrations(database, database.Dialect() == "sqlite" ? SqliteMigrations()
                                                                  : PostgresMigrations());
}

Result<std::unique_ptr<SqlStore>> OpenStore(const std::string& target, const Clock& clock,
                                            const OpenOptions& options) {
  if (target.empty()) return InvalidArgument("--db: no database given");
  std::unique_ptr<Database> database;
  if (KindOf(target) == StoreKind::kPostgres) {
    TRY_ASSIGN(database, PostgresDatabase::Connect(target, options.unauthenticated ==
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
