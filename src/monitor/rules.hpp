#pragma once
// Thresholds and rule parameters of the monitor, loaded from data/monitor/*.json. Each value
// in the files names its source; those FACTS.md does not give are configurable editorial
// defaults (docs/monitor.md lists which).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/vocabulary.hpp"
#include "core/result.hpp"
#include "monitor/report.hpp"

namespace tessera::monitor {

struct AllianceRule {
  std::string instrument;  // "srs", "wai-sr"
  double below = 0;        // a total strictly below this is a rupture
  double marked_drop = 0;  // a fall of at least this many points since the last session
};

struct RiskItemRule {
  std::string instrument;
  std::string flag;  // the instrument's flag id whose firing is a risk item endorsed
};

/// The monitor's dropout-risk score: a weighted sum of what it sees, alerting at `threshold`.
struct DropoutWeights {
  double per_missed_or_cancelled = 0;  // each missed or cancelled session in the window
  int window_sessions = 0;             // how many scheduled sessions back to count
  double alliance_low = 0;
  double no_early_change = 0;
  double precontemplation = 0;
  double contemplation = 0;
  double threshold = 0;
};

/// The not-on-track criterion used when the practice growth model is available: the client's
/// own curve (growth model + BLUP from every score so far) projected to the planned last
/// session; the client is not on track when the projected improvement from intake falls short
/// of `improvement_fraction` x the instrument's reliable-change value. Editorial defaults chosen
/// on simulated practices (docs/monitor-evaluation.md).
struct ProjectionRule {
  int from_session = 0;             // first session judged (earlier: too few scores)
  double improvement_fraction = 0;  // of the reliable-change value the projection must reach
  int default_last_session = 0;     // the planned last session when there is no plan
  double interval_coverage = 0;     // two-sided coverage of the projected end score's interval
};

/// A switch-criterion trigger the monitor can test, named by the catalogue's phases
/// (data/catalog/phases.json, each criterion's "trigger"), and what accepting it does.
struct SwitchTrigger {
  std::string trigger;  // "no_reliable_change_by_review", "alliance_below_threshold",
                        // "deterioration", "risk_rises", "gains_maintained"
  PlanChange change = PlanChange::kNone;
};

struct MonitorRules {
  std::vector<std::string> outcome_instruments;  // in order of preference for the primary
  double band_coverage = 0;
  ProjectionRule projection;
  int minimum_practice_clients = 0;  // for the growth model
  int minimum_course_clients = 0;    // per session, for the intake +-1 mean course
  int default_review_session = 0;    // when there is no plan
  int early_change_session = 0;
  double early_change_fraction = 0;  // of the reliable-change value, by early_change_session
  std::vector<AllianceRule> alliance;
  std::vector<RiskItemRule> risk_items;
  DropoutWeights dropout;
  std::vector<std::string> low_motivation_stages;  // stage names
  std::vector<std::string> action_phases;          // phase ids that need readiness for action
  double helpfulness_minimum = 0;
  double helpfulness_maximum = 0;
  double unhelpful_at_most = 0;
  int unhelpful_repeats = 0;
  std::map<std::string, std::vector<std::string>> suggestions;      // alert type name -> actions
  std::map<std::string, std::vector<std::string>> support_prompts;  // area name -> prompts
  std::vector<SwitchTrigger> switch_triggers;
  /// The trigger with this id; nullptr for unknown ids and for "clinical_judgement".
  const SwitchTrigger* FindTrigger(std::string_view id) const;
};

/// Loads rules.json, support_prompts.json and switch_criteria.json from `directory`.
/// InvalidArgument "<file>: <field>: <rule>" on a missing or malformed value (unknown keys
/// included); NotFound when a file is missing.
Result<MonitorRules> LoadMonitorRules(const std::filesystem::path& directory);

/// Every switch criterion of the catalogue's phases must name a trigger of `rules` or
/// "clinical_judgement": InvalidArgument "data/catalog/phases.json: phase 'skills' switch
/// criterion 2 ('...'): unknown trigger 'x' (known: ...)" otherwise.
Status CheckSwitchTriggers(const catalog::Catalog& catalog, const MonitorRules& rules);

/// Parses the three files' texts (tests and LoadMonitorRules).
Result<MonitorRules> ParseMonitorRules(const std::string& rules_json,
                                       const std::string& support_json,
                                       const std::string& switch_json);

}  // namespace tessera::monitor
