#include "http/dispatcher.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "http/error_response.hpp"
#include "http/openapi.hpp"
#include "http/routes/routes.hpp"
#include "http/testing/test_stack.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

using testing::HeaderOf;

// The dispatcher with the real auth and system routes, plus two routes for edge cases.
class DispatcherTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
    AddUser("ana", Role::kClinician, kPassword);
    ASSERT_TRUE(table
                    .Add({Method::kGet,
                          "/api/v1/admin-only",
                          Authentication::kSession,
                          {Role::kAdmin},
                          "admins only",
                          RequestBody::kNone,
                          [](const HandlerContext&) -> Result<Response> {
                            return JsonResponse(200, "{}");
                          }})
                    .has_value());
    ASSERT_TRUE(table
                    .Add({Method::kGet,
                          "/api/v1/broken",
                          Authentication::kPublic,
                          {},
                          "throws",
                          RequestBody::kNone,
                          [](const HandlerContext&) -> Result<Response> {
                            throw std::runtime_error("secret detail");
                          }})
                    .has_value());
    Route echo{Method::kGet,
               "/api/v1/echo/{word}",
               Authentication::kPublic,
               {},
               "echoes",
               RequestBody::kNone,
               [](const HandlerContext& context) -> Result<Response> {
                 return JsonResponse(200, json{{"word", context.path_params.at("word")}}.dump());
               }};
    echo.execution = Execution::kEventLoop;
    echo.query = {{"limit", "accepted and ignored"}};
    ASSERT_TRUE(table.Add(std::move(echo)).has_value());
    Route poke{Method::kPost,
               "/api/v1/poke",
               Authentication::kSession,
               {Role::kClinician},
               "a write on the event loop",
               RequestBody::kNone,
               [](const HandlerContext&) -> Result<Response> { return JsonResponse(200, "{}"); }};
    poke.execution = Execution::kEventLoop;
    ASSERT_TRUE(table.Add(std::move(poke)).has_value());
  }

  Execution ExecutionOf(Request request) { return dispatcher_.ExecutionOf(request); }
  // As the server does it: where the request runs, then handling it there.
  Response ExecuteAndHandle(Request request) {
    request.execution = dispatcher_.ExecutionOf(request);
    return dispatcher_.Handle(request);
  }

  Response Login(const std::string& credential) {
    return dispatcher_.Handle(Make(
        Method::kPost, "/api/v1/login",
        json{{"username", "ana"}, {"password", kPassword}, {"credential", credential}}.dump()));
  }
  std::string CookieToken(const Response& login) {
    const std::string cookie = HeaderOf(login, "Set-Cookie").value();
    const auto start = cookie.find('=') + 1;
    return cookie.substr(start, cookie.find(';') - start);
  }

  static constexpr const char* kPassword = "a long passphrase";
  Dispatcher& dispatcher_ = dispatcher;
  MetricsRegistry& metrics_ = metrics;
  MemoryEventLog& log_ = log;
};

TEST_F(DispatcherTest, EveryResponseCarriesTheSecurityHeaders) {
  for (const Response& response :
       {dispatcher_.Handle(Make(Method::kGet, "/healthz")),
        dispatcher_.Handle(Make(Method::kGet, "/nowhere")),
        dispatcher_.Handle(Make(Method::kGet, "/api/v1/me")),
        dispatcher_.Reject(Error(ErrorCode::kInvalidArgument, "too big"), 413, Request{})}) {
    EXPECT_EQ(HeaderOf(response, "Cache-Control"), "no-store");
    EXPECT_NE(HeaderOf(response, "Content-Security-Policy").value().find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_NE(HeaderOf(response, "Content-Security-Policy").value().find("default-src 'none'"),
              std::string::npos);
    EXPECT_EQ(HeaderOf(response, "X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(HeaderOf(response, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(HeaderOf(response, "X-Request-Id").value().size(), 16u);
    EXPECT_EQ(HeaderOf(response, "Strict-Transport-Security"), std::nullopt);
  }
}

// Request ids are drawn from a per-thread pool of random bytes refilled every 512 ids: across
// refills they stay 16 hex digits and all different.
TEST_F(DispatcherTest, RequestIdsAreDistinctHexAcrossRefillsOfTheirRandomPool) {
  std::set<std::string> ids;
  constexpr int kRequests = 1500;
  for (int request_idx = 0; request_idx < kRequests; ++request_idx) {
    const std::string id =
        HeaderOf(dispatcher_.Handle(Make(Method::kGet, "/healthz")), "X-Request-Id").value();
    ASSERT_EQ(id.size(), 16u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kRequests));
}

TEST_F(DispatcherTest, BadPathsAreClientErrorsEvenWithInvalidUtf8) {
  const Response invalid_utf8 = dispatcher_.Handle(Make(Method::kGet, "/api/%FF%FE"));
  EXPECT_EQ(invalid_utf8.status, 404);
  EXPECT_TRUE(json::accept(invalid_utf8.body)) << invalid_utf8.body;
  const Response bad_escape = dispatcher_.Handle(Make(Method::kGet, "/api/%G1"));
  EXPECT_EQ(bad_escape.status, 400);
  EXPECT_NE(bad_escape.body.find("invalid percent-encoding"), std::string::npos);
}

TEST_F(DispatcherTest, QueryParametersARouteDoesNotDeclareAreRefusedByName) {
  Route listing{Method::kGet,
                "/api/v1/listing",
                Authentication::kPublic,
                {},
                "a list",
                RequestBody::kNone,
                [](const HandlerContext& context) -> Result<Response> {
                  return JsonResponse(200, json{{"size", context.target.query.size()}}.dump());
                }};
  listing.query = {{"limit", "page size", "integer"}, {"state", "a filter"}};
  ASSERT_TRUE(table.Add(std::move(listing)).has_value());
  EXPECT_EQ(dispatcher_.Handle(Make(Method::kGet, "/api/v1/listing?limit=3&state=open")).status,
            200);
  const Response unknown = dispatcher_.Handle(Make(Method::kGet, "/api/v1/listing?client_id=25"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(json::parse(unknown.body)["error"]["message"],
            "unknown query parameter 'client_id' for GET /api/v1/listing; it takes limit, state");
  const Response none = dispatcher_.Handle(Make(Method::kGet, "/healthz?verbose=1&a=b"));
  EXPECT_EQ(json::parse(none.body)["error"]["message"],
            "unknown query parameters 'a', 'verbose' for GET /healthz; it takes none");
  // Declarations are checked when the route is added.
  Route twice{Method::kGet,
              "/api/v1/twice",
              Authentication::kPublic,
              {},
              "twice",
              RequestBody::kNone,
              [](const HandlerContext&) -> Result<Response> { return Response{}; }};
  twice.query = {{"limit", "one"}, {"limit", "two"}};
  EXPECT_FALSE(table.Add(twice).has_value());
  twice.query = {{"Limit", "capitalised"}};
  EXPECT_FALSE(table.Add(twice).has_value());
}

TEST_F(DispatcherTest, HstsOnlyOverTls) {
  const Response response = dispatcher_.Handle(Make(Method::kGet, "/healthz", {}, Transport::kTls));
  EXPECT_NE(HeaderOf(response, "Strict-Transport-Security").value().find("max-age="),
            std::string::npos);
}

TEST_F(DispatcherTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  const Response missing = dispatcher_.Handle(Make(Method::kGet, "/api/v1/nothing"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("no route for GET /api/v1/nothing"), std::string::npos);
  const Response wrong = dispatcher_.Handle(Make(Method::kDelete, "/api/v1/me"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(HeaderOf(wrong, "Allow"), "GET");
}

TEST_F(DispatcherTest, BearerLoginThenMe) {
  const Response login = Login("bearer");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(HeaderOf(login, "Set-Cookie"), std::nullopt);
  const std::string token = json::parse(login.body)["token"];
  Request me = Make(Method::kGet, "/api/v1/me");
  me.headers["authorization"] = "Bearer " + token;
  const Response response = dispatcher_.Handle(me);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json::parse(response.body)["user"]["username"], "ana");
  EXPECT_EQ(json::parse(response.body)["credential"], "bearer");
  me.headers["authorization"] = "bearer " + token;  // the scheme is case-insensitive
  EXPECT_EQ(dispatcher_.Handle(me).status, 200);
}

TEST_F(DispatcherTest, CookieLoginSetsAHardenedHostCookieWithoutTokenInBody) {
  const Response login = Login("cookie");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string cookie = HeaderOf(login, "Set-Cookie").value();
  EXPECT_EQ(cookie.rfind("__Host-tessera_session=", 0), 0u);
  for (const char* attribute :
       {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict", "; Max-Age=43200"}) {
    EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute;
  }
  EXPECT_FALSE(json::parse(login.body).contains("token"));
  EXPECT_EQ(CookieToken(login).size(), 22u);
}

TEST_F(DispatcherTest, CookieWritesNeedTheCsrfTokenBearerWritesDoNot) {
  const Response login = Login("cookie");
  const std::string csrf = json::parse(login.body)["csrf_token"];
  Request logout = Make(Method::kPost, "/api/v1/logout");
  logout.headers["cookie"] = std::string(kSessionCookieName) + "=" + CookieToken(login);
  const Response without = dispatcher_.Handle(logout);
  EXPECT_EQ(without.status, 403);
  EXPECT_NE(without.body.find("X-CSRF-Token"), std::string::npos);
  logout.headers["x-csrf-token"] = csrf + "x";
  EXPECT_EQ(dispatcher_.Handle(logout).status, 403);
  logout.headers["x-csrf-token"] = csrf;
  const Response with = dispatcher_.Handle(logout);
  EXPECT_EQ(with.status, 200) << with.body;
  EXPECT_NE(HeaderOf(with, "Set-Cookie").value().find("Max-Age=0"), std::string::npos);
  // Logged out at once: the same cookie no longer works.
  Request me = Make(Method::kGet, "/api/v1/me");
  me.headers["cookie"] = logout.headers["cookie"];
  EXPECT_EQ(dispatcher_.Handle(me).status, 401);

  const std::string token = json::parse(Login("bearer").body)["token"];
  Request bearer_logout = Make(Method::kPost, "/api/v1/logout");
  bearer_logout.headers["authorization"] = "Bearer " + token;
  EXPECT_EQ(dispatcher_.Handle(bearer_logout).status, 200);
}

TEST_F(DispatcherTest, AuthenticationAndRoleFailures) {
  EXPECT_EQ(dispatcher_.Handle(Make(Method::kGet, "/api/v1/me")).status, 401);
  Request garbage = Make(Method::kGet, "/api/v1/me");
  garbage.headers["authorization"] = "Basic YWxhZGRpbjpvcGVuc2VzYW1l";
  EXPECT_EQ(dispatcher_.Handle(garbage).status, 401);
  const std::string token = json::parse(Login("bearer").body)["token"];
  Request admin_only = Make(Method::kGet, "/api/v1/admin-only");
  admin_only.headers["authorization"] = "Bearer " + token;
  const Response denied = dispatcher_.Handle(admin_only);
  EXPECT_EQ(denied.status, 403);
  EXPECT_NE(denied.body.find("role 'clinician' may not use GET /api/v1/admin-only"),
            std::string::npos);
}

TEST_F(DispatcherTest, LoginFailuresLookTheSame) {
  const Response unknown = dispatcher_.Handle(
      Make(Method::kPost, "/api/v1/login", json{{"username", "nobody"}, {"password", "x"}}.dump()));
  const Response wrong = dispatcher_.Handle(
      Make(Method::kPost, "/api/v1/login", json{{"username", "ana"}, {"password", "x"}}.dump()));
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.status, wrong.status);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_F(DispatcherTest, BadBodiesGetA400NamingTheProblem) {
  const struct {
    std::string body;
    std::string content_type;
    const char* message_part;
  } cases[] = {
      {"{\"username\":", "application/json", "malformed JSON at byte"},
      {std::string(40, '[') + std::string(40, ']'), "application/json", "nested deeper than 32"},
      {R"({"username":"ana","password":"x","role":"admin"})", "application/json",
       "role: unknown field"},
      {R"({"username":"ana"})", "application/json", "password: required"},
      {R"({"username":1,"password":"x"})", "application/json", "username: expected a string"},
      {R"({"username":"a","password":"x","credential":"jwt"})", "application/json",
       "'credential' must be"},
      {R"({"username":"a","password":"x"})", "text/plain", "Content-Type must be application/json"},
  };
  for (const auto& test_case : cases) {
    Request request = Make(Method::kPost, "/api/v1/login", test_case.body);
    request.headers["content-type"] = test_case.content_type;
    const Response response = dispatcher_.Handle(request);
    EXPECT_EQ(response.status, 400) << test_case.body;
    EXPECT_NE(response.body.find(test_case.message_part), std::string::npos) << response.body;
  }
  Request upper_case = Make(Method::kPost, "/api/v1/login", R"({"username":"a","password":"b"})");
  upper_case.headers["content-type"] = "Application/JSON; charset=utf-8";
  EXPECT_EQ(dispatcher_.Handle(upper_case).status, 401);  // parsed, then a failed login
  const Response body_on_get = dispatcher_.Handle(Make(Method::kGet, "/healthz", "{}"));
  EXPECT_EQ(body_on_get.status, 400);
}

TEST_F(DispatcherTest, HandlerExceptionsBecomeAGeneric500) {
  const Response response = dispatcher_.Handle(Make(Method::kGet, "/api/v1/broken"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret detail"), std::string::npos);
}

TEST_F(DispatcherTest, LogsNeitherCredentialsNorBodiesNorPaths) {
  const Response login = Login("bearer");
  const std::string token = json::parse(login.body)["token"];
  const std::string csrf = json::parse(login.body)["csrf_token"];
  Request me = Make(Method::kGet, "/api/v1/me?search=depression");
  me.headers["authorization"] = "Bearer " + token;
  ASSERT_EQ(dispatcher_.Handle(me).status, 400);  // /me takes no query; refused, still logged
  dispatcher_.Handle(Make(Method::kPost, "/api/v1/login",
                          json{{"username", "ana"}, {"password", "wrong guess"}}.dump()));
  const auto lines = log_.lines();
  ASSERT_EQ(lines.size(), 3u);
  for (const std::string& line : lines) {
    for (const std::string& secret : {std::string(kPassword), std::string("wrong guess"), token,
                                      csrf, std::string("depression"), std::string("ana")}) {
      EXPECT_EQ(line.find(secret), std::string::npos) << secret << " in " << line;
    }
    const json parsed = json::parse(line);
    EXPECT_EQ(parsed["event"], "request");
    EXPECT_EQ(parsed["request_id"].get<std::string>().size(), 16u);
  }
  EXPECT_EQ(json::parse(lines[1])["route"], "GET /api/v1/me");
  EXPECT_EQ(json::parse(lines[1])["user_id"], 1);
}

TEST_F(DispatcherTest, CountsRequestsByRoutePattern) {
  dispatcher_.Handle(Make(Method::kGet, "/healthz"));
  dispatcher_.Handle(Make(Method::kGet, "/no/such/path/42"));
  const std::string text = metrics_.RenderPrometheus();
  EXPECT_NE(text.find("tessera_http_requests_total{route=\"GET /healthz\",status=\"200\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("route=\"unmatched\",status=\"404\""), std::string::npos);
  EXPECT_EQ(text.find("/no/such/path"), std::string::npos);
}

// Where each request runs: on the event loop only what never blocks (system routes, errors
// built without the store, /api/v1/me with a cached session); everything else on the pool.
TEST_F(DispatcherTest, OnlyRequestsThatCannotBlockRunOnTheEventLoop) {
  EXPECT_EQ(ExecutionOf(Make(Method::kGet, "/healthz")), Execution::kEventLoop);
  EXPECT_EQ(ExecutionOf(Make(Method::kGet, "/metrics")), Execution::kEventLoop);
  EXPECT_EQ(ExecutionOf(Make(Method::kGet, "/no/such/path")), Execution::kEventLoop);
  EXPECT_EQ(ExecutionOf(Make(Method::kPost, "/api/v1/login", "{}")),
            Execution::kHandlerPool);  // argon2id
  EXPECT_EQ(ExecutionOf(Make(Method::kGet, "/api/v1/admin-only")),
            Execution::kHandlerPool);  // not marked: the safe default
  Request me = Make(Method::kGet, "/api/v1/me");
  EXPECT_EQ(ExecutionOf(me), Execution::kEventLoop);  // no credential: a plain 401
  me.headers["authorization"] =
      "Bearer " + OpenSession(users.FindByUsername("ana")->value().id).token;
  EXPECT_EQ(ExecutionOf(me), Execution::kHandlerPool);  // not cached yet
  ASSERT_EQ(dispatcher_.Handle(me).status, 200);
  EXPECT_EQ(ExecutionOf(me), Execution::kEventLoop);  // cached by that check
  Request logout = Make(Method::kPost, "/api/v1/logout");
  logout.headers = me.headers;
  EXPECT_EQ(ExecutionOf(logout), Execution::kHandlerPool);
  EXPECT_EQ(ExecutionOf(Make(Method::kGet, "/api/v1/echo/a%20b")), Execution::kHandlerPool);
  EXPECT_EQ(ExecutionOf(Make(Method::kGet, "/api/v1/echo/a+b")), Execution::kEventLoop);
}

// ExecutionOf matches the raw path and checks the cached session; handling the request then
// uses both instead of looking them up again, with the same results as looking them up.
TEST_F(DispatcherTest, HandlingWhatExecutionOfLookedAtMatchesTheDecodedPath) {
  const struct {
    const char* target;
    const char* word;
  } cases[] = {{"/api/v1/echo/plain", "plain"},
               {"/api/v1/echo/a+b", "a b"},  // decoding changes the raw path's parameter
               {"/api/v1/echo/a%2Bb", "a+b"},
               {"/api/v1/echo/x?limit=3", "x"}};
  for (const auto& test_case : cases) {
    const Response response = ExecuteAndHandle(Make(Method::kGet, test_case.target));
    ASSERT_EQ(response.status, 200) << test_case.target;
    EXPECT_EQ(json::parse(response.body)["word"], test_case.word) << test_case.target;
  }
  EXPECT_EQ(ExecuteAndHandle(Make(Method::kDelete, "/api/v1/echo/x")).status, 405);
  EXPECT_EQ(ExecuteAndHandle(Make(Method::kGet, "/api/v1/echo")).status, 404);
}

TEST_F(DispatcherTest, ASessionFoundInTheCacheKeepsItsCredentialKindAndCsrfCheck) {
  const Response login = Login("cookie");
  const std::string csrf = json::parse(login.body)["csrf_token"];
  Request me = Make(Method::kGet, "/api/v1/me");
  me.headers["cookie"] = std::string(kSessionCookieName) + "=" + CookieToken(login);
  ASSERT_EQ(ExecuteAndHandle(me).status, 200);  // on the pool: caches the session
  ASSERT_EQ(ExecutionOf(me), Execution::kEventLoop);
  const Response cached_me = ExecuteAndHandle(me);
  ASSERT_EQ(cached_me.status, 200);
  EXPECT_EQ(json::parse(cached_me.body)["credential"], "cookie");
  EXPECT_EQ(json::parse(cached_me.body)["user"]["username"], "ana");

  Request poke = Make(Method::kPost, "/api/v1/poke");
  poke.headers = me.headers;
  ASSERT_EQ(ExecutionOf(poke), Execution::kEventLoop);
  EXPECT_EQ(ExecuteAndHandle(poke).status, 403);  // a cookie write without the CSRF token
  poke.headers["x-csrf-token"] = csrf;
  EXPECT_EQ(ExecuteAndHandle(poke).status, 200);

  Request bearer_me = Make(Method::kGet, "/api/v1/me");
  const std::string token = json::parse(Login("bearer").body)["token"];
  bearer_me.headers["authorization"] = "Bearer " + token;
  ASSERT_EQ(ExecuteAndHandle(bearer_me).status, 200);
  const Response bearer = ExecuteAndHandle(bearer_me);
  ASSERT_EQ(bearer.status, 200);
  EXPECT_EQ(json::parse(bearer.body)["credential"], "bearer");
}

TEST_F(DispatcherTest, OnTheEventLoopASessionIsCheckedAgainstTheCacheOnly) {
  Request me = Make(Method::kGet, "/api/v1/me");
  me.headers["authorization"] =
      "Bearer " + OpenSession(users.FindByUsername("ana")->value().id).token;
  me.execution = Execution::kEventLoop;
  EXPECT_EQ(dispatcher_.Handle(me).status, 401);  // valid, but not answerable without the store
  me.execution = Execution::kHandlerPool;
  ASSERT_EQ(dispatcher_.Handle(me).status, 200);
  me.execution = Execution::kEventLoop;
  EXPECT_EQ(dispatcher_.Handle(me).status, 200);
}

}  // namespace
}  // namespace tessera::http
