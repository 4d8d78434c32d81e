#pragma once
// Internal to the planner: one planned technique as the plan JSON writes it (plan_json.cpp),
// shared with the revision check that completes techniques added after planning.

#include <nlohmann/json.hpp>

#include "planner/plan.hpp"

namespace tessera::planner {

using Json = nlohmann::ordered_json;

Json TechniqueJson(const PlannedTechnique& technique);

}  // namespace tessera::planner
