#include "store/backup.hpp"

#include "store/postgres/pg_backup.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace tessera::store {
namespace {

Result<BackupReport> CheckSqlite(const std::filesystem::path& path, const Clock& clock,
                                 std::string_view what) {
  TRY_ASSIGN(auto store, OpenStore(path.string(), clock, {.migrations = Migrations::kLeaveAlone}));
  auto& database = static_cast<SqliteDatabase&>(store->database());
  Status integrity = database.CheckIntegrity();
  if (!integrity) return Propagate(integrity.error().WithContext(std::string(what)));
  TRY_ASSIGN(AuditVerification verification, store->VerifyAudit());
  if (!verification.intact())
    return DataLoss(std::string(what) + ": audit chain broken at entry " +
                    std::to_string(*verification.first_bad_sequence) + ": " + verification.problem);
  return BackupReport{verification.entries_checked, verification.head_hash};
}

}  // namespace

Result<BackupReport> BackupStore(const std::string& target,
                                 const std::filesystem::path& destination, const Clock& clock,
                                 const OpenOptions& options) {
  std::error_code error;
  if (std::filesystem::exists(destination, error))
    return AlreadyExists("backup destination " + destination.string() + " already exists");
  TRY_ASSIGN(auto store, OpenStore(target, clock, options));
  if (KindOf(target) == StoreKind::kPostgres) {
    TRY(PostgresDump(target, destination));
    TRY_ASSIGN(AuditVerification verification, store->VerifyAudit());
    return BackupReport{verification.entries_checked, verification.head_hash};
  }
  TRY(static_cast<SqliteDatabase&>(store->database()).BackupTo(destination));
  return CheckSqlite(destination, clock, "backup " + destination.string());
}

Result<BackupReport> RestoreStore(const std::string& target, const std::filesystem::path& backup,
                                  const Clock& clock, const OpenOptions& options) {
  std::error_code error;
  if (!std::filesystem::exists(backup, error))
    return NotFound("backup " + backup.string() + " does not exist");
  if (KindOf(target) == StoreKind::kPostgres) {
    TRY_ASSIGN(auto store, OpenStore(target, clock,
                                     {.migrations = Migrations::kLeaveAlone,
                                      .unauthenticated = options.unauthenticated}));
    store.reset();  // pg_restore needs the tables free of our connection's locks
    TRY(PostgresRestore(target, backup));
  } else {
    TRY(CheckSqlite(backup, clock, "backup " + backup.string()));
    TRY_ASSIGN(auto database, SqliteDatabase::Open(target, SqliteOpenMode::kCreateIfMissing));
    TRY(database->RestoreFrom(backup));
  }
  TRY_ASSIGN(auto restored, OpenStore(target, clock,
                                      {.migrations = Migrations::kLeaveAlone,
                                       .unauthenticated = options.unauthenticated}));
  TRY_ASSIGN(AuditVerification verification, restored->VerifyAudit());
  if (!verification.intact())
    return DataLoss("restored store: audit chain broken at entry " +
                    std::to_string(*verification.first_bad_sequence) + ": " + verification.problem);
  return BackupReport{verification.entries_checked, verification.head_hash};
}

}  // namespace tessera::store
