// The store contract, part 2: the audit log (every call audited in its own transaction,
// tamper detection), append-only tables, atomicity and the psychotherapy-note canary.

#include <random>
#include <stdexcept>

#include "notecrypt/note_key.hpp"
#include "store/audit_anchor.hpp"
#include "store/sql/crypto.hpp"
#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

// Does some of everything so the log has entries of every shape.
void FillLog(StoreContract* fixture, SqlStore& store, const AccessContext& ana, ClientId client,
             EpisodeId episode, int sessions) {
  (void)fixture;
  for (int index = 0; index < sessions; ++index) {
    ASSERT_TRUE(store.RecordSession(
        ana, Session{{}, episode, client, "2026-01-12", Attendance::kAttended, {}, std::nullopt}));
    ASSERT_TRUE(store.ListSessions(ana, client, Versions::kCurrentOnly));
  }
}

TEST_P(StoreContract, EveryCallIsAuditedWithActorClientAndSensitivity) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const std::int64_t before = store().ReadAudit(1, 100000)->size();
  ASSERT_TRUE(store().ListSessions(ana(), client, Versions::kCurrentOnly));
  auto entries = store().ReadAudit(before + 1, 10);
  ASSERT_EQ(entries->size(), 1u);
  const AuditEntry& entry = entries->at(0);
  EXPECT_EQ(entry.actor, ana().actor);
  EXPECT_EQ(entry.client, client);
  EXPECT_EQ(entry.action, AuditAction::kRead);
  EXPECT_EQ(entry.record_type, "session");
  EXPECT_EQ(entry.sensitivity, Sensitivity::kClinical);
  EXPECT_EQ(entry.at, clock().Now());
  EXPECT_EQ(entry.sequence, before + 1);
  // A refused read changes nothing but leaves a "deny" entry naming who tried.
  const std::string records = RecordsFingerprint();
  EXPECT_FALSE(store().ListSessions(ben(), client, Versions::kCurrentOnly));
  EXPECT_EQ(RecordsFingerprint(), records);
  const AuditEntry denial = LastAuditEntry();
  EXPECT_EQ(denial.sequence, before + 2);
  EXPECT_EQ(denial.action, AuditAction::kDeny);
  EXPECT_EQ(denial.actor, ben().actor);
  EXPECT_EQ(denial.client, client);
  auto verification = store().VerifyAudit();
  ASSERT_TRUE(verification);
  EXPECT_TRUE(verification->intact()) << verification->problem;
  EXPECT_EQ(verification->entries_checked, before + 2);
}

TEST_P(StoreContract, AtomicallyCommitsAllOrNothingWithTheAuditEntries) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const std::string fingerprint = Fingerprint();
  const Status failed = store().Atomically([&]() -> Status {
    TRY(store().RecordSession(
        ana(),
        Session{{}, episode, client, "2026-01-12", Attendance::kAttended, {}, std::nullopt}));
    TRY(store().WriteProgressNote(ana(), ProgressNote{{}, client, {}, {}, {}, "note", {}}));
    return InvalidArgument("changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(Fingerprint(), fingerprint);
  ASSERT_TRUE(store().Atomically([&]() -> Status {
    TRY(store().RecordSession(
        ana(),
        Session{{}, episode, client, "2026-01-12", Attendance::kAttended, {}, std::nullopt}));
    return Ok();
  }));
  EXPECT_NE(Fingerprint(), fingerprint);
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

TEST_P(StoreContract, AnExceptionInsideATransactionRollsItBackAndLeavesTheConnectionUsable) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  const std::string fingerprint = Fingerprint();
  EXPECT_THROW((void)store().Atomically([&]() -> Status {
    TRY(store().RecordSession(
        ana(),
        Session{{}, episode, client, "2026-01-12", Attendance::kAttended, {}, std::nullopt}));
    throw std::runtime_error("a bug in the work");
  }),
               std::runtime_error);
  EXPECT_EQ(Fingerprint(), fingerprint);
  // The next call commits on its own: another connection sees it at once.
  ASSERT_TRUE(store().RecordSession(
      ana(), Session{{}, episode, client, "2026-01-19", Attendance::kAttended, {}, std::nullopt}));
  auto other = scratch().Connect(clock());
  EXPECT_EQ(other->ListSessions(ana(), client, Versions::kCurrentOnly)->size(), 1u);
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

TEST_P(StoreContract, ClinicalRowsAndTheAuditLogRefuseUpdateAndDelete) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  FillLog(this, store(), ana(), client, episode, 1);
  for (const char* statement :
       {"UPDATE sessions SET session_date = '2000-01-01'", "DELETE FROM sessions",
        "UPDATE audit_log SET record_id = 'x'", "DELETE FROM audit_log",
        "DELETE FROM client_profiles", "UPDATE client_profiles SET profile_json = '{}'"}) {
    const Status status = store().database().Execute(statement);
    EXPECT_FALSE(status) << statement;
  }
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

enum class Tamper { kEdit, kDelete, kReorder, kTruncate };

// Applies one tamper inside a transaction, checks detection, and rolls it back.
void ExpectDetected(SqlStore& store, const ScratchStore& scratch, Tamper tamper,
                    std::int64_t position, std::int64_t other, int edit_kind,
                    std::int64_t expected_first_bad) {
  const Status rolled_back = store.Atomically([&]() -> Status {
    Database& database = store.database();
    scratch.AllowChanges(database, "audit_log");
    Status status;
    switch (tamper) {
      case Tamper::kEdit: {
        static const char* kEdits[] = {
            "UPDATE audit_log SET record_id = record_id || '9' WHERE sequence = ?",
            "UPDATE audit_log SET actor_id = COALESCE(actor_id, 0) + 1 WHERE sequence = ?",
            "UPDATE audit_log SET sensitivity = CASE sensitivity WHEN 'clinical' THEN "
            "'administrative' ELSE 'clinical' END WHERE sequence = ?",
            "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE sequence = ?",
            "UPDATE audit_log SET action = CASE action WHEN 'read' THEN 'create' ELSE 'read' "
            "END WHERE sequence = ?",
            "UPDATE audit_log SET client_id = NULL WHERE sequence = ?"};
        status = database.Execute(kEdits[edit_kind % 6], {position});
        break;
      }
      case Tamper::kDelete:
        status = database.Execute("DELETE FROM audit_log WHERE sequence = ?", {position});
        break;
      case Tamper::kReorder:
        status =
            database.Execute("UPDATE audit_log SET sequence = -1 WHERE sequence = ?", {position});
        if (status)
          status = database.Execute("UPDATE audit_log SET sequence = ? WHERE sequence = ?",
                                    {position, other});
        if (status)
          status =
              database.Execute("UPDATE audit_log SET sequence = ? WHERE sequence = -1", {other});
        break;
      case Tamper::kTruncate:
        status = database.Execute("DELETE FROM audit_log WHERE sequence >= ?", {position});
        break;
    }
    EXPECT_TRUE(status) << status.error().message();
    auto verification = store.VerifyAudit();
    EXPECT_TRUE(verification);
    if (verification) {
      EXPECT_FALSE(verification->intact());
      EXPECT_EQ(verification->first_bad_sequence, expected_first_bad) << verification->problem;
    }
    return Conflict("roll the tamper back");
  });
  EXPECT_EQ(rolled_back.error().code(), ErrorCode::kConflict);
}

TEST_P(StoreContract, RandomEditsDeletionsReorderingsAndTruncationsAreAllDetected) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  FillLog(this, store(), ana(), client, episode, 8);
  const std::int64_t count = store().VerifyAudit()->entries_checked;
  ASSERT_GT(count, 20);
  std::mt19937 random(20261121);  // seeded: the same positions every run
  std::uniform_int_distribution<std::int64_t> any(1, count);
  for (int trial = 0; trial < 8; ++trial) {
    const std::int64_t position = any(random);
    ExpectDetected(store(), scratch(), Tamper::kEdit, position, 0, trial, position);
    const std::int64_t inner = std::uniform_int_distribution<std::int64_t>(1, count - 1)(random);
    ExpectDetected(store(), scratch(), Tamper::kDelete, inner, 0, 0, inner);
    const std::int64_t later =
        std::uniform_int_distribution<std::int64_t>(inner + 1, count)(random);
    ExpectDetected(store(), scratch(), Tamper::kReorder, inner, later, 0, inner);
    ExpectDetected(store(), scratch(), Tamper::kTruncate, position, 0, 0, position);
  }
  // Deleting only the last entry is a truncation too: the anchor still counts it.
  ExpectDetected(store(), scratch(), Tamper::kDelete, count, 0, 0, count);
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

TEST_P(StoreContract, ARewrittenChainPassesTheInternalCheckButNotTheExternalAnchor) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  FillLog(this, store(), ana(), client, episode, 3);
  auto before = store().VerifyAudit();
  const AuditAnchor anchor{before->entries_checked, before->head_hash};
  ASSERT_TRUE(CheckAuditAnchor(store(), anchor));
  // The attacker drops the last two entries and rewrites the anchor row to match.
  scratch().AllowChanges(store().database(), "audit_log");
  const std::int64_t keep = anchor.entry_count - 2;
  ASSERT_TRUE(store().database().Execute("DELETE FROM audit_log WHERE sequence > ?", {keep}));
  auto last = store().ReadAudit(keep, 1);
  ASSERT_TRUE(store().database().Execute("UPDATE audit_head SET entry_count = ?, head_hash = ?",
                                         {keep, last->at(0).hash}));
  EXPECT_TRUE(store().VerifyAudit()->intact());  // the documented limit of the internal anchor
  const Status external = CheckAuditAnchor(store(), anchor);
  ASSERT_FALSE(external);
  EXPECT_EQ(external.error().code(), ErrorCode::kDataLoss);
}

TEST_P(StoreContract, PsychotherapyNoteCanaryIsNowhereInTheDatabaseInClear) {
  EpisodeId episode;
  const ClientId client = NewClient("Dana Example", &episode);
  ASSERT_TRUE(store().AddCareTeamMember(ana(), {client, *ben().actor, CareTeamRole::kCoTherapist}));
  const std::string canary =
      "CANARY-" + Sha256Hex(std::to_string(clock().Now().time_since_epoch().count())).substr(0, 16);
  // No note key yet (it is made at the author's first login): nothing is written.
  auto keyless = store().WritePsychotherapyNote(
      ana(), PsychotherapyNote{{}, client, {}, {}, "process: " + canary, {}});
  ASSERT_FALSE(keyless);
  EXPECT_EQ(keyless.error().code(), ErrorCode::kConflict);
  const UnlockedNoteKey ana_key = GiveNoteKey(ana());
  const UnlockedNoteKey ben_key = GiveNoteKey(ben());
  auto note = store().WritePsychotherapyNote(
      ana(), PsychotherapyNote{{}, client, {}, {}, "process: " + canary, {}});
  ASSERT_TRUE(note) << note.error().message();
  ASSERT_TRUE(
      store().WriteProgressNote(ana(), ProgressNote{{}, client, {}, {}, {}, "ordinary note", {}}));

  auto mine = store().ListMyPsychotherapyNotes(ana(), client, ana_key.get());
  ASSERT_TRUE(mine) << mine.error().message();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_NE(mine->at(0).text.find(canary), std::string::npos);
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kRead);
  EXPECT_EQ(LastAuditEntry().sensitivity, Sensitivity::kPsychotherapyNote);
  // Without the author's unlocked key nothing is read; with another author's key it does not open.
  EXPECT_EQ(store().ListMyPsychotherapyNotes(ana(), client, nullptr).error().code(),
            ErrorCode::kConflict);
  EXPECT_TRUE(store().ListMyPsychotherapyNotes(ben(), client, ben_key.get())->empty());
  EXPECT_TRUE(store().ListMyPsychotherapyNotes(admin(), client, ana_key.get())->empty());
  EXPECT_EQ(store().ListMyPsychotherapyNotes(ana(), client, ben_key.get()).error().code(),
            ErrorCode::kDataLoss);
  EXPECT_FALSE(
      store().WritePsychotherapyNote(ben(), PsychotherapyNote{{}, client, {}, {}, "amend", *note}));
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kDeny);
  EXPECT_EQ(LastAuditEntry().sensitivity, Sensitivity::kPsychotherapyNote);
  EXPECT_TRUE(store().SearchProgressNotes(ana(), canary)->empty());
  EXPECT_TRUE(store().SearchProgressNotes(ana(), "CANARY")->empty());
  // Only sealing may change a note: its sealed text and its row cannot be rewritten.
  EXPECT_FALSE(store().database().Execute("UPDATE psychotherapy_notes SET body = 'x'", {}));
  EXPECT_FALSE(store().database().Execute("UPDATE psychotherapy_notes SET sealed = 'x'", {}));
  EXPECT_FALSE(store().database().Execute("DELETE FROM psychotherapy_notes", {}));

  // Nowhere in the database in clear: not in its own table, not in the audit log, nowhere.
  auto tables = store().database().Query(
      GetParam() == StoreKind::kSqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      {});
  ASSERT_TRUE(tables);
  int scanned = 0;
  for (const SqlRow& table : *tables) {
    const std::string name = table.Text(0);
    auto rows = store().database().Query("SELECT * FROM " + name, {});
    ASSERT_TRUE(rows) << name;
    for (const SqlRow& row : *rows)
      for (std::size_t column = 0; column < row.size(); ++column)
        EXPECT_EQ(row.Text(column).find(canary), std::string::npos) << name;
    ++scanned;
  }
  EXPECT_GE(scanned, 21);
}

// Notes written before version 10 are in clear until their author's key exists: making it
// seals them in the same transaction, each sealing audited, and admins see the count before.
TEST_P(StoreContract, AnAuthorsOlderNotesAreSealedWhenTheirKeyIsMade) {
  const ClientId client = NewClient("Dana Example");
  const std::string legacy = "LEGACY-CANARY-9b1e";
  ASSERT_TRUE(store().database().Execute(
      "INSERT INTO psychotherapy_notes (client_id, author, written_at, body) VALUES (?, ?, ?, ?)",
      {client.value(), ana().actor->value(), std::string("2026-01-01T09:00:00Z"), legacy}));
  auto before = store().CountUnsealedPsychotherapyNotes(admin());
  ASSERT_TRUE(before) << before.error().message();
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ(before->at(0).first, *ana().actor);
  EXPECT_EQ(before->at(0).second, 1);
  EXPECT_FALSE(store().CountUnsealedPsychotherapyNotes(ana()));

  const UnlockedNoteKey key = GiveNoteKey(ana());
  EXPECT_EQ(LastAuditEntry().action, AuditAction::kAmend);
  EXPECT_EQ(LastAuditEntry().record_type, "psychotherapy_note");
  EXPECT_TRUE(store().CountUnsealedPsychotherapyNotes(admin())->empty());
  auto rows = store().database().Query("SELECT body, sealed FROM psychotherapy_notes", {});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).Text(0), "");
  EXPECT_EQ(rows->at(0).Text(1).find(legacy), std::string::npos);
  auto mine = store().ListMyPsychotherapyNotes(ana(), client, key.get());
  ASSERT_TRUE(mine) << mine.error().message();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).text, legacy);
  // A second key for the same author is refused; the first stays.
  EXPECT_EQ(store().CreateNoteKey(ana(), *store().FindNoteKey(*ana().actor).value()).error().code(),
            ErrorCode::kAlreadyExists);
}

// An admin's reset leaves the key sealed under nothing the admin knows: only the recovery code
// opens it, and a new password wrap can then be set.
TEST_P(StoreContract, APasswordResetUnwrapsNothingTheRecoveryCodeDoes) {
  const UnlockedNoteKey key = GiveNoteKey(ana());
  ASSERT_TRUE(store().ResetPassword(admin(), *ana().actor, TestPasswordHash()));
  auto stored = store().FindNoteKey(*ana().actor);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->password_wrap, "");
  auto recovered = UnwrapNoteKey((*stored)->recovery_wrap, (*stored)->public_key, kTestRecoveryCode,
                                 *ana().actor);
  ASSERT_TRUE(recovered) << recovered.error().message();
  EXPECT_EQ((*recovered)->secret_key(), key->secret_key());
  auto wrap =
      WrapNoteKey(**recovered, "a new passphrase", *ana().actor, KeyDerivationCost{1, 8192});
  ASSERT_TRUE(wrap);
  ASSERT_TRUE(store().SetNoteKeyWraps(ana(), *wrap, ""));
  EXPECT_EQ(LastAuditEntry().record_type, "note_key");
  auto reopened = UnwrapNoteKey(*wrap, (*stored)->public_key, "a new passphrase", *ana().actor);
  EXPECT_TRUE(reopened);
  EXPECT_EQ(store().FindNoteKey(*ana().actor).value()->recovery_wrap, (*stored)->recovery_wrap);
}

}  // namespace
}  // namespace tessera::store::testing
