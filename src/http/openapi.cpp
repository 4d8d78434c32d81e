#include "http/openapi.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

namespace tessera::http {
namespace {

using nlohmann::json;

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

json ErrorResponseSchema() {
  return {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}};
}

json Operation(const Route& route) {
  json operation = {{"summary", route.summary}, {"operationId", OperationId(route)}};
  json parameters = json::array();
  for (std::string_view segment : SplitPath(route.pattern)) {
    if (segment.size() > 2 && segment.front() == '{') {
      parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                            {"in", "path"},
                            {"required", true},
                            {"schema", {{"type", "string"}}}});
    }
  }
  for (const QueryParameter& parameter : route.query) {
    parameters.push_back({{"name", parameter.name},
                          {"in", "query"},
                          {"required", parameter.required},
                          {"description", parameter.description},
                          {"schema", {{"type", parameter.type}}}});
  }
  if (!parameters.empty()) operation["parameters"] = parameters;
  if (route.body == RequestBody::kJson) {
    json schema = route.request_schema.empty() ? json{{"type", "object"}}
                                               : json::parse(route.request_schema);
    operation["requestBody"] = {
        {"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}};
  }
  json error_content = {
      {"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}};
  operation["responses"] = {
      {"200", {{"description", "success"}, {"content", {{route.response_media_type, json::object()}}}}},
      {"400", {{"description", "bad input; the message names the problem"},
               {"content", error_content}}},
      {"default", {{"description", "error"}, {"content", error_content}}}};
  if (route.authentication == Authentication::kPublic) {
    operation["security"] = json::array();
  } else {
    operation["security"] = json::array({{{"sessionCookie", json::array()}},
                                         {{"bearerToken", json::array()}}});
    json roles = json::array();
    for (Role role : route.roles) roles.push_back(std::string(RoleName(role)));
    operation["x-tessera-roles"] = roles;
    operation["responses"]["401"] = {{"description", "not logged in or session expired"},
                                     {"content", error_content}};
  }
  return operation;
}

}  // namespace

std::string OpenApiDocument(const RouteTable& table, const ApiInfo& info) {
  json paths = json::object();
  for (const Route& route : table.routes()) {
    paths[route.pattern][LowerMethod(route.method)] = Operation(route);
  }
  const json document = {
      {"openapi", "3.0.3"},
      {"info", {{"title", info.title}, {"version", info.version}}},
      {"paths", paths},
      {"components",
       {{"schemas", {{"Error", ErrorResponseSchema()}}},
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
