// Unit tests of the store's pure pieces (the contract suite covers the rest on real databases).

#include <gtest/gtest.h>

#include "store/open_store.hpp"
#include "store/postgres/pg_database.hpp"
#include "store/sql/crypto.hpp"
#include "store/sql/schema.hpp"
#include "store/sql/time_text.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace tessera::store {
namespace {

TEST(Sha256Hex, MatchesTheStandardTestVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashPassword, IsArgon2idWithAtLeast19MiBAndTwoPassesAndVerifies) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash);
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=65536,t=3,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse battery!", *hash));
  EXPECT_NE(*HashPassword("correct horse battery"), *hash);  // salted
  EXPECT_FALSE(HashPassword("short"));
}

TEST(ParseUtc, ReadsWhatFormatUtcWritesAndRejectsTheRest) {
  const TimePoint time = TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 2 / 28)) +
                         std::chrono::hours(23) + std::chrono::milliseconds(59'999);
  EXPECT_EQ(ParseUtc(FormatUtc(time)), time);
  EXPECT_TRUE(ParseUtc("2026-01-12T10:00:00Z"));
  for (const char* bad : {"2026-02-30T10:00:00Z", "2026-01-12 10:00:00Z", "2026-01-12T10:00:00",
                          "2026-01-12T24:00:00Z", "yesterday", "2026-01-12T10:00:00.5Z"})
    EXPECT_FALSE(ParseUtc(bad)) << bad;
}

TEST(NumberPlaceholders, RenumbersQuestionMarksOutsideLiterals) {
  EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2");
}

TEST(OpenStore, ChoosesTheDriverByTargetAndRedactsPasswords) {
  EXPECT_EQ(KindOf("postgresql://u:p@h/db"), StoreKind::kPostgres);
  EXPECT_EQ(KindOf("postgres://h/db"), StoreKind::kPostgres);
  EXPECT_EQ(KindOf("/var/lib/tessera/clinic.db"), StoreKind::kSqlite);
  EXPECT_EQ(RedactTarget("postgresql://ana:s3cret@db:5432/t"), "postgresql://ana:***@db:5432/t");
  EXPECT_EQ(RedactTarget("postgresql://ana@db/t"), "postgresql://ana@db/t");
  EXPECT_EQ(RedactTarget("postgresql://db/t?user=ana&password=s3cret&sslmode=require"),
            "postgresql://db/t?user=ana&password=***&sslmode=require");
  SystemClock clock;
  auto missing = OpenStore("/nonexistent/dir/x.db", clock, {});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(OpenStore("", clock, {}).error().code(), ErrorCode::kInvalidArgument);
}

TEST(Schema, BothDialectsApplyTheOneListOfMigrationsNumberedInOrder) {
  const auto& sqlite = SqliteMigrations();
  const auto& postgres = PostgresMigrations();
  ASSERT_EQ(sqlite.size(), postgres.size());
  for (std::size_t index = 0; index < sqlite.size(); ++index) {
    EXPECT_EQ(sqlite[index].version, static_cast<int>(index) + 1);
    EXPECT_EQ(postgres[index].version, sqlite[index].version);
    EXPECT_EQ(postgres[index].description, sqlite[index].description);
    EXPECT_FALSE(sqlite[index].description.empty());
  }
}

TEST(Schema, BothDialectsRenderEveryTokenAndProtectEveryAppendOnlyTable) {
  for (const auto* migrations : {&SqliteMigrations(), &PostgresMigrations()}) {
    ASSERT_EQ(migrations->size(), 17u);
    for (const Migration& migration : *migrations)
      EXPECT_EQ(migration.script.find('@'), std::string_view::npos) << migration.version;
    const std::string_view script = migrations->at(0).script;
    for (std::string_view table : AppendOnlyTables())
      EXPECT_NE(script.find(std::string(table) + "_refuse_"), std::string_view::npos) << table;
    // Version 2: break-glass grants are append-only like the record they open.
    EXPECT_NE(migrations->at(1).script.find("break_glass_grants_refuse_"), std::string_view::npos);
    // Version 3: indexes only, so it changes no data and no table's protection.
    EXPECT_NE(migrations->at(2).script.find("CREATE INDEX alerts_by_client"),
              std::string_view::npos);
    EXPECT_EQ(migrations->at(2).script.find("CREATE TABLE"), std::string_view::npos);
    // Version 4: amended client identifiers are append-only too.
    EXPECT_EQ(migrations->at(3).version, 4);
    EXPECT_NE(migrations->at(3).script.find("client_identifier_amendments_refuse_"),
              std::string_view::npos);
    // Version 5: every table a cached client view is built from raises the client's revision.
    EXPECT_EQ(migrations->at(4).version, 5);
    for (std::string_view table :
         {"client_identifiers", "client_identifier_amendments", "client_profiles", "episodes",
          "episode_closures", "sessions", "measure_administrations", "alerts", "alert_handlings",
          "plans", "plan_versions"})
      EXPECT_NE(migrations->at(4).script.find(std::string(table) + "_raise_revision"),
                std::string_view::npos)
          << table;
    // Version 6: the login limits' counters and known sources; not append-only (they change).
    EXPECT_EQ(migrations->at(5).version, 6);
    EXPECT_NE(migrations->at(5).script.find("CREATE TABLE login_counters"), std::string_view::npos);
    EXPECT_EQ(migrations->at(5).script.find("_refuse_"), std::string_view::npos);
    // Version 7: plan statuses and recorded agreements are append-only and raise the revision.
    EXPECT_EQ(migrations->at(6).version, 7);
    for (std::string_view table : {"plan_status_changes", "plan_recorded_agreements"}) {
      EXPECT_NE(migrations->at(6).script.find(std::string(table) + "_refuse_"),
                std::string_view::npos)
          << table;
      EXPECT_NE(migrations->at(6).script.find(std::string(table) + "_raise_revision"),
                std::string_view::npos)
          << table;
    }
    // Version 8: the alert lifecycle's triggers are append-only and raise the revision;
    // notifications are not clinical record rows (their read time changes).
    EXPECT_EQ(migrations->at(7).version, 8);
    EXPECT_NE(migrations->at(7).script.find("alert_triggers_refuse_"), std::string_view::npos);
    EXPECT_NE(migrations->at(7).script.find("alert_triggers_raise_revision"),
              std::string_view::npos);
    EXPECT_EQ(migrations->at(7).script.find("notifications_refuse_"), std::string_view::npos);
    // Version 9: corrections and voids, episode status changes (append-only, raising the
    // client's revision).
    EXPECT_EQ(migrations->at(8).version, 9);
    EXPECT_NE(migrations->at(8).script.find("episode_status_changes_refuse_"),
              std::string_view::npos);
    EXPECT_NE(migrations->at(8).script.find("episode_status_changes_raise_revision"),
              std::string_view::npos);
    // Version 10: note keys, sealed notes, and psychotherapy_notes allowing only sealing.
    EXPECT_EQ(migrations->at(9).version, 10);
    // Version 11: measurement schedules and questionnaire links (token hashes only).
    EXPECT_EQ(migrations->at(10).version, 11);
    EXPECT_NE(migrations->at(10).script.find("token_hash TEXT NOT NULL UNIQUE"),
              std::string_view::npos);
    EXPECT_NE(migrations->at(9).script.find("CREATE TABLE note_keys"), std::string_view::npos);
    EXPECT_NE(migrations->at(9).script.find("OLD.sealed IS NULL AND NEW.sealed IS NOT NULL"),
              std::string_view::npos);
    // Version 13: one competence scale; therapist_competencies is append-only again after it.
    EXPECT_EQ(migrations->at(12).version, 13);
    const std::string_view version13 = migrations->at(12).script;
    EXPECT_NE(version13.find("WHEN 'proficient' THEN 'competent'"), std::string_view::npos);
    EXPECT_LT(version13.find("DROP TRIGGER IF EXISTS therapist_competencies_refuse_"),
              version13.find("UPDATE therapist_competencies"));
    EXPECT_NE(version13.find("CREATE TRIGGER therapist_competencies_refuse_",
                             version13.find("UPDATE therapist_competencies")),
              std::string_view::npos);
    // Version 14: teams; their members are added, never changed.
    EXPECT_EQ(migrations->at(13).version, 14);
    EXPECT_NE(migrations->at(13).script.find("CREATE TABLE team_members"), std::string_view::npos);
    EXPECT_NE(migrations->at(13).script.find("team_members_refuse_"), std::string_view::npos);
    // Version 15: a link's delivery (phone or kiosk) and progress sharing per episode.
    EXPECT_EQ(migrations->at(14).version, 15);
    EXPECT_NE(migrations->at(14).script.find("ADD COLUMN delivery"), std::string_view::npos);
    EXPECT_NE(migrations->at(14).script.find("CREATE TABLE progress_sharing"),
              std::string_view::npos);
    // Version 16: amendment reasons.
    EXPECT_EQ(migrations->at(15).version, 16);
    EXPECT_NE(migrations->at(15).script.find("ADD COLUMN amendment_reason"),
              std::string_view::npos);
    // Version 17: staff email addresses.
    EXPECT_EQ(migrations->back().version, 17);
    EXPECT_NE(migrations->back().script.find("ADD COLUMN email"), std::string_view::npos);
  }
}

}  // namespace
}  // namespace tessera::store
