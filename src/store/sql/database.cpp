#include "store/sql/database.hpp"

#include <charconv>
#include <chrono>
#include <cstdlib>

#include "core/clock.hpp"

namespace tessera::store {
namespace {

template <class Number>
Number ParseNumber(const std::string& text) {
  Number value{};
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace

bool SqlRow::IsNull(std::size_t column) const {
  return std::holds_alternative<std::monostate>(values_.at(column));
}

std::int64_t SqlRow::Int(std::size_t column) const {
  const SqlValue& value = values_.at(column);
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  if (const auto* text = std::get_if<std::string>(&value)) return ParseNumber<std::int64_t>(*text);
  return 0;
}

double SqlRow::Real(std::size_t column) const {
  const SqlValue& value = values_.at(column);
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* text = std::get_if<std::string>(&value))
    return std::strtod(text->c_str(), nullptr);
  return 0;
}

std::string SqlRow::Text(std::size_t column) const {
  const SqlValue& value = values_.at(column);
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *real);
    return std::string(buffer, end);
  }
  return "";
}

std::optional<std::int64_t> SqlRow::OptionalInt(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}
std::optional<double> SqlRow::OptionalReal(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Real(column);
}
std::optional<std::string> SqlRow::OptionalText(std::size_t column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}

Result<int> SchemaVersion(Database& database) {
  TRY(database.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  TRY_ASSIGN(SqlRows rows,
             database.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}));
  return static_cast<int>(rows.at(0).Int(0));
}

namespace {

Result<int> ApplyMigrationsLocked(Database& database, const std::vector<Migration>& migrations);

}  // namespace

Result<int> ApplyMigrations(Database& database, const std::vector<Migration>& migrations) {
  TRY(database.LockMigrations());
  Result<int> applied = ApplyMigrationsLocked(database, migrations);
  Status unlocked = database.UnlockMigrations();
  if (applied && !unlocked) return Propagate(unlocked.error());
  return applied;
}

namespace {

Result<int> ApplyMigrationsLocked(Database& database, const std::vector<Migration>& migrations) {
  TRY_ASSIGN(int current, SchemaVersion(database));
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (current > newest)
    return DataLoss("the database schema is version " + std::to_string(current) +
                    " but this tessera knows only up to " + std::to_string(newest) +
                    "; upgrade tessera");
  int applied = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    TRY(database.Begin());
    // Re-check inside the transaction: another process may have migrated meanwhile.
    auto again = database.Query("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                                {std::int64_t{migration.version}});
    if (!again) {
      (void)database.Rollback();
      return Propagate(again.error());
    }
    if (again->at(0).Int(0) > 0) {
      TRY(database.Rollback());
      continue;
    }
    Status status = database.ExecuteScript(migration.script);
    if (status)
      status = database.Execute(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)",
          {std::int64_t{migration.version}, std::string(migration.description),
           FormatUtc(std::chrono::system_clock::now())});
    if (!status) {
      (void)database.Rollback();
      return Propagate(
          status.error().WithContext("migration " + std::to_string(migration.version)));
    }
    TRY(database.Commit());
    ++applied;
  }
  return applied;
}

}  // namespace

}  // namespace tessera::store
