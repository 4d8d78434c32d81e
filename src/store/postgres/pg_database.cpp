#include "store/postgres/pg_database.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

namespace tessera::store {
namespace {

using ResultHandle = std::unique_ptr<PGresult, void (*)(PGresult*)>;

void IgnoreNotice(void*, const char*) {}

std::string FirstLine(const char* message) {
  std::string text = message ? message : "unknown error";
  const std::size_t newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline);
}

Error ErrorFor(PGconn* connection, const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  const std::string message = "postgresql: " + FirstLine(result ? PQresultErrorMessage(result)
                                                                : PQerrorMessage(connection));
  if (PQstatus(connection) == CONNECTION_BAD || code.rfind("08", 0) == 0)
    return Error(ErrorCode::kUnavailable, message);
  if (code == "23505") return Error(ErrorCode::kAlreadyExists, message);
  if (code == "23503") return Error(ErrorCode::kNotFound, message);
  if (code == "40001" || code == "40P01") return Error(ErrorCode::kConflict, message);
  if (code.rfind("23", 0) == 0 || code == "P0001")
    return Error(ErrorCode::kInvalidArgument, message);
  if (code == "28P01" || code == "28000") return Error(ErrorCode::kUnauthenticated, message);
  return Error(ErrorCode::kInternal, message);
}

std::string ParameterText(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *real);
    return std::string(buffer, end);
  }
  return std::get<std::string>(value);
}

bool UsedClientCertificate(PGconn* connection) {
  if (!PQsslInUse(connection)) return false;
  PQconninfoOption* options = PQconninfo(connection);
  bool has_certificate = false;
  for (PQconninfoOption* option = options; option && option->keyword; ++option)
    if (std::strcmp(option->keyword, "sslcert") == 0 && option->val && *option->val)
      has_certificate = true;
  PQconninfoFree(options);
  return has_certificate;
}

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int number = 0;
  bool in_literal = false;
  for (char c : sql) {
    if (c == '\'') in_literal = !in_literal;
    if (c == '?' && !in_literal) {
      out += '$' + std::to_string(++number);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Connect(
    const std::string& url, PostgresAuthentication authentication) {
  PGconn* connection = PQconnectdb(url.c_str());
  if (!connection) return Unavailable("postgresql: out of memory");
  std::unique_ptr<PostgresDatabase> database(new PostgresDatabase(connection, authentication));
  if (PQstatus(connection) != CONNECTION_OK) {
    const std::string message = FirstLine(PQerrorMessage(connection));
    if (message.find("authentication failed") != std::string::npos ||
        message.find("password") != std::string::npos)
      return Unauthenticated("postgresql: " + message);
    return Unavailable("postgresql: cannot connect: " + message);
  }
  TRY(database->PrepareSession());
  return database;
}

Status PostgresDatabase::PrepareSession() {
  PQsetNoticeProcessor(connection_, IgnoreNotice, nullptr);
  const bool authenticated =
      PQconnectionUsedPassword(connection_) || UsedClientCertificate(connection_);
  if (!authenticated && authentication_ == PostgresAuthentication::kRequire)
    return Unauthenticated(
        "postgresql: the server let this connection in without a password or client "
        "certificate; tessera refuses unauthenticated databases (configure password "
        "authentication in pg_hba.conf)");
  // Times are stored as text, so the session time zone cannot change them; UTF-8 throughout.
  return ExecuteScript("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

PostgresDatabase::~PostgresDatabase() { PQfinish(connection_); }

Result<SqlRows> PostgresDatabase::Query(std::string_view sql, const SqlParams& params) {
  const std::string statement = NumberPlaceholders(sql);
  std::vector<std::string> texts;
  texts.reserve(params.size());
  std::vector<const char*> values;
  for (const SqlValue& value : params) {
    if (std::holds_alternative<std::monostate>(value)) {
      texts.emplace_back();
      values.push_back(nullptr);
    } else {
      texts.push_back(ParameterText(value));
      values.push_back(texts.back().c_str());
    }
  }
  // `texts` was reserved up front, so the c_str pointers above stay valid.
  ResultHandle result(PQexecParams(connection_, statement.c_str(), static_cast<int>(values.size()),
                                   nullptr, values.data(), nullptr, nullptr, 0),
                      PQclear);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return Unexpected<Error>(ErrorFor(connection_, result.get()));
  SqlRows rows;
  const int row_count = PQntuples(result.get());
  const int column_count = PQnfields(result.get());
  rows.reserve(static_cast<std::size_t>(row_count));
  for (int row = 0; row < row_count; ++row) {
    std::vector<SqlValue> columns;
    columns.reserve(static_cast<std::size_t>(column_count));
    for (int column = 0; column < column_count; ++column) {
      if (PQgetisnull(result.get(), row, column)) {
        columns.emplace_back(std::monostate{});
      } else {
        columns.emplace_back(
            std::string(PQgetvalue(result.get(), row, column),
                        static_cast<std::size_t>(PQgetlength(result.get(), row, column))));
      }
    }
    rows.emplace_back(std::move(columns));
  }
  return rows;
}

Status PostgresDatabase::ExecuteScript(std::string_view script) {
  const std::string text(script);
  ResultHandle result(PQexec(connection_, text.c_str()), PQclear);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return Unexpected<Error>(ErrorFor(connection_, result.get()));
  return Ok();
}

Status PostgresDatabase::Begin() {
  if (PQstatus(connection_) == CONNECTION_BAD) {
    // Only between transactions: nothing of an open transaction can be lost by reconnecting.
    PQreset(connection_);
    if (PQstatus(connection_) != CONNECTION_OK)
      return Unavailable("postgresql: the connection was lost and cannot be re-established: " +
                         FirstLine(PQerrorMessage(connection_)));
    TRY(PrepareSession());
  }
  return ExecuteScript("BEGIN ISOLATION LEVEL READ COMMITTED");
}

Status PostgresDatabase::Commit() {
  ResultHandle result(PQexec(connection_, "COMMIT"), PQclear);
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK)
    return Unexpected<Error>(ErrorFor(connection_, result.get()));
  // COMMIT of a failed transaction "succeeds" as ROLLBACK: that is not a commit.
  if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0)
    return Conflict("postgresql: the transaction was rolled back instead of committed");
  return Ok();
}

Status PostgresDatabase::Rollback() { return ExecuteScript("ROLLBACK"); }

// Any fixed number works; it only has to be the same in every tessera process.
constexpr std::string_view kMigrationLock = "7369746573736572";

Status PostgresDatabase::LockMigrations() {
  return ExecuteScript("SELECT pg_advisory_lock(" + std::string(kMigrationLock) + ")");
}

Status PostgresDatabase::UnlockMigrations() {
  return ExecuteScript("SELECT pg_advisory_unlock(" + std::string(kMigrationLock) + ")");
}

}  // namespace tessera::store
