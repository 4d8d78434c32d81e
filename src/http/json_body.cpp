#include "http/json_body.hpp"

#include <nlohmann/json.hpp>

#include "json/object.hpp"

namespace tessera::http {

Result<nlohmann::json> ParseJsonBody(std::string_view body, const JsonLimits& limits) {
  return ParseJson(body, "request body", limits);
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status RequireOnlyFields(const nlohmann::json& object,
                         std::initializer_list<std::string_view> allowed) {
  TRY(JsonObject::Open(object, "", allowed));
  return Ok();
}

Result<std::string> RequireString(const nlohmann::json& object, std::string_view field) {
  const JsonObject fields = JsonObject::View(object);
  const nlohmann::json* member = fields.Member(field);
  if (!member) return fields.Fail(field, "required");
  if (!member->is_string()) return fields.Fail(field, "expected a string");
  return member->get<std::string>();
}

}  // namespace tessera::http
