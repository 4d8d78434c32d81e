#include "http/security/login_rate_limiter.hpp"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class LoginRateLimiterTest : public ::testing::Test {
 protected:
  FakeClock clock_{TimePoint(std::chrono::hours(500000))};
  std::unique_ptr<LoginRateLimiter> limiter_ = LoginRateLimiter::Create(clock_, {}).value();

  void Fail(std::string_view account, std::string_view address, int times) {
    for (int attempt = 0; attempt < times; ++attempt) {
      ASSERT_TRUE(limiter_->BeginAttempt(account, address).has_value()) << "attempt " << attempt;
    }
  }
};

TEST_F(LoginRateLimiterTest, AllowsExactlyOneHundredFailuresPerAccountPerHour) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    // A different address each time: only the account limit can stop these.
    ASSERT_TRUE(limiter_->BeginAttempt("ana", "10.0.0." + std::to_string(attempt)).has_value());
  }
  const Status refused = limiter_->BeginAttempt("ana", "10.0.1.1");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 100u);
}

TEST_F(LoginRateLimiterTest, AllowsExactlyOneHundredFailuresPerAddressPerHour) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    ASSERT_TRUE(limiter_->BeginAttempt("user" + std::to_string(attempt), "10.0.0.9").has_value());
  }
  EXPECT_FALSE(limiter_->BeginAttempt("someone-else", "10.0.0.9").has_value());
  EXPECT_TRUE(limiter_->BeginAttempt("someone-else", "10.0.0.10").has_value());
}

TEST_F(LoginRateLimiterTest, AnIpv6Slash64SharesOneBudget) {
  // A host rotating through the addresses of its /64 gets no fresh budget; the next /64 does,
  // and IPv4 addresses keep one budget each.
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string address = "2001:db8:1:2::" + std::to_string(attempt + 1);
    ASSERT_TRUE(limiter_->BeginAttempt("user" + std::to_string(attempt), address).has_value());
  }
  const Status refused = limiter_->BeginAttempt("other", "[2001:db8:1:2:ffff::9]:443");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_EQ(limiter_->FailuresForAddress("2001:db8:1:2::abcd"), 100u);
  EXPECT_TRUE(limiter_->BeginAttempt("other", "2001:db8:1:3::1").has_value());
  EXPECT_TRUE(limiter_->BeginAttempt("other", "192.0.2.1").has_value());
  EXPECT_EQ(limiter_->FailuresForAddress("192.0.2.2"), 0u);
}

TEST_F(LoginRateLimiterTest, WindowSlidesAfterAnHour) {
  Fail("ana", "10.0.0.1", 50);
  clock_.Advance(minutes(30));
  Fail("ana", "10.0.0.1", 50);
  EXPECT_FALSE(limiter_->BeginAttempt("ana", "10.0.0.1").has_value());
  clock_.Advance(minutes(29) + seconds(59));
  EXPECT_FALSE(limiter_->BeginAttempt("ana", "10.0.0.1").has_value());
  clock_.Advance(seconds(1));  // the first 50 are now an hour old
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 50u);
  Fail("ana", "10.0.0.1", 50);
  EXPECT_FALSE(limiter_->BeginAttempt("ana", "10.0.0.1").has_value());
}

TEST_F(LoginRateLimiterTest, SuccessWithdrawsOnlyItsOwnAttempt) {
  Fail("ana", "10.0.0.1", 10);
  ASSERT_TRUE(limiter_->BeginAttempt("ana", "10.0.0.1").has_value());
  limiter_->RecordSuccess("ana", "10.0.0.1");
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 10u);
  EXPECT_EQ(limiter_->FailuresForAddress("10.0.0.1"), 10u);
}

TEST_F(LoginRateLimiterTest, AccountNamesAreCaseInsensitive) {
  Fail("Ana", "10.0.0.1", 60);
  Fail("ANA", "10.0.0.2", 40);
  EXPECT_FALSE(limiter_->BeginAttempt("ana", "10.0.0.3").has_value());
}

TEST(LoginRateLimiterCreate, RefusesLimitsAboveOneHundredOrZero) {
  FakeClock clock{TimePoint()};
  EXPECT_FALSE(LoginRateLimiter::Create(clock, {101, 100}).has_value());
  EXPECT_FALSE(LoginRateLimiter::Create(clock, {100, 101}).has_value());
  EXPECT_FALSE(LoginRateLimiter::Create(clock, {0, 100}).has_value());
  EXPECT_TRUE(LoginRateLimiter::Create(clock, {1, 100}).has_value());
}

TEST(LoginRateLimiterCreate, ConfiguredLowerLimitApplies) {
  FakeClock clock{TimePoint()};
  auto limiter = LoginRateLimiter::Create(clock, {3, 100}).value();
  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSERT_TRUE(limiter->BeginAttempt("ana", "::1").has_value());
  }
  EXPECT_FALSE(limiter->BeginAttempt("ana", "::1").has_value());
}

}  // namespace
}  // namespace tessera::http
