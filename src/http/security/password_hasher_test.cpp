#include "http/security/password_hasher.hpp"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

// The minimum allowed parameters keep the tests fast; production defaults are higher.
PasswordHasher MinimumHasher() { return PasswordHasher::Create({19, 2}).value(); }

TEST(PasswordHasher, RefusesParametersBelowTheArgon2idMinimum) {
  const struct {
    PasswordHashParameters parameters;
    const char* message_part;
  } cases[] = {
      {{18, 2}, "at least 19 MiB"},
      {{19, 1}, "at least 2"},
      {{0, 3}, "at least 19 MiB"},
  };
  for (const auto& test_case : cases) {
    const auto hasher = PasswordHasher::Create(test_case.parameters);
    ASSERT_FALSE(hasher.has_value());
    EXPECT_EQ(hasher.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(hasher.error().message().find(test_case.message_part), std::string::npos)
        << hasher.error().message();
  }
  EXPECT_TRUE(PasswordHasher::Create({19, 2}).has_value());
}

TEST(PasswordHasher, HashIsArgon2idWithTheConfiguredCost) {
  const std::string hash = MinimumHasher().Hash("correct horse").value();
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << hash;
}

TEST(PasswordHasher, VerifiesTheRightPasswordOnly) {
  const PasswordHasher hasher = MinimumHasher();
  const std::string hash = hasher.Hash("correct horse").value();
  EXPECT_EQ(hasher.Verify("correct horse", hash), PasswordCheck::kMatches);
  EXPECT_EQ(hasher.Verify("correct horsf", hash), PasswordCheck::kDoesNotMatch);
  EXPECT_EQ(hasher.Verify("", hash), PasswordCheck::kDoesNotMatch);
}

TEST(PasswordHasher, SaltsEachHash) {
  const PasswordHasher hasher = MinimumHasher();
  EXPECT_NE(hasher.Hash("same").value(), hasher.Hash("same").value());
}

TEST(PasswordHasher, RejectsEmptyPasswordsAndForeignOrBrokenHashes) {
  const PasswordHasher hasher = MinimumHasher();
  EXPECT_EQ(hasher.Hash("").error().code(), ErrorCode::kInvalidArgument);
  std::string hash = hasher.Hash("secret").value();
  std::string argon2i = hash;
  argon2i.replace(0, 10, "$argon2i$");  // a weaker variant: never accepted
  EXPECT_EQ(hasher.Verify("secret", argon2i), PasswordCheck::kDoesNotMatch);
  EXPECT_EQ(hasher.Verify("secret", "plain secret"), PasswordCheck::kDoesNotMatch);
  hash.back() = hash.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(hasher.Verify("secret", hash), PasswordCheck::kDoesNotMatch);
}

TEST(PasswordHasher, NeedsRehashWhenParametersWereRaised) {
  const std::string weak = MinimumHasher().Hash("secret").value();
  const PasswordHasher stronger = PasswordHasher::Create({20, 3}).value();
  EXPECT_TRUE(stronger.NeedsRehash(weak));
  EXPECT_FALSE(MinimumHasher().NeedsRehash(weak));
  EXPECT_EQ(stronger.Verify("secret", weak), PasswordCheck::kMatches);
}

TEST(PasswordHasher, UnguessableHashHasTheSameParametersAsRealOnes) {
  const PasswordHasher hasher = MinimumHasher();
  const std::string dummy = hasher.HashOfUnguessablePassword().value();
  const std::string real = hasher.Hash("x").value();
  EXPECT_EQ(dummy.substr(0, dummy.rfind('$', dummy.rfind('$') - 1)),
            real.substr(0, real.rfind('$', real.rfind('$') - 1)));
  EXPECT_FALSE(hasher.NeedsRehash(dummy));
}

}  // namespace
}  // namespace tessera::http
