#pragma once
// Alerts on the wire (docs/http.md "Alerts"): every alert the API returns carries what to do
// (suggested actions and clinical support prompts, from the monitor's rules: the same text
// `tessera monitor` prints), its lifecycle state, severity and the administrations that
// triggered it. Staff only: no client route returns these.

#include <nlohmann/json.hpp>

#include "app/alert_use_cases.hpp"
#include "app/measure_submission.hpp"
#include "app/monitoring.hpp"

namespace tessera::http {

/// {"actions": [...], "support": [{"area", "why", "prompts"}]} for alerts of `kind`; empty
/// lists without a monitor.
nlohmann::json GuidanceJson(const app::EpisodeMonitor* monitor, const std::string& kind);

/// An alert of the work queue with its guidance.
nlohmann::json AlertViewJson(const app::AlertView& view, const app::EpisodeMonitor* monitor);

/// An alert a submission raised, updated, re-opened or resolved, with its guidance.
nlohmann::json RaisedAlertJson(const app::RaisedAlert& alert, const app::EpisodeMonitor* monitor);

}  // namespace tessera::http
