#pragma once
// src/monitor (issue 6) behind the app's EpisodeMonitor interface: stored records in, the
// monitor's episode report out. Sessions are numbered by date within the episode; a stored
// profile the planner cannot read is monitored without a profile rather than blocking
// submissions; no practice model is given, so expectations use the monitor's rational rule
// (docs/monitor.md) until a practice model is wired in.

#include <memory>

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"
#include "monitor/rules.hpp"

namespace tessera::app {

class RoutineOutcomeMonitor final : public EpisodeMonitor {
 public:
  /// Loads the rules from data_dir/monitor. `library` must outlive the monitor.
  static Result<std::unique_ptr<RoutineOutcomeMonitor>> Create(
      const ClinicalLibrary& library, const std::filesystem::path& data_dir);

  Result<MonitoringOutcome> Review(const MonitoringInput& input) override;
  Result<PlanRevisionDraft> Accept(const MonitoringInput& input, const std::string& proposal_id,
                                   const std::string& client_feedback) override;

 private:
  RoutineOutcomeMonitor(const ClinicalLibrary& library, monitor::MonitorRules rules)
      : library_(library), rules_(std::move(rules)) {}

  const ClinicalLibrary& library_;
  monitor::MonitorRules rules_;
};

}  // namespace tessera::app
