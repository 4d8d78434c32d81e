#pragma once
// The episode file of `tessera monitor --episode` and the report it prints (docs/monitor.md).

#include <functional>
#include <string>

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "monitor/episode.hpp"
#include "monitor/report.hpp"
#include "planner/profile.hpp"

namespace tessera::monitor {

/// Reads the episode's "profile" member (its JSON text) into the planner's profile. The CLI
/// passes the reader of the one client-profile document (docs/schemas/client-profile.schema.json),
/// which also reads the planner's older file format (cli/planner_cli_support.hpp).
using ProfileReader = std::function<Result<planner::ClientProfile>(const std::string& json_text)>;

/// Parses {"profile": {...}, "plan": {...}, "intake": [...], "sessions": [...]}; the profile is
/// read by `read_profile`. InvalidArgument naming the field ("sessions[2].measures[0].answers:
/// ...") on bad input; unknown keys are refused.
Result<EpisodeInput> ParseEpisode(const std::string& json_text, const ProfileReader& read_profile);

/// Reads the outline the monitor needs from the planner's plan JSON.
Result<PlanOutline> ParsePlanOutline(const std::string& plan_json);

/// The report as pretty JSON: {"primary_instrument", "sessions": [{"session", "score",
/// "expected", "band_low", "band_high", "method", "status", "alerts": [...]}], "support",
/// "unhelpful_techniques", "proposals"}.
std::string ReportToJson(const EpisodeReport& report);

}  // namespace tessera::monitor
