#pragma once
// The schema, written once with dialect tokens so SQLite and PostgreSQL cannot drift apart:
//   @ID@    an auto-numbered 64-bit primary key      @INT@   a 64-bit integer
//   @REAL@  a double                                  @REFUSE_CHANGES(table)@  see below
// Each dialect renders the tokens (sqlite/sqlite_migrations.cpp, postgres/pg_migrations.cpp).
// @REFUSE_CHANGES(t)@ becomes triggers that abort any UPDATE or DELETE on t: clinical rows
// and the audit log are append-only in the database itself, not only in tessera's code.

#include <string>
#include <string_view>
#include <vector>

#include "store/sql/database.hpp"

namespace tessera::store {

struct SchemaDialect {
  std::string_view id_column;
  std::string_view integer_type;
  std::string_view real_type;
  /// Returns the SQL that makes `table` append-only.
  std::string (*refuse_changes)(std::string_view table);
  /// Run once before the first table's triggers (e.g. PostgreSQL's trigger function).
  std::string_view prelude;
  /// An expression for a client's next revision: greater than `revision` and at least the
  /// current time in microseconds since 1970 (so revisions never repeat after a restore).
  std::string_view next_revision;
  /// Returns the SQL of a trigger `name` that runs `statement` (which may use NEW) after each
  /// row inserted into `table`.
  std::string (*after_insert)(std::string_view table, const std::string& name,
                              const std::string& statement);
  /// Appended to version 10, whose script leaves psychotherapy_notes' UPDATE protection to the
  /// dialect: triggers that allow sealing a note and nothing else.
  std::string_view sealing_only_triggers;
  /// Put before version 13, which rewrites stored competence levels: drops the append-only
  /// refusal triggers of therapist_competencies (the script creates them again).
  std::string_view competence_rewrite_prelude;
};

/// One migration rendered for a dialect.
struct RenderedMigration {
  int version = 0;
  std::string_view description;
  std::string script;
};

/// Every migration, oldest first, rendered for one dialect: the one list of versions and
/// descriptions that both stores apply (a new migration is one entry in schema.cpp).
std::vector<RenderedMigration> RenderMigrations(const SchemaDialect& dialect);

/// The migrations as Database::Migrate takes them. REQUIRES: `rendered` outlives the result.
std::vector<Migration> ListMigrations(const std::vector<RenderedMigration>& rendered);

/// The tables whose rows may never be updated or deleted.
const std::vector<std::string_view>& AppendOnlyTables();

}  // namespace tessera::store
