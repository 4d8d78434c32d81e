#include "app/demo_practice.hpp"

#include <gtest/gtest.h>

#include <set>

#include "app/alert_use_cases.hpp"
#include "app/app_test_fixture.hpp"
#include "app/caseload.hpp"
#include "app/practice_statistics.hpp"

namespace tessera::app {
namespace {

class DemoPractice : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = store::testing::ScratchStore::Create(store::StoreKind::kSqlite, clock_);
    ASSERT_TRUE(scratch_);
    store_ = scratch_->Connect(clock_);
    library_ = ClinicalLibrary::Load(TESSERA_DATA_DIR);
    ASSERT_TRUE(library_) << library_.error().message();
  }
  // Deterministic stand-ins: these tests never log in, so the hash need only look right.
  DemoCredentials Credentials() {
    return {[](const std::string& password) -> Result<std::string> {
              return "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$" + password;
            },
            [this] { return "password-" + std::to_string(++passwords_); }};
  }
  DemoPracticeSpec Spec() {
    DemoPracticeSpec spec;
    spec.clients = 6;
    spec.sessions = 6;
    spec.first_session = std::chrono::sys_days{std::chrono::year{2026} / 1 / 5};
    return spec;
  }

  FakeClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 6 / 1}};
  std::unique_ptr<store::testing::ScratchStore> scratch_;
  std::unique_ptr<store::SqlStore> store_;
  Result<ClinicalLibrary> library_ = InvalidArgument("not loaded");
  int passwords_ = 0;
};

TEST_F(DemoPractice, LoadsAccountsClientsMeasuresAlertsAndPlansOnce) {
  auto loaded = LoadDemoPractice(*store_, *library_, nullptr, Credentials(), Spec());
  ASSERT_TRUE(loaded) << loaded.error().message();
  EXPECT_TRUE(loaded->created);
  ASSERT_EQ(loaded->accounts.size(), 5u);
  std::set<std::string> passwords;
  for (const auto& account : loaded->accounts) passwords.insert(account.password);
  EXPECT_EQ(passwords.size(), 5u);
  EXPECT_EQ(loaded->clients, 6);
  EXPECT_GT(loaded->administrations, 12);
  EXPECT_GE(loaded->alerts, 1);
  EXPECT_EQ(loaded->plans, 2);  // clients 0 and 3 keep an open episode

  auto admin = store_->FindUser(AccessContext::Bootstrap(), "demo-admin");
  ASSERT_TRUE(admin) << admin.error().message();
  auto statistics = ComputePracticeStatistics(*store_, AccessContext::For(admin->id), *library_);
  ASSERT_TRUE(statistics) << statistics.error().message();
  EXPECT_EQ(statistics->clients, 6);
  EXPECT_EQ(statistics->episodes_closed, 4);
  // Every raised alert counted once: open, or handled (the lifecycle resolves some itself, and
  // the demo handles risk alerts before closing an episode).
  EXPECT_EQ(statistics->alerts_open + statistics->alerts_handled, loaded->alerts);
  EXPECT_GE(loaded->alerts_handled, 0);

  // Sue supervises Ana and Ben: her team caseload holds their clients, not Cleo's (every third).
  auto sue = store_->FindUser(AccessContext::Bootstrap(), "demo-sue");
  ASSERT_TRUE(sue);
  auto team =
      ReadCaseload(*store_, AccessContext::For(sue->id), *library_, {"phq9"}, CaseloadScope::kTeam);
  ASSERT_TRUE(team) << team.error().message();
  EXPECT_EQ(team->size(), 4u);
  for (const CaseloadEntry& entry : *team)
    EXPECT_TRUE(entry.lead_name == "Ana (CBT)" || entry.lead_name == "Ben (psychodynamic)")
        << entry.lead_name;

  const auto before = store_->CountUsers();
  auto again = LoadDemoPractice(*store_, *library_, nullptr, Credentials(), Spec());
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_FALSE(again->created);
  EXPECT_TRUE(again->accounts.empty());
  EXPECT_EQ(store_->CountUsers().value(), before.value());
  auto statistics_again =
      ComputePracticeStatistics(*store_, AccessContext::For(admin->id), *library_);
  ASSERT_TRUE(statistics_again);
  EXPECT_EQ(statistics_again->administrations, statistics->administrations);
}

}  // namespace
}  // namespace tessera::app
