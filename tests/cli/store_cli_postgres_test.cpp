// Black-box: the store commands against the PostgreSQL test cluster that CTest starts.

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

CommandOptions WithInput(const std::string& text) {
  CommandOptions options;
  options.stdin_text = text;
  return options;
}

std::string Line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

std::string StateFile(const char* name) {
  const char* url_file = std::getenv("TESSERA_TEST_PG_URL_FILE");
  std::string path = url_file ? url_file : "";
  return path.substr(0, path.rfind('/') + 1) + name;
}

// A fresh database on the cluster, named after the test process.
std::string FreshDatabase(const std::string& name) {
  const std::string admin = Line(StateFile("url"));
  EXPECT_FALSE(admin.empty()) << "the PostgreSQL test cluster is not running";
  const std::string database = name + "_" + std::to_string(getpid());
  RunCommand("/usr/bin/psql", {admin, "-q", "-c", "DROP DATABASE IF EXISTS " + database, "-c",
                               "CREATE DATABASE " + database});
  return admin.substr(0, admin.rfind('/') + 1) + database;
}

TEST(StoreCliPostgres, RefusesAnUnauthenticatedServerUnlessToldItIsATestCluster) {
  const std::string trust = Line(StateFile("trust-url"));
  const CommandOutcome refused = RunTessera({"db", "verify-audit", "--db", trust});
  EXPECT_EQ(refused.exit_code, 4);
  EXPECT_NE(refused.err.find("refuses unauthenticated"), std::string::npos) << refused.err;
  EXPECT_EQ(RunTessera({"db", "migrate", "--db", trust, "--local-test-cluster"}).exit_code, 0);
}

TEST(StoreCliPostgres, InitImportExportBackupRestoreWithoutLeakingThePassword) {
  const std::string url = FreshDatabase("tessera_cli");
  const std::string password = url.substr(url.find("postgres:") + 9, 48);
  std::string printed;
  auto run = [&](std::vector<std::string> args, const std::string& input = "") {
    args.push_back("--db");
    args.push_back(url);
    CommandOutcome outcome = RunTessera(args, WithInput(input));
    printed += outcome.out + outcome.err;
    return outcome;
  };
  ASSERT_EQ(run({"db", "init"}).exit_code, 0);
  for (const char* name : {"admin", "ana", "ben"})
    ASSERT_EQ(run({"user", "add", name, "--role",
                   std::string(name) == "admin" ? "admin" : "clinician", "--as", "admin"},
                  "correct horse battery\n")
                  .exit_code,
              0);
  // The sample's psychotherapy note is ana's: her note key must exist before it can be sealed.
  ASSERT_EQ(run({"user", "note-key", "ana"}, "correct horse battery\n").exit_code, 0);
  const CommandOutcome imported =
      run({"import", std::string(TESSERA_SOURCE_DIR) + "/tests/store/data/sample_import.json",
           "--as", "admin"});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const CommandOutcome exported = run({"export", "1", "--as", "ana"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  TempDir directory;
  const std::string backup = directory.File("backup.pgdump");
  const CommandOutcome backed_up = run({"db", "backup", backup});
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  const std::string copy = FreshDatabase("tessera_cli_restore");
  const CommandOutcome restored = RunTessera({"db", "restore", backup, "--force", "--db", copy});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(RunTessera({"export", "1", "--as", "ana", "--db", copy}).out, exported.out);
  EXPECT_EQ(run({"db", "verify-audit"}).exit_code, 0);
  EXPECT_EQ(printed.find(password), std::string::npos);
  EXPECT_EQ(printed.find("PSYCHO-CANARY-7f3a"), std::string::npos);
}

}  // namespace
}  // namespace tessera::testing
