// Replacing an enrolled TOTP factor (POST /api/v1/me/totp with current_code) proves the current
// factor, like removing it does: every such check counts against the login rate limiter, so a
// stolen session cannot guess the 6-digit code of the enrolled factor by brute force.

#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "http/security/totp.hpp"
#include "http/testing/store_test_stack.hpp"

namespace tessera::http {
namespace {

// A six-digit code that the secret does not accept now.
std::string WrongCode(const std::vector<std::uint8_t>& secret, TimePoint now) {
  for (int candidate = 0;; ++candidate) {
    std::string code = std::to_string(candidate);
    code.insert(0, 6 - code.size(), '0');
    if (!MatchTotp(secret, code, now)) return code;
  }
}

TEST(TotpEnrolmentLimitTest, GuessesOfTheEnrolledCodeAreRateLimited) {
  testing::StoreTestStack stack;
  ASSERT_TRUE(stack.routes_added);
  stack.AddUser("admin", Role::kAdmin);
  const UserId member = stack.AddUser("member", Role::kClinician);
  const std::string token = stack.OpenSession(member).token;
  const auto enrol = [&](const nlohmann::json& body) {
    Request request = testing::StoreTestStack::Make(Method::kPost, "/api/v1/me/totp", body.dump());
    request.headers["authorization"] = "Bearer " + token;
    return stack.dispatcher->Handle(request);
  };
  const TimePoint now = stack.clock.Now();
  const std::vector<std::uint8_t> enrolled = NewTotpSecret();
  ASSERT_EQ(enrol({{"secret", EncodeBase32(enrolled)}, {"code", TotpCode(enrolled, now)}}).status,
            200);

  const std::vector<std::uint8_t> replacement = NewTotpSecret();
  const nlohmann::json guess = {{"secret", EncodeBase32(replacement)},
                                {"code", TotpCode(replacement, now)},
                                {"current_code", WrongCode(enrolled, now)}};
  // Five guesses from one address, then that address waits (login_rate_limiter.hpp).
  for (std::size_t attempt = 0; attempt < 5; ++attempt) {
    ASSERT_EQ(enrol(guess).status, 400) << "attempt " << attempt;
  }
  EXPECT_EQ(stack.limiter->FailuresForAccount("member"), 5u);
  const Response slowed = enrol(guess);
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(stack.limiter->FailuresForAccount("member"), 5u);  // a refusal is not counted
  // At the limit even the right code is refused: the guesser learns nothing more.
  nlohmann::json right = guess;
  right["current_code"] = TotpCode(enrolled, now);
  EXPECT_EQ(enrol(right).status, 429);
}

TEST(TotpEnrolmentLimitTest, ARightCurrentCodeIsNotCountedAsAFailure) {
  testing::StoreTestStack stack;
  ASSERT_TRUE(stack.routes_added);
  stack.AddUser("admin", Role::kAdmin);
  const UserId member = stack.AddUser("member", Role::kClinician);
  const std::string token = stack.OpenSession(member).token;
  const auto enrol = [&](const nlohmann::json& body) {
    Request request = testing::StoreTestStack::Make(Method::kPost, "/api/v1/me/totp", body.dump());
    request.headers["authorization"] = "Bearer " + token;
    return stack.dispatcher->Handle(request).status;
  };
  const TimePoint now = stack.clock.Now();
  const std::vector<std::uint8_t> first = NewTotpSecret();
  ASSERT_EQ(enrol({{"secret", EncodeBase32(first)}, {"code", TotpCode(first, now)}}), 200);
  const std::vector<std::uint8_t> second = NewTotpSecret();
  EXPECT_EQ(enrol({{"secret", EncodeBase32(second)},
                   {"code", TotpCode(second, now)},
                   {"current_code", TotpCode(first, now)}}),
            200);
  EXPECT_EQ(stack.limiter->FailuresForAccount("member"), 0u);
}

}  // namespace
}  // namespace tessera::http
