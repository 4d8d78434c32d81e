// Routes that end an account's sessions (disable, admin TOTP reset) run their store work as a
// unit of the commit queue's batch. A request of that account arriving after the unit but
// before the batch's commit still finds the session in the store (other connections see only
// committed data) and may cache it; the route must therefore tell the session cache after the
// commit, or the ended session would be accepted from the cache until its next store check.
// The commit is made to wait deterministically: the writer's database runs a hook first.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "http/security/totp.hpp"
#include "http/testing/store_test_stack.hpp"

namespace tessera::http {
namespace {

// Runs a hook (once, when armed) just before the writer connection commits.
class BeforeCommit {
 public:
  void Arm(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    hook_ = std::move(hook);
  }
  void RunIfArmed() {
    std::function<void()> hook;
    {
      std::lock_guard lock(mutex_);
      hook.swap(hook_);
    }
    if (!hook) return;
    hook();
    std::lock_guard lock(mutex_);
    ++runs_;
  }
  int runs() {
    std::lock_guard lock(mutex_);
    return runs_;
  }

 private:
  std::mutex mutex_;
  std::function<void()> hook_;
  int runs_ = 0;
};

class CommitHookDatabase final : public store::Database {
 public:
  CommitHookDatabase(std::unique_ptr<store::Database> inner, BeforeCommit& before_commit)
      : inner_(std::move(inner)), before_commit_(before_commit) {}
  Result<store::SqlRows> Query(std::string_view sql, const store::SqlParams& params) override {
    return inner_->Query(sql, params);
  }
  Status Begin() override { return inner_->Begin(); }
  Status Commit() override {
    before_commit_.RunIfArmed();
    return inner_->Commit();
  }
  Status Rollback() override { return inner_->Rollback(); }
  Status ExecuteScript(std::string_view script) override { return inner_->ExecuteScript(script); }
  Status LockMigrations() override { return inner_->LockMigrations(); }
  Status UnlockMigrations() override { return inner_->UnlockMigrations(); }
  std::string_view RowLockSuffix() const override { return inner_->RowLockSuffix(); }
  std::string Dialect() const override { return inner_->Dialect(); }

 private:
  std::unique_ptr<store::Database> inner_;
  BeforeCommit& before_commit_;
};

class AccountSessionEndTest : public ::testing::TestWithParam<std::string> {
 protected:
  BeforeCommit before_commit_;
  testing::StoreTestStack stack_{
      [this](std::unique_ptr<store::Database> database) -> std::unique_ptr<store::Database> {
        return std::make_unique<CommitHookDatabase>(std::move(database), before_commit_);
      }};
};

TEST_P(AccountSessionEndTest, SessionReadBeforeTheCommitIsNotAcceptedAfterIt) {
  ASSERT_TRUE(stack_.routes_added) << stack_.routes_error;
  const UserId admin = stack_.AddUser("admin", Role::kAdmin);
  const UserId member = stack_.AddUser("member", Role::kClinician);
  const std::string token = stack_.OpenSession(member).token;
  const auto me = [&] {
    Request request = testing::StoreTestStack::Make(Method::kGet, "/api/v1/me");
    request.headers["authorization"] = "Bearer " + token;
    return stack_.dispatcher->Handle(request).status;
  };
  ASSERT_EQ(me(), 200);

  // The member's next request is checked after the route's unit ran, before its commit.
  bool accepted_before_commit = false;
  before_commit_.Arm([&] {
    accepted_before_commit =
        stack_.sessions->Authenticate(token, CredentialKind::kBearer).has_value();
  });
  const Response ended = stack_.CallAs(
      admin, Method::kPost, "/api/v1/users/" + std::to_string(member.value()) + GetParam());
  ASSERT_EQ(ended.status, 200) << ended.body;
  ASSERT_EQ(before_commit_.runs(), 1);
  EXPECT_TRUE(accepted_before_commit);  // not yet committed: still a valid session then

  // Committed and answered: the session has ended, in the store and in the cache.
  EXPECT_EQ(me(), 401);
  EXPECT_FALSE(stack_.sessions->Authenticate(token, CredentialKind::kBearer,
                                             SessionManager::StoreAccess::kCacheOnly));
}

INSTANTIATE_TEST_SUITE_P(EndingRoutes, AccountSessionEndTest,
                         ::testing::Values("/disable", "/totp-reset"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param == "/disable" ? std::string("Disable")
                                                           : std::string("TotpReset");
                         });

}  // namespace
}  // namespace tessera::http
