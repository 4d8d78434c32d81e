#pragma once
// The alert lifecycle (docs/monitor.md "Alert lifecycle"): one alert per episode, kind and
// instrument, updated by each administration that meets its condition again (a trigger)
// instead of being raised again; open -> acknowledged -> resolved, derived from the alert's
// append-only handlings; resolved automatically when the condition clears (kinds listed in
// IsAutoResolved), never for risk. Pure decisions here; StoreSubmission applies them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/monitoring.hpp"
#include "core/records/clinical.hpp"

namespace tessera::app {

enum class AlertLifecycleState { kOpen, kAcknowledged, kResolved };
std::string_view Name(AlertLifecycleState state);  // "open", "acknowledged", "resolved"

/// Handling actions that move the state (any other action, from before the lifecycle, counts
/// as an acknowledgement).
inline constexpr std::string_view kAcknowledgedAction = "acknowledged";
inline constexpr std::string_view kResolvedAction = "resolved";
inline constexpr std::string_view kAutoResolvedAction = "auto_resolved";
inline constexpr std::string_view kReopenedAction = "reopened";

/// The state after the alert's handlings, in order.
AlertLifecycleState StateOf(const Alert& alert);

/// The documented severity order: critical (3) > high (2) > warning (1) > info (0); an
/// unknown name ranks as warning.
int SeverityRank(std::string_view severity);
/// The highest severity of the alert and its triggers.
std::string CurrentSeverity(const Alert& alert);
/// The highest risk level among the triggers (nullopt without one).
std::optional<double> HighestLevel(const Alert& alert);

/// MonitoringInput::risk_alert_open from an episode's alerts: nullopt without a risk alert,
/// true while any is open or acknowledged, false when all are resolved.
std::optional<bool> RiskAlertOpen(const std::vector<Alert>& episode_alerts);

/// Kinds resolved automatically when a later administration of their instrument no longer
/// meets the condition: not on track (back on track), reliable deterioration (no longer
/// reliably worse), alliance rupture (alliance recovered). Risk never is.
bool IsAutoResolved(std::string_view kind);

/// One alert the review of a session wants (AlertDraft) with the administration it rests on.
struct TriggerDraft {
  AlertDraft draft;
  std::optional<AdministrationId> administration;
};

/// What to store for one reviewed session, in order.
struct AlertChange {
  enum class Type { kRaise, kAddTrigger, kReopen, kAutoResolve } type = Type::kRaise;
  std::optional<AlertId> alert;  // every type but kRaise
  TriggerDraft trigger;          // kRaise and kAddTrigger
  std::string note;              // kReopen and kAutoResolve
};

/// The session's view of an episode's alerts.
struct ReviewedSession {
  /// The episode's alerts (with handlings and triggers).
  const std::vector<Alert>* alerts = nullptr;
  /// Administrations of the reviewed session (the latest per instrument).
  std::vector<MeasureAdministration> session_administrations;
  /// For each instrument, its administration just before this session in the episode (the
  /// one a "new" endorsement is judged against).
  std::vector<MeasureAdministration> previous_administrations;
};

/// Decides the changes for `drafts` (the monitor's alerts of the session, each with its
/// administration) against the episode's alerts. A draft whose key has no alert raises one;
/// one whose alert already has a trigger for the same administration changes nothing; an open
/// or acknowledged alert gets a trigger; a resolved alert gets a trigger and is re-opened,
/// except a risk alert, which re-opens (or, acknowledged, returns to open) only on a new
/// endorsement (not endorsed at the instrument's previous administration) or a higher one.
/// Alerts of auto-resolved kinds whose instrument was given this session without the
/// condition are resolved.
std::vector<AlertChange> PlanAlertChanges(const ReviewedSession& session,
                                          const std::vector<TriggerDraft>& drafts);

}  // namespace tessera::app
