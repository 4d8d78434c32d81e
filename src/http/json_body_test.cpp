#include "http/json_body.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

std::string Nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string ArrayOf(std::size_t length) {
  std::string text = "[";
  for (std::size_t element = 0; element < length; ++element) text += element ? ",1" : "1";
  return text + "]";
}

TEST(ParseJsonBody, DepthLimitIsInclusive) {
  const JsonLimits limits{.max_depth = 32};
  EXPECT_TRUE(ParseJsonBody(Nested(32), limits).has_value());
  const auto too_deep = ParseJsonBody(Nested(33), limits);
  ASSERT_FALSE(too_deep.has_value());
  EXPECT_NE(too_deep.error().message().find("nested deeper than 32 levels"), std::string::npos);
  // Far deeper than any stack could hold if parsing recursed: refused, not crashed.
  EXPECT_FALSE(ParseJsonBody(Nested(1000000), limits).has_value());
}

TEST(ParseJsonBody, ArrayLengthLimitIsInclusive) {
  const JsonLimits limits{.max_array_length = 100};
  EXPECT_TRUE(ParseJsonBody(ArrayOf(100), limits).has_value());
  const auto too_long = ParseJsonBody(R"({"answers":)" + ArrayOf(101) + "}", limits);
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().message(), "request body: answers[100]: more than 100 elements");
}

TEST(ParseJsonBody, StringLengthLimit) {
  const JsonLimits limits{.max_string_bytes = 16};
  EXPECT_TRUE(ParseJsonBody(R"({"a":"0123456789abcdef"})", limits).has_value());
  EXPECT_FALSE(ParseJsonBody(R"({"a":"0123456789abcdefg"})", limits).has_value());
  EXPECT_FALSE(ParseJsonBody(R"({"0123456789abcdefg":1})", limits).has_value());
}

TEST(ParseJsonBody, MalformedJsonNamesTheByteOffset) {
  const struct {
    const char* body;
    const char* message_part;
  } cases[] = {
      {"{", "malformed JSON at byte 2"}, {R"({"a":1,})", "malformed JSON at byte 8"},
      {"nul", "malformed JSON"},         {R"({"a":1} trailing)", "malformed JSON at byte 11"},
      {"", "request body: is empty"},
  };
  for (const auto& test_case : cases) {
    const auto parsed = ParseJsonBody(test_case.body, {});
    ASSERT_FALSE(parsed.has_value()) << test_case.body;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message().find(test_case.message_part), std::string::npos)
        << parsed.error().message();
  }
}

TEST(ParseJsonBody, DuplicateMemberNamesAreRefusedByName) {
  const auto twice = ParseJsonBody(R"({"total":30,"total":3})", {});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(twice.error().message(),
            "request body: total: appears twice; each member name may appear once");
  // Nested objects too; the same name in sibling or nested objects is fine.
  EXPECT_FALSE(ParseJsonBody(R"({"a":{"b":1,"c":2,"b":1}})", {}).has_value());
  EXPECT_TRUE(ParseJsonBody(R"({"a":{"b":1},"c":{"b":1},"b":[{"b":1},{"b":2}]})", {}).has_value());
  // Names are compared after unescaping: "\u0074otal" is "total".
  EXPECT_FALSE(ParseJsonBody(R"({"total":1,"\u0074otal":2})", {}).has_value());
}

TEST(ParseJsonBody, AByteOrderMarkIsRefusedSayingWhy) {
  const auto parsed = ParseJsonBody("\xEF\xBB\xBF{\"a\":1}", {});
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message().find("byte-order mark"), std::string::npos);
  EXPECT_NE(parsed.error().message().find("RFC 8259"), std::string::npos);
}

TEST(RequireOnlyFields, NamesTheUnknownField) {
  const auto body = nlohmann::json::parse(R"({"username":"a","pasword":"x"})");
  const Status status = RequireOnlyFields(body, {"username", "password"});
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().message(), "pasword: unknown field (allowed here: username, password)");
  EXPECT_FALSE(RequireOnlyFields(nlohmann::json::array(), {}).has_value());
}

TEST(RequireString, NamesMissingAndMistypedFields) {
  const auto body = nlohmann::json::parse(R"({"username":5})");
  EXPECT_EQ(RequireString(body, "username").error().message(), "username: expected a string");
  EXPECT_EQ(RequireString(body, "password").error().message(), "password: required");
}

}  // namespace
}  // namespace tessera::http
