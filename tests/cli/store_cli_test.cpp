// Black-box: the store commands of the real tessera binary, as a shell user runs them.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/sqlite/sqlite_database.hpp"
#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

CommandOptions WithInput(const std::string& text) {
  CommandOptions options;
  options.stdin_text = text;
  return options;
}

CommandOptions WithEnvironment(std::map<std::string, std::string> environment) {
  CommandOptions options;
  options.environment = std::move(environment);
  return options;
}

constexpr const char* kCanary = "PSYCHO-CANARY-7f3a";  // in the sample's psychotherapy note

std::string SamplePath() {
  return std::string(TESSERA_SOURCE_DIR) + "/tests/store/data/sample_import.json";
}

// A store with admin, ana and ben; returns its path.
class StoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = directory_.File("tessera.db");
    ASSERT_EQ(Run({"db", "init"}).exit_code, 0);
    for (const auto& [name, role] : {std::pair{"admin", "admin"}, std::pair{"ana", "clinician"},
                                     std::pair{"ben", "clinician"}}) {
      const CommandOutcome added =
          Run({"user", "add", name, "--role", role, "--as", "admin"}, "correct horse battery\n");
      ASSERT_EQ(added.exit_code, 0) << added.err;
    }
    // The sample's psychotherapy note is ana's: her note key must exist before it can be sealed
    // (decision 0131; a login would make it, here the CLI does).
    const CommandOutcome keyed = Run({"user", "note-key", "ana"}, "correct horse battery\n");
    ASSERT_EQ(keyed.exit_code, 0) << keyed.err;
    ASSERT_NE(keyed.out.find("recovery code"), std::string::npos) << keyed.out;
  }
  CommandOutcome Run(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.push_back("--db");
    args.push_back(db_);
    CommandOutcome outcome = RunTessera(args, WithInput(stdin_text));
    everything_printed_ += outcome.out + outcome.err;
    return outcome;
  }
  std::string AuditHead() { return Run({"db", "verify-audit"}).out; }

  TempDir directory_;
  std::string db_;
  std::string everything_printed_;
};

TEST_F(StoreCli, ImportExportAndVerifyWithoutEverPrintingAPsychotherapyNote) {
  const CommandOutcome imported = Run({"import", SamplePath(), "--as", "admin"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported 1 client(s) (ids 1)"), std::string::npos) << imported.out;
  const CommandOutcome exported = Run({"export", "1", "--as", "ana"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("\"Dana Fictional\""), std::string::npos);
  const CommandOutcome verified = Run({"db", "verify-audit"});
  EXPECT_EQ(verified.exit_code, 0);
  EXPECT_NE(verified.out.find("audit chain intact"), std::string::npos);
  const CommandOutcome stranger = Run({"export", "1", "--as", "nobody"});
  EXPECT_EQ(stranger.exit_code, 4);
  EXPECT_EQ(everything_printed_.find(kCanary), std::string::npos);
  // Nor is it in the database file or its WAL: it was sealed to ana's key before it was stored
  // (the imported name is there in clear, so the scan is not vacuous).
  std::ifstream file(db_, std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf() << std::ifstream(db_ + "-wal", std::ios::binary).rdbuf();
  EXPECT_EQ(bytes.str().find(kCanary), std::string::npos);
  EXPECT_NE(bytes.str().find("Dana Fictional"), std::string::npos);
}

TEST_F(StoreCli, NoteKeyNeedsTheAccountsPasswordAndIsMadeOnlyOnce) {
  const CommandOutcome keyless = Run({"user", "note-key", "ben"}, "not ben's password\n");
  EXPECT_EQ(keyless.exit_code, 2) << keyless.err;
  EXPECT_NE(keyless.err.find("username or password is wrong"), std::string::npos) << keyless.err;
  const std::string head = AuditHead();
  const CommandOutcome again = Run({"user", "note-key", "ana"}, "correct horse battery\n");
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("already has a note key"), std::string::npos) << again.err;
  EXPECT_EQ(AuditHead(), head);
}

TEST_F(StoreCli, VerifyAuditExitsOneNamingTheFirstBadEntry) {
  ASSERT_EQ(Run({"import", SamplePath(), "--as", "admin"}).exit_code, 0);
  {
    auto database = store::SqliteDatabase::Open(db_, store::SqliteOpenMode::kMustExist);
    ASSERT_TRUE(database);
    ASSERT_TRUE(
        (*database)->ExecuteScript("DROP TRIGGER audit_log_refuse_UPDATE; UPDATE audit_log SET "
                                   "record_id = '99' WHERE sequence = 5"));
  }
  const CommandOutcome verified = Run({"db", "verify-audit"});
  EXPECT_EQ(verified.exit_code, 1);
  EXPECT_NE(verified.err.find("audit chain broken at entry 5"), std::string::npos) << verified.err;
  EXPECT_EQ(verified.err.find('\n'), verified.err.size() - 1);
}

TEST_F(StoreCli, AnExternalAnchorCatchesARewrittenTail) {
  const std::string anchor = directory_.File("anchor");
  ASSERT_EQ(Run({"db", "verify-audit", "--write-anchor", anchor}).exit_code, 0);
  ASSERT_EQ(Run({"db", "verify-audit", "--anchor", anchor}).exit_code, 0);
  // The tail rewritten: the last entry deleted and the head set back to the one before.
  std::int64_t last = 0;
  {
    auto database = store::SqliteDatabase::Open(db_, store::SqliteOpenMode::kMustExist);
    last = (*database)->Query("SELECT MAX(sequence) FROM audit_log", {})->at(0).Int(0);
    ASSERT_GE(last, 2);
    const std::string kept = std::to_string(last - 1);
    ASSERT_TRUE((*database)->ExecuteScript(
        "DROP TRIGGER audit_log_refuse_DELETE; DELETE FROM audit_log WHERE sequence = " +
        std::to_string(last) + "; UPDATE audit_head SET entry_count = " + kept +
        ", head_hash = (SELECT hash FROM audit_log WHERE sequence = " + kept + ")"));
  }
  EXPECT_EQ(Run({"db", "verify-audit"}).exit_code, 0);  // internally consistent after the rewrite
  const CommandOutcome anchored = Run({"db", "verify-audit", "--anchor", anchor});
  EXPECT_EQ(anchored.exit_code, 1);
  EXPECT_NE(anchored.err.find("entry " + std::to_string(last)), std::string::npos) << anchored.err;
}

TEST_F(StoreCli, ABadImportExitsTwoNamingTheFieldAndChangesNothing) {
  const std::string before = AuditHead();
  std::ifstream sample(SamplePath());
  std::stringstream text;
  text << sample.rdbuf();
  std::string broken = text.str();
  broken.replace(broken.find("\"did_not_attend\""), 16, "\"no_show\"");
  const std::string file = directory_.File("bad.json");
  WriteFile(file, broken);
  const CommandOutcome outcome = Run({"import", file, "--as", "admin"});
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_NE(outcome.err.find("clients[0].sessions[1].attendance"), std::string::npos)
      << outcome.err;
  WriteFile(file, "{\"format\": \"tessera-records\",");
  EXPECT_EQ(Run({"import", file, "--as", "admin"}).exit_code, 2);
  EXPECT_EQ(AuditHead(), before);
}

TEST_F(StoreCli, BackupAndRestoreRoundTrip) {
  ASSERT_EQ(Run({"import", SamplePath(), "--as", "admin"}).exit_code, 0);
  const std::string backup = directory_.File("backup.db");
  const CommandOutcome backed_up = Run({"db", "backup", backup});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  EXPECT_EQ(Run({"db", "backup", backup}).exit_code, 2);  // never overwrites
  const std::string exported = Run({"export", "1", "--as", "ana"}).out;
  const std::string restored_db = directory_.File("restored.db");
  const CommandOutcome restored = RunTessera({"db", "restore", backup, "--db", restored_db});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(RunTessera({"export", "1", "--as", "ana", "--db", restored_db}).out, exported);
  EXPECT_EQ(RunTessera({"db", "restore", backup, "--db", restored_db}).exit_code,
            2);  // needs --force
}

TEST(StoreCliOptions, TheDatabaseComesFromTheFlagThenTheEnvironmentThenTheConfigFile) {
  TempDir directory;
  const std::string config = directory.File("config.toml");
  const CommandOutcome none =
      RunTessera({"db", "init"}, WithEnvironment({{"TESSERA_DB", ""}, {"TESSERA_CONFIG", config}}));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no database given"), std::string::npos);
  WriteFile(config, "[store]\ndb = \"" + directory.File("from-config.db") + "\"\n");
  EXPECT_EQ(
      RunTessera({"db", "init"}, WithEnvironment({{"TESSERA_DB", ""}, {"TESSERA_CONFIG", config}}))
          .exit_code,
      0);
  EXPECT_FALSE(ReadFile(directory.File("from-config.db")).empty());
  EXPECT_EQ(
      RunTessera({"db", "init"}, WithEnvironment({{"TESSERA_DB", directory.File("from-env.db")},
                                                  {"TESSERA_CONFIG", config}}))
          .exit_code,
      0);
  EXPECT_FALSE(ReadFile(directory.File("from-env.db")).empty());
  WriteFile(config, "[store\n");
  const CommandOutcome malformed =
      RunTessera({"db", "init"}, WithEnvironment({{"TESSERA_DB", ""}, {"TESSERA_CONFIG", config}}));
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.err.find("config file"), std::string::npos);
}

TEST(StoreCliOptions, PasswordsAreNeverAcceptedOnTheCommandLine) {
  TempDir directory;
  const std::string db = directory.File("t.db");
  ASSERT_EQ(RunTessera({"db", "init", "--db", db}).exit_code, 0);
  const CommandOutcome outcome = RunTessera(
      {"user", "add", "admin", "--role", "admin", "--password", "hunter2hunter2", "--db", db});
  EXPECT_EQ(outcome.exit_code, 2);
  const CommandOutcome short_password =
      RunTessera({"user", "add", "admin", "--role", "admin", "--db", db}, WithInput("short\n"));
  EXPECT_EQ(short_password.exit_code, 2);
  EXPECT_NE(short_password.err.find("at least 12"), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
