#include "store/exchange/record_json.hpp"

#include "core/records/names.hpp"
#include "json/object.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace tessera::store {

namespace {

constexpr std::size_t kMaxTextBytes = 500;

// The C-NIP scales of the client-profile document (docs/schemas/client-profile.schema.json,
// core/vocabulary.hpp): whole numbers -3..3 on the wire; other preferences are free text.
bool IsCnipScale(std::string_view name) { return ParseCnipScale(name).has_value(); }

Status CheckLength(const std::string& path, const std::string& text) {
  if (text.size() > kMaxTextBytes)
    return JsonFail({}, path, "longer than " + std::to_string(kMaxTextBytes) + " bytes");
  return Ok();
}

// A C-NIP scale as a whole number. Profiles stored before numbers were required hold the
// number as a string ("-2", sometimes "1.5"); those are still read, rounded to a whole point
// as the planner always did, and written back as numbers.
Result<int> CnipPoint(const std::string& path, const nlohmann::json& value) {
  std::int64_t point = 0;
  if (value.is_number_integer()) {
    point = value.get<std::int64_t>();
  } else if (value.is_string()) {
    const std::string text = value.get<std::string>();
    double number = 0;
    try {
      std::size_t used = 0;
      number = std::stod(text, &used);
      if (used != text.size() || text.empty() || !std::isfinite(number))
        throw std::invalid_argument(text);
    } catch (const std::exception&) {
      return JsonFail({}, path, "'" + text + "' is not a whole number -3..3");
    }
    if (number < -3 || number > 3)
      return JsonFail({}, path, "'" + text + "' is out of range -3..3");
    point = std::lround(number);
  } else {
    return JsonFail({}, path, "expected a whole number");
  }
  if (point < -3 || point > 3)
    return JsonFail({}, path, std::to_string(point) + " is out of range -3..3");
  return static_cast<int>(point);
}

Result<std::map<std::string, std::string>> Preferences(const JsonObject& object) {
  std::map<std::string, std::string> preferences;
  const nlohmann::json* member = object.Member("preferences");
  if (!member) return preferences;
  const std::string path = object.PathOf("preferences");
  if (!member->is_object()) return JsonFail({}, path, "expected an object");
  for (const auto& [name, value] : member->items()) {
    const std::string field = path + "." + name;
    if (IsCnipScale(name)) {
      TRY_ASSIGN(int point, CnipPoint(field, value));
      preferences[name] = std::to_string(point);
    } else {
      if (!value.is_string()) return JsonFail({}, field, "expected a string");
      TRY(CheckLength(field, value.get<std::string>()));
      preferences[name] = value.get<std::string>();
    }
  }
  return preferences;
}

}  // namespace

nlohmann::json ProfileToJson(const ClientProfile& profile) {
  nlohmann::json problems = nlohmann::json::array();
  for (const ProblemSeverity& problem : profile.problems)
    problems.push_back({{"problem", problem.problem.value()}, {"severity", problem.severity}});
  nlohmann::json preferences = nlohmann::json::object();
  for (const auto& [name, value] : profile.preferences) {
    // Held as text in the record; ProfileFromJson only lets whole numbers in for the scales.
    if (IsCnipScale(name)) {
      auto point = CnipPoint(name, value);
      preferences[name] = point ? nlohmann::json(*point) : nlohmann::json(value);
    } else {
      preferences[name] = value;
    }
  }
  nlohmann::json json{{"problems", problems},
                      {"traits", profile.traits},
                      {"preferences", preferences},
                      {"goals", profile.goals},
                      {"risks", profile.risks}};
  json["stage_of_change"] = profile.stage_of_change
                                ? nlohmann::json(std::string(Name(*profile.stage_of_change)))
                                : nlohmann::json(nullptr);
  return json;
}

Result<ClientProfile> ProfileFromJson(const nlohmann::json& value, const std::string& path) {
  TRY_ASSIGN(JsonObject object, JsonObject::Open(value, path,
                                                 {"problems", "traits", "stage_of_change",
                                                  "preferences", "goals", "risks"}));
  ClientProfile profile;
  TRY_ASSIGN(auto problems, object.Array("problems"));
  for (std::size_t index = 0; index < problems.size(); ++index) {
    TRY_ASSIGN(JsonObject problem,
               JsonObject::Open(problems[index], JsonElementPath(object.PathOf("problems"), index),
                                {"problem", "severity"}));
    TRY_ASSIGN(std::string id, problem.String("problem"));
    TRY_ASSIGN(std::string severity, problem.OptionalString("severity"));
    TRY(CheckLength(problem.PathOf("problem"), id));
    TRY(CheckLength(problem.PathOf("severity"), severity));
    profile.problems.push_back({ProblemId(id), severity});
  }
  TRY_ASSIGN(profile.traits, object.StringMap("traits"));
  for (const auto& [name, text] : profile.traits)
    TRY(CheckLength(object.PathOf("traits") + "." + name, text));
  TRY_ASSIGN(profile.preferences, Preferences(object));
  TRY_ASSIGN(profile.goals, object.Strings("goals"));
  for (std::size_t index = 0; index < profile.goals.size(); ++index)
    TRY(CheckLength(JsonElementPath(object.PathOf("goals"), index), profile.goals[index]));
  TRY_ASSIGN(profile.risks, object.Strings("risks"));
  for (std::size_t index = 0; index < profile.risks.size(); ++index)
    TRY(CheckLength(JsonElementPath(object.PathOf("risks"), index), profile.risks[index]));
  TRY_ASSIGN(auto stage, object.NullableString("stage_of_change"));
  if (stage) {
    auto parsed = ParseStageOfChange(*stage);
    if (!parsed)
      return InvalidArgument(object.PathOf("stage_of_change") + ": " + parsed.error().message());
    profile.stage_of_change = *parsed;
  }
  return profile;
}

Result<nlohmann::json> ParseStoredJson(const std::string& text) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return DataLoss("a stored JSON document is corrupt");
  return value;
}

std::string NumberMapToText(const std::map<std::string, double>& values) {
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::map<std::string, double>> NumberMapFromText(const std::string& text) {
  TRY_ASSIGN(nlohmann::json value, ParseStoredJson(text));
  if (!value.is_object()) return DataLoss("a stored number map is not an object");
  std::map<std::string, double> result;
  for (const auto& [key, number] : value.items()) {
    if (!number.is_number()) return DataLoss("a stored number map holds a non-number");
    result[key] = number.get<double>();
  }
  return result;
}

std::string StringListToText(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::vector<std::string>> StringListFromText(const std::string& text) {
  TRY_ASSIGN(nlohmann::json value, ParseStoredJson(text));
  if (!value.is_array()) return DataLoss("a stored list is not an array");
  std::vector<std::string> result;
  for (const auto& element : value) {
    if (!element.is_string()) return DataLoss("a stored list holds a non-string");
    result.push_back(element.get<std::string>());
  }
  return result;
}

}  // namespace tessera::store
