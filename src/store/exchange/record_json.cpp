#include "store/exchange/record_json.hpp"

#include "core/records/names.hpp"
#include "store/exchange/json_reader.hpp"

namespace tessera::store {

nlohmann::json ProfileToJson(const ClientProfile& profile) {
  nlohmann::json problems = nlohmann::json::array();
  for (const ProblemSeverity& problem : profile.problems)
    problems.push_back({{"problem", problem.problem.value()}, {"severity", problem.severity}});
  nlohmann::json json{{"problems", problems},
                      {"traits", profile.traits},
                      {"preferences", profile.preferences},
                      {"goals", profile.goals},
                      {"risks", profile.risks}};
  if (profile.stage_of_change) json["stage_of_change"] = Name(*profile.stage_of_change);
  return json;
}

Result<ClientProfile> ProfileFromJson(const nlohmann::json& value, const std::string& path) {
  TRY_ASSIGN(JsonObject object,
             JsonObject::Open(value, path, {"problems", "traits", "stage_of_change",
                                            "preferences", "goals", "risks"}));
  ClientProfile profile;
  TRY_ASSIGN(auto problems, object.Array("problems"));
  for (std::size_t index = 0; index < problems.size(); ++index) {
    TRY_ASSIGN(JsonObject problem,
               JsonObject::Open(problems[index], ElementPath(object.PathOf("problems"), index),
                                {"problem", "severity"}));
    TRY_ASSIGN(std::string id, problem.String("problem"));
    TRY_ASSIGN(std::string severity, problem.OptionalString("severity"));
    profile.problems.push_back({ProblemId(id), severity});
  }
  TRY_ASSIGN(profile.traits, object.StringMap("traits"));
  TRY_ASSIGN(profile.preferences, object.StringMap("preferences"));
  TRY_ASSIGN(profile.goals, object.StringList("goals"));
  TRY_ASSIGN(profile.risks, object.StringList("risks"));
  TRY_ASSIGN(auto stage, object.NullableString("stage_of_change"));
  if (stage) {
    auto parsed = ParseStageOfChange(*stage);
    if (!parsed) return InvalidArgument(object.PathOf("stage_of_change") + ": " + parsed.error().message());
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
