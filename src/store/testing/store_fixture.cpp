#include "store/testing/store_fixture.hpp"

#include "notecrypt/note_key.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "store/postgres/pg_database.hpp"
#include "store/sql/schema.hpp"

namespace tessera::store::testing {
namespace {

std::string ReadFirstLine(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  return line;
}

std::string UrlFile(const char* name) {
  const char* file = std::getenv("TESSERA_TEST_PG_URL_FILE");
  const std::string path = file ? file : TESSERA_TEST_PG_URL_FILE_DEFAULT;
  return (std::filesystem::path(path).parent_path() / name).string();
}

// "postgresql://u:p@h:port/postgres" -> same URL with another database name.
std::string WithDatabase(const std::string& url, const std::string& database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}

std::string UniqueName() {
  static std::atomic<int> counter{0};
  return "tessera_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
}

std::unique_ptr<PostgresDatabase> AdminConnection() {
  auto database = PostgresDatabase::Connect(TestClusterUrl(), PostgresAuthentication::kRequire);
  if (!database) {
    ADD_FAILURE() << database.error().message();
    return nullptr;
  }
  return std::move(database).value();
}

}  // namespace

std::string TestClusterUrl() {
  const std::string url = ReadFirstLine(UrlFile("url"));
  if (url.empty())
    ADD_FAILURE() << "the PostgreSQL test cluster is not running: start it with "
                     "`scripts/pg-test-cluster start build/pg-test-cluster` (or run `make test`)";
  return url;
}

std::string TestClusterTrustUrl() { return ReadFirstLine(UrlFile("trust-url")); }

std::string KindName(StoreKind kind) { return kind == StoreKind::kSqlite ? "Sqlite" : "Postgres"; }

std::string TestPasswordHash() {
  return "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
         "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
}

std::unique_ptr<ScratchStore> ScratchStore::Create(StoreKind kind, const Clock&) {
  const std::string name = UniqueName();
  if (kind == StoreKind::kSqlite) {
    const auto directory = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(directory);
    return std::unique_ptr<ScratchStore>(
        new ScratchStore(kind, (directory / "tessera.db").string(), directory.string()));
  }
  auto admin = AdminConnection();
  if (!admin) return nullptr;
  const Status created = admin->ExecuteScript("CREATE DATABASE " + name);
  EXPECT_TRUE(created) << created.error().message();
  return std::unique_ptr<ScratchStore>(
      new ScratchStore(kind, WithDatabase(TestClusterUrl(), name), name));
}

ScratchStore::~ScratchStore() {
  if (kind_ == StoreKind::kSqlite) {
    std::error_code ignored;
    std::filesystem::remove_all(name_, ignored);
    return;
  }
  if (auto admin = AdminConnection())
    (void)admin->ExecuteScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

std::unique_ptr<SqlStore> ScratchStore::Connect(const Clock& clock) const {
  auto store = OpenStore(target_, clock, {.creation = Creation::kCreateIfMissing});
  if (!store) {
    ADD_FAILURE() << store.error().message();
    return nullptr;
  }
  return std::move(store).value();
}

void ScratchStore::AllowChanges(Database& database, const std::string& table) const {
  Status status;
  if (kind_ == StoreKind::kSqlite) {
    status = database.ExecuteScript("DROP TRIGGER " + table + "_refuse_UPDATE; DROP TRIGGER " +
                                    table + "_refuse_DELETE;");
  } else {
    status = database.ExecuteScript("ALTER TABLE " + table + " DISABLE TRIGGER USER");
  }
  ASSERT_TRUE(status) << status.error().message();
}

void StoreContract::SetUp() {
  scratch_ = ScratchStore::Create(GetParam(), clock_);
  ASSERT_TRUE(scratch_);
  store_ = scratch_->Connect(clock_);
  ASSERT_TRUE(store_);
  auto admin = store_->CreateUser(AccessContext::Bootstrap(),
                                  User{{}, "admin", Role::kAdmin, TestPasswordHash(), {}});
  ASSERT_TRUE(admin) << admin.error().message();
  admin_ = AccessContext::For(*admin);
  ana_ = AddUser("ana", Role::kClinician);
  ben_ = AddUser("ben", Role::kClinician);
}

void StoreContract::TearDown() {
  store_.reset();
  scratch_.reset();
}

AccessContext StoreContract::AddUser(const std::string& name, Role role) {
  auto id = store_->CreateUser(admin_, User{{}, name, role, TestPasswordHash(), {}});
  EXPECT_TRUE(id) << id.error().message();
  return id ? AccessContext::For(*id) : AccessContext{};
}

UnlockedNoteKey StoreContract::GiveNoteKey(const AccessContext& who) {
  return testing::GiveNoteKey(*store_, who);
}

UnlockedNoteKey GiveNoteKey(Store& store, const AccessContext& who) {
  constexpr KeyDerivationCost kCheapest{1, 8192};
  auto key = NewNoteKey();
  EXPECT_TRUE(key);
  if (!key) return nullptr;
  auto password_wrap = WrapNoteKey(**key, kNoteKeyTestPassword, *who.actor, kCheapest);
  auto recovery_wrap = WrapNoteKey(**key, kNoteKeyTestRecoveryCode, *who.actor, kCheapest);
  EXPECT_TRUE(password_wrap && recovery_wrap);
  if (!password_wrap || !recovery_wrap) return nullptr;
  auto created = store.CreateNoteKey(
      who, StoredNoteKey{*who.actor, PublicKeyText(**key), *password_wrap, *recovery_wrap});
  EXPECT_TRUE(created) << created.error().message();
  return *key;
}

ClientId StoreContract::NewClient(const std::string& name, EpisodeId* episode) {
  ClientProfile profile;
  profile.problems = {{ProblemId("depression"), "moderate"}};
  profile.goals = {"sleep through the night"};
  auto client = store_->CreateClient(ana_, {name, "1990-04-01", "", ""}, profile);
  EXPECT_TRUE(client) << client.error().message();
  if (!client) return ClientId();
  auto opened = store_->OpenEpisode(ana_, Episode{{}, *client, "2026-01-05", "referral", {}, ""});
  EXPECT_TRUE(opened) << opened.error().message();
  if (episode && opened) *episode = *opened;
  return *client;
}

AuditEntry StoreContract::LastAuditEntry() {
  auto count = store_->database().Query("SELECT MAX(sequence) FROM audit_log", {});
  auto entries = store_->ReadAudit(count->at(0).Int(0), 1);
  EXPECT_TRUE(entries && entries->size() == 1);
  return entries && !entries->empty() ? entries->front() : AuditEntry{};
}

std::string StoreContract::RecordsFingerprint() {
  std::string fingerprint;
  for (std::string_view table : AppendOnlyTables()) {
    if (table == "audit_log") continue;
    auto rows = store_->database().Query("SELECT COUNT(*) FROM " + std::string(table), {});
    fingerprint += std::string(table) + "=" + (rows ? rows->at(0).Text(0) : "?") + " ";
  }
  for (std::string_view table : {"users", "therapists", "clients", "care_team_members"}) {
    auto rows = store_->database().Query("SELECT COUNT(*) FROM " + std::string(table), {});
    fingerprint += std::string(table) + "=" + (rows ? rows->at(0).Text(0) : "?") + " ";
  }
  return fingerprint;
}

std::string StoreContract::Fingerprint() {
  std::string fingerprint;
  for (std::string_view table : AppendOnlyTables()) {
    auto rows = store_->database().Query("SELECT COUNT(*) FROM " + std::string(table), {});
    EXPECT_TRUE(rows);
    fingerprint += std::string(table) + "=" + (rows ? rows->at(0).Text(0) : "?") + " ";
  }
  for (std::string_view table : {"users", "therapists", "clients", "care_team_members"}) {
    auto rows = store_->database().Query("SELECT COUNT(*) FROM " + std::string(table), {});
    fingerprint += std::string(table) + "=" + (rows ? rows->at(0).Text(0) : "?") + " ";
  }
  auto head = store_->database().Query("SELECT entry_count, head_hash FROM audit_head", {});
  if (head) fingerprint += "head=" + head->at(0).Text(0) + ":" + head->at(0).Text(1);
  return fingerprint;
}

}  // namespace tessera::store::testing
