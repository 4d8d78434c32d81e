#pragma once
// Helpers shared by the clinical route files: reading optional and numeric JSON fields with
// messages that name the field, the caller's AccessContext, and records as JSON (wire DTOs,
// kept apart from the domain types).

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/measure_submission.hpp"
#include "core/access.hpp"
#include "core/store.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "http/routes/route_support.hpp"

namespace tessera::http {

/// The acting account for store calls.
AccessContext ContextOf(const HandlerContext& context);

// RequireInteger / OptionalInteger: route_support.hpp (shared with the record routes).
Result<std::optional<std::string>> OptionalString(const nlohmann::json& object,
                                                  std::string_view field);

/// One page of an already ordered list: {"items": [...], "next_cursor": ...}.
Result<Response> PagedList(const nlohmann::json& all, const HandlerContext& context,
                           const PageLimits& limits);

/// A 200 (or `status`) response with a JSON body.
Response JsonOk(const nlohmann::json& body, int status = 200);

nlohmann::json AdministrationJson(const MeasureAdministration& administration);
/// Who reads a plan: staff see what prompted each version (alert, administration); a client
/// account sees its own feedback there but not the ids of staff-only records.
enum class PlanAudience { kStaff, kClient };
PlanAudience PlanAudienceOf(const HandlerContext& context);
/// How much of a version's content a response carries: the readable summary (the default) or
/// the planner's full document (`?detail=full`: every fit component, exclusion and reason).
enum class PlanContentDetail { kSummary, kFull };
/// The `detail` query parameter (summary or full), declared by every route that returns plans.
QueryParameter PlanDetailQuery();
Result<PlanContentDetail> ParsePlanContentDetail(const HandlerContext& context);
nlohmann::json PlanVersionJson(const PlanVersion& version,
                               PlanAudience audience = PlanAudience::kStaff,
                               PlanContentDetail content = PlanContentDetail::kSummary);
/// The plan with every version (`versions`) or only a summary of the current one.
enum class PlanDetail { kSummary, kAllVersions };
nlohmann::json PlanJson(const Plan& plan, PlanDetail detail,
                        PlanAudience audience = PlanAudience::kStaff,
                        PlanContentDetail content = PlanContentDetail::kSummary);
/// The staff answer to a submission; each alert with its guidance (alert_json.hpp).
/// The monitor's adaptation proposals as the API gives them (MonitoringResult, EpisodeCourse).
nlohmann::json ProposalsJson(const std::vector<app::AdaptationProposal>& proposals);

nlohmann::json SubmissionJson(const app::SubmissionResult& result,
                              const app::EpisodeMonitor* monitor);

}  // namespace tessera::http
