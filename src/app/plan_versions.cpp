#include "app/plan_versions.hpp"

#include "app/plan_inputs.hpp"
#include "planner/plan_content.hpp"

namespace tessera::app {

Result<nlohmann::json> ParsePlanContent(const PlanVersion& version) {
  Result<nlohmann::json> content = planner::ReadPlanContent<nlohmann::json>(version.content);
  if (!content) {
    return DataLoss("plan version " + std::to_string(version.version) +
                    " does not hold readable plan JSON (" + content.error().message() + ")");
  }
  return content;
}

Status RequireCurrentVersion(const Plan& plan, std::int64_t expected_version) {
  const std::int64_t current = plan.versions.back().version;
  if (expected_version != current) {
    return Conflict("plan " + std::to_string(plan.id.value()) + " is at version " +
                    std::to_string(current) + ", not " + std::to_string(expected_version) +
                    "; reload and retry");
  }
  return Ok();
}

Result<planner::PlanRequest> PlannerRequestFor(Store& store, const AccessContext& context,
                                               const ClinicalLibrary& library, const Plan& plan,
                                               const nlohmann::json& content) {
  planner::PlanRequest request;
  TRY_ASSIGN(Client client, store.GetClientProfile(context, plan.client));
  TRY_ASSIGN(request.profile, PlannerProfile(client.profile, library.catalog));
  if (!content.is_object()) return request;
  for (const nlohmann::json& id : content.value("therapists", nlohmann::json::array())) {
    if (!id.is_string()) continue;
    TRY_ASSIGN(Therapist therapist,
               store.GetTherapist(context, TherapistId(id.get<std::string>())));
    TRY_ASSIGN(planner::Therapist converted, PlannerTherapist(therapist, library.catalog));
    request.therapists.push_back(std::move(converted));
  }
  return request;
}

Result<Plan> AppendVersion(Store& store, const AccessContext& context, const Clock& clock,
                           PlanId plan_id, std::int64_t expected_version,
                           const nlohmann::json& content, std::string reason, RevisionPrompt prompt,
                           ChoicesBy by) {
  PlanVersion revision;
  revision.version = expected_version + 1;
  revision.content = planner::WritePlanContent(content);
  revision.reason = std::move(reason);
  revision.prompted_by = std::move(prompt);
  revision.created_by = context.actor.value_or(UserId(0));
  revision.created_at = clock.Now();
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    // A client account may add only its own choices (the store's RecordOwnPlanChoices).
    if (by == ChoicesBy::kClientThemselves) {
      TRY(store.RecordOwnPlanChoices(context, plan_id, expected_version, revision));
    } else {
      TRY(store.RevisePlan(context, plan_id, expected_version, revision));
    }
    TRY_ASSIGN(plan, store.GetPlan(context, plan_id));
    return Ok();
  }));
  return plan;
}

}  // namespace tessera::app
