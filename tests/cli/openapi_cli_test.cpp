// Black-box: `tessera openapi` prints the document `serve --db` serves, and that document
// describes every operation completely: a schema for each success response body, for each
// request body, and only references that resolve. A route added without its schemas fails
// here, by name (docs/http.md, "Adding a route").

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "support/run_command.hpp"

namespace tessera::testing {
namespace {

using nlohmann::json;

json PrintedDocument() {
  const CommandOutcome outcome = RunTessera({"openapi"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  return json::parse(outcome.out, nullptr, false);
}

// Calls visit(method, path, operation) for every operation.
void ForEachOperation(
    const json& document,
    const std::function<void(const std::string&, const std::string&, const json&)>& visit) {
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) visit(method, path, operation);
  }
}

// Every "$ref" inside `value`.
void CollectReferences(const json& value, std::set<std::string>& references) {
  if (value.is_object()) {
    if (value.contains("$ref")) references.insert(value["$ref"].get<std::string>());
    for (const auto& [key, child] : value.items()) CollectReferences(child, references);
  } else if (value.is_array()) {
    for (const json& child : value) CollectReferences(child, references);
  }
}

TEST(OpenApiCli, PrintsAnOpenApi31DocumentOfEveryRoute) {
  const json document = PrintedDocument();
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document["openapi"], "3.1.0");
  std::size_t operations = 0;
  ForEachOperation(document,
                   [&](const std::string&, const std::string&, const json&) { ++operations; });
  // The store and clinical routes are there, not only the system and login routes.
  EXPECT_GT(operations, 60u);
  EXPECT_TRUE(document["paths"].contains("/api/v1/clients/{client_id}/plans"));
}

TEST(OpenApiCli, EveryOperationHasASchemaForEachSuccessBodyAndItsRequestBody) {
  const json document = PrintedDocument();
  std::set<std::string> operation_ids;
  ForEachOperation(document, [&](const std::string& method, const std::string& path,
                                 const json& operation) {
    const std::string route = method + " " + path;
    EXPECT_TRUE(operation_ids.insert(operation.value("operationId", "")).second)
        << route << ": operationId is missing or not unique";
    EXPECT_FALSE(operation.value("x-tessera-undocumented", false))
        << route << " has no response schema: give its table.Add a `.responses = {Reply(status, "
        << "\"Component\")}` (or PagedReply) naming src/http/schemas/<Component>.json";
    int successes = 0;
    for (const auto& [status, response] : operation["responses"].items()) {
      if (status.front() != '2') continue;
      ++successes;
      EXPECT_TRUE(response.contains("content") && response["content"].begin()->contains("schema"))
          << route << " " << status << ": no body schema";
    }
    EXPECT_GE(successes, 1) << route << ": no success response";
    EXPECT_TRUE(operation["responses"].contains("default")) << route << ": no error shape";
    if (operation.contains("requestBody")) {
      // application/json, or application/fhir+json for the FHIR routes (docs/fhir.md).
      const json& schema = operation["requestBody"]["content"].begin()->at("schema");
      EXPECT_TRUE(schema.contains("$ref") || schema.contains("properties"))
          << route << ": the request body has no real schema (Route::request_schema)";
    }
  });
}

TEST(OpenApiCli, EveryReferenceResolvesToAComponent) {
  const json document = PrintedDocument();
  std::set<std::string> references;
  CollectReferences(document, references);
  EXPECT_GT(references.size(), 50u);
  const std::string prefix = "#/components/schemas/";
  for (const std::string& reference : references) {
    ASSERT_TRUE(reference.starts_with(prefix)) << reference;
    EXPECT_TRUE(document["components"]["schemas"].contains(reference.substr(prefix.size())))
        << reference << " names no file in src/http/schemas/";
  }
}

}  // namespace
}  // namespace tessera::testing
