#include "http/security/session_manager.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <functional>

namespace tessera::http {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

class SessionManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    ana_ = users_.Add("ana", Role::kClinician, "unused-hash").value();
    ben_ = users_.Add("ben", Role::kAdmin, "unused-hash").value();
  }
  FakeClock clock_{TimePoint(hours(500000))};
  InMemoryUserDirectory users_;
  InMemorySessionStore store_;
  SessionManager sessions_{store_, users_, clock_, SessionTimeouts{}};
  UserId ana_, ben_;
};

TEST_F(SessionManagerTest, TokenIs128RandomBitsAndOnlyItsHashIsStored) {
  const NewSession session = sessions_.Open(ana_).value();
  unsigned char decoded[32];
  std::size_t decoded_length = 0;
  ASSERT_EQ(sodium_base642bin(decoded, sizeof decoded, session.token.data(), session.token.size(),
                              nullptr, &decoded_length, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING),
            0);
  EXPECT_EQ(decoded_length, 16u);
  EXPECT_NE(session.token, sessions_.Open(ana_).value().token);
  EXPECT_FALSE(store_.Find(session.token).value().has_value());
  const auto stored = store_.Find(SessionManager::HashToken(session.token)).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->user_id, ana_);
  EXPECT_EQ(stored->token_hash.find(session.token), std::string::npos);
}

TEST_F(SessionManagerTest, AuthenticatesTheOwnerWithRoleAndCsrfToken) {
  const NewSession session = sessions_.Open(ana_).value();
  const Principal principal =
      sessions_.Authenticate(session.token, CredentialKind::kCookie).value();
  EXPECT_EQ(principal.user_id, ana_);
  EXPECT_EQ(principal.username, "ana");
  EXPECT_EQ(principal.role, Role::kClinician);
  EXPECT_EQ(principal.credential, CredentialKind::kCookie);
  EXPECT_EQ(principal.csrf_token, session.csrf_token);
  EXPECT_NE(principal.csrf_token, session.token);
  EXPECT_EQ(session.absolute_expiry, clock_.Now() + hours(12));
}

TEST_F(SessionManagerTest, RejectsUnknownAndMalformedTokensAlike) {
  for (const std::string& token :
       std::vector<std::string>{"", "short", std::string(22, 'A'), std::string(400, 'A')}) {
    const auto result = sessions_.Authenticate(token, CredentialKind::kBearer);
    ASSERT_FALSE(result.has_value()) << token;
    EXPECT_EQ(result.error().code(), ErrorCode::kUnauthenticated);
  }
}

TEST_F(SessionManagerTest, IdleTimeoutIsFifteenMinutesByDefault) {
  const struct {
    seconds idle;
    bool valid;
  } cases[] = {{minutes(14) + seconds(59), true}, {minutes(15), false}, {minutes(16), false}};
  for (const auto& test_case : cases) {
    const NewSession session = sessions_.Open(ana_).value();
    clock_.Advance(test_case.idle);
    EXPECT_EQ(sessions_.Authenticate(session.token, CredentialKind::kBearer).has_value(),
              test_case.valid)
        << test_case.idle.count();
  }
}

TEST_F(SessionManagerTest, ActivityRestartsTheIdleClockButNotTheAbsoluteOne) {
  const NewSession session = sessions_.Open(ana_).value();
  // A request every 10 minutes keeps the session alive until 12 hours after login.
  for (int request = 0; request < 71; ++request) {
    clock_.Advance(minutes(10));
    ASSERT_TRUE(sessions_.Authenticate(session.token, CredentialKind::kBearer).has_value())
        << "request " << request;
  }
  clock_.Advance(minutes(9) + seconds(59));  // 11:59:59 after login
  ASSERT_TRUE(sessions_.Authenticate(session.token, CredentialKind::kBearer).has_value());
  clock_.Advance(seconds(1));  // 12:00:00
  EXPECT_FALSE(sessions_.Authenticate(session.token, CredentialKind::kBearer).has_value());
  EXPECT_EQ(store_.size(), 0u);  // the expired session was removed
}

// Counts activity writes on top of the in-memory store.
class CountingSessionStore final : public SessionStore {
 public:
  Status Insert(const StoredSession& session) override { return inner_.Insert(session); }
  Result<std::optional<StoredSession>> Find(std::string_view hash) const override {
    ++finds_;
    if (during_find_) {
      auto hook = std::move(during_find_);
      during_find_ = nullptr;
      auto found = inner_.Find(hash);
      hook();  // e.g. a logout on another thread between the read and the caching
      return found;
    }
    return inner_.Find(hash);
  }
  mutable int finds_ = 0;
  mutable std::function<void()> during_find_;
  Status Touch(std::string_view hash, TimePoint when) override {
    ++touches_;
    return inner_.Touch(hash, when);
  }
  Status Remove(std::string_view hash) override { return inner_.Remove(hash); }
  Status RemoveAllForUser(UserId user) override { return inner_.RemoveAllForUser(user); }
  int touches_ = 0;

 private:
  InMemorySessionStore inner_;
};

TEST_F(SessionManagerTest, ActivityIsWrittenAtMostOncePerTouchInterval) {
  CountingSessionStore counting;
  SessionManager manager(counting, users_, clock_, SessionTimeouts{});
  const NewSession session = manager.Open(ana_).value();
  for (int request = 0; request < 10; ++request) {  // ten requests within 10 seconds
    clock_.Advance(seconds(1));
    ASSERT_TRUE(manager.Authenticate(session.token, CredentialKind::kBearer).has_value());
  }
  EXPECT_EQ(counting.touches_, 0);
  clock_.Advance(seconds(20));  // 30 s after the last write
  ASSERT_TRUE(manager.Authenticate(session.token, CredentialKind::kBearer).has_value());
  EXPECT_EQ(counting.touches_, 1);
  clock_.Advance(seconds(10));  // a request that is not written
  ASSERT_TRUE(manager.Authenticate(session.token, CredentialKind::kBearer).has_value());
  EXPECT_EQ(counting.touches_, 1);
  // The idle limit counts from the last write: 15 min after it the session is over, although
  // the last request was only 14:50 ago (the documented imprecision, on the safe side).
  clock_.Advance(minutes(15) - seconds(10));
  EXPECT_FALSE(manager.Authenticate(session.token, CredentialKind::kBearer).has_value());
}

TEST_F(SessionManagerTest, CloseRevokesAtOnce) {
  const NewSession session = sessions_.Open(ana_).value();
  const NewSession other = sessions_.Open(ana_).value();
  ASSERT_TRUE(sessions_.Close(SessionManager::HashToken(session.token)).has_value());
  EXPECT_FALSE(sessions_.Authenticate(session.token, CredentialKind::kBearer).has_value());
  EXPECT_TRUE(sessions_.Authenticate(other.token, CredentialKind::kBearer).has_value());
}

TEST_F(SessionManagerTest, DisablingAnAccountRevokesItsSessionsAtOnce) {
  const NewSession first = sessions_.Open(ana_).value();
  const NewSession second = sessions_.Open(ana_).value();
  const NewSession bens = sessions_.Open(ben_).value();
  ASSERT_TRUE(users_.SetStatus(ana_, AccountStatus::kDisabled).has_value());
  // No explicit revocation yet: the per-request account check alone refuses the session.
  EXPECT_FALSE(sessions_.Authenticate(first.token, CredentialKind::kBearer).has_value());
  EXPECT_FALSE(store_.Find(SessionManager::HashToken(second.token)).value().has_value());
  ASSERT_TRUE(users_.SetStatus(ana_, AccountStatus::kActive).has_value());
  EXPECT_FALSE(sessions_.Authenticate(second.token, CredentialKind::kBearer).has_value());
  EXPECT_TRUE(sessions_.Authenticate(bens.token, CredentialKind::kBearer).has_value());
}

TEST_F(SessionManagerTest, RevokeAllForUserEndsEverySessionOfThatUser) {
  const NewSession first = sessions_.Open(ana_).value();
  const NewSession bens = sessions_.Open(ben_).value();
  ASSERT_TRUE(sessions_.RevokeAllForUser(ana_).has_value());
  EXPECT_FALSE(sessions_.Authenticate(first.token, CredentialKind::kBearer).has_value());
  EXPECT_TRUE(sessions_.Authenticate(bens.token, CredentialKind::kBearer).has_value());
}

// The session cache: checks within the touch interval need no store read; revocations through
// the manager apply at once; changes made behind its back are seen within the touch interval.
class SessionCacheTest : public SessionManagerTest {
 protected:
  CountingSessionStore counting_;
  SessionManager manager_{counting_, users_, clock_, SessionTimeouts{}};
  bool Valid(const NewSession& session) {
    return manager_.Authenticate(session.token, CredentialKind::kBearer).has_value();
  }
};

TEST_F(SessionCacheTest, ChecksWithinTheTouchIntervalReadTheStoreOnce) {
  const NewSession session = manager_.Open(ana_).value();
  for (int request = 0; request < 29; ++request) {  // 29 requests within 29 seconds
    clock_.Advance(seconds(1));
    ASSERT_TRUE(Valid(session));
  }
  EXPECT_EQ(counting_.finds_, 1);
  clock_.Advance(seconds(1));  // 30 s after the activity last written: read and written again
  ASSERT_TRUE(Valid(session));
  EXPECT_EQ(counting_.finds_, 2);
  EXPECT_EQ(counting_.touches_, 1);
  const Principal principal = manager_.Authenticate(session.token, CredentialKind::kCookie).value();
  EXPECT_EQ(principal.user_id, ana_);
  EXPECT_EQ(principal.username, "ana");
  EXPECT_EQ(principal.role, Role::kClinician);
  EXPECT_EQ(principal.credential, CredentialKind::kCookie);
  EXPECT_EQ(principal.csrf_token, session.csrf_token);
  EXPECT_EQ(counting_.finds_, 2);
}

TEST_F(SessionCacheTest, LogoutOfACachedSessionAppliesAtOnce) {
  const NewSession session = manager_.Open(ana_).value();
  const NewSession other = manager_.Open(ana_).value();
  ASSERT_TRUE(Valid(session));
  ASSERT_TRUE(Valid(other));
  ASSERT_TRUE(manager_.Close(SessionManager::HashToken(session.token)).has_value());
  EXPECT_FALSE(Valid(session));
  EXPECT_TRUE(Valid(other));
}

TEST_F(SessionCacheTest, ForgetUserAfterADisableInTheStoreAppliesAtOnce) {
  const NewSession first = manager_.Open(ana_).value();
  const NewSession bens = manager_.Open(ben_).value();
  ASSERT_TRUE(Valid(first));
  ASSERT_TRUE(Valid(bens));
  // What the disable route does: the store disables and deletes sessions, then the cache is told.
  ASSERT_TRUE(users_.SetStatus(ana_, AccountStatus::kDisabled).has_value());
  ASSERT_TRUE(counting_.RemoveAllForUser(ana_).has_value());
  EXPECT_TRUE(Valid(first));  // not told yet: the cached entry still answers (the assumption)
  manager_.ForgetUser(ana_);
  EXPECT_FALSE(Valid(first));
  EXPECT_TRUE(Valid(bens));
}

TEST_F(SessionCacheTest, RevokeAllForUserEndsCachedSessionsAtOnce) {
  const NewSession first = manager_.Open(ana_).value();
  ASSERT_TRUE(Valid(first));
  ASSERT_TRUE(manager_.RevokeAllForUser(ana_).has_value());
  EXPECT_FALSE(Valid(first));
}

TEST_F(SessionCacheTest, AChangeMadeElsewhereIsSeenWithinTheTouchInterval) {
  const NewSession session = manager_.Open(ana_).value();
  ASSERT_TRUE(Valid(session));
  // Disabled directly (another process, the CLI): this manager was not told.
  ASSERT_TRUE(users_.SetStatus(ana_, AccountStatus::kDisabled).has_value());
  clock_.Advance(seconds(29));
  EXPECT_TRUE(Valid(session));  // still cached: at most touch_interval late
  clock_.Advance(seconds(1));
  EXPECT_FALSE(Valid(session));
  ASSERT_TRUE(users_.SetStatus(ana_, AccountStatus::kActive).has_value());
  EXPECT_FALSE(Valid(session));  // the check removed the disabled account's sessions
}

TEST_F(SessionCacheTest, ALogoutDuringAStoreReadIsNotUndoneByCaching) {
  const NewSession session = manager_.Open(ana_).value();
  counting_.during_find_ = [&] {
    ASSERT_TRUE(manager_.Close(SessionManager::HashToken(session.token)).has_value());
  };
  // This check read the session before the logout removed it; it may answer, but must not
  // leave the session in the cache.
  ASSERT_TRUE(Valid(session));
  EXPECT_FALSE(Valid(session));
  EXPECT_EQ(counting_.finds_, 2);
}

TEST_F(SessionCacheTest, ExpiryLimitsApplyToCachedSessions) {
  const NewSession session = manager_.Open(ana_).value();
  for (int request = 0; request < 71; ++request) {  // every 10 minutes until 11:50
    clock_.Advance(minutes(10));
    ASSERT_TRUE(Valid(session));
  }
  clock_.Advance(minutes(9) + seconds(50));
  ASSERT_TRUE(Valid(session));  // read, written and cached 10 s before the absolute limit
  clock_.Advance(seconds(10));
  EXPECT_FALSE(Valid(session));  // cached 10 s ago, but 12 h after login
  // An idle limit shorter than the touch interval still applies to a cached session.
  SessionManager short_idle(counting_, users_, clock_, {seconds(20), hours(1), seconds(30)});
  const NewSession brief = short_idle.Open(ana_).value();
  ASSERT_TRUE(short_idle.Authenticate(brief.token, CredentialKind::kBearer).has_value());
  clock_.Advance(seconds(20));
  EXPECT_FALSE(short_idle.Authenticate(brief.token, CredentialKind::kBearer).has_value());
}

TEST_F(SessionCacheTest, IsCachedLeavesAMarginAndCacheOnlyChecksNeverReadTheStore) {
  const NewSession session = manager_.Open(ana_).value();
  EXPECT_FALSE(manager_.IsCached(session.token));
  const auto cache_only = SessionManager::StoreAccess::kCacheOnly;
  EXPECT_FALSE(manager_.Authenticate(session.token, CredentialKind::kBearer, cache_only));
  EXPECT_EQ(counting_.finds_, 0);
  ASSERT_TRUE(Valid(session));
  EXPECT_TRUE(manager_.IsCached(session.token));
  EXPECT_TRUE(manager_.Authenticate(session.token, CredentialKind::kBearer, cache_only));
  EXPECT_EQ(counting_.finds_, 1);
  // 29.5 s after the activity was written: still answerable from the cache, but not for the
  // margin IsCached promises.
  clock_.Advance(seconds(29) + std::chrono::milliseconds(500));
  EXPECT_FALSE(manager_.IsCached(session.token));
  EXPECT_TRUE(manager_.Authenticate(session.token, CredentialKind::kBearer, cache_only));
  EXPECT_FALSE(manager_.IsCached("not a token"));
}

TEST_F(SessionManagerTest, ConfiguredTimeoutsApply) {
  SessionManager short_sessions(store_, users_, clock_, {minutes(5), hours(1), seconds(30)});
  const NewSession session = short_sessions.Open(ana_).value();
  clock_.Advance(minutes(5));
  EXPECT_FALSE(short_sessions.Authenticate(session.token, CredentialKind::kBearer).has_value());
}

}  // namespace
}  // namespace tessera::http
