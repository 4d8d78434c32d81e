#include "http/message.hpp"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

TEST(ParseTarget, SplitsPathAndDecodesQuery) {
  const Target target = ParseTarget("/api/v1/clients?limit=10&name=Ana%20M+B").value();
  EXPECT_EQ(target.path, "/api/v1/clients");
  EXPECT_EQ(target.query.at("limit"), "10");
  EXPECT_EQ(target.query.at("name"), "Ana M B");
}

TEST(ParseTarget, RejectsBadInputNamingTheProblem) {
  const struct {
    const char* target;
    const char* message_part;
  } cases[] = {
      {"", "absolute path"},
      {"api/v1", "absolute path"},
      {"/x?limit=%zz", "'limit'"},
      {"/x?limit=%2", "'limit'"},
      {"/x%", "path"},
      {"/x?limit=1&limit=2", "more than once"},
  };
  for (const auto& test_case : cases) {
    const auto parsed = ParseTarget(test_case.target);
    ASSERT_FALSE(parsed.has_value()) << test_case.target;
    EXPECT_NE(parsed.error().message().find(test_case.message_part), std::string::npos)
        << parsed.error().message();
  }
}

TEST(FindCookie, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(FindCookie("a=1; __Host-tessera_session=abc; b=2", "__Host-tessera_session"), "abc");
  EXPECT_EQ(FindCookie("a=1", "__Host-tessera_session"), std::nullopt);
  EXPECT_EQ(FindCookie("x__Host-tessera_session=abc", "__Host-tessera_session"), std::nullopt);
}

TEST(Method, NamesRoundTripAndOnlyGetIsNotAWrite) {
  for (Method method :
       {Method::kGet, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
    EXPECT_EQ(ParseMethod(MethodName(method)), method);
    EXPECT_EQ(IsWrite(method), method != Method::kGet);
  }
  EXPECT_EQ(ParseMethod("TRACE"), std::nullopt);
}

}  // namespace
}  // namespace tessera::http
