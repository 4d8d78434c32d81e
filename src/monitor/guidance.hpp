#pragma once
// What to do about a stored alert, by its kind: the rules' suggested actions (the same list the
// monitor attaches to each alert it raises, shown by `tessera monitor`) and the clinical
// support prompts of the Trier Treatment Navigator areas the kind points to. One source for
// that text (data/monitor/rules.json and support_prompts.json), used by the CLI and the HTTP API.

#include <string_view>
#include <vector>

#include "monitor/report.hpp"
#include "monitor/rules.hpp"

namespace tessera::monitor {

struct AlertGuidance {
  std::vector<std::string> actions;    // suggested actions, in the rules' order
  std::vector<SupportPrompt> support;  // areas with their prompts
};

/// The guidance for an alert kind ("risk_item", "not_on_track", ...; "flag:<id>" kinds of an
/// unmonitored submission are guided as the monitor's alert the flag stands for when the rules
/// name that flag, else get none). Risk points to risk and crisis; alliance rupture to the
/// alliance; low motivation and drop-out risk to motivation and goals; the off-track kinds (not
/// on track, reliable deterioration, no reliable change) to all five areas, as the monitor
/// screens them when nothing in the data points to one.
AlertGuidance GuidanceFor(std::string_view kind, const MonitorRules& rules);

}  // namespace tessera::monitor
