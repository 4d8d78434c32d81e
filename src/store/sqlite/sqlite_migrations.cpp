#include "store/sql/schema.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace tessera::store {
namespace {

std::string RefuseChanges(std::string_view table) {
  const std::string name(table);
  std::string sql;
  for (std::string_view operation : {"UPDATE", "DELETE"}) {
    const std::string op(operation);
    sql += "CREATE TRIGGER " + name + "_refuse_" + op + " BEFORE " + op + " ON " + name +
           " BEGIN SELECT RAISE(ABORT, '" + name + " is append-only'); END;\n";
  }
  return sql;
}

std::string AfterInsert(std::string_view table, const std::string& name,
                        const std::string& statement) {
  return "CREATE TRIGGER " + name + " AFTER INSERT ON " + std::string(table) + " BEGIN " +
         statement + "; END;\n";
}

// Sealing a note (version 10) is the one update psychotherapy_notes allows: sealed set where it
// was NULL, body emptied, every other column unchanged.
constexpr std::string_view kAllowSealingOnly = R"sql(
DROP TRIGGER psychotherapy_notes_refuse_UPDATE;
CREATE TRIGGER psychotherapy_notes_refuse_UPDATE BEFORE UPDATE ON psychotherapy_notes
WHEN NOT (OLD.sealed IS NULL AND NEW.sealed IS NOT NULL AND NEW.body = '' AND NEW.id = OLD.id
          AND NEW.client_id = OLD.client_id AND NEW.author = OLD.author
          AND NEW.written_at = OLD.written_at AND NEW.supersedes IS OLD.supersedes)
BEGIN SELECT RAISE(ABORT, 'psychotherapy_notes is append-only (a note can only be sealed)'); END;
)sql";

// Version 13 rewrites stored competence levels (schema.cpp): the append-only refusal triggers
// of therapist_competencies go first and the script creates them again.
constexpr std::string_view kAllowCompetenceRewrite = R"sql(
DROP TRIGGER IF EXISTS therapist_competencies_refuse_UPDATE;
DROP TRIGGER IF EXISTS therapist_competencies_refuse_DELETE;
)sql";

}  // namespace

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<RenderedMigration> rendered = RenderMigrations(
      SchemaDialect{"INTEGER PRIMARY KEY", "INTEGER", "REAL", &RefuseChanges, "",
                    "max(revision + 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS "
                    "INTEGER))",
                    &AfterInsert, kAllowSealingOnly, kAllowCompetenceRewrite});
  static const std::vector<Migration> migrations = ListMigrations(rendered);
  return migrations;
}

}  // namespace tessera::store
