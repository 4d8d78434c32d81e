#pragma once
// What the app's use cases ask of routine outcome monitoring, over records from the store: one
// episode (profile, sessions, every administration, the current plan) in; status, alerts and
// adaptation proposals out; and accepting a proposal as the next plan version's content.
// episode_monitor.hpp adapts src/monitor (issue 6) to it; tests use fakes.

#include <optional>
#include <string>
#include <vector>

#include "core/records/clinical.hpp"
#include "core/records/people.hpp"
#include "core/result.hpp"

namespace tessera::app {

struct MonitoringInput {
  ClientId client;
  EpisodeId episode;
  ClientProfile profile;  // the stored profile, current version
  /// The episode's sessions (current versions), by date then id: session n of the episode is
  /// sessions[n - 1].
  std::vector<Session> sessions;
  /// The episode's administrations, oldest first.
  std::vector<MeasureAdministration> administrations;
  /// The current version of the episode's newest plan (planner JSON); empty without a plan.
  std::string plan_json;
  /// The session whose results are new (its alerts are the ones to raise); absent when
  /// reviewing without a new submission.
  std::optional<SessionId> latest_session;
};

/// An alert the monitor wants raised (the store assigns id and time).
struct AlertDraft {
  std::string kind;  // e.g. "not_on_track", "risk_item"
  std::string detail;
};

/// A suggested change of the plan, for a clinician to accept or ignore.
struct AdaptationProposal {
  std::string id;         // stable within one review ("p1"); empty for a clinician's own
  std::string kind;       // e.g. "switch_criterion", "alliance_repair"
  std::string change;     // what accepting does to the plan, e.g. "move_to_next_phase"
  std::string summary;    // one line for a clinician
  std::string rationale;  // why, in terms of the measurements
};

struct MonitoringOutcome {
  /// The latest session's status on the primary outcome measure ("on_track",
  /// "not_on_track", "improved", "recovered", "deteriorated"); "not_monitored" without a
  /// monitor, "no_outcome_measure" when the session has none.
  std::string status = "not_monitored";
  std::string detail;
  std::vector<AlertDraft> alerts;
  std::vector<AdaptationProposal> proposals;
};

/// The next plan version's content after accepting a proposal.
struct PlanRevisionDraft {
  std::string content;  // plan JSON recording the revision
  std::string reason;   // one line for PlanVersion::reason
};

class EpisodeMonitor {
 public:
  virtual ~EpisodeMonitor() = default;
  /// Reviews one episode. Errors abort the submission that asked.
  virtual Result<MonitoringOutcome> Review(const MonitoringInput& input) = 0;
  /// Accepts proposal `proposal_id` of the current review of `input` (which must have a
  /// plan). NotFound when no current proposal has that id (the data changed: reload).
  virtual Result<PlanRevisionDraft> Accept(const MonitoringInput& input,
                                           const std::string& proposal_id,
                                           const std::string& client_feedback) = 0;
};

}  // namespace tessera::app
