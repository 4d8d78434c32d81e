#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/error_response.hpp"

namespace tessera::http {
namespace {

Handler Answer(std::string text) {
  return [text](const HandlerContext&) -> Result<Response> { return JsonResponse(200, text); };
}

Route Make(Method method, std::string pattern, std::string answer = "{}") {
  return {method,    std::move(pattern), Authentication::kSession, {Role::kClinician},
          "a route", RequestBody::kNone, Answer(std::move(answer))};
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
      {{Method::kGet,
        "/a",
        Authentication::kPublic,
        {Role::kAdmin},
        "s",
        RequestBody::kNone,
        Answer("")},
       "cannot require roles"},
      {{Method::kGet, "/a", Authentication::kPublic, {}, "", RequestBody::kNone, Answer("")},
       "no summary"},
      {{Method::kGet, "/a", Authentication::kPublic, {}, "s", RequestBody::kNone, nullptr},
       "exactly one of handler and async_handler"},
      {{Method::kGet,
        "/a",
        Authentication::kPublic,
        {},
        "s",
        RequestBody::kNone,
        Answer(""),
        [](const HandlerContext&, Responder) {}},
       "exactly one of handler and async_handler"},
      {{Method::kPost,
        "/a",
        Authentication::kPublic,
        {},
        "s",
        RequestBody::kJson,
        Answer(""),
        {},
        "{not json"},
       "schema"},
      {{Method::kPost,
        "/a",
        Authentication::kPublic,
        {},
        "s",
        RequestBody::kJson,
        Answer(""),
        {},
        "NoSuchComponent"},
       "'NoSuchComponent' is not a file in src/http/schemas/"},
      {{Method::kGet,
        "/a",
        Authentication::kPublic,
        {},
        "s",
        RequestBody::kNone,
        Answer(""),
        {},
        "",
        {PagedReply("Nothing")}},
       "200 response schema 'Nothing'"},
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
  EXPECT_EQ(table.Find(Method::kGet, "/clients/7/notes").outcome, RouteTable::Outcome::kNoSuchPath);
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

// Overlapping patterns, in this order (the index is the position in the table).
RouteTable PriorityTable() {
  RouteTable table;
  for (const auto& [method, pattern] : std::vector<std::pair<Method, const char*>>{
           {Method::kGet, "/clients/{client_id}"},                  // 0
           {Method::kGet, "/clients/mine"},                         // 1
           {Method::kPut, "/clients/{client_id}"},                  // 2
           {Method::kGet, "/clients/{client_id}/notes/{note_id}"},  // 3
           {Method::kGet, "/a/{x}/c"},                              // 4
           {Method::kGet, "/a/b/{y}"},                              // 5
           {Method::kPost, "/a/b/c"},                               // 6
           {Method::kDelete, "/clients/mine"},                      // 7
           {Method::kGet, "/"},                                     // 8
           {Method::kGet, "/{page}"},                               // 9
       }) {
    EXPECT_TRUE(table.Add(Make(method, pattern)).has_value()) << pattern;
  }
  return table;
}

TEST(RouteTable, PicksByLiteralsThenTableOrderAndListsEveryMatchingMethod) {
  const RouteTable table = PriorityTable();
  using Outcome = RouteTable::Outcome;
  const struct {
    Method method;
    const char* path;
    Outcome outcome;
    int route;  // index in PriorityTable when kFound
    PathParams params;
    std::vector<Method> allowed;  // when kMethodNotAllowed
  } cases[] = {
      {Method::kGet, "/", Outcome::kFound, 8, {}, {}},
      {Method::kGet, "", Outcome::kFound, 8, {}, {}},
      {Method::kGet, "/x", Outcome::kFound, 9, {{"page", "x"}}, {}},
      {Method::kGet, "/clients", Outcome::kFound, 9, {{"page", "clients"}}, {}},
      {Method::kGet, "/clients/42", Outcome::kFound, 0, {{"client_id", "42"}}, {}},
      {Method::kGet, "/clients/mine", Outcome::kFound, 1, {}, {}},
      {Method::kPut, "/clients/mine", Outcome::kFound, 2, {{"client_id", "mine"}}, {}},
      {Method::kDelete, "/clients/mine", Outcome::kFound, 7, {}, {}},
      {Method::kGet,
       "/clients/{client_id}",
       Outcome::kFound,
       0,
       {{"client_id", "{client_id}"}},
       {}},
      {Method::kDelete,
       "/clients/42",
       Outcome::kMethodNotAllowed,
       -1,
       {},
       {Method::kGet, Method::kPut}},
      {Method::kPost,
       "/clients/mine",
       Outcome::kMethodNotAllowed,
       -1,
       {},
       {Method::kGet, Method::kGet, Method::kPut, Method::kDelete}},
      // Two patterns with two literals each: the one added first wins.
      {Method::kGet, "/a/b/c", Outcome::kFound, 4, {{"x", "b"}}, {}},
      {Method::kGet, "/a/b/d", Outcome::kFound, 5, {{"y", "d"}}, {}},
      {Method::kGet, "/a/z/c", Outcome::kFound, 4, {{"x", "z"}}, {}},
      {Method::kPost, "/a/b/c", Outcome::kFound, 6, {}, {}},
      {Method::kDelete,
       "/a/b/c",
       Outcome::kMethodNotAllowed,
       -1,
       {},
       {Method::kGet, Method::kGet, Method::kPost}},
      {Method::kPost, "/a/z/c", Outcome::kMethodNotAllowed, -1, {}, {Method::kGet}},
      {Method::kGet,
       "/clients/7/notes/9",
       Outcome::kFound,
       3,
       {{"client_id", "7"}, {"note_id", "9"}},
       {}},
      {Method::kGet, "/clients/7/notes/9/x", Outcome::kNoSuchPath, -1, {}, {}},
      {Method::kGet, "/clients/7/notes/", Outcome::kNoSuchPath, -1, {}, {}},
      {Method::kGet, "/a/b/", Outcome::kNoSuchPath, -1, {}, {}},
      {Method::kGet, "//", Outcome::kNoSuchPath, -1, {}, {}},
      {Method::kGet, "/clients//", Outcome::kNoSuchPath, -1, {}, {}},
      {Method::kPost, "/nothing/here", Outcome::kNoSuchPath, -1, {}, {}},
  };
  for (const auto& test_case : cases) {
    SCOPED_TRACE(std::string(MethodName(test_case.method)) + " '" + test_case.path + "'");
    const RouteTable::Match match = table.Find(test_case.method, test_case.path);
    EXPECT_EQ(match.outcome, test_case.outcome);
    if (test_case.outcome == Outcome::kFound) {
      ASSERT_NE(match.route, nullptr);
      EXPECT_EQ(match.route, &table.routes()[static_cast<std::size_t>(test_case.route)]);
      EXPECT_EQ(match.params, test_case.params);
      EXPECT_TRUE(match.allowed.empty());
    } else {
      EXPECT_EQ(match.route, nullptr);
      EXPECT_TRUE(match.params.empty());
    }
    EXPECT_EQ(match.allowed, test_case.allowed);
  }
}

// The plain definition Find must agree with: compare the path with every pattern in table order.
RouteTable::Match ScanEveryPattern(const RouteTable& table, Method method, std::string_view path) {
  const std::vector<std::string_view> segments = SplitPath(path);
  RouteTable::Match match;
  int best_literals = -1;
  for (const Route& route : table.routes()) {
    const std::vector<std::string_view> pattern = SplitPath(route.pattern);
    if (pattern.size() != segments.size()) continue;
    bool fits = true;
    int literals = 0;
    PathParams params;
    for (std::size_t index = 0; index < segments.size() && fits; ++index) {
      const bool parameter = pattern[index].front() == '{';
      if (parameter) {
        fits = !segments[index].empty();
        params.emplace(std::string(pattern[index].substr(1, pattern[index].size() - 2)),
                       std::string(segments[index]));
      } else {
        fits = pattern[index] == segments[index];
        ++literals;
      }
    }
    if (!fits) continue;
    if (route.method != method) {
      match.allowed.push_back(route.method);
    } else if (literals > best_literals) {
      best_literals = literals;
      match.route = &route;
      match.params = std::move(params);
    }
  }
  if (match.route != nullptr) {
    match.outcome = RouteTable::Outcome::kFound;
    match.allowed.clear();
  } else if (!match.allowed.empty()) {
    match.outcome = RouteTable::Outcome::kMethodNotAllowed;
  }
  return match;
}

TEST(RouteTable, AgreesWithAScanOfEveryPatternForPathsBuiltFromThePatterns) {
  const RouteTable table = PriorityTable();
  // Each pattern with its parameters filled by values that collide with other literals, and
  // with a segment added, removed or emptied.
  std::vector<std::string> paths{"", "/", "//", "/a", "/a/b", "/a/b/c/d"};
  for (const Route& route : table.routes()) {
    for (const char* value : {"b", "c", "mine", "notes", "7", "{x}"}) {
      std::string path;
      for (std::string_view segment : SplitPath(route.pattern)) {
        path += '/';
        path += segment.front() == '{' ? std::string_view(value) : segment;
      }
      paths.push_back(path);
      paths.push_back(path + "/");
      paths.push_back(path + "/x");
      paths.push_back(path.substr(0, path.rfind('/')));
    }
  }
  for (const std::string& path : paths) {
    for (Method method :
         {Method::kGet, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete}) {
      SCOPED_TRACE(std::string(MethodName(method)) + " '" + path + "'");
      const RouteTable::Match found = table.Find(method, path);
      const RouteTable::Match expected = ScanEveryPattern(table, method, path);
      EXPECT_EQ(found.outcome, expected.outcome);
      EXPECT_EQ(found.route, expected.route);
      EXPECT_EQ(found.params, expected.params);
      EXPECT_EQ(found.allowed, expected.allowed);
    }
  }
}

TEST(PathId, AcceptsPositiveWholeNumbersOnly) {
  EXPECT_EQ(PathId({{"client_id", "42"}}, "client_id").value(), 42);
  for (const char* bad : {"0", "-3", "4x", "", "99999999999999999999"}) {
    const auto id = PathId({{"client_id", bad}}, "client_id");
    ASSERT_FALSE(id.has_value()) << bad;
    EXPECT_EQ(id.error().message(), "path parameter 'client_id' must be a positive whole number");
  }
  for (const char* padded : {"01", "007"}) {
    const auto id = PathId({{"client_id", padded}}, "client_id");
    ASSERT_FALSE(id.has_value()) << padded;
    EXPECT_NE(id.error().message().find("without leading zeros"), std::string::npos)
        << id.error().message();
  }
}

}  // namespace
}  // namespace tessera::http
