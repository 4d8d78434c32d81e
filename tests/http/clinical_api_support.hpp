#pragma once
// Black-box: the clinical half of the route scenario (instruments, catalogue, measures with the
// monitor and alerts, plans, alerts, statistics) on the practice the record half made, and the
// check that a scenario called every operation of the OpenAPI document.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/records_api_support.hpp"

namespace tessera::testing {

/// Calls every clinical route as the right people on `ids.own_client` (demo-clinician leads it,
/// demo-supervisor is on its team) and fills the clinical fields of `ids`.
void RunEveryClinicalRoute(const ServerProcess& server, PracticeIds& ids);

/// RunEveryRecordRoute, then RunEveryClinicalRoute: every route of `tessera serve --db`.
PracticeIds RunEveryRoute(const ServerProcess& server);

/// "method /pattern" of every operation in the OpenAPI document that no recorded exchange
/// answered with a 2xx or a 409 (a path matches the most specific pattern: literal segments
/// win).
std::vector<std::string> OperationsNeverExercised(const nlohmann::json& openapi,
                                                  const std::vector<Exchange>& exchanges);

/// The OpenAPI pattern `method path` is served by, or "" (path without its query).
std::string MatchingPattern(const nlohmann::json& openapi, const std::string& method,
                            const std::string& target);

}  // namespace tessera::testing
