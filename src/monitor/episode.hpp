#pragma once
// The monitor's input: one episode of care as plain data (intake profile, the plan's outline,
// the sessions with their measures, attendance and technique ratings). Clock-free: sessions
// carry their own numbers and dates. episode_json.hpp reads this from the CLI's episode file.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/profile.hpp"

namespace tessera::monitor {

/// One measure given at a session: item answers (needed for risk items) or a total.
/// `instrument` is an instrument id ("phq9", "gad7", "srs", "wai-sr"); the monitor also
/// accepts the short name ("PHQ-9").
struct MeasureInput {
  std::string instrument;
  std::vector<std::optional<double>> answers;  // empty when only the total is known
  std::optional<double> total;                 // ignored when answers are given
};

/// A technique used in a session and, optionally, the client's rating of how helpful it was
/// (on the scale in data/monitor/rules.json, "helpfulness").
struct TechniqueUse {
  std::string technique;  // catalogue technique id
  std::optional<double> helpfulness;
};

struct SessionInput {
  int number = 0;    // 1, 2, ...: the time axis of every expectation
  std::string date;  // as given (YYYY-MM-DD); informational only
  Attendance attendance = Attendance::kAttended;
  std::vector<MeasureInput> measures;  // outcome and alliance measures alike
  std::vector<TechniqueUse> techniques;
  std::optional<StageOfChange> stage;    // stage of change reassessed at this session
  std::vector<std::string> life_events;  // clinician notes of events, e.g. "bereavement"
};

/// What the monitor needs of a plan (the planner's JSON): phases in order with their review
/// sessions and switch criteria, and the common-factor actions for repair suggestions.
struct PlanPhaseOutline {
  std::string name;
  std::string phase;  // catalogue phase id: "engagement", "skills", ...
  std::vector<std::string> techniques;
  int sessions = 0;
  int review_at_session = 0;  // cumulative session number of the phase's review
  std::vector<std::string> switch_criteria;
  /// The trigger id testing each criterion (the plan's "switch_triggers", from the catalogue);
  /// empty for plans made before plans carried them: then the catalogue's phase is asked for
  /// the criterion's text, when the monitor has a catalogue.
  std::vector<std::string> switch_triggers;
};

struct CommonFactorOutline {
  std::string id;
  std::string name;
  std::vector<std::string> actions;
};

struct PlanOutline {
  std::vector<PlanPhaseOutline> phases;
  std::vector<CommonFactorOutline> common_factors;
  std::vector<std::string> ranking;  // eclectic plans: technique ids, best first
  /// Techniques the planner left out for this client and team ("excluded": contraindicated,
  /// not indicated, worsened before, or nobody on the team trained): never proposed.
  std::vector<std::string> excluded;
  /// Index into phases of the phase under way; absent: inferred from the session number
  /// and the phases' review sessions.
  std::optional<int> current_phase;
};

struct EpisodeInput {
  planner::ClientProfile profile;
  std::optional<PlanOutline> plan;
  /// The same as `plan`, shared rather than copied: the app's reviews share each stored plan
  /// version's parsed outline. Used instead of `plan` when set.
  std::shared_ptr<const PlanOutline> shared_plan;
  std::string plan_json;  // the plan as given, for revisions; may be empty
  /// Intake scores by instrument id (e.g. the assessment PHQ-9); when an instrument has none,
  /// its first session score is the baseline.
  std::vector<MeasureInput> intake;
  std::vector<SessionInput> sessions;  // in any order; numbers must be distinct
  /// Whether the episode's stored risk alert is still open (not resolved by a clinician), as
  /// the store knows it (false: resolved, so only an endorsement at the latest session counts);
  /// absent (an episode file, or no stored risk alert): a risk item endorsed at any session
  /// counts as an open risk alert (risk alerts are never resolved automatically).
  std::optional<bool> risk_alert_open{};

  /// The plan's outline (shared_plan, else plan); nullptr without a plan.
  const PlanOutline* Plan() const {
    return shared_plan ? shared_plan.get() : plan ? &*plan : nullptr;
  }
};

}  // namespace tessera::monitor
