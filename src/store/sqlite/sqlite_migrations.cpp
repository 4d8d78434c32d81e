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

}  // namespace

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<std::string> scripts = RenderSchemaScripts(
      SchemaDialect{"INTEGER PRIMARY KEY", "INTEGER", "REAL", &RefuseChanges, "",
                    "max(revision + 1, CAST((julianday('now') - 2440587.5) * 86400000000.0 AS "
                    "INTEGER))",
                    &AfterInsert});
  static const std::string version10 = scripts.at(9) + std::string(kAllowSealingOnly);
  static const std::vector<Migration> migrations{
      {1, "clinical record store: people, records, plans, notes, audit log", scripts.at(0)},
      {2, "server: account state, login sessions, break-glass grants", scripts.at(1)},
      {3, "performance: indexes for paged and episode-scoped reads", scripts.at(2)},
      {4, "amended client identifiers, every version kept", scripts.at(3)},
      {5, "performance: a revision per client, raised by the database on every insert",
       scripts.at(4)},
      {6, "login limits: failure counters and known sources that survive a restart", scripts.at(5)},
      {7,
       "plan lifecycle: draft, active, superseded, discarded; client agreement recorded on "
       "the client's behalf",
       scripts.at(6)},
      {8, "alert lifecycle: alert key and severity, triggering administrations, notifications",
       scripts.at(7)},
      {9, "the record: measure corrections and voids, episode closures and reopenings",
       scripts.at(8)},
      {10, "psychotherapy notes sealed to their author's key", version10},
      {11, "measurement schedules per episode and questionnaire links (token hashes only)",
       scripts.at(10)},
      {12, "reminders: client contact and consent per channel, the outbox", scripts.at(11)},
      {14, "teams of clinicians and their supervisors (supervision read access)", scripts.at(12)}};
  return migrations;
}

}  // namespace tessera::store
