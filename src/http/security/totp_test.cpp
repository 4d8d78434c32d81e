#include "http/security/totp.hpp"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

std::vector<std::uint8_t> Bytes(std::string_view text) { return {text.begin(), text.end()}; }

TimePoint At(std::int64_t seconds) { return TimePoint(std::chrono::seconds(seconds)); }

// RFC 6238 Appendix B: 8-digit codes, 30-second steps, the RFC's ASCII seeds. The RFC's last
// vector (T = 20000000000 s, year 2603) is left out: system_clock's nanosecond time_point ends
// in 2262, so that time cannot be represented.
TEST(Totp, MatchesRfc6238TestVectors) {
  const auto sha1_seed = Bytes("12345678901234567890");
  const auto sha256_seed = Bytes("12345678901234567890123456789012");
  const auto sha512_seed =
      Bytes("1234567890123456789012345678901234567890123456789012345678901234");
  struct Case {
    std::int64_t time;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Case cases[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.time);
    EXPECT_EQ(TotpCode(sha1_seed, At(test_case.time), {TotpAlgorithm::kSha1, 8}), test_case.sha1);
    EXPECT_EQ(TotpCode(sha256_seed, At(test_case.time), {TotpAlgorithm::kSha256, 8}),
              test_case.sha256);
    EXPECT_EQ(TotpCode(sha512_seed, At(test_case.time), {TotpAlgorithm::kSha512, 8}),
              test_case.sha512);
  }
}

TEST(Totp, SixDigitCodeIsTheLastSixDigitsOfTheEightDigitOne) {
  const auto seed = Bytes("12345678901234567890");
  EXPECT_EQ(TotpCode(seed, At(59)), "287082");
  EXPECT_EQ(TotpCode(seed, At(1111111109)), "081804");  // keeps the leading zero
}

TEST(Totp, MatchAcceptsOneStepOfDriftEitherSideAndNoMore) {
  const auto seed = Bytes("12345678901234567890");
  const TimePoint now = At(1111111109);  // step 37037036
  const std::string previous = TotpCode(seed, now - std::chrono::seconds(30));
  const std::string next = TotpCode(seed, now + std::chrono::seconds(30));
  const std::string two_back = TotpCode(seed, now - std::chrono::seconds(60));
  EXPECT_EQ(MatchTotp(seed, TotpCode(seed, now), now), 37037036);
  EXPECT_EQ(MatchTotp(seed, previous, now), 37037035);
  EXPECT_EQ(MatchTotp(seed, next, now), 37037037);
  EXPECT_EQ(MatchTotp(seed, two_back, now), std::nullopt);
}

TEST(Totp, MatchRejectsWrongLengthAndWrongCodes) {
  const auto seed = Bytes("12345678901234567890");
  EXPECT_EQ(MatchTotp(seed, "28708", At(59)), std::nullopt);
  EXPECT_EQ(MatchTotp(seed, "2870820", At(59)), std::nullopt);
  EXPECT_EQ(MatchTotp(seed, "000000", At(59)), std::nullopt);
  EXPECT_EQ(MatchTotp({}, "287082", At(59)), std::nullopt);
}

TEST(Base32, RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(EncodeBase32(Bytes("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(EncodeBase32(Bytes("foobar")), "MZXW6YTBOI");  // RFC 4648 section 10, unpadded
  const auto decoded = DecodeBase32("mzxw 6ytb oi======");
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, Bytes("foobar"));
  const auto secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 20u);
  EXPECT_EQ(DecodeBase32(EncodeBase32(secret)).value(), secret);
}

TEST(Base32, RejectsCharactersOutsideTheAlphabetNamingThem) {
  const auto decoded = DecodeBase32("MZXW1");
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message().find("'1'"), std::string::npos);
  EXPECT_FALSE(DecodeBase32("").has_value());
}

}  // namespace
}  // namespace tessera::http
