// The store contract, migrations: a store an older tessera made is brought up to date, and its
// rows are rewritten where a migration says so.

#include <iterator>

#include "core/records/names.hpp"
#include "store/postgres/pg_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

TEST_P(StoreContract, MigrationThirteenMovesStoredCompetenceToTheOneScale) {
  auto old = ScratchStore::Create(GetParam(), clock());
  ASSERT_TRUE(old);
  auto opened =
      OpenStore(old->target(), clock(),
                {.creation = Creation::kCreateIfMissing, .migrations = Migrations::kLeaveAlone});
  ASSERT_TRUE(opened) << opened.error().message();
  SqlStore& before = **opened;
  Database& database = before.database();
  const std::vector<Migration>& all =
      GetParam() == StoreKind::kSqlite ? SqliteMigrations() : PostgresMigrations();
  const std::vector<Migration> up_to_twelve(all.begin(), std::next(all.begin(), 12));
  ASSERT_EQ(*ApplyMigrations(database, up_to_twelve), 12);

  // A therapist as tessera stored one before migration 13: the five-level words.
  const std::string stored_at = "2025-03-01T09:00:00Z";
  const Status therapist = database.Execute("INSERT INTO therapists (id, created_at) VALUES (?, ?)",
                                            {std::string("t-old"), stored_at});
  ASSERT_TRUE(therapist) << therapist.error().message();
  ASSERT_TRUE(database.Execute(
      "INSERT INTO therapist_versions (therapist_id, version, user_id, display_name, home_model, "
      "style_json, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string("t-old"), std::int64_t{1}, SqlValue(), std::string("Old Hand"),
       std::string("cbt"), std::string("{}"), SqlValue(), stored_at}));
  const std::vector<std::string> former = {"aware", "trained", "proficient", "expert",
                                           "supervisor"};
  for (std::size_t position = 0; position < former.size(); ++position) {
    ASSERT_TRUE(database.Execute(
        "INSERT INTO therapist_competencies (therapist_id, version, position, model, technique, "
        "level, training, certification, supervised_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {std::string("t-old"), std::int64_t{1}, static_cast<std::int64_t>(position),
         std::string("cbt"), SqlValue(), former[position], std::string(""), std::string(""), 0.0}));
  }

  ASSERT_EQ(*MigrateStore(before), static_cast<int>(all.size()) - 12);
  auto rows = database.Query(
      "SELECT level FROM therapist_competencies WHERE therapist_id = ? ORDER BY position",
      {std::string("t-old")});
  ASSERT_TRUE(rows);
  std::vector<std::string> levels;
  for (const SqlRow& row : *rows) levels.push_back(row.Text(0));
  EXPECT_EQ(levels,
            (std::vector<std::string>{"basic", "competent", "competent", "expert", "expert"}));

  auto admin = before.CreateUser(AccessContext::Bootstrap(),
                                 User{{}, "admin", Role::kAdmin, TestPasswordHash(), {}});
  ASSERT_TRUE(admin);
  auto read = before.GetTherapist(AccessContext::For(*admin), TherapistId("t-old"));
  ASSERT_TRUE(read) << read.error().message();
  ASSERT_EQ(read->competencies.size(), 5u);
  EXPECT_EQ(read->competencies[0].level, Competence::kBasic);
  EXPECT_EQ(read->competencies[4].level, Competence::kExpert);

  // The table is append-only again.
  EXPECT_FALSE(database.Execute("UPDATE therapist_competencies SET level = 'none'", {}));
  EXPECT_FALSE(database.Execute("DELETE FROM therapist_competencies", {}));
}

}  // namespace
}  // namespace tessera::store::testing
