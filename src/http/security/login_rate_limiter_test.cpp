#include "http/security/login_rate_limiter.hpp"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

class LoginRateLimiterTest : public ::testing::Test {
 protected:
  FakeClock clock_{TimePoint(std::chrono::hours(500000))};
  InMemoryLoginHistory history_{clock_};
  std::unique_ptr<LoginRateLimiter> limiter_ = Make({});

  std::unique_ptr<LoginRateLimiter> Make(LoginRateLimits limits) {
    return LoginRateLimiter::Create(clock_, limits, history_).value();
  }
  // One attempt that goes ahead (and then fails: nothing withdraws it).
  void Fail(std::string_view account, std::string_view address, int times = 1) {
    for (int attempt = 0; attempt < times; ++attempt) {
      ASSERT_FALSE(*limiter_->BeginAttempt(account, address)) << "attempt " << attempt;
    }
  }
  // The wait the limiter asks for, or 0 s when it lets the attempt go ahead (and counts it).
  seconds Wait(std::string_view account, std::string_view address) {
    const auto delay = limiter_->BeginAttempt(account, address).value();
    return delay ? delay->retry_after : seconds(0);
  }
  void LogIn(std::string_view account, std::string_view address) {
    ASSERT_EQ(Wait(account, address), seconds(0));
    ASSERT_TRUE(limiter_->RecordSuccess(account, address));
    ASSERT_TRUE(history_.Record(LoginEvent::kLogin, std::nullopt,
                                LoginRateLimiter::KnownSourceKey(account, address)));
  }
};

TEST_F(LoginRateLimiterTest, OneSourceWaitsLongerAfterEachFailureUpToFifteenMinutes) {
  Fail("ana", "10.0.0.1", 5);  // the first five are free
  // Then each failure doubles the wait: 1, 2, 4, ... seconds, at most 15 minutes.
  for (const int expected : {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900}) {
    EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(expected));
    clock_.Advance(seconds(expected) - seconds(1));
    EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(1)) << "one second early";
    clock_.Advance(seconds(1));
    Fail("ana", "10.0.0.1");
  }
  // Another source, and another account from this source, are not slowed.
  EXPECT_EQ(Wait("ana", "10.0.0.2"), seconds(0));
  EXPECT_EQ(Wait("ben", "10.0.0.1"), seconds(0));
}

TEST_F(LoginRateLimiterTest, ASuccessClearsTheWaitsOfItsSourceOnly) {
  Fail("ana", "10.0.0.1", 5);
  Fail("ana", "10.0.0.2", 5);
  clock_.Advance(seconds(1));
  EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(0));           // allowed: the sixth attempt...
  ASSERT_TRUE(limiter_->RecordSuccess("ana", "10.0.0.1"));  // ...succeeds
  Fail("ana", "10.0.0.1", 5);                               // five free failures again
  EXPECT_EQ(Wait("ana", "10.0.0.2"), seconds(0));
  EXPECT_EQ(Wait("ana", "10.0.0.2"), seconds(2));  // still counting from before
}

TEST_F(LoginRateLimiterTest, AStrangersGuessesDoNotStopTheOwnerElsewhere) {
  // 150 wrong passwords from one address as fast as the limiter answers: at most a few are
  // tried; the owner's attempt from another address goes ahead at once.
  int tried = 0;
  for (int attempt = 0; attempt < 150; ++attempt) {
    if (Wait("ana", "203.0.113.9") == seconds(0)) ++tried;
  }
  EXPECT_EQ(tried, 5);
  EXPECT_EQ(Wait("ana", "198.51.100.4"), seconds(0));
}

TEST_F(LoginRateLimiterTest, AccountCeilingRefusesUnknownSourcesAndSlowsKnownOnes) {
  limiter_ = Make({.max_failures_per_account = 10, .max_failures_per_address = 100});
  LogIn("ana", "10.0.0.1");  // the owner's own address, known from now on
  for (int attempt = 0; attempt < 10; ++attempt)
    Fail("ana", "203.0.113." + std::to_string(attempt));
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 10u);
  // An address ana never logged in from waits until the hour of the first failure is over.
  EXPECT_EQ(Wait("ana", "203.0.113.99"), hours(1));
  EXPECT_EQ(Wait("ANA", "192.0.2.1"), hours(1));  // usernames are case-insensitive
  // Ana's own address goes ahead; after a failure there, one attempt per 10 seconds.
  EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(0));
  EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(10));
  clock_.Advance(seconds(10));
  LogIn("ana", "10.0.0.1");
  // An hour after the first failure the ceiling is lifted.
  clock_.Advance(minutes(59) + seconds(50));
  EXPECT_EQ(Wait("ana", "203.0.113.99"), seconds(0));
}

TEST_F(LoginRateLimiterTest, AddressLimitCoversEveryAccountForAnHour) {
  for (int attempt = 0; attempt < 100; ++attempt)
    Fail("user" + std::to_string(attempt), "10.0.0.9");
  EXPECT_EQ(Wait("someone-else", "10.0.0.9"), hours(1));
  EXPECT_EQ(Wait("someone-else", "10.0.0.10"), seconds(0));
  clock_.Advance(minutes(59));
  EXPECT_EQ(Wait("someone-else", "10.0.0.9"), minutes(1));
  clock_.Advance(minutes(1));
  EXPECT_EQ(Wait("someone-else", "10.0.0.9"), seconds(0));
}

TEST_F(LoginRateLimiterTest, AnIpv6Slash64SharesOneBudget) {
  // A host rotating through the addresses of its /64 gets no fresh budget; the next /64 does,
  // and IPv4 addresses keep one budget each.
  for (int attempt = 0; attempt < 100; ++attempt) {
    Fail("user" + std::to_string(attempt), "2001:db8:1:2::" + std::to_string(attempt + 1));
  }
  EXPECT_GT(Wait("other", "[2001:db8:1:2:ffff::9]:443"), seconds(0));
  EXPECT_EQ(limiter_->FailuresForAddress("2001:db8:1:2::abcd"), 100u);
  EXPECT_EQ(Wait("other", "2001:db8:1:3::1"), seconds(0));
  EXPECT_EQ(Wait("other", "192.0.2.1"), seconds(0));
  EXPECT_EQ(limiter_->FailuresForAddress("192.0.2.2"), 0u);
}

TEST_F(LoginRateLimiterTest, SuccessWithdrawsOnlyItsOwnAttempt) {
  for (int attempt = 0; attempt < 10; ++attempt) Fail("ana", "10.0.0." + std::to_string(attempt));
  Fail("bob", "10.0.0.1", 3);
  EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(0));
  ASSERT_TRUE(limiter_->RecordSuccess("ana", "10.0.0.1"));
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 10u);
  EXPECT_EQ(limiter_->FailuresForAddress("10.0.0.1"), 4u);
}

TEST_F(LoginRateLimiterTest, TheCountersLiveInTheHistory) {
  // A new limiter over the same history (a restart with the same store) carries on.
  Fail("ana", "10.0.0.1", 5);
  clock_.Advance(seconds(1));
  Fail("ana", "10.0.0.1");
  limiter_ = Make({});
  EXPECT_EQ(Wait("ana", "10.0.0.1"), seconds(2));
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 6u);
  // Refused attempts are not counted.
  EXPECT_EQ(limiter_->FailuresForAddress("10.0.0.1"), 6u);
  // A day after its last failure a pair is forgotten.
  clock_.Advance(hours(24));
  Fail("ana", "10.0.0.1", 5);
}

TEST_F(LoginRateLimiterTest, AdmitNamesTheLimitAndTheWait) {
  Fail("ana", "10.0.0.1", 5);
  const Status refused = limiter_->Admit("ana", "10.0.0.1");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(refused.error().message(),
            "too many failed logins for this account from this address; try again in 1 second");
}

TEST(LoginRateLimiterCreate, RefusesLimitsAboveOneHundredOrZero) {
  FakeClock clock{TimePoint()};
  InMemoryLoginHistory history{clock};
  EXPECT_FALSE(LoginRateLimiter::Create(clock, {101, 100}, history).has_value());
  EXPECT_FALSE(LoginRateLimiter::Create(clock, {100, 101}, history).has_value());
  EXPECT_FALSE(LoginRateLimiter::Create(clock, {0, 100}, history).has_value());
  EXPECT_TRUE(LoginRateLimiter::Create(clock, {1, 100}, history).has_value());
}

}  // namespace
}  // namespace tessera::http
