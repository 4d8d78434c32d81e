#include "measures/detail/json_fields.hpp"

#include <cmath>

namespace tessera::measures::detail {

using nlohmann::json;

Result<json> ParseJsonText(const std::string& text, const std::string& file) {
  // nlohmann reports syntax errors by exception; they stop here and become a Result.
  try {
    return json::parse(text);
  } catch (const json::exception& error) {
    return InvalidArgument(file + ": not valid JSON: " + error.what());
  }
}

ObjectReader::ObjectReader(const json& object, std::string file, std::string path)
    : object_(object), file_(std::move(file)), path_(std::move(path)) {}

std::string ObjectReader::FieldPath(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  if (key.empty()) return path_;
  return path_ + "." + std::string(key);
}

Unexpected<Error> ObjectReader::Fail(std::string_view key, std::string_view rule) const {
  const std::string field = FieldPath(key);
  return InvalidArgument(file_ + ": " + (field.empty() ? std::string("(top level)") : field) +
                         ": " + std::string(rule));
}

Status ObjectReader::Check(std::initializer_list<std::string_view> allowed) const {
  if (!object_.is_object()) return Fail("", "must be a JSON object");
  for (const auto& [key, value] : object_.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    // Unknown keys are refused so that a misspelt field cannot be silently ignored.
    if (!known) return Fail(key, "unknown field (see docs/instruments.md)");
  }
  return Ok();
}

bool ObjectReader::Has(std::string_view key) const { return object_.contains(std::string(key)); }

Result<std::string> ObjectReader::String(std::string_view key) const {
  if (!Has(key)) return Fail(key, "is required");
  const json& value = object_.at(std::string(key));
  if (!value.is_string()) return Fail(key, "must be a string");
  if (value.get<std::string>().empty()) return Fail(key, "must not be empty");
  return value.get<std::string>();
}

Result<std::string> ObjectReader::OptionalString(std::string_view key) const {
  if (!Has(key)) return std::string();
  return String(key);
}

Result<double> ObjectReader::Number(std::string_view key) const {
  if (!Has(key)) return Fail(key, "is required");
  const json& value = object_.at(std::string(key));
  if (!value.is_number()) return Fail(key, "must be a number");
  const double number = value.get<double>();
  if (!std::isfinite(number)) return Fail(key, "must be a finite number");
  return number;
}

Result<double> ObjectReader::OptionalNumber(std::string_view key, double fallback) const {
  if (!Has(key)) return fallback;
  return Number(key);
}

Result<int> ObjectReader::Integer(std::string_view key) const {
  if (!Has(key)) return Fail(key, "is required");
  const json& value = object_.at(std::string(key));
  if (!value.is_number_integer()) return Fail(key, "must be a whole number");
  return value.get<int>();
}

Result<bool> ObjectReader::OptionalBool(std::string_view key, bool fallback) const {
  if (!Has(key)) return fallback;
  const json& value = object_.at(std::string(key));
  if (!value.is_boolean()) return Fail(key, "must be true or false");
  return value.get<bool>();
}

Result<const json*> ObjectReader::Array(std::string_view key, bool allow_empty) const {
  if (!Has(key)) return Fail(key, "is required");
  const json& value = object_.at(std::string(key));
  if (!value.is_array()) return Fail(key, "must be an array");
  if (!allow_empty && value.empty()) return Fail(key, "must not be empty");
  return &value;
}

Result<const json*> ObjectReader::Object(std::string_view key) const {
  if (!Has(key)) return Fail(key, "is required");
  const json& value = object_.at(std::string(key));
  if (!value.is_object()) return Fail(key, "must be an object");
  return &value;
}

Result<std::string> ObjectReader::Choice(std::string_view key,
                                         std::initializer_list<std::string_view> choices) const {
  TRY_ASSIGN(std::string value, String(key));
  std::string listed;
  for (std::string_view choice : choices) {
    if (value == choice) return value;
    listed += (listed.empty() ? "" : ", ") + std::string(choice);
  }
  return Fail(key, "'" + value + "' is not one of: " + listed);
}

ObjectReader ObjectReader::Element(const json& element, std::string_view key, size_t index) const {
  return ObjectReader(element, file_, FieldPath(key) + "[" + std::to_string(index) + "]");
}

ObjectReader ObjectReader::Child(const json& child, std::string_view key) const {
  return ObjectReader(child, file_, FieldPath(key));
}

}  // namespace tessera::measures::detail
