#pragma once
// FHIR Bulk Data Access (system-level $export) as tessera serves it (docs/fhir.md, "Bulk
// export"): the kick-off's parameters, one NDJSON file per resource type, and the completion
// manifest the status URL answers with.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "fhir/search.hpp"

namespace tessera::fhir {

/// The media type of an export file.
inline constexpr std::string_view kFhirNdjson = "application/fhir+ndjson";

/// The resource types an export holds, in the order of its files: Patient,
/// QuestionnaireResponse, Observation, CarePlan, Goal.
const std::vector<std::string>& ExportableTypes();

/// The types a kick-off asks for: `_type` (a comma-separated list of exportable types; absent:
/// all of them), after checking `_outputFormat` (absent, application/fhir+ndjson,
/// application/ndjson or ndjson). kInvalidArgument naming the parameter otherwise.
Result<std::vector<std::string>> ExportTypes(const Query& query);

/// `resources` one compact JSON object a line, each line ending in '\n'.
std::string Ndjson(const std::vector<nlohmann::json>& resources);

/// One file of a finished export, as the manifest lists it.
struct ExportOutput {
  std::string type;
  std::string url;
  std::size_t count = 0;
};
/// The completion manifest: transactionTime, request, requiresAccessToken (true: the files are
/// served to the account that started the export, with its bearer token), output, error (none).
nlohmann::json ExportManifest(const std::string& transaction_time, const std::string& request,
                              const std::vector<ExportOutput>& outputs);

}  // namespace tessera::fhir
