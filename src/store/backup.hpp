#pragma once
// Backups that are checked before they are trusted. SQLite: an online copy with SQLite's
// backup API (consistent while tessera keeps running). PostgreSQL: pg_dump / pg_restore in
// custom format, with the password passed through the environment, never on a command line.

#include <filesystem>
#include <string>

#include "core/clock.hpp"
#include "store/open_store.hpp"

namespace tessera::store {

struct BackupReport {
  std::int64_t audit_entries = 0;
  std::string audit_head;
};

/// Copies the store at `target` to `destination` (which must not exist), then opens the copy
/// and checks it (SQLite integrity_check and the audit chain). DataLoss when the copy fails
/// its checks; AlreadyExists when destination exists.
Result<BackupReport> BackupStore(const std::string& target,
                                 const std::filesystem::path& destination, const Clock& clock,
                                 const OpenOptions& options);

/// Checks the backup first (integrity and audit chain: a tampered backup is refused with
/// DataLoss), then replaces the content of `target` with it and checks the result.
Result<BackupReport> RestoreStore(const std::string& target, const std::filesystem::path& backup,
                                  const Clock& clock, const OpenOptions& options);

}  // namespace tessera::store
