#pragma once
// Internal to the plan use cases (plan_use_cases.cpp, plan_adaptation.cpp): reading a stored
// version's JSON, the optimistic version check, the planner's request for a stored plan
// (its client's current profile and its own team), and appending a version.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "app/clinical_library.hpp"
#include "app/plan_use_cases.hpp"
#include "planner/plan.hpp"

namespace tessera::app {

/// DataLoss when the stored content is not JSON.
Result<nlohmann::json> ParsePlanContent(const PlanVersion& version);

/// Conflict ("reload and retry") unless `expected_version` is the plan's current version.
Status RequireCurrentVersion(const Plan& plan, std::int64_t expected_version);

/// The client's current profile and the plan's therapists (its "therapists" field; none:
/// competence is not checked), as the planner takes them.
Result<planner::PlanRequest> PlannerRequestFor(Store& store, const AccessContext& context,
                                               const ClinicalLibrary& library, const Plan& plan,
                                               const nlohmann::json& content);

/// Appends version expected_version + 1 with `content` and returns the plan as stored.
Result<Plan> AppendVersion(Store& store, const AccessContext& context, const Clock& clock,
                           PlanId plan_id, std::int64_t expected_version,
                           const nlohmann::json& content, std::string reason, RevisionPrompt prompt,
                           ChoicesBy by = ChoicesBy::kStaff);

}  // namespace tessera::app
