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
  /// The current version of the episode's active plan (planner JSON; never a draft); empty
  /// without one.
  std::string plan_json;
  /// The session whose results are new (its alerts are the ones to raise); absent when
  /// reviewing without a new submission.
  std::optional<SessionId> latest_session;
  /// The episode's stored risk alert: true while any is open or acknowledged, false when all
  /// are resolved, absent without one (RiskAlertOpen in alert_lifecycle.hpp). Risk work leads
  /// the proposals while it is open.
  std::optional<bool> risk_alert_open{};
};

/// An alert the monitor wants raised (the store assigns id and time).
struct AlertDraft {
  std::string kind;  // e.g. "not_on_track", "risk_item"
  std::string detail;
  std::string
      instrument{};  // the instrument the alert is about; empty for none (attendance, stage)
  std::string severity = "warning";  // "info", "warning", "high", "critical"
  std::optional<double> level{};     // risk items: the highest endorsed answer
};

/// What to do about an alert of one kind (monitor/guidance.hpp): suggested actions and the
/// clinical support prompts of the areas the kind points to.
struct SupportPromptText {
  std::string area;  // e.g. "risk_and_crisis"
  std::string why;
  std::vector<std::string> prompts;
};
struct AlertGuidanceText {
  std::vector<std::string> actions;
  std::vector<SupportPromptText> support;
};

/// A suggested change of the plan, for a clinician to accept or ignore.
struct AdaptationProposal {
  std::string id;         // stable within one review ("p1"); empty for a clinician's own
  std::string kind;       // e.g. "switch_criterion", "alliance_repair"
  std::string change;     // what accepting does to the plan, e.g. "move_to_next_phase"
  std::string summary;    // one line for a clinician
  std::string rationale;  // why, in terms of the measurements
  std::string phase;      // the plan phase it changes; empty: the phase under way
  std::string technique;  // the technique added or removed (change add_/remove_technique)
};

/// The primary measure's course projected to the planned last session (growth model only).
struct ProjectedEndDraft {
  int session = 0;
  double expected = 0;
  double low = 0;  // prediction interval of the end score
  double high = 0;
  double improvement = 0;  // projected improvement from intake, points (positive = better)
  double required = 0;     // improvement the not-on-track rule requires
};

struct MonitoringOutcome {
  /// The latest session's status on the primary outcome measure ("on_track",
  /// "not_on_track", "improved", "recovered", "deteriorated"); "not_monitored" without a
  /// monitor, "no_outcome_measure" when the session has none.
  std::string status = "not_monitored";
  std::string detail;
  /// Which expected-response method judged the latest session (docs/monitor.md):
  /// "growth_model", "intake_course" or "rational_rule"; empty when nothing was expected
  /// (no outcome measure, or this score is the baseline).
  std::string method;
  /// "projected_end" (growth model) or "band"; empty with `method`.
  std::string not_on_track_rule;
  std::optional<double> expected;
  std::optional<double> band_low;
  std::optional<double> band_high;
  std::optional<ProjectedEndDraft> projected_end;
  /// The practice model the monitor holds ("none" without one), whatever `method` says.
  std::string expected_model;
  std::vector<AlertDraft> alerts;
  std::vector<AdaptationProposal> proposals;
};

/// The next plan version's content after accepting a proposal.
struct PlanRevisionDraft {
  std::string content;                   // plan JSON recording the revision
  std::string reason;                    // one line for PlanVersion::reason
  std::vector<std::string> alert_types;  // the kinds of alert the proposal answers
};

/// One outcome instrument of a practice model.
struct PracticeModelInstrument {
  std::string instrument;
  int clients = 0;            // clients (episodes) the fit saw
  bool growth_model = false;  // the growth model was fitted
  bool used = false;          // ... and on enough clients for the monitor to use it
  std::string note;           // why not, when it is not used
};

/// The expected-response model a monitor holds.
struct PracticeModelSummary {
  std::string source;     // the model file, or how and when it was refitted
  std::string fitted_at;  // UTC, for a refit; empty for a file
  int episodes = 0;       // closed episodes fitted on (refit only)
  std::vector<PracticeModelInstrument> instruments;
};

/// One session's score on an outcome measure against the monitor's expectation for it: what
/// the progress chart draws (the expected band beside the score).
struct CoursePoint {
  int session = 0;  // 1-based, as Review numbers the episode's sessions (by date, then id)
  SessionId session_id;
  std::string instrument;
  double score = 0;
  bool primary = false;  // the episode's primary outcome measure
  /// Absent for the baseline score (nothing is expected of it) and when no rule applies.
  std::optional<double> expected;
  std::optional<double> band_low;
  std::optional<double> band_high;
  std::string method;  // "growth_model", "intake_course", "rational_rule"; empty without expected
  std::string status;  // "on_track", "not_on_track", "improved", "recovered", "deteriorated"
};

class EpisodeMonitor {
 public:
  virtual ~EpisodeMonitor() = default;
  /// The practice model in use; nullopt when expectations come from the rational rule.
  virtual std::optional<PracticeModelSummary> CurrentModel() const { return std::nullopt; }
  /// Fits the practice model on closed episodes (each as Review would see it) and uses it
  /// from the next Review on. Conflict, keeping the current model, when no instrument gets a
  /// usable growth model. Unavailable for monitors without a practice model.
  virtual Result<PracticeModelSummary> Refit(const std::vector<MonitoringInput>& closed_episodes,
                                             const std::string& source,
                                             const std::string& fitted_at) {
    (void)closed_episodes, (void)source, (void)fitted_at;
    return Unavailable("this monitor has no practice expected-response model to refit");
  }
  /// The outcome instruments, the primary first (none from a monitor without rules).
  virtual std::vector<std::string> OutcomeInstruments() const { return {}; }
  /// The guidance for alerts of `kind` (none from a monitor without rules).
  virtual AlertGuidanceText Guidance(const std::string& kind) const {
    (void)kind;
    return {};
  }
  /// Every session's outcome measures against their expectations, judged as Review judges
  /// the latest session, oldest first. Empty for a monitor that forms no expectations.
  virtual Result<std::vector<CoursePoint>> Course(const MonitoringInput& input) {
    (void)input;
    return std::vector<CoursePoint>{};
  }
  /// Reviews one episode. Errors abort the submission that asked.
  virtual Result<MonitoringOutcome> Review(const MonitoringInput& input) = 0;
  /// Accepts proposal `proposal_id` of the current review of `input` (which must have a
  /// plan). NotFound when no current proposal has that id (the data changed: reload).
  virtual Result<PlanRevisionDraft> Accept(const MonitoringInput& input,
                                           const std::string& proposal_id,
                                           const std::string& client_feedback) = 0;
};

}  // namespace tessera::app
