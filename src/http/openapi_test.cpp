#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "http/openapi_schemas.hpp"
#include "http/routes/routes.hpp"
#include "http/testing/test_stack.hpp"

namespace tessera::http {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  return lower;
}

// The real route table of the server (system and auth families).
class OpenApiTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override { ASSERT_TRUE(routes_added); }
  RouteTable& table_ = table;
};

TEST_F(OpenApiTest, EveryRouteIsDocumentedAndEveryDocumentedOperationIsARoute) {
  const auto document = nlohmann::json::parse(OpenApiDocument(table_));
  EXPECT_EQ(document["openapi"], "3.1.0");
  std::size_t operations = 0;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      ++operations;
      const bool routed =
          std::any_of(table_.routes().begin(), table_.routes().end(), [&](const Route& route) {
            return route.pattern == path && Lower(MethodName(route.method)) == method;
          });
      EXPECT_TRUE(routed) << method << " " << path;
    }
  }
  EXPECT_EQ(operations, table_.routes().size());
  for (const Route& route : table_.routes()) {
    EXPECT_TRUE(document["paths"][route.pattern].contains(Lower(MethodName(route.method))))
        << route.pattern;
  }
}

TEST_F(OpenApiTest, DescribesSecurityRolesAndBodies) {
  const auto document = nlohmann::json::parse(OpenApiDocument(table_));
  const auto& health = document["paths"]["/healthz"]["get"];
  EXPECT_TRUE(health["security"].empty());
  const auto& me = document["paths"]["/api/v1/me"]["get"];
  EXPECT_EQ(me["security"].size(), 2u);
  EXPECT_EQ(me["x-tessera-roles"].size(), 4u);
  EXPECT_TRUE(me["responses"].contains("401"));
  const auto& login = document["paths"]["/api/v1/login"]["post"];
  EXPECT_EQ(login["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/LoginRequest");
  EXPECT_EQ(document["components"]["schemas"]["LoginRequest"]["required"],
            nlohmann::json::array({"username", "password"}));
  EXPECT_EQ(login["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/LoginResult");
  EXPECT_EQ(document["components"]["securitySchemes"]["sessionCookie"]["name"],
            "__Host-tessera_session");
}

TEST(OpenApiDocument, ListsPathParameters) {
  RouteTable table;
  ASSERT_TRUE(table
                  .Add({Method::kGet,
                        "/api/v1/clients/{client_id}/notes/{note_id}",
                        Authentication::kSession,
                        {Role::kClinician},
                        "a note",
                        RequestBody::kNone,
                        [](const HandlerContext&) -> Result<Response> { return Response{}; }})
                  .has_value());
  const auto document = nlohmann::json::parse(OpenApiDocument(table));
  const auto& parameters =
      document["paths"]["/api/v1/clients/{client_id}/notes/{note_id}"]["get"]["parameters"];
  ASSERT_EQ(parameters.size(), 2u);
  EXPECT_EQ(parameters[0]["name"], "client_id");
  EXPECT_EQ(parameters[1]["name"], "note_id");
  EXPECT_EQ(parameters[1]["in"], "path");
  EXPECT_EQ(parameters[1]["schema"]["type"], "integer");
}

TEST(OpenApiDocument, PagedResponsesGetAPageComponentAndPagingParameters) {
  RouteTable table;
  ASSERT_TRUE(
      table
          .Add({.method = Method::kGet,
                .pattern = "/api/v1/clients/{client_id}/episodes",
                .roles = {Role::kClinician},
                .summary = "episodes",
                .handler = [](const HandlerContext&) -> Result<Response> { return Response{}; },
                .responses = {PagedReply("Episode")},
                .query = PageQuery()})
          .has_value());
  const auto document = nlohmann::json::parse(OpenApiDocument(table));
  const auto& operation = document["paths"]["/api/v1/clients/{client_id}/episodes"]["get"];
  EXPECT_EQ(operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/EpisodePage");
  const auto& page = document["components"]["schemas"]["EpisodePage"];
  EXPECT_EQ(page["properties"]["items"]["items"]["$ref"], "#/components/schemas/Episode");
  EXPECT_EQ(page["additionalProperties"], false);
  ASSERT_EQ(operation["parameters"].size(), 3u);
  EXPECT_EQ(operation["parameters"][1]["name"], "limit");
  EXPECT_EQ(operation["parameters"][2]["name"], "cursor");
}

TEST(OpenApiSchemas, IntegerLimitsComeFromTheSchemaFiles) {
  const IntegerRange budget = SchemaIntegerRange("CreatePlanRequest", "session_budget");
  EXPECT_EQ(budget.minimum, 1);
  EXPECT_EQ(budget.maximum, 200);
  const IntegerRange minutes = SchemaIntegerRange("BreakGlassRequest", "duration_minutes");
  EXPECT_EQ(minutes.maximum, 720);
  EXPECT_DEATH(SchemaIntegerRange("CreatePlanRequest", "strategy"), "no integer range");
}

TEST(OpenApiDocument, ARouteWithoutResponsesIsMarkedUndocumented) {
  RouteTable table;
  ASSERT_TRUE(table
                  .Add({Method::kGet,
                        "/api/v1/new",
                        Authentication::kSession,
                        {Role::kClinician},
                        "new",
                        RequestBody::kNone,
                        [](const HandlerContext&) -> Result<Response> { return Response{}; }})
                  .has_value());
  const auto document = nlohmann::json::parse(OpenApiDocument(table));
  EXPECT_EQ(document["paths"]["/api/v1/new"]["get"]["x-tessera-undocumented"], true);
}

TEST(OpenApiDocument, ListsDeclaredQueryParameters) {
  RouteTable table;
  Route route{Method::kGet,
              "/api/v1/alerts",
              Authentication::kSession,
              {Role::kClinician},
              "alerts",
              RequestBody::kNone,
              [](const HandlerContext&) -> Result<Response> { return Response{}; }};
  route.query = {{"limit", "page size", "integer"},
                 {.name = "q", .description = "text", .required = true}};
  ASSERT_TRUE(table.Add(std::move(route)).has_value());
  const auto document = nlohmann::json::parse(OpenApiDocument(table));
  const auto& parameters = document["paths"]["/api/v1/alerts"]["get"]["parameters"];
  ASSERT_EQ(parameters.size(), 2u);
  EXPECT_EQ(parameters[0], nlohmann::json({{"name", "limit"},
                                           {"in", "query"},
                                           {"required", false},
                                           {"description", "page size"},
                                           {"schema", {{"type", "integer"}}}}));
  EXPECT_EQ(parameters[1]["required"], true);
}

}  // namespace
}  // namespace tessera::http
