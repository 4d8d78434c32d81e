#include "store/exchange/json_reader.hpp"

#include "core/records/names.hpp"

namespace tessera::store {
namespace {

Unexpected<Error> TypeError(const std::string& path, std::string_view expected) {
  return InvalidArgument(path + ": must be " + std::string(expected));
}

}  // namespace

std::string ElementPath(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

Result<JsonObject> JsonObject::Open(const nlohmann::json& value, std::string path,
                                    std::initializer_list<std::string_view> allowed) {
  if (!value.is_object()) return TypeError(path, "an object");
  for (const auto& [key, member] : value.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || name == key;
    if (!known) {
      std::string accepted;
      for (std::string_view name : allowed)
        accepted += (accepted.empty() ? "" : ", ") + std::string(name);
      return InvalidArgument((path.empty() ? "" : path + ".") + key +
                             ": unknown field (allowed here: " + accepted + ")");
    }
  }
  return JsonObject(value, std::move(path));
}

std::string JsonObject::PathOf(std::string_view field) const {
  return (path_.empty() ? "" : path_ + ".") + std::string(field);
}

bool JsonObject::Has(std::string_view field) const { return Member(field) != nullptr; }

const nlohmann::json* JsonObject::Member(std::string_view field) const {
  const auto found = value_->find(std::string(field));
  if (found == value_->end() || found->is_null()) return nullptr;
  return &*found;
}

Result<std::string> JsonObject::String(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return InvalidArgument(PathOf(field) + ": is required");
  if (!member->is_string() || member->get_ref<const std::string&>().empty())
    return TypeError(PathOf(field), "a non-empty string");
  return member->get<std::string>();
}

Result<std::string> JsonObject::OptionalString(std::string_view field) const {
  TRY_ASSIGN(auto value, NullableString(field));
  return value.value_or("");
}

Result<std::optional<std::string>> JsonObject::NullableString(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return std::optional<std::string>();
  if (!member->is_string()) return TypeError(PathOf(field), "a string");
  return std::optional<std::string>(member->get<std::string>());
}

Result<std::string> JsonObject::Date(std::string_view field) const {
  TRY_ASSIGN(std::string text, String(field));
  if (!IsIsoDate(text)) return TypeError(PathOf(field), "a date YYYY-MM-DD");
  return text;
}

Result<std::optional<double>> JsonObject::OptionalNumber(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return std::optional<double>();
  if (!member->is_number()) return TypeError(PathOf(field), "a number");
  return std::optional<double>(member->get<double>());
}

Result<std::optional<std::int64_t>> JsonObject::OptionalInteger(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return std::optional<std::int64_t>();
  if (!member->is_number_integer()) return TypeError(PathOf(field), "an integer");
  return std::optional<std::int64_t>(member->get<std::int64_t>());
}

Result<std::vector<std::string>> JsonObject::StringList(std::string_view field) const {
  TRY_ASSIGN(auto elements, Array(field));
  std::vector<std::string> strings;
  for (std::size_t index = 0; index < elements.size(); ++index) {
    if (!elements[index].is_string())
      return TypeError(ElementPath(PathOf(field), index), "a string");
    strings.push_back(elements[index].get<std::string>());
  }
  return strings;
}

Result<std::map<std::string, std::string>> JsonObject::StringMap(std::string_view field) const {
  std::map<std::string, std::string> result;
  const nlohmann::json* member = Member(field);
  if (!member) return result;
  if (!member->is_object()) return TypeError(PathOf(field), "an object of strings");
  for (const auto& [key, value] : member->items()) {
    if (!value.is_string()) return TypeError(PathOf(field) + "." + key, "a string");
    result[key] = value.get<std::string>();
  }
  return result;
}

Result<std::map<std::string, double>> JsonObject::NumberMap(std::string_view field) const {
  std::map<std::string, double> result;
  const nlohmann::json* member = Member(field);
  if (!member) return result;
  if (!member->is_object()) return TypeError(PathOf(field), "an object of numbers");
  for (const auto& [key, value] : member->items()) {
    if (!value.is_number()) return TypeError(PathOf(field) + "." + key, "a number");
    result[key] = value.get<double>();
  }
  return result;
}

Result<std::vector<nlohmann::json>> JsonObject::Array(std::string_view field) const {
  const nlohmann::json* member = Member(field);
  if (!member) return std::vector<nlohmann::json>();
  if (!member->is_array()) return TypeError(PathOf(field), "an array");
  return member->get<std::vector<nlohmann::json>>();
}

}  // namespace tessera::store
