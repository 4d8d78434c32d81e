#pragma once
// The CapabilityStatement at /fhir/R4/metadata, built from what the route table actually
// serves (the HTTP adapter lists its FHIR routes), so it cannot claim more or less.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace tessera::fhir {

/// One FHIR interaction a route serves.
struct ServedInteraction {
  std::string resource_type;                   // "Patient"; empty for a system-level operation
  std::string interaction;                     // "read", "search-type", "create" or "operation"
  std::string operation;                       // for "operation": its name without '$' ("export")
  std::vector<std::string> search_parameters;  // for "search-type", in route order
};

/// The CapabilityStatement (kind instance, format json, R4 4.0.1) for `served`.
nlohmann::json CapabilityStatementOf(const std::vector<ServedInteraction>& served,
                                     const std::string& software_version, TimePoint now);

}  // namespace tessera::fhir
