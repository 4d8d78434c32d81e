// Black-box (the real server on SQLite, and on PostgreSQL in records_api_postgres_test; issue 16,
// decision 0131): a psychotherapy note's text is nowhere in the database's bytes, a backup or a
// dump; an admin's password reset does not open it and the author's recovery code does; every
// read and write of it stays audited.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "http/api_fixture.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

// A progress note of the route scenario: stored in clear, so finding it proves a scan saw data.
constexpr const char* kClearText = "discussed sleep diary";

std::string PgDump() {
  const char* bin = std::getenv("PG_BIN");
  if (bin != nullptr) return std::string(bin) + "/pg_dump";
  std::string newest;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql")) {
    const std::string candidate = entry.path().string() + "/bin/pg_dump";
    if (std::filesystem::exists(candidate) && candidate > newest) newest = candidate;
  }
  return newest;
}

json LoginBody(int port, const std::string& username, const std::string& password) {
  const HttpReply reply = CallPublic(
      port, "POST", "/api/v1/login",
      json{{"username", username}, {"password", password}, {"credential", "bearer"}}.dump());
  EXPECT_EQ(reply.status, 200) << username << ": " << reply.body;
  return json::parse(reply.body, nullptr, false);
}

class NoteSealing : public ApiTest {};

TEST_F(NoteSealing, CanaryIsAbsentFromTheDatabaseBytesItsWalABackupAndADump) {
  const std::string canary = ids().psychotherapy_canary;
  const std::string own = "/api/v1/clients/" + std::to_string(ids().own_client);
  // Its author reads it (a new login unlocks the key).
  const json mine = As("demo-clinician").Expect(200, "GET", own + "/psychotherapy-notes");
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["text"], canary);

  TempDir scratch;
  if (PostgresUrl().empty()) {
    const std::string database = ReadFile(SqliteFile());
    const std::string wal = ReadFile(SqliteFile() + "-wal");
    EXPECT_EQ(database.find(canary), std::string::npos);
    EXPECT_EQ(wal.find(canary), std::string::npos);
    EXPECT_NE((database + wal).find(kClearText), std::string::npos) << "the scan saw no data";
    const std::string backup = scratch.File("backup.db");
    const CommandOutcome backed_up = RunTessera({"db", "backup", backup, "--db", SqliteFile()});
    ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
    const std::string copy = ReadFile(backup) + ReadFile(backup + "-wal");
    EXPECT_EQ(copy.find(canary), std::string::npos);
    EXPECT_NE(copy.find(kClearText), std::string::npos) << "the backup holds no data";
  } else {
    // A plain-SQL dump (tessera db backup writes pg_dump's compressed custom format, in which
    // an absent text would prove nothing).
    const CommandOutcome dump = RunCommand(PgDump(), {"--format=plain", PostgresUrl()});
    ASSERT_EQ(dump.exit_code, 0) << dump.err;
    EXPECT_EQ(dump.out.find(canary), std::string::npos);
    EXPECT_NE(dump.out.find(kClearText), std::string::npos) << "the dump holds no data";
    EXPECT_NE(dump.out.find("v1$"), std::string::npos) << "no sealed note in the dump";
  }
}

TEST_F(NoteSealing, AnAdminResetOpensNothingAndTheRecoveryCodeDoes) {
  const int port = server().port();
  const ApiClient admin = As("demo-admin");
  const std::string password = "sealing author's passphrase";
  const std::int64_t author_id =
      admin
          .Expect(201, "POST", "/api/v1/users",
                  {{"username", "sealing-author"}, {"role", "clinician"}, {"password", password}})
          .value("id", 0);
  const json first = LoginBody(port, "sealing-author", password);
  ASSERT_EQ(first["note_key"]["state"], "created") << first.dump();
  const std::string recovery_code = first["note_key"]["recovery_code"];
  const ApiClient author = LogIn(port, "sealing-author", password);
  const std::int64_t client =
      author.Expect(201, "POST", "/api/v1/clients", {{"identifiers", {{"name", "Client S"}}}})
          .value("id", 0);
  const std::string notes = "/api/v1/clients/" + std::to_string(client) + "/psychotherapy-notes";
  const std::string canary = "SEALED-CANARY-41c7";
  std::int64_t audit = AuditLength();
  author.Expect(201, "POST", notes, {{"text", canary}});
  EXPECT_EQ(AuditLength(), audit + 1);
  EXPECT_EQ(author.Expect(200, "GET", notes)["items"][0]["text"], canary);

  // The admin resets the password and logs in as the author: the note stays sealed.
  const std::string reset =
      admin.Expect(200, "POST", "/api/v1/users/" + std::to_string(author_id) + "/password-reset")
          .value("password", "");
  author.Expect(401, "GET", "/api/v1/me");
  EXPECT_EQ(LoginBody(port, "sealing-author", reset)["note_key"]["state"], "needs_recovery");
  const ApiClient impostor = LogIn(port, "sealing-author", reset);
  audit = AuditLength();
  const HttpReply sealed = impostor.Call("GET", notes);
  EXPECT_EQ(sealed.status, 409) << sealed.body;
  EXPECT_EQ(sealed.body.find(canary), std::string::npos);
  EXPECT_NE(sealed.body.find("recovery"), std::string::npos) << sealed.body;
  EXPECT_EQ(AuditLength(), audit) << "a locked read read nothing";
  // Changing the password does not open it either.
  EXPECT_EQ(impostor.Expect(200, "POST", "/api/v1/me/password",
                            {{"current_password", reset},
                             {"new_password", "the impostor's own passphrase"}})["note_key"],
            "needs_recovery");
  EXPECT_EQ(impostor.Call("GET", notes).status, 409);
  // Writing needs only the public key: it still works, and it stays sealed too.
  impostor.Expect(201, "POST", notes, {{"text", "written while sealed"}});

  // The author, with the recovery code and the current password, opens it again.
  const std::string current = "the impostor's own passphrase";
  impostor.Expect(
      400, "POST", "/api/v1/me/note-key/recovery",
      {{"recovery_code", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"}, {"password", current}});
  impostor.Expect(400, "POST", "/api/v1/me/note-key/recovery",
                  {{"recovery_code", recovery_code}, {"password", "not the password at all"}});
  std::string lowercase = recovery_code;
  for (char& c : lowercase) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const json recovered = impostor.Expect(200, "POST", "/api/v1/me/note-key/recovery",
                                         {{"recovery_code", lowercase}, {"password", current}});
  const std::string new_code = recovered["recovery_code"];
  EXPECT_NE(new_code, recovery_code);
  audit = AuditLength();
  const json read = impostor.Expect(200, "GET", notes);
  ASSERT_EQ(read["items"].size(), 2u);
  EXPECT_EQ(read["items"][0]["text"], canary);
  EXPECT_EQ(read["items"][1]["text"], "written while sealed");
  EXPECT_EQ(AuditLength(), audit + 1);
  // A later login with that password unlocks it; logging out ends it with the session.
  const json later = LoginBody(port, "sealing-author", current);
  EXPECT_EQ(later["note_key"]["state"], "unlocked");

  // After a second reset, the used code no longer opens it; the new one does.
  const std::string second_reset =
      admin.Expect(200, "POST", "/api/v1/users/" + std::to_string(author_id) + "/password-reset")
          .value("password", "");
  const ApiClient again = LogIn(port, "sealing-author", second_reset);
  again.Expect(400, "POST", "/api/v1/me/note-key/recovery",
               {{"recovery_code", recovery_code}, {"password", second_reset}});
  again.Expect(200, "POST", "/api/v1/me/note-key/recovery",
               {{"recovery_code", new_code}, {"password", second_reset}});
  EXPECT_EQ(again.Expect(200, "GET", notes)["items"].size(), 2u);

  // Every read and write of the notes is in the verified chain, and the admin never read one.
  EXPECT_EQ(admin.Expect(200, "GET", "/api/v1/audit/verification")["intact"], true);
  int reads = 0;
  int writes = 0;
  for (std::string cursor = "0"; !cursor.empty();) {
    const json page = admin.Expect(200, "GET", "/api/v1/audit/entries?limit=200&cursor=" + cursor);
    for (const json& entry : page["items"]) {
      if (entry["record_type"] != "psychotherapy_note" || entry["client_id"] != client) continue;
      EXPECT_EQ(entry["actor_id"], author_id);
      reads += entry["action"] == "read";
      writes += entry["action"] == "create";
    }
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
  }
  EXPECT_EQ(reads, 3);
  EXPECT_EQ(writes, 2);
}

// Keys live only in the server's memory: after a restart a session that survived in the store
// cannot read its notes (but can still write them) until its author logs in again.
TEST(NoteSealingRestart, ARestartLocksNotesUntilTheAuthorLogsInAgain) {
  TempDir directory;
  const std::vector<std::string> arguments = {"--demo-users", "--db", directory.File("clinic.db")};
  auto first =
      std::make_unique<ServerProcess>(arguments, ServerTestEnvironment(), directory.File("log"));
  const std::string password = first->DemoPassword("demo-clinician");
  const ApiClient before = LogIn(first->port(), "demo-clinician", password);
  const std::int64_t client =
      before.Expect(201, "POST", "/api/v1/clients", {{"identifiers", {{"name", "Client R"}}}})
          .value("id", 0);
  const std::string notes = "/api/v1/clients/" + std::to_string(client) + "/psychotherapy-notes";
  before.Expect(201, "POST", notes, {{"text", "RESTART-CANARY-0d2f"}});
  EXPECT_EQ(before.Expect(200, "GET", notes)["items"].size(), 1u);
  EXPECT_EQ(first->Stop(), 0);
  first.reset();

  ServerProcess second(arguments, ServerTestEnvironment(), directory.File("log2"));
  const ApiClient survivor{second.port(), before.token};
  survivor.Expect(200, "GET", "/api/v1/me");  // the session itself survived
  const HttpReply locked = survivor.Call("GET", notes);
  EXPECT_EQ(locked.status, 409) << locked.body;
  EXPECT_EQ(locked.body.find("RESTART-CANARY"), std::string::npos);
  EXPECT_NE(locked.body.find("log in again"), std::string::npos) << locked.body;
  survivor.Expect(201, "POST", notes, {{"text", "written while locked"}});
  // Logging in again unlocks it; logging out ends it with the session.
  const json login = LoginBody(second.port(), "demo-clinician", password);
  EXPECT_EQ(login["note_key"]["state"], "unlocked");
  const ApiClient after = LogIn(second.port(), "demo-clinician", password);
  EXPECT_EQ(after.Expect(200, "GET", notes)["items"].size(), 2u);
  after.Expect(200, "POST", "/api/v1/logout");
  after.Expect(401, "GET", notes);
}

}  // namespace
}  // namespace tessera::testing
