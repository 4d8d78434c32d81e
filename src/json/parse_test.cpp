#include "json/parse.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tessera {
namespace {

struct RefusedText {
  const char* text;
  const char* message;
};

TEST(ParseJson, RefusesWithPathAndRule) {
  const RefusedText cases[] = {
      {"", "plan.json: is empty; a JSON value is required"},
      {"  \n", "plan.json: is empty; a JSON value is required"},
      {"\xEF\xBB\xBF{}", "plan.json: starts with a UTF-8 byte-order mark"},
      {"{\"a\":1,}", "plan.json: malformed JSON at byte 8"},
      {R"({"total":30,"total":3})",
       "plan.json: total: appears twice; each member name may appear once"},
      {R"({"plan":{"phases":[{"name":"a"},{"name":"b"},{"name":"c","name":"d"}]}})",
       "plan.json: plan.phases[2].name: appears twice"},
      {R"([[{"x":1}],[{"y":1,"y":2}]])", "plan.json: [1][0].y: appears twice"},
  };
  for (const RefusedText& refused : cases) {
    const Result<nlohmann::json> parsed = ParseJson(refused.text, "plan.json");
    ASSERT_FALSE(parsed) << refused.text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_TRUE(parsed.error().message().starts_with(refused.message))
        << refused.text << " gave " << parsed.error().message();
  }
}

TEST(ParseJson, SameNameInSiblingObjectsIsNotADuplicate) {
  const Result<nlohmann::json> parsed =
      ParseJson(R"({"a":{"name":1},"b":{"name":2},"c":[{"name":3},{"name":4}]})");
  ASSERT_TRUE(parsed) << parsed.error().message();
  EXPECT_EQ((*parsed)["c"][1]["name"], 4);
}

TEST(ParseJson, LimitsNameWhereTheyWereExceeded) {
  const JsonLimits limits{.max_depth = 3, .max_array_length = 2, .max_string_bytes = 5};
  const RefusedText cases[] = {
      {R"({"a":{"b":{"c":{}}}})", "a.b.c: nested deeper than 3 levels"},
      {R"({"a":{"b":{"c":1}}})", ""},
      {R"({"list":[1,2,3]})", "list[2]: more than 2 elements"},
      {R"({"list":[1,2]})", ""},
      {R"({"name":"abcdef"})", "name: string longer than 5 bytes"},
      {R"({"name":"abcde"})", ""},
      {R"({"abcdef":1})", "abcdef: member name longer than 5 bytes"},
  };
  for (const RefusedText& refused : cases) {
    const Result<nlohmann::json> parsed = ParseJson(refused.text, {}, limits);
    if (std::string(refused.message).empty()) {
      EXPECT_TRUE(parsed) << refused.text << ": " << parsed.error().message();
      continue;
    }
    ASSERT_FALSE(parsed) << refused.text;
    EXPECT_EQ(parsed.error().message(), refused.message);
  }
}

TEST(ParseJson, AcceptsAnyValueAtTheTop) {
  for (const char* text : {"1", "\"x\"", "[]", "null", "{}"}) {
    EXPECT_TRUE(ParseJson(text)) << text;
  }
}

}  // namespace
}  // namespace tessera
