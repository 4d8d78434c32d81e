#include "app/app_test_fixture.hpp"

#include "store/sql/schema.hpp"
#include "store/sql/sql_store.hpp"

namespace tessera::app::testing {
namespace {

// Any well-formed argon2id string: these tests never log in.
const char kPasswordHash[] =
    "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
    "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

}  // namespace

const ClinicalLibrary& AppTest::library() {
  static const ClinicalLibrary* loaded = [] {
    auto result = ClinicalLibrary::Load(TESSERA_DATA_DIR);
    if (!result) {
      ADD_FAILURE() << result.error().message();
      std::abort();
    }
    return new ClinicalLibrary(std::move(*result));
  }();
  return *loaded;
}

void AppTest::SetUp() {
  scratch_ = store::testing::ScratchStore::Create(store::StoreKind::kSqlite, clock_);
  ASSERT_TRUE(scratch_);
  store_ = scratch_->Connect(clock_);
  ASSERT_TRUE(store_);
  auto admin = store_->CreateUser(AccessContext::Bootstrap(),
                                  User{{}, "admin", Role::kAdmin, kPasswordHash, {}});
  ASSERT_TRUE(admin) << admin.error().message();
  admin_ = AccessContext::For(*admin);
  auto ana = store_->CreateUser(admin_, User{{}, "ana", Role::kClinician, kPasswordHash, {}});
  auto ben = store_->CreateUser(admin_, User{{}, "ben", Role::kClinician, kPasswordHash, {}});
  ASSERT_TRUE(ana && ben);
  ana_ = AccessContext::For(*ana);
  ben_ = AccessContext::For(*ben);
}

void AppTest::TearDown() {
  store_.reset();
  scratch_.reset();
}

std::string AppTest::RecordsFingerprint() {
  std::string fingerprint;
  for (std::string_view table : store::AppendOnlyTables()) {
    if (table == "audit_log") continue;
    auto rows = store_->database().Query("SELECT COUNT(*) FROM " + std::string(table), {});
    fingerprint += std::string(table) + "=" + (rows ? rows->at(0).Text(0) : "?") + " ";
  }
  return fingerprint;
}

ClientProfile AppTest::DepressionProfile() {
  ClientProfile profile;
  profile.problems = {{ProblemId("depression"), "moderate"}};
  profile.traits = {{"coping_style", "internalising"}, {"reactance", "high"}};
  profile.stage_of_change = StageOfChange::kContemplation;
  profile.preferences = {{"directiveness", "-2"}, {"therapist_gender", "any"}};
  profile.goals = {"go back to work"};
  profile.risks = {"suicidality:none"};
  return profile;
}

AppTest::Seeded AppTest::NewClient(const ClientProfile& profile) {
  Seeded seeded;
  auto client = store_->CreateClient(ana_, {"Test Client", "1990-04-01", "", ""}, profile);
  EXPECT_TRUE(client) << client.error().message();
  if (!client) return seeded;
  seeded.client = *client;
  auto episode = store_->OpenEpisode(ana_, Episode{{}, *client, "2026-01-05", "referral", {}, ""});
  EXPECT_TRUE(episode) << episode.error().message();
  if (!episode) return seeded;
  seeded.episode = *episode;
  Session session;
  session.episode = *episode;
  session.client = *client;
  session.date = "2026-01-05";
  auto recorded = store_->RecordSession(ana_, session);
  EXPECT_TRUE(recorded) << recorded.error().message();
  if (recorded) seeded.session = *recorded;
  return seeded;
}

}  // namespace tessera::app::testing
