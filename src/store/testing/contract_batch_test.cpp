// The store contract, part 6: group commit (Store::RunBatch) and the hot-path reads
// (core/clinical_reads.hpp) behave identically on SQLite and PostgreSQL.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

ProgressNote Note(ClientId client, const std::string& text) {
  ProgressNote note;
  note.client = client;
  note.text = text;
  return note;
}

std::int64_t NotesOf(Store& store, const AccessContext& who, ClientId client) {
  return static_cast<std::int64_t>(
      store.ListProgressNotes(who, client, Versions::kCurrentOnly)->size());
}

TEST_P(StoreContract, BatchKeepsGoodUnitsAndRollsBackAFailingOneAlone) {
  const ClientId client = NewClient("Dana Example");
  const std::int64_t entries_before = store().VerifyAudit()->entries_checked;
  std::vector<std::function<Status()>> units;
  units.push_back([&]() -> Status {
    TRY(store().WriteProgressNote(ana(), Note(client, "first")));
    return Ok();
  });
  // Writes, then fails: its note must not survive, the others must.
  units.push_back([&]() -> Status {
    TRY(store().WriteProgressNote(ana(), Note(client, "rolled back")));
    return InvalidArgument("this unit fails after writing");
  });
  units.push_back([&]() -> Status {
    TRY(store().WriteProgressNote(ana(), Note(client, "third")));
    return Ok();
  });
  const std::vector<Status> outcomes = store().RunBatch(units);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0]);
  ASSERT_FALSE(outcomes[1]);
  EXPECT_EQ(outcomes[1].error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(outcomes[2]);
  auto notes = store().ListProgressNotes(ana(), client, Versions::kCurrentOnly);
  ASSERT_TRUE(notes);
  ASSERT_EQ(notes->size(), 2u);
  EXPECT_EQ((*notes)[0].text, "first");
  EXPECT_EQ((*notes)[1].text, "third");
  // Two notes written (each one entry) plus the list just now; nothing of the failed unit.
  auto verification = store().VerifyAudit();
  ASSERT_TRUE(verification);
  EXPECT_TRUE(verification->intact());
  EXPECT_EQ(verification->entries_checked, entries_before + 3);
}

TEST_P(StoreContract, BatchAuditsADeniedUnitAndKeepsTheRest) {
  const ClientId client = NewClient("Dana Example");  // ana's; ben is not on the team
  std::vector<std::function<Status()>> units;
  units.push_back([&]() -> Status {
    TRY(store().WriteProgressNote(ben(), Note(client, "not ben's client")));
    return Ok();
  });
  units.push_back([&]() -> Status {
    TRY(store().WriteProgressNote(ana(), Note(client, "ana's note")));
    return Ok();
  });
  const std::vector<Status> outcomes = store().RunBatch(units);
  ASSERT_FALSE(outcomes[0]);
  EXPECT_EQ(outcomes[0].error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(outcomes[1]);
  EXPECT_EQ(NotesOf(store(), ana(), client), 1);
  // The denial is in the chain, in the batch's transaction, before ana's note.
  auto entries = store().ReadAudit(1, 10000);
  ASSERT_TRUE(entries);
  bool denied = false;
  for (const AuditEntry& entry : *entries) {
    if (entry.action == AuditAction::kDeny && entry.actor == ben().actor && entry.client == client)
      denied = true;
  }
  EXPECT_TRUE(denied);
  EXPECT_TRUE(store().VerifyAudit()->intact());
}

TEST_P(StoreContract, NothingOfABatchIsVisibleToOthersBeforeItCommits) {
  const ClientId client = NewClient("Dana Example");
  auto other = scratch().Connect(clock());
  ASSERT_TRUE(other);
  std::int64_t seen_inside = -1;
  std::vector<std::function<Status()>> units;
  units.push_back([&]() -> Status {
    TRY(store().WriteProgressNote(ana(), Note(client, "pending")));
    return Ok();
  });
  units.push_back([&]() -> Status {
    // Another connection reads committed data only (SQLite WAL snapshot; PostgreSQL READ
    // COMMITTED): the first unit's note is not there yet. A read without an audit append, so
    // it does not wait for the batch's lock.
    auto rows = other->database().Query("SELECT COUNT(*) FROM progress_notes", {});
    if (!rows) return Propagate(rows.error());
    seen_inside = (*rows)[0].Int(0);
    return Ok();
  });
  const std::vector<Status> outcomes = store().RunBatch(units);
  EXPECT_TRUE(outcomes[0]);
  EXPECT_TRUE(outcomes[1]);
  EXPECT_EQ(seen_inside, 0);
  auto after = other->database().Query("SELECT COUNT(*) FROM progress_notes", {});
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)[0].Int(0), 1);
}

TEST_P(StoreContract, BatchInsideATransactionIsRefusedForEveryUnit) {
  const ClientId client = NewClient("Dana Example");
  std::vector<Status> outcomes;
  ASSERT_TRUE(store().Atomically([&]() -> Status {
    outcomes = store().RunBatch({[&]() -> Status {
      TRY(store().WriteProgressNote(ana(), Note(client, "never")));
      return Ok();
    }});
    return Ok();
  }));
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0]);
  EXPECT_EQ(NotesOf(store(), ana(), client), 0);
}

TEST_P(StoreContract, ManyBatchedUnitsKeepTheAuditChainIntact) {
  const ClientId client = NewClient("Dana Example");
  std::vector<std::function<Status()>> units;
  for (int unit_idx = 0; unit_idx < 50; ++unit_idx) {
    units.push_back([&, unit_idx]() -> Status {
      if (unit_idx % 7 == 3) {  // ben is not on the team: refused, audited, rolled back
        auto refused = store().WriteProgressNote(ben(), Note(client, "x"));
        return refused ? Internal("ben was let in") : Propagate(refused.error());
      }
      TRY(store().WriteProgressNote(ana(), Note(client, "note " + std::to_string(unit_idx))));
      return Ok();
    });
  }
  const std::vector<Status> outcomes = store().RunBatch(units);
  int succeeded = 0;
  for (const Status& outcome : outcomes) succeeded += outcome ? 1 : 0;
  EXPECT_EQ(succeeded, 43);
  EXPECT_EQ(NotesOf(store(), ana(), client), 43);
  auto verification = store().VerifyAudit();
  ASSERT_TRUE(verification);
  EXPECT_TRUE(verification->intact()) << verification->problem;
}

TEST_P(StoreContract, WhenTheBatchCannotCommitEveryUnitFailsAndNothingIsStored) {
  // The database connection is cut in the middle of a batch (PostgreSQL: the server ends the
  // backend). SQLite has no way to lose its connection from the outside; the same code path
  // (a failed savepoint or commit statement) serves both.
  if (GetParam() != StoreKind::kPostgres) GTEST_SKIP() << "needs a server connection to cut";
  const ClientId client = NewClient("Dana Example");
  auto victim = scratch().Connect(clock());
  ASSERT_TRUE(victim);
  auto pid = victim->database().Query("SELECT pg_backend_pid()", {});
  ASSERT_TRUE(pid);
  const std::int64_t backend = (*pid)[0].Int(0);
  std::vector<std::function<Status()>> units;
  units.push_back([&]() -> Status {
    TRY(victim->WriteProgressNote(ana(), Note(client, "written before the cut")));
    return Ok();
  });
  units.push_back([&]() -> Status {
    auto cut = store().database().Query("SELECT pg_terminate_backend(?)", {backend});
    if (!cut) return Propagate(cut.error());
    return Ok();
  });
  units.push_back([&]() -> Status {
    TRY(victim->WriteProgressNote(ana(), Note(client, "after the cut")));
    return Ok();
  });
  const std::vector<Status> outcomes = victim->RunBatch(units);
  ASSERT_EQ(outcomes.size(), 3u);
  for (const Status& outcome : outcomes) {
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code(), ErrorCode::kUnavailable) << outcome.error().message();
  }
  EXPECT_EQ(NotesOf(store(), ana(), client), 0);
  EXPECT_TRUE(store().VerifyAudit()->intact());
  // The same connection object reconnects at its next transaction instead of failing forever
  // (the commit queue's writer keeps one connection for the server's lifetime).
  auto again = victim->WriteProgressNote(ana(), Note(client, "after the reconnect"));
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(NotesOf(store(), ana(), client), 1);
}

}  // namespace
}  // namespace tessera::store::testing
