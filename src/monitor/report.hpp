#pragma once
// The monitor's output: per-session results with expectations and alerts, clinical support
// prompts, repeatedly unhelpful techniques and adaptation proposals. Plain data;
// episode_json.hpp renders it.

#include <optional>
#include <string>
#include <vector>

namespace tessera::monitor {

/// Which method produced an expectation (and so every alert that rests on it).
enum class ExpectationMethod {
  kGrowthModel,   // practice growth model with the client's own BLUP (stats::ExpectedResponse)
  kIntakeCourse,  // mean course of practice clients with the same intake score +-1
  kRationalRule,  // no practice data: baseline +- the instrument's reliable-change value
};
std::string_view Name(ExpectationMethod method);  // "growth_model", "intake_course", ...

enum class SessionStatus { kOnTrack, kNotOnTrack, kImproved, kRecovered, kDeteriorated };
std::string_view Name(SessionStatus status);  // "on_track", "not_on_track", ...

enum class AlertType {
  kNotOnTrack,
  kReliableDeterioration,
  kNoReliableChange,  // by the plan's review session
  kAllianceRupture,
  kRiskItem,
  kLowMotivation,
  kDropoutRisk,
};
std::string_view Name(AlertType type);  // "not_on_track", "reliable_deterioration", ...

enum class AlertSeverity { kInfo, kWarning, kHigh, kCritical };
std::string_view Name(AlertSeverity severity);  // "info", "warning", "high", "critical"

/// A fact that triggered an alert: "phq9 at session 4 = 19; band 9.1-16.3".
struct Evidence {
  std::string measure;  // instrument id or "attendance", "stage", ...
  std::string detail;
};

struct Alert {
  AlertType type = AlertType::kNotOnTrack;
  AlertSeverity severity = AlertSeverity::kWarning;
  int session = 0;
  std::string reason;
  std::vector<Evidence> evidence;
  std::vector<std::string> suggestions;
  std::optional<ExpectationMethod> method;  // set when the alert rests on an expectation
  std::string instrument{};  // the measure it is about; empty for attendance or stage alerts
};

/// Which criterion decides "not on track" (docs/monitor.md): with the practice growth model,
/// the client's curve projected to the planned last session; otherwise this score outside the
/// tolerance band.
enum class NotOnTrackRule { kBand, kProjectedEnd };
std::string_view Name(NotOnTrackRule rule);  // "band", "projected_end"

/// The client's own growth curve (with BLUP) projected to the planned last session.
struct ProjectedEnd {
  int session = 0;
  double expected = 0;
  double low = 0;  // prediction interval of the end score
  double high = 0;
  double improvement = 0;  // projected improvement from intake (points, positive = better)
  double required = 0;     // improvement the rule requires
};

/// The outcome measure of one session against its expectation.
struct MeasureResult {
  std::string instrument;
  double score = 0;
  std::optional<double> baseline;  // the intake (or first) score change is judged from
  std::optional<double> expected;  // absent: no expectation could be formed (e.g. baseline)
  std::optional<double> band_low;
  std::optional<double> band_high;
  ExpectationMethod method = ExpectationMethod::kRationalRule;
  SessionStatus status = SessionStatus::kOnTrack;
  bool worse_than_band = false;               // this score is outside the band on the worse side
  std::optional<ProjectedEnd> projected_end;  // when the growth model could project
  NotOnTrackRule not_on_track_rule = NotOnTrackRule::kBand;
  bool not_on_track = false;  // the criterion of not_on_track_rule, whatever the status says
};

struct SessionResult {
  int session = 0;
  bool attended = true;
  std::optional<MeasureResult> primary;  // the primary outcome measure, when given
  std::vector<MeasureResult> others;     // other outcome measures with an expectation rule
  std::vector<Alert> alerts;
};

/// Trier Treatment Navigator areas.
enum class SupportArea {
  kRiskAndCrisis,
  kMotivationAndGoals,
  kAllianceAndInterpersonal,
  kSocialSupportAndLifeEvents,
  kEmotionAndSelfRegulation,
};
std::string_view Name(SupportArea area);  // "risk_and_crisis", ...

struct SupportPrompt {
  SupportArea area = SupportArea::kRiskAndCrisis;
  std::string why;  // what in the data points to this area, or that nothing does
  std::vector<std::string> prompts;
};

struct UnhelpfulTechnique {
  std::string technique;
  std::vector<int> sessions;  // where it was rated at or below the threshold
  std::vector<double> ratings;
};

enum class ProposalKind {
  kRiskWork,          // a risk alert is open: assess risk, review the safety plan (always first)
  kSwitchCriterion,   // one of the plan's own switch criteria fired
  kAddTechnique,      // from the planner, given what is now known
  kReplaceTechnique,  // a repeatedly unhelpful technique
  kAllianceRepair,    // common-factor repair
};
std::string_view Name(ProposalKind kind);

/// What accepting a proposal does to the plan (monitor/adaptation.hpp applies it).
enum class PlanChange {
  kNone,  // a prompt to the clinician only; the plan records it
  kMoveToNextPhase,
  kReturnToEarlierPhase,
  kAddTechnique,
  kRemoveTechnique,
  kAddCommonFactorAction,
};
std::string_view Name(PlanChange change);

struct AdaptationProposal {
  std::string id;  // derived from the content (ProposalId): the same proposal keeps its id
  ProposalKind kind = ProposalKind::kSwitchCriterion;
  PlanChange change = PlanChange::kNone;
  int session = 0;        // the session whose feedback prompted it
  std::string phase;      // the plan phase it concerns
  std::string criterion;  // the plan's switch criterion, verbatim (kSwitchCriterion)
  std::string technique;  // added or removed technique
  std::string text;       // what to do, for the clinician
  std::vector<AlertType> prompted_by;
};

/// "p" and 12 hex digits of a hash of what the proposal does (kind, change, phase, criterion,
/// technique; not the session or the wording of counts), so the same proposal keeps its id
/// from one review to the next and a different proposal never takes over an old id.
std::string ProposalId(const AdaptationProposal& proposal);

struct EpisodeReport {
  std::string primary_instrument;       // "phq9" unless the episode has none
  std::vector<SessionResult> sessions;  // in session order
  std::vector<SupportPrompt> support;   // empty when the latest measured session is on track
  std::vector<UnhelpfulTechnique> unhelpful_techniques;
  std::vector<AdaptationProposal> proposals;
  std::optional<int> current_phase;  // index into the plan's phases at the last session
};

}  // namespace tessera::monitor
