#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <string>

namespace tessera::store {
namespace {

Status BindAll(sqlite3_stmt* statement, const SqlParams& params) {
  for (std::size_t index = 0; index < params.size(); ++index) {
    const int position = static_cast<int>(index) + 1;
    const SqlValue& value = params[index];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(value)) {
      rc = sqlite3_bind_null(statement, position);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      rc = sqlite3_bind_int64(statement, position, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      rc = sqlite3_bind_double(statement, position, *real);
    } else {
      // SQLITE_STATIC: no copy. Query clears the bindings before it returns, while the
      // caller's params (which own the text) are still alive.
      const auto& text = std::get<std::string>(value);
      rc = sqlite3_bind_text(statement, position, text.data(), static_cast<int>(text.size()),
                             SQLITE_STATIC);
    }
    if (rc != SQLITE_OK)
      return Internal("sqlite: cannot bind parameter " + std::to_string(position));
  }
  return Ok();
}

SqlValue ColumnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_NULL:
      return std::monostate{};
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    default: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
  }
}

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::filesystem::path& path,
                                                             SqliteOpenMode mode) {
  // SQLite's memory statistics take a global mutex on every allocation; tessera never reads
  // them. Only possible before SQLite initialises (later calls fail harmlessly).
  static const bool statistics_off = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)statistics_off;
  sqlite3* handle = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == SqliteOpenMode::kCreateIfMissing) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = handle ? sqlite3_errmsg(handle) : "out of memory";
    sqlite3_close(handle);
    return Unavailable("cannot open SQLite database " + path.string() + ": " + message);
  }
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(handle));
  sqlite3_busy_timeout(handle, 30000);
  sqlite3_extended_result_codes(handle, 1);
  // WAL lets readers run beside a writer; synchronous=FULL fsyncs the WAL at every commit so
  // an acknowledged commit survives power loss, not only a process crash.
  // secure_delete: content a change frees (a psychotherapy note's clear text when it is sealed,
  // decision 0131) is overwritten with zeros rather than left in free space.
  TRY(
      database->ExecuteScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                              "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;"));
  TRY_ASSIGN(SqlRows mode_rows, database->Query("PRAGMA journal_mode", {}));
  if (mode_rows.empty() || mode_rows[0].Text(0) != "wal")
    return Unavailable("SQLite database " + path.string() + " could not be put in WAL mode");
  return database;
}

SqliteDatabase::~SqliteDatabase() {
  ForgetStatements();
  sqlite3_close_v2(handle_);
}

void SqliteDatabase::ForgetStatements() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  statements_.clear();
}

Result<sqlite3_stmt*> SqliteDatabase::Prepared(std::string_view sql) {
  // Preparing (parsing and planning) costs more than running most of the store's statements,
  // so each distinct SQL text is prepared once per connection and reused.
  if (const auto found = statements_.find(sql); found != statements_.end()) return found->second;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &statement, nullptr) != SQLITE_OK)
    return Unexpected<Error>(LastError("prepare"));
  // A text without a statement (only whitespace or a comment) prepares to null; not cached.
  if (statement == nullptr) return Internal("sqlite: empty statement");
  statements_.emplace(std::string(sql), statement);
  return statement;
}

Error SqliteDatabase::LastError(std::string_view doing) const {
  const int code = sqlite3_extended_errcode(handle_);
  std::string message = "sqlite: " + std::string(doing) + ": " + sqlite3_errmsg(handle_);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error(ErrorCode::kAlreadyExists, message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error(ErrorCode::kNotFound, message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      return Error(ErrorCode::kUnavailable, message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error(ErrorCode::kDataLoss, message);
    default:
      return Error(
          (code & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::kInvalidArgument : ErrorCode::kInternal,
          message);
  }
}

Result<SqlRows> SqliteDatabase::Query(std::string_view sql, const SqlParams& params) {
  TRY_ASSIGN(sqlite3_stmt * statement, Prepared(sql));
  // Reset and unbind on every exit, so the cached statement holds no lock or value between uses.
  const auto reset = [](sqlite3_stmt* used) {
    sqlite3_reset(used);
    sqlite3_clear_bindings(used);
  };
  std::unique_ptr<sqlite3_stmt, decltype(reset)> guard(statement, reset);
  TRY(BindAll(statement, params));
  SqlRows rows;
  const int columns = sqlite3_column_count(statement);
  while (true) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return Unexpected<Error>(LastError("step"));
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column)
      values.push_back(ColumnValue(statement, column));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Status SqliteDatabase::ExecuteScript(std::string_view script) {
  const std::string text(script);
  char* message = nullptr;
  if (sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string owned = message ? message : "unknown error";
    sqlite3_free(message);
    Error error = LastError("exec");
    return Unexpected<Error>(Error(error.code(), "sqlite: " + owned));
  }
  return Ok();
}

Status SqliteDatabase::Begin() { return Execute("BEGIN IMMEDIATE"); }
Status SqliteDatabase::Commit() { return Execute("COMMIT"); }
Status SqliteDatabase::Rollback() { return Execute("ROLLBACK"); }

Status SqliteDatabase::CheckIntegrity() {
  TRY_ASSIGN(SqlRows rows, Query("PRAGMA integrity_check", {}));
  if (rows.size() == 1 && rows[0].Text(0) == "ok") return Ok();
  return DataLoss("SQLite integrity_check failed: " + (rows.empty() ? "" : rows[0].Text(0)));
}

namespace {

Status CopyDatabase(sqlite3* from, sqlite3* to, std::string_view what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return Unavailable(std::string(what) + ": " + sqlite3_errmsg(to));
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return Unavailable(std::string(what) + ": " + sqlite3_errstr(rc));
  return Ok();
}

}  // namespace

Status SqliteDatabase::BackupTo(const std::filesystem::path& destination) {
  TRY_ASSIGN(auto target, Open(destination, SqliteOpenMode::kCreateIfMissing));
  return CopyDatabase(handle_, target->handle_, "backup to " + destination.string());
}

Status SqliteDatabase::RestoreFrom(const std::filesystem::path& source) {
  ForgetStatements();
  TRY_ASSIGN(auto origin, Open(source, SqliteOpenMode::kMustExist));
  return CopyDatabase(origin->handle_, handle_, "restore from " + source.string());
}

}  // namespace tessera::store
