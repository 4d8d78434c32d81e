#pragma once
// The store contract suite's fixture: every TEST_P runs once against a fresh SQLite file and
// once against a fresh database on the PostgreSQL test cluster that CTest starts
// (scripts/pg-test-cluster; its URL file is named by TESSERA_TEST_PG_URL_FILE).

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "store/open_store.hpp"

namespace tessera::store::testing {

/// The admin URL of the test cluster, read from the file CTest names; fails the test when the
/// cluster is not running (start it with `scripts/pg-test-cluster start build/pg-test-cluster`).
std::string TestClusterUrl();
/// The URL of the role the test cluster lets in without authentication.
std::string TestClusterTrustUrl();

/// A fresh, empty store of one kind, dropped when the object dies.
class ScratchStore {
 public:
  static std::unique_ptr<ScratchStore> Create(StoreKind kind, const Clock& clock);
  ~ScratchStore();
  /// The --db target of this store (a file path or a URL).
  const std::string& target() const { return target_; }
  /// Opens another connection to the same store.
  std::unique_ptr<SqlStore> Connect(const Clock& clock) const;
  /// Makes `table` writable for tamper tests (inside the caller's transaction).
  void AllowChanges(Database& database, const std::string& table) const;

 private:
  ScratchStore(StoreKind kind, std::string target, std::string name)
      : kind_(kind), target_(std::move(target)), name_(std::move(name)) {}
  StoreKind kind_;
  std::string target_;
  std::string name_;  // the directory (SQLite) or database name (PostgreSQL)
};

std::string KindName(StoreKind kind);

}  // namespace tessera::store::testing

namespace tessera::store {
/// Names the parameter in test output ("Sqlite", "Postgres").
inline void PrintTo(StoreKind kind, std::ostream* out) { *out << testing::KindName(kind); }
}  // namespace tessera::store

namespace tessera::store::testing {

/// The password and recovery code test note keys are wrapped under (GiveNoteKey).
inline constexpr const char* kNoteKeyTestPassword = "ana's test passphrase";
inline constexpr const char* kNoteKeyTestRecoveryCode = "AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH";

/// The fixture: `store()` is an empty migrated store with one admin account (`admin()`), two
/// clinicians (`ana()`, `ben()`) and `clock()` at 2026-01-05T09:00:00Z.
class StoreContract : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override;
  void TearDown() override;

  SqlStore& store() { return *store_; }
  FakeClock& clock() { return clock_; }
  const ScratchStore& scratch() const { return *scratch_; }
  const AccessContext& admin() const { return admin_; }
  const AccessContext& ana() const { return ana_; }
  const AccessContext& ben() const { return ben_; }
  AccessContext AddUser(const std::string& name, Role role);
  /// A client created by ana (so ana leads its care team), with an open episode.
  ClientId NewClient(const std::string& name, EpisodeId* episode = nullptr);
  /// Row counts of every table plus the audit head: equal before and after means unchanged.
  std::string Fingerprint();
  /// The same without the audit log (a refused call leaves one "deny" entry behind).
  std::string RecordsFingerprint();
  /// The newest audit entry.
  AuditEntry LastAuditEntry();
  /// Makes `who`'s psychotherapy-note key (as their first login would, wrapped under
  /// kTestNotePassword and kTestRecoveryCode at libsodium's smallest argon2id cost) and returns
  /// it unlocked.
  UnlockedNoteKey GiveNoteKey(const AccessContext& who);
  static constexpr const char* kTestNotePassword = kNoteKeyTestPassword;
  static constexpr const char* kTestRecoveryCode = kNoteKeyTestRecoveryCode;

 private:
  FakeClock clock_{TimePoint(std::chrono::sys_days(std::chrono::year{2026} / 1 / 5)) +
                   std::chrono::hours(9)};
  std::unique_ptr<ScratchStore> scratch_;
  std::unique_ptr<SqlStore> store_;
  AccessContext admin_, ana_, ben_;
};

/// Makes `who`'s psychotherapy-note key in `store` as their first login would (wrapped under
/// kNoteKeyTestPassword and kNoteKeyTestRecoveryCode at the smallest argon2id cost), and
/// returns it unlocked: for tests that write psychotherapy notes without logging in.
UnlockedNoteKey GiveNoteKey(Store& store, const AccessContext& who);

/// An argon2id-shaped hash for test accounts (real hashing is slow and tested separately).
std::string TestPasswordHash();

}  // namespace tessera::store::testing
