#pragma once
// Black-box: the FHIR half of the route scenario (docs/fhir.md) on the practice the record and
// clinical halves made: every FHIR route called as the right people, answers checked.

#include <nlohmann/json.hpp>
#include <string>

#include "http/records_api_support.hpp"

namespace tessera::testing {

/// A QuestionnaireResponse for `instrument` on a session of a client, answering item ids
/// "1".."n" with `values` (valueInteger).
nlohmann::json FhirResponse(const std::string& instrument, std::int64_t client,
                            std::int64_t session, const std::vector<int>& values);

/// Calls every FHIR route on `ids.own_client` (after RunEveryClinicalRoute) and fills
/// `ids.fhir_response` (the id of the QuestionnaireResponse it created).
void RunEveryFhirRoute(const ServerProcess& server, PracticeIds& ids);

}  // namespace tessera::testing
