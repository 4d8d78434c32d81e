#pragma once
// pg_dump / pg_restore for the PostgreSQL store. The connection settings are taken apart with
// libpq's own parser and handed to the tools as PG* environment variables, so the password
// never appears in a process list.

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace tessera::store {

/// pg_dump --format=custom of the database at url into destination.
Status PostgresDump(const std::string& url, const std::filesystem::path& destination);
/// pg_restore --clean --if-exists --single-transaction of backup into the database at url.
Status PostgresRestore(const std::string& url, const std::filesystem::path& backup);

}  // namespace tessera::store
