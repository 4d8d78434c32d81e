#pragma once
// The episode file of `tessera monitor --episode` and the report it prints (docs/monitor.md).

#include <string>

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "monitor/episode.hpp"
#include "monitor/report.hpp"

namespace tessera::monitor {

/// Parses {"profile": {...}, "plan": {...}, "intake": [...], "sessions": [...]}. The profile
/// is the planner's format, checked against `catalog`. InvalidArgument naming the field
/// ("sessions[2].measures[0].answers: ...") on bad input; unknown keys are refused.
Result<EpisodeInput> ParseEpisode(const std::string& json_text, const catalog::Catalog& catalog);

/// Reads the outline the monitor needs from the planner's plan JSON.
Result<PlanOutline> ParsePlanOutline(const std::string& plan_json);

/// The report as pretty JSON: {"primary_instrument", "sessions": [{"session", "score",
/// "expected", "band_low", "band_high", "method", "status", "alerts": [...]}], "support",
/// "unhelpful_techniques", "proposals"}.
std::string ReportToJson(const EpisodeReport& report);

}  // namespace tessera::monitor
