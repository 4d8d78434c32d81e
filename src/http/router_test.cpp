#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/error_response.hpp"

namespace tessera::http {
namespace {

Handler Answer(std::string text) {
  return [text](const HandlerContext&) -> Result<Response> { return JsonResponse(200, text); };
}

Route Make(Method method, std::string pattern, std::string answer = "{}") {
  return {method, std::move(pattern), Authentication::kSession, {Role::kClinician}, "a route",
          RequestBody::kNone, Answer(std::move(answer))};
}

TEST(RouteTable, ValidatesRoutesWhenAdded) {
  RouteTable table;
  const struct {
    Route route;
    const char* message_part;
  } cases[] = {
      {Make(Method::kGet, "api"), "must start with '/'"},
      {Make(Method::kGet, "/api/"), "not end with '/'"},
      {Make(Method::kGet, "/api//x"), "empty segment"},
      {Make(Method::kGet, "/api/{Client}"), "{lower_case_name}"},
      {Make(Method::kGet, "/api/x{id}"), "{lower_case_name}"},
      {{Method::kGet, "/a", Authentication::kSession, {}, "s", RequestBody::kNone, Answer("")},
       "must name the roles"},
      {{Method::kGet, "/a", Authentication::kPublic, {Role::kAdmin}, "s", RequestBody::kNone,
        Answer("")},
       "cannot require roles"},
      {{Method::kGet, "/a", Authentication::kPublic, {}, "", RequestBody::kNone, Answer("")},
       "no summary"},
      {{Method::kGet, "/a", Authentication::kPublic, {}, "s", RequestBody::kNone, nullptr},
       "exactly one of handler and async_handler"},
      {{Method::kGet, "/a", Authentication::kPublic, {}, "s", RequestBody::kNone, Answer(""),
        [](const HandlerContext&, Responder) {}},
       "exactly one of handler and async_handler"},
      {{Method::kPost, "/a", Authentication::kPublic, {}, "s", RequestBody::kJson, Answer(""), {},
        "{not json"},
       "schema"},
  };
  for (const auto& test_case : cases) {
    const Status added = table.Add(test_case.route);
    ASSERT_FALSE(added.has_value()) << test_case.route.pattern;
    EXPECT_NE(added.error().message().find(test_case.message_part), std::string::npos)
        << added.error().message();
  }
  EXPECT_TRUE(table.routes().empty());
}

TEST(RouteTable, RefusesDuplicatesEvenWithOtherParameterNames) {
  RouteTable table;
  ASSERT_TRUE(table.Add(Make(Method::kGet, "/clients/{client_id}")).has_value());
  EXPECT_EQ(table.Add(Make(Method::kGet, "/clients/{id}")).error().code(),
            ErrorCode::kAlreadyExists);
  EXPECT_TRUE(table.Add(Make(Method::kPut, "/clients/{client_id}")).has_value());
}

TEST(RouteTable, MatchesParametersAndPrefersLiteralSegments) {
  RouteTable table;
  ASSERT_TRUE(table.Add(Make(Method::kGet, "/clients/{client_id}", "one")).has_value());
  ASSERT_TRUE(table.Add(Make(Method::kGet, "/clients/mine", "mine")).has_value());
  ASSERT_TRUE(table.Add(Make(Method::kGet, "/clients/{client_id}/notes/{note_id}")).has_value());

  const auto one = table.Find(Method::kGet, "/clients/42");
  ASSERT_EQ(one.outcome, RouteTable::Outcome::kFound);
  EXPECT_EQ(one.params.at("client_id"), "42");
  EXPECT_EQ(one.route->pattern, "/clients/{client_id}");

  EXPECT_EQ(table.Find(Method::kGet, "/clients/mine").route->pattern, "/clients/mine");

  const auto note = table.Find(Method::kGet, "/clients/7/notes/9");
  ASSERT_EQ(note.outcome, RouteTable::Outcome::kFound);
  EXPECT_EQ(note.params.at("client_id"), "7");
  EXPECT_EQ(note.params.at("note_id"), "9");

  EXPECT_EQ(table.Find(Method::kGet, "/clients").outcome, RouteTable::Outcome::kNoSuchPath);
  EXPECT_EQ(table.Find(Method::kGet, "/clients/7/notes").outcome,
            RouteTable::Outcome::kNoSuchPath);
  EXPECT_EQ(table.Find(Method::kGet, "/clients//notes/9").outcome,
            RouteTable::Outcome::kNoSuchPath);
}

TEST(RouteTable, ReportsAllowedMethodsForAKnownPath) {
  RouteTable table;
  ASSERT_TRUE(table.Add(Make(Method::kGet, "/clients/{client_id}")).has_value());
  ASSERT_TRUE(table.Add(Make(Method::kPut, "/clients/{client_id}")).has_value());
  const auto match = table.Find(Method::kDelete, "/clients/3");
  EXPECT_EQ(match.outcome, RouteTable::Outcome::kMethodNotAllowed);
  EXPECT_EQ(match.allowed, (std::vector<Method>{Method::kGet, Method::kPut}));
}

TEST(PathId, AcceptsPositiveWholeNumbersOnly) {
  EXPECT_EQ(PathId({{"client_id", "42"}}, "client_id").value(), 42);
  for (const char* bad : {"0", "-3", "4x", "", "99999999999999999999"}) {
    const auto id = PathId({{"client_id", bad}}, "client_id");
    ASSERT_FALSE(id.has_value()) << bad;
    EXPECT_EQ(id.error().message(), "path parameter 'client_id' must be a positive whole number");
  }
}

}  // namespace
}  // namespace tessera::http
