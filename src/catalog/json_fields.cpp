#include "catalog/internal/json_fields.hpp"

#include <algorithm>

namespace tessera::catalog {

using nlohmann::json;

JsonFields::JsonFields(const json& object, std::string context)
    : object_(object), context_(std::move(context)) {}

Unexpected<Error> JsonFields::Fail(std::string_view field, std::string_view message) const {
  return InvalidArgument(context_ + ": " + std::string(field) + " " + std::string(message));
}

Status JsonFields::OnlyKeys(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Fail("'" + key + "'", "is not a known field");
    }
  }
  return Ok();
}

bool JsonFields::Has(std::string_view key) const { return object_.contains(key); }

Result<std::string> JsonFields::String(std::string_view key) const {
  if (!Has(key)) return Fail(key, "is missing");
  const json& value = object_.at(std::string(key));
  if (!value.is_string() || value.get<std::string>().empty()) {
    return Fail(key, "must be a non-empty string");
  }
  return value.get<std::string>();
}

Result<std::string> JsonFields::OptionalString(std::string_view key) const {
  if (!Has(key)) return std::string();
  return String(key);
}

Result<int> JsonFields::Int(std::string_view key, int minimum, int maximum) const {
  if (!Has(key)) return Fail(key, "is missing");
  TRY_ASSIGN(std::optional<int> value, OptionalInt(key, minimum, maximum));
  return *value;
}

Result<std::optional<int>> JsonFields::OptionalInt(std::string_view key, int minimum,
                                                   int maximum) const {
  if (!Has(key)) return std::optional<int>();
  const json& value = object_.at(std::string(key));
  if (!value.is_number_integer()) return Fail(key, "must be a whole number");
  const auto number = value.get<long long>();
  if (number < minimum || number > maximum) {
    return Fail(key, std::to_string(number) + " is out of range " + std::to_string(minimum) +
                         " to " + std::to_string(maximum));
  }
  return std::optional<int>(static_cast<int>(number));
}

Result<std::optional<bool>> JsonFields::OptionalBool(std::string_view key) const {
  if (!Has(key)) return std::optional<bool>();
  const json& value = object_.at(std::string(key));
  if (!value.is_boolean()) return Fail(key, "must be true or false");
  return std::optional<bool>(value.get<bool>());
}

Result<std::vector<json>> JsonFields::Array(std::string_view key, bool required) const {
  if (!Has(key)) {
    if (required) return Fail(key, "is missing");
    return std::vector<json>();
  }
  const json& value = object_.at(std::string(key));
  if (!value.is_array()) return Fail(key, "must be an array");
  return std::vector<json>(value.begin(), value.end());
}

Result<std::vector<std::string>> JsonFields::Strings(std::string_view key) const {
  TRY_ASSIGN(std::vector<json> items, Array(key, false));
  std::vector<std::string> strings;
  for (std::size_t index = 0; index < items.size(); ++index) {
    if (!items[index].is_string() || items[index].get<std::string>().empty()) {
      return Fail(std::string(key) + "[" + std::to_string(index) + "]",
                  "must be a non-empty string");
    }
    strings.push_back(items[index].get<std::string>());
  }
  return strings;
}

Result<std::optional<json>> JsonFields::OptionalObject(std::string_view key) const {
  if (!Has(key)) return std::optional<json>();
  const json& value = object_.at(std::string(key));
  if (!value.is_object()) return Fail(key, "must be an object");
  return std::optional<json>(value);
}

Result<json> ParseJson(const std::string& text, std::string_view what) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& error) {
    return InvalidArgument(std::string(what) + ": not valid JSON (" + error.what() + ")");
  }
}

}  // namespace tessera::catalog
