#include "http/security/authenticator.hpp"

#include <gtest/gtest.h>

#include "http/security/totp.hpp"

namespace tessera::http {
namespace {

// Wraps the real hasher and records every hash it is asked to verify against.
class RecordingVerifier final : public PasswordVerifier {
 public:
  explicit RecordingVerifier(const PasswordHasher& hasher) : hasher_(hasher) {}
  PasswordCheck Verify(std::string_view password, const std::string& hash) const override {
    verified_.push_back(hash);
    return hasher_.Verify(password, hash);
  }
  mutable std::vector<std::string> verified_;

 private:
  const PasswordHasher& hasher_;
};

// "$argon2id$v=19$m=19456,t=2,p=1$salt$hash" -> "$argon2id$v=19$m=19456,t=2,p=1"
std::string CostPrefix(const std::string& hash) {
  return hash.substr(0, hash.rfind('$', hash.rfind('$') - 1));
}

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ana_ = users_.Add("ana", Role::kClinician, hasher_.Hash("ana's password").value()).value();
    admin_ = users_
                 .Add("root", Role::kAdmin, hasher_.Hash("admin password").value(),
                      EncodeBase32(totp_secret_))
                 .value();
    users_.Add("plainadmin", Role::kAdmin, hasher_.Hash("admin password").value()).value();
  }
  Authenticator Make(AdminTotpPolicy policy = AdminTotpPolicy::kOptional) {
    return Authenticator({users_, sessions_, *limiter_, history_, verifier_, clock_,
                          hasher_.HashOfUnguessablePassword().value(), policy});
  }
  LoginAttempt Attempt(std::string user, std::string password, std::string code = {}) {
    return {std::move(user), std::move(password), std::move(code), "192.0.2.7"};
  }

  FakeClock clock_{TimePoint(std::chrono::seconds(1700000000))};
  PasswordHasher hasher_ = PasswordHasher::Create({19, 2}).value();
  RecordingVerifier verifier_{hasher_};
  InMemoryUserDirectory users_;
  InMemorySessionStore store_;
  SessionManager sessions_{store_, users_, clock_, SessionTimeouts{}};
  InMemoryLoginHistory history_{clock_};
  std::unique_ptr<LoginRateLimiter> limiter_ =
      LoginRateLimiter::Create(clock_, {}, history_).value();
  // A fixed secret keeps the test deterministic (no chance that "000000" is a valid code).
  std::vector<std::uint8_t> totp_secret_ = DecodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").value();
  UserId ana_, admin_;
};

TEST_F(AuthenticatorTest, RightPasswordOpensASession) {
  Authenticator authenticator = Make();
  const LoginSuccess success =
      std::get<LoginSuccess>(authenticator.Login(Attempt("ana", "ana's password")).value());
  EXPECT_EQ(success.user_id, ana_);
  EXPECT_EQ(success.role, Role::kClinician);
  EXPECT_TRUE(sessions_.Authenticate(success.session.token, CredentialKind::kBearer).has_value());
  EXPECT_EQ(limiter_->FailuresForAccount("ana"), 0u);
}

TEST_F(AuthenticatorTest, UnknownUserWrongPasswordAndDisabledAccountAreIndistinguishable) {
  Authenticator authenticator = Make();
  ASSERT_TRUE(users_.SetStatus(admin_, AccountStatus::kDisabled).has_value());
  const Error unknown = authenticator.Login(Attempt("nobody", "ana's password")).error();
  const Error wrong = authenticator.Login(Attempt("ana", "not it")).error();
  const Error disabled = authenticator.Login(Attempt("root", "admin password")).error();
  EXPECT_EQ(unknown, wrong);
  EXPECT_EQ(wrong, disabled);
  EXPECT_EQ(unknown.code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.message(), kLoginFailedMessage);
}

TEST_F(AuthenticatorTest, UnknownUserCostsOneFullVerificationWithTheSameParameters) {
  Authenticator authenticator = Make();
  ASSERT_FALSE(authenticator.Login(Attempt("nobody", "guess")).has_value());
  ASSERT_FALSE(authenticator.Login(Attempt("ana", "guess")).has_value());
  ASSERT_EQ(verifier_.verified_.size(), 2u);
  const std::string& dummy = verifier_.verified_[0];
  const std::string& real = verifier_.verified_[1];
  EXPECT_NE(dummy, real);
  // Same algorithm, memory and passes, so the same work and time as a real user's check.
  EXPECT_EQ(CostPrefix(dummy), CostPrefix(real));
  EXPECT_EQ(CostPrefix(dummy), "$argon2id$v=19$m=19456,t=2,p=1");
}

TEST_F(AuthenticatorTest, AccountCeilingStopsTheRightPasswordFromAnUnknownAddress) {
  Authenticator authenticator = Make();
  for (int attempt = 0; attempt < 100; ++attempt) {
    ASSERT_FALSE(*limiter_->BeginAttempt("ana", "198.51.100." + std::to_string(attempt)));
  }
  const auto result = authenticator.Login(Attempt("ana", "ana's password"));
  ASSERT_TRUE(result.has_value());
  ASSERT_TRUE(std::holds_alternative<LoginDelay>(*result));
  EXPECT_EQ(std::get<LoginDelay>(*result).retry_after, std::chrono::hours(1));
  EXPECT_TRUE(verifier_.verified_.empty());  // refused before any hashing work
}

TEST_F(AuthenticatorTest, AccountCeilingOnlySlowsAnAddressTheOwnerLoggedInFromBefore) {
  Authenticator authenticator = Make();
  ASSERT_TRUE(std::holds_alternative<LoginSuccess>(
      *authenticator.Login(Attempt("ana", "ana's password"))));  // from 192.0.2.7
  for (int attempt = 0; attempt < 100; ++attempt) {
    ASSERT_FALSE(*limiter_->BeginAttempt("ana", "198.51.100." + std::to_string(attempt)));
  }
  EXPECT_TRUE(
      std::holds_alternative<LoginSuccess>(*authenticator.Login(Attempt("ana", "ana's password"))));
}

TEST_F(AuthenticatorTest, UnknownUsersAreRateLimitedLikeKnownOnes) {
  Authenticator authenticator = Make();
  for (int attempt = 0; attempt < 100; ++attempt) {
    ASSERT_FALSE(*limiter_->BeginAttempt("ghost", "198.51.100." + std::to_string(attempt)));
  }
  EXPECT_TRUE(std::holds_alternative<LoginDelay>(*authenticator.Login(Attempt("ghost", "x"))));
}

TEST_F(AuthenticatorTest, LoginsAndFailedLoginsAreRecorded) {
  Authenticator authenticator = Make();
  ASSERT_FALSE(authenticator.Login(Attempt("nobody", "guess")).has_value());
  ASSERT_FALSE(authenticator.Login(Attempt("ana", "guess")).has_value());
  ASSERT_FALSE(authenticator.Login(Attempt("root", "admin password")).has_value());  // no code
  ASSERT_TRUE(authenticator.Login(Attempt("ana", "ana's password")).has_value());
  ASSERT_TRUE(authenticator.RecordLogout(ana_).has_value());
  const auto events = history_.events();
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].event, LoginEvent::kLoginFailure);
  EXPECT_FALSE(events[0].account.has_value());
  EXPECT_EQ(events[1].account, ana_);
  EXPECT_EQ(events[2].event, LoginEvent::kLoginFailure);
  EXPECT_EQ(events[2].account, admin_);
  EXPECT_EQ(events[3].event, LoginEvent::kLogin);
  EXPECT_EQ(events[4].event, LoginEvent::kLogout);
}

TEST_F(AuthenticatorTest, EnrolledTotpIsRequiredCheckedAndNotReplayable) {
  Authenticator authenticator = Make();
  const auto missing = authenticator.Login(Attempt("root", "admin password"));
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_NE(missing.error().message().find("totp_code"), std::string::npos);
  const std::string code = TotpCode(totp_secret_, clock_.Now());
  const std::string wrong_code = code == "000000" ? "111111" : "000000";
  EXPECT_FALSE(authenticator.Login(Attempt("root", "admin password", wrong_code)).has_value());
  EXPECT_TRUE(authenticator.Login(Attempt("root", "admin password", code)).has_value());
  const auto replay = authenticator.Login(Attempt("root", "admin password", code));
  ASSERT_FALSE(replay.has_value());
  EXPECT_NE(replay.error().message().find("already used"), std::string::npos);
  clock_.Advance(std::chrono::seconds(30));
  EXPECT_TRUE(
      authenticator.Login(Attempt("root", "admin password", TotpCode(totp_secret_, clock_.Now())))
          .has_value());
}

TEST_F(AuthenticatorTest, TotpIsNotCheckedBeforeThePassword) {
  Authenticator authenticator = Make();
  const std::string code = TotpCode(totp_secret_, clock_.Now());
  EXPECT_EQ(authenticator.Login(Attempt("root", "wrong", code)).error().message(),
            kLoginFailedMessage);
}

TEST_F(AuthenticatorTest, AdminsWithoutTotpAreRefusedWhenPolicyRequiresIt) {
  Authenticator optional = Make(AdminTotpPolicy::kOptional);
  EXPECT_TRUE(optional.Login(Attempt("plainadmin", "admin password")).has_value());
  Authenticator required = Make(AdminTotpPolicy::kRequired);
  EXPECT_EQ(required.Login(Attempt("plainadmin", "admin password")).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(required.Login(Attempt("ana", "ana's password")).has_value());
}

}  // namespace
}  // namespace tessera::http
