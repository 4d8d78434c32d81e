#include "fhir/bulk_export.hpp"

#include <algorithm>

namespace tessera::fhir {

using nlohmann::json;

const std::vector<std::string>& ExportableTypes() {
  static const std::vector<std::string> kTypes = {"Patient", "QuestionnaireResponse", "Observation",
                                                  "CarePlan", "Goal"};
  return kTypes;
}

Result<std::vector<std::string>> ExportTypes(const Query& query) {
  if (const auto format = query.find("_outputFormat"); format != query.end()) {
    const std::string& value = format->second;
    if (value != kFhirNdjson && value != "application/ndjson" && value != "ndjson") {
      return InvalidArgument(
          "parameter '_outputFormat': only application/fhir+ndjson is "
          "offered, not '" +
          value + "'");
    }
  }
  const auto listed = query.find("_type");
  if (listed == query.end()) return ExportableTypes();
  std::vector<std::string> asked;
  std::string_view rest = listed->second;
  while (true) {
    const auto comma = rest.find(',');
    const std::string type(rest.substr(0, comma));
    const auto& known = ExportableTypes();
    if (std::find(known.begin(), known.end(), type) == known.end()) {
      return InvalidArgument("parameter '_type': '" + type +
                             "' is not an exported resource type (Patient, "
                             "QuestionnaireResponse, Observation, CarePlan, Goal)");
    }
    if (std::find(asked.begin(), asked.end(), type) == asked.end()) asked.push_back(type);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  // In the export's own order, whatever order they were asked in.
  std::vector<std::string> ordered;
  for (const std::string& type : ExportableTypes()) {
    if (std::find(asked.begin(), asked.end(), type) != asked.end()) ordered.push_back(type);
  }
  return ordered;
}

std::string Ndjson(const std::vector<json>& resources) {
  std::string text;
  for (const json& resource : resources) {
    text += resource.dump(-1, ' ', false, json::error_handler_t::replace);
    text += '\n';
  }
  return text;
}

json ExportManifest(const std::string& transaction_time, const std::string& request,
                    const std::vector<ExportOutput>& outputs) {
  json output = json::array();
  for (const ExportOutput& file : outputs) {
    output.push_back({{"type", file.type}, {"url", file.url}, {"count", file.count}});
  }
  return {{"transactionTime", transaction_time},
          {"request", request},
          {"requiresAccessToken", true},
          {"output", std::move(output)},
          {"error", json::array()}};
}

}  // namespace tessera::fhir
