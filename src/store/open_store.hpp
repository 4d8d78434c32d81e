#pragma once
// Choosing and opening the store from a `--db` target: a SQLite file path, or a
// postgresql:// (or postgres://) connection URL.

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::store {

enum class StoreKind { kSqlite, kPostgres };
/// kPostgres for "postgresql://..." and "postgres://...", kSqlite for anything else.
StoreKind KindOf(const std::string& target);

enum class Creation { kCreateIfMissing, kMustExist };
enum class Migrations { kApplyAtOpen, kLeaveAlone };
/// Whether a PostgreSQL connection made without any authentication (trust, peer without a
/// password) is acceptable. Only a throwaway local test cluster should ever say kAllow.
enum class UnauthenticatedPostgres { kRefuse, kAllowLocalTestCluster };

struct OpenOptions {
  Creation creation = Creation::kMustExist;
  Migrations migrations = Migrations::kApplyAtOpen;
  UnauthenticatedPostgres unauthenticated = UnauthenticatedPostgres::kRefuse;
};

/// Opens the store. Errors: Unavailable (cannot connect/open), Unauthenticated (PostgreSQL
/// without authentication), NotFound (SQLite file missing with kMustExist), DataLoss (schema
/// newer than this program).
Result<std::unique_ptr<SqlStore>> OpenStore(const std::string& target, const Clock& clock,
                                            const OpenOptions& options);

/// Applies pending migrations to an open store's database; returns how many were applied.
Result<int> MigrateStore(SqlStore& store);

/// A target with any password removed, safe to print ("postgresql://ana:***@host/db").
std::string RedactTarget(const std::string& target);

}  // namespace tessera::store
