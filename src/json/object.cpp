#include "json/object.hpp"

#include <cmath>
#include <sstream>

#include "core/records/names.hpp"

namespace tessera {
namespace {

std::string Listed(JsonNames names) {
  std::string listed;
  for (std::string_view name : names) listed += (listed.empty() ? "" : ", ") + std::string(name);
  return listed;
}

// Numbers as a person wrote them: 3, 0.5, 1e+30 (no trailing zeros).
std::string Shown(double number) {
  std::ostringstream out;
  out << number;
  return out.str();
}

std::string OutOfRange(const std::string& value, const std::string& minimum,
                       const std::string& maximum) {
  return value + " is out of range " + minimum + ".." + maximum;
}

bool IsFiniteNumber(const nlohmann::json& value) {
  return value.is_number() && std::isfinite(value.get<double>());
}

}  // namespace

Unexpected<Error> JsonFail(std::string_view document, std::string_view path,
                           std::string_view rule) {
  std::string message = document.empty() ? "" : std::string(document) + ": ";
  message += path.empty() ? std::string("(top level)") : std::string(path);
  return InvalidArgument(message + ": " + std::string(rule));
}

Result<JsonObject> JsonObject::Open(const nlohmann::json& value, std::string path,
                                    JsonNames allowed, std::string document) {
  if (!value.is_object()) return JsonFail(document, path, "expected an object");
  for (const auto& [name, member] : value.items()) {
    bool known = false;
    for (std::string_view candidate : allowed) known = known || candidate == name;
    // A misspelt field must not pass silently.
    if (!known) {
      return JsonFail(document, JsonFieldPath(path, name),
                      "unknown field (allowed here: " + Listed(allowed) + ")");
    }
  }
  return JsonObject(value, std::move(path), std::move(document));
}

const nlohmann::json* JsonObject::Member(std::string_view field) const {
  const auto found = value_->find(field);
  if (found == value_->end() || found->is_null()) return nullptr;
  return &*found;
}

Unexpected<Error> JsonObject::Fail(std::string_view field, std::string_view rule) const {
  return JsonFail(document_, PathOf(field), rule);
}

Result<const nlohmann::json*> JsonObject::Required(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return Fail(field, "required");
  return member;
}

Result<std::string> JsonObject::String(std::string_view field) const {
  return Text(field, std::numeric_limits<std::size_t>::max());
}

Result<std::string> JsonObject::Text(std::string_view field, std::size_t max_bytes) const {
  TRY_ASSIGN(const nlohmann::json* member, Required(field));
  if (!member->is_string()) return Fail(field, "expected a string");
  const auto& text = member->get_ref<const std::string&>();
  if (text.empty()) return Fail(field, "must not be empty");
  if (text.size() > max_bytes)
    return Fail(field, "longer than " + std::to_string(max_bytes) + " bytes");
  return text;
}

Result<std::string> JsonObject::OptionalString(std::string_view field, std::string fallback,
                                               std::size_t max_bytes) const {
  TRY_ASSIGN(std::optional<std::string> text, NullableString(field));
  if (!text) return fallback;
  if (text->size() > max_bytes)
    return Fail(field, "longer than " + std::to_string(max_bytes) + " bytes");
  return std::move(*text);
}

Result<std::optional<std::string>> JsonObject::NullableString(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return std::optional<std::string>();
  if (!member->is_string()) return Fail(field, "expected a string");
  return std::optional<std::string>(member->get<std::string>());
}

Result<std::string> JsonObject::Choice(std::string_view field, JsonNames choices) const {
  TRY_ASSIGN(std::string value, String(field));
  for (std::string_view choice : choices) {
    if (value == choice) return value;
  }
  return Fail(field, "'" + value + "' is not one of: " + Listed(choices));
}

Result<std::string> JsonObject::Date(std::string_view field) const {
  TRY_ASSIGN(std::string text, String(field));
  if (!IsIsoDate(text)) return Fail(field, "expected a date YYYY-MM-DD");
  return text;
}

Result<std::optional<std::string>> JsonObject::OptionalDate(std::string_view field) const {
  if (!Has(field)) return std::optional<std::string>();
  TRY_ASSIGN(std::string text, Date(field));
  return std::optional<std::string>(std::move(text));
}

Result<std::int64_t> JsonObject::Integer(std::string_view field, std::int64_t minimum,
                                         std::int64_t maximum) const {
  TRY_ASSIGN(const nlohmann::json* member, Required(field));
  if (!member->is_number_integer()) return Fail(field, "expected a whole number");
  // A value beyond int64 arrives as unsigned; compare before converting it.
  if (member->is_number_unsigned() &&
      member->get<std::uint64_t>() > static_cast<std::uint64_t>(maximum)) {
    return Fail(field, OutOfRange(std::to_string(member->get<std::uint64_t>()),
                                  std::to_string(minimum), std::to_string(maximum)));
  }
  const auto value = member->get<std::int64_t>();
  if (value < minimum || value > maximum) {
    return Fail(
        field, OutOfRange(std::to_string(value), std::to_string(minimum), std::to_string(maximum)));
  }
  return value;
}

Result<std::optional<std::int64_t>> JsonObject::OptionalInteger(std::string_view field,
                                                                std::int64_t minimum,
                                                                std::int64_t maximum) const {
  if (!Has(field)) return std::optional<std::int64_t>();
  TRY_ASSIGN(std::int64_t value, Integer(field, minimum, maximum));
  return std::optional<std::int64_t>(value);
}

Result<double> JsonObject::Number(std::string_view field, double minimum, double maximum) const {
  TRY_ASSIGN(const nlohmann::json* member, Required(field));
  if (!IsFiniteNumber(*member)) return Fail(field, "expected a number");
  const double value = member->get<double>();
  if (value < minimum || value > maximum)
    return Fail(field, OutOfRange(Shown(value), Shown(minimum), Shown(maximum)));
  return value;
}

Result<std::optional<double>> JsonObject::OptionalNumber(std::string_view field, double minimum,
                                                         double maximum) const {
  if (!Has(field)) return std::optional<double>();
  TRY_ASSIGN(double value, Number(field, minimum, maximum));
  return std::optional<double>(value);
}

Result<bool> JsonObject::Bool(std::string_view field) const {
  TRY_ASSIGN(const nlohmann::json* member, Required(field));
  if (!member->is_boolean()) return Fail(field, "expected true or false");
  return member->get<bool>();
}

Result<std::optional<bool>> JsonObject::OptionalBool(std::string_view field) const {
  if (!Has(field)) return std::optional<bool>();
  TRY_ASSIGN(bool value, Bool(field));
  return std::optional<bool>(value);
}

Result<std::vector<std::string>> JsonObject::Strings(std::string_view field) const {
  TRY_ASSIGN(JsonArray elements, Array(field));
  std::vector<std::string> strings;
  for (std::size_t index = 0; index < elements.size(); ++index) {
    TRY_ASSIGN(std::string text, elements.String(index));
    strings.push_back(std::move(text));
  }
  return strings;
}

Result<std::map<std::string, std::string>> JsonObject::StringMap(std::string_view field) const {
  std::map<std::string, std::string> result;
  const nlohmann::json* member = Member(field);
  if (!member) return result;
  if (!member->is_object()) return Fail(field, "expected an object of strings");
  for (const auto& [key, value] : member->items()) {
    if (!value.is_string())
      return JsonFail(document_, JsonFieldPath(PathOf(field), key), "expected a string");
    result[key] = value.get<std::string>();
  }
  return result;
}

Result<std::map<std::string, double>> JsonObject::NumberMap(std::string_view field) const {
  std::map<std::string, double> result;
  const nlohmann::json* member = Member(field);
  if (!member) return result;
  if (!member->is_object()) return Fail(field, "expected an object of numbers");
  for (const auto& [key, value] : member->items()) {
    if (!IsFiniteNumber(value))
      return JsonFail(document_, JsonFieldPath(PathOf(field), key), "expected a number");
    result[key] = value.get<double>();
  }
  return result;
}

Result<JsonArray> JsonObject::Array(std::string_view field, JsonPresence presence) const {
  const nlohmann::json* member = Member(field);
  if (!member) {
    if (presence != JsonPresence::kOptional) return Fail(field, "required");
    return JsonArray(PathOf(field), document_);
  }
  if (!member->is_array()) return Fail(field, "expected an array");
  if (presence == JsonPresence::kNonEmpty && member->empty())
    return Fail(field, "must not be empty");
  return JsonArray(*member, PathOf(field), document_);
}

Result<JsonObject> JsonObject::Object(std::string_view field, JsonNames allowed) const {
  TRY_ASSIGN(const nlohmann::json* member, Required(field));
  return Open(*member, PathOf(field), allowed, document_);
}

Result<JsonValue> JsonObject::Value(std::string_view field) const {
  TRY_ASSIGN(const nlohmann::json* member, Required(field));
  return JsonValue(*member, PathOf(field), document_);
}

Result<std::optional<JsonObject>> JsonObject::OptionalObject(std::string_view field,
                                                             JsonNames allowed) const {
  if (!Has(field)) return std::optional<JsonObject>();
  TRY_ASSIGN(JsonObject object, Object(field, allowed));
  return std::optional<JsonObject>(std::move(object));
}

JsonValue JsonArray::At(std::size_t index) const {
  return JsonValue((*array_)[index], PathOf(index), document_);
}

Result<JsonObject> JsonArray::Object(std::size_t index, JsonNames allowed) const {
  return JsonObject::Open((*array_)[index], PathOf(index), allowed, document_);
}

Result<std::string> JsonArray::String(std::size_t index) const {
  const nlohmann::json& element = (*array_)[index];
  if (!element.is_string()) return Fail(index, "expected a string");
  if (element.get_ref<const std::string&>().empty()) return Fail(index, "must not be empty");
  return element.get<std::string>();
}

Result<double> JsonArray::Number(std::size_t index) const {
  if (!IsFiniteNumber((*array_)[index])) return Fail(index, "expected a number");
  return (*array_)[index].get<double>();
}

Unexpected<Error> JsonArray::Fail(std::size_t index, std::string_view rule) const {
  return JsonFail(document_, PathOf(index), rule);
}

}  // namespace tessera
