#include "fhir/capability.hpp"

#include <map>

#include "fhir/fhir_json.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

// The FHIR type of each search parameter tessera reads (search.hpp).
std::string SearchParameterType(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {"patient", "reference"}, {"subject", "reference"}, {"questionnaire", "reference"},
      {"code", "token"},        {"category", "token"},    {"_id", "token"},
      {"date", "date"},         {"authored", "date"},     {"_lastUpdated", "date"},
      {"_count", "number"},     {"_offset", "number"},    {"url", "uri"}};
  const auto found = kTypes.find(name);
  return found == kTypes.end() ? "string" : found->second;
}

}  // namespace

json CapabilityStatementOf(const std::vector<ServedInteraction>& served,
                           const std::string& software_version, TimePoint now) {
  std::map<std::string, json> resources;  // by type, sorted
  json operations = json::array();
  for (const ServedInteraction& entry : served) {
    if (entry.interaction == "operation") {
      operations.push_back(
          {{"name", entry.operation},
           {"definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/" +
                              (entry.resource_type.empty() ? std::string("export")
                                                           : entry.resource_type + "-export")}});
      continue;
    }
    json& resource = resources[entry.resource_type];
    if (resource.is_null()) {
      resource = {{"type", entry.resource_type}, {"interaction", json::array()}};
    }
    resource["interaction"].push_back({{"code", entry.interaction}});
    for (const std::string& parameter : entry.search_parameters) {
      if (parameter == "_count" || parameter == "_offset") continue;  // paging, not a filter
      if (!resource.contains("searchParam")) resource["searchParam"] = json::array();
      resource["searchParam"].push_back(
          {{"name", parameter}, {"type", SearchParameterType(parameter)}});
    }
  }
  json resource_list = json::array();
  for (auto& [type, resource] : resources) resource_list.push_back(std::move(resource));
  json rest = {{"mode", "server"},
               {"documentation",
                "Sign in through /api/v1/login and send the session as a "
                "bearer token; every read and write is authorised and audited "
                "as in the JSON API."},
               {"resource", std::move(resource_list)}};
  const bool operations_empty = operations.empty();
  if (!operations_empty) rest["operation"] = std::move(operations);
  json statement = {{"resourceType", "CapabilityStatement"},
                    {"status", "active"},
                    {"date", Instant(now).substr(0, 10)},
                    {"kind", "instance"},
                    {"software", {{"name", "tessera"}, {"version", software_version}}},
                    {"implementation", {{"description", "tessera FHIR R4 API"}}},
                    {"fhirVersion", "4.0.1"},
                    {"format", json::array({"json"})},
                    {"rest", json::array({std::move(rest)})}};
  // The system-level $export is FHIR Bulk Data Access: say so, as the IG asks servers to.
  if (!operations_empty) {
    statement["instantiates"] =
        json::array({"http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"});
  }
  return statement;
}

}  // namespace tessera::fhir
