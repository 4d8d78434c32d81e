#include "http/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "http/openapi_schemas.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

constexpr std::string_view kComponentPrefix = "#/components/schemas/";

std::string LowerMethod(Method method) {
  std::string name(MethodName(method));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
  return name;
}

// "GET /api/v1/clients/{client_id}" -> "get_api_v1_clients_client_id"
std::string OperationId(const Route& route) {
  std::string id = LowerMethod(route.method);
  for (char symbol : route.pattern) {
    if (std::isalnum(static_cast<unsigned char>(symbol))) {
      id.push_back(symbol);
    } else if (symbol == '/' && id.back() != '_') {
      id.push_back('_');
    }
  }
  return id;
}

json Ref(const std::string& component) {
  return {{"$ref", std::string(kComponentPrefix) + component}};
}

// A route's schema: a component name, or one-off JSON Schema text.
json SchemaOf(const std::string& schema) {
  if (!schema.empty() && schema.front() == '{') return json::parse(schema);
  return Ref(schema);
}

// {"items": [item...], "next_cursor": string or null}: pagination.hpp's PageResponse.
json PageSchema(const std::string& item) {
  return {{"type", "object"},
          {"description", "One page of " + item +
                              " items; pass next_cursor as ?cursor= for "
                              "the next page (null on the last)"},
          {"required", {"items", "next_cursor"}},
          {"additionalProperties", false},
          {"properties",
           {{"items", {{"type", "array"}, {"items", Ref(item)}}},
            {"next_cursor", {{"type", {"string", "null"}}}}}}};
}

// Path parameters that are names ("ana", "phq9"); every other one is a store id (PathId).
bool IsNameParameter(std::string_view name) {
  static const std::set<std::string_view> names = {
      "therapist_id", "instrument_id",        "model_id",
      "technique_id", "integrative_model_id", "problem_id"};
  return names.contains(name);
}

json Parameters(const Route& route) {
  json parameters = json::array();
  for (std::string_view segment : SplitPath(route.pattern)) {
    if (segment.size() <= 2 || segment.front() != '{') continue;
    const std::string name(segment.substr(1, segment.size() - 2));
    parameters.push_back(
        {{"name", name},
         {"in", "path"},
         {"required", true},
         {"schema", IsNameParameter(name) ? json{{"type", "string"}, {"minLength", 1}}
                                          : json{{"type", "integer"}, {"minimum", 1}}}});
  }
  // Query parameters as the route declares them (router.hpp QueryParameter; lists declare
  // limit and cursor through PageQuery()): the dispatcher refuses any other.
  for (const QueryParameter& parameter : route.query) {
    parameters.push_back({{"name", parameter.name},
                          {"in", "query"},
                          {"required", parameter.required},
                          {"description", parameter.description},
                          {"schema", {{"type", parameter.type}}}});
  }
  return parameters;
}

// FHIR routes (under /fhir/) answer errors with an OperationOutcome (dispatcher.cpp).
json ErrorReplyOf(std::string description, bool fhir) {
  return {{"description", std::move(description)},
          {"content",
           {{fhir ? "application/fhir+json" : "application/json",
             {{"schema", Ref(fhir ? "OperationOutcome" : "Error")}}}}}};
}

json Operation(const Route& route) {
  json operation = {{"summary", route.summary}, {"operationId", OperationId(route)}};
  const bool fhir = route.pattern.starts_with("/fhir/");
  const auto ErrorReply = [fhir](std::string description) {
    return ErrorReplyOf(std::move(description), fhir);
  };
  const json parameters = Parameters(route);
  if (!parameters.empty()) operation["parameters"] = parameters;
  if (route.body == RequestBody::kJson) {
    const json schema =
        route.request_schema.empty() ? json{{"type", "object"}} : SchemaOf(route.request_schema);
    operation["requestBody"] = {
        {"required", true},
        {"content", {{fhir ? "application/fhir+json" : "application/json", {{"schema", schema}}}}}};
  } else if (route.method != Method::kGet) {
    operation["description"] = "Takes no request body (a body is refused with 400).";
  }
  json responses = json::object();
  for (const ResponseBody& body : route.responses) {
    const json schema = body.paged ? Ref(body.schema + "Page") : SchemaOf(body.schema);
    responses[std::to_string(body.status)] = {
        {"description", body.status == 201 ? "created" : "success"},
        {"content", {{route.response_media_type, {{"schema", schema}}}}}};
  }
  if (route.responses.empty()) {
    // tests/cli/openapi_cli_test names every such route.
    responses["200"] = {{"description", "success (body not documented: Route::responses)"}};
    operation["x-tessera-undocumented"] = true;
  }
  const bool has_path_parameters = route.pattern.find('{') != std::string::npos;
  // Every route can answer 400: at least a body sent where none is taken (dispatcher.cpp).
  responses["400"] = ErrorReply(route.body == RequestBody::kJson || !parameters.empty()
                                    ? "bad input; the message names the field and the rule"
                                    : "a request body was sent (this operation takes none)");
  if (route.authentication == Authentication::kPublic) {
    operation["security"] = json::array();
  } else {
    operation["security"] =
        json::array({{{"sessionCookie", json::array()}}, {{"bearerToken", json::array()}}});
    json roles = json::array();
    for (Role role : route.roles) roles.push_back(std::string(RoleName(role)));
    operation["x-tessera-roles"] = roles;
    responses["401"] = ErrorReply("not logged in or session expired");
    responses["403"] = ErrorReply("the caller's role may not call this operation");
  }
  if (has_path_parameters)
    responses["404"] = ErrorReply("no such record, or not one the caller may see");
  responses["default"] = ErrorReply("any other error (409 conflict, 429, 503, ...)");
  operation["responses"] = std::move(responses);
  return operation;
}

}  // namespace

IntegerRange SchemaIntegerRange(std::string_view component, std::string_view property) {
  const auto found = SchemaComponents().find(std::string(component));
  const json schema = found == SchemaComponents().end() ? json() : json::parse(found->second);
  json value =
      schema.is_object() ? schema["properties"].value(std::string(property), json()) : json();
  if (value.contains("anyOf")) value = value["anyOf"][0];  // nullable
  if (value.is_object() && value["type"].is_array()) value["type"] = value["type"][0];
  if (!value.is_object() || value.value("type", "") != "integer" || !value.contains("minimum") ||
      !value.contains("maximum")) {
    std::fprintf(stderr, "tessera: bug: schema %s has no integer range for '%s'\n",
                 std::string(component).c_str(), std::string(property).c_str());
    std::abort();
  }
  return {value["minimum"].get<std::int64_t>(), value["maximum"].get<std::int64_t>()};
}

std::string OpenApiDocument(const RouteTable& table, const ApiInfo& info) {
  json paths = json::object();
  json schemas = json::object();
  for (const auto& [name, text] : SchemaComponents()) {
    schemas[name] = json::parse(text);
    // A schema kept in docs/schemas/ is also a standalone file; inside the document its
    // dialect is the document's and its identity is the component name.
    schemas[name].erase("$schema");
    schemas[name].erase("$id");
  }
  for (const Route& route : table.routes()) {
    paths[route.pattern][LowerMethod(route.method)] = Operation(route);
    for (const ResponseBody& body : route.responses) {
      if (body.paged) schemas[body.schema + "Page"] = PageSchema(body.schema);
    }
  }
  const json document = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", info.title},
        {"version", info.version},
        {"description",
         "tessera's JSON API (docs/http.md). Every request and response body "
         "has a schema under components.schemas."}}},
      {"servers",
       json::array({{{"url", "/"}, {"description", "the server serving this document"}}})},
      {"paths", paths},
      {"components",
       {{"schemas", schemas},
        {"securitySchemes",
         {{"sessionCookie",
           {{"type", "apiKey"},
            {"in", "cookie"},
            {"name", std::string(kSessionCookieName)},
            {"description", "Writes also need the session's CSRF token in the " +
                                std::string(kCsrfHeaderName) + " header."}}},
          {"bearerToken", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return document.dump();
}

}  // namespace tessera::http
