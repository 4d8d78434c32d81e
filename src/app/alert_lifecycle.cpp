#include "app/alert_lifecycle.hpp"

#include <algorithm>

#include "measures/scoring.hpp"

namespace tessera::app {
namespace {

constexpr std::string_view kRiskKind = "risk_item";

// The newest alert of the key (episode implied: `alerts` are one episode's).
const Alert* LatestOfKey(const std::vector<Alert>& alerts, const AlertDraft& draft) {
  const Alert* latest = nullptr;
  for (const Alert& alert : alerts) {
    if (alert.kind != draft.kind || alert.instrument != draft.instrument) continue;
    if (latest == nullptr || alert.id.value() > latest->id.value()) latest = &alert;
  }
  return latest;
}

bool HasTriggerFor(const Alert& alert, const std::optional<AdministrationId>& administration) {
  if (!administration) return false;
  if (alert.administration == administration) return true;
  return std::any_of(
      alert.triggers.begin(), alert.triggers.end(),
      [&](const AlertTrigger& trigger) { return trigger.administration == administration; });
}

const MeasureAdministration* FindByInstrument(const std::vector<MeasureAdministration>& list,
                                              std::string_view instrument) {
  for (const MeasureAdministration& administration : list) {
    if (administration.instrument.value() == instrument) return &administration;
  }
  return nullptr;
}

// A risk endorsement is new when the instrument's previous administration did not trigger
// this alert (the item was not endorsed then, or the alert did not exist), and higher when its
// level exceeds every earlier trigger's.
std::string RiskChange(const Alert& alert, const TriggerDraft& trigger,
                       const ReviewedSession& session) {
  const std::optional<double> highest = HighestLevel(alert);
  if (trigger.draft.level && highest && *trigger.draft.level > *highest) {
    return "escalated: the risk item is endorsed at " +
           measures::FormatScore(*trigger.draft.level) + ", higher than the earlier " +
           measures::FormatScore(*highest);
  }
  const MeasureAdministration* previous =
      FindByInstrument(session.previous_administrations, alert.instrument);
  if (previous == nullptr || !HasTriggerFor(alert, previous->id)) {
    return "re-opened: a new endorsement of the risk item after an administration without it";
  }
  return "";
}

}  // namespace

std::string_view Name(AlertLifecycleState state) {
  switch (state) {
    case AlertLifecycleState::kOpen:
      return "open";
    case AlertLifecycleState::kAcknowledged:
      return "acknowledged";
    case AlertLifecycleState::kResolved:
      return "resolved";
  }
  return "";
}

AlertLifecycleState StateOf(const Alert& alert) {
  AlertLifecycleState state = AlertLifecycleState::kOpen;
  for (const AlertHandling& handling : alert.handlings) {
    if (handling.action == kReopenedAction) {
      state = AlertLifecycleState::kOpen;
    } else if (handling.action == kResolvedAction || handling.action == kAutoResolvedAction) {
      state = AlertLifecycleState::kResolved;
    } else if (state == AlertLifecycleState::kOpen) {
      // "acknowledged", or a free-text handling from before the lifecycle.
      state = AlertLifecycleState::kAcknowledged;
    }
  }
  return state;
}

int SeverityRank(std::string_view severity) {
  if (severity == "critical") return 3;
  if (severity == "high") return 2;
  if (severity == "info") return 0;
  return 1;
}

std::string CurrentSeverity(const Alert& alert) {
  std::string highest = alert.severity.empty() ? "warning" : alert.severity;
  for (const AlertTrigger& trigger : alert.triggers) {
    if (SeverityRank(trigger.severity) > SeverityRank(highest)) highest = trigger.severity;
  }
  return highest;
}

std::optional<double> HighestLevel(const Alert& alert) {
  std::optional<double> highest;
  for (const AlertTrigger& trigger : alert.triggers) {
    if (trigger.level && (!highest || *trigger.level > *highest)) highest = trigger.level;
  }
  return highest;
}

std::optional<bool> RiskAlertOpen(const std::vector<Alert>& episode_alerts) {
  std::optional<bool> open;
  for (const Alert& alert : episode_alerts) {
    if (alert.kind != kRiskKind) continue;
    open = open.value_or(false) || StateOf(alert) != AlertLifecycleState::kResolved;
  }
  return open;
}

bool IsAutoResolved(std::string_view kind) {
  return kind == "not_on_track" || kind == "reliable_deterioration" || kind == "alliance_rupture";
}

std::vector<AlertChange> PlanAlertChanges(const ReviewedSession& session,
                                          const std::vector<TriggerDraft>& drafts) {
  std::vector<AlertChange> changes;
  const std::vector<Alert>& alerts = *session.alerts;
  for (const TriggerDraft& trigger : drafts) {
    const Alert* alert = LatestOfKey(alerts, trigger.draft);
    if (alert == nullptr) {
      changes.push_back({AlertChange::Type::kRaise, std::nullopt, trigger, ""});
      continue;
    }
    // The monitor judges the whole session, so a second questionnaire in the same session
    // yields the session's alerts again: the same administration is not a new trigger.
    if (HasTriggerFor(*alert, trigger.administration)) continue;
    // An alert about no instrument rests on the session: any of its administrations counts.
    if (trigger.draft.instrument.empty() &&
        std::any_of(
            session.session_administrations.begin(), session.session_administrations.end(),
            [&](const MeasureAdministration& given) { return HasTriggerFor(*alert, given.id); })) {
      continue;
    }
    changes.push_back({AlertChange::Type::kAddTrigger, alert->id, trigger, ""});
    const AlertLifecycleState state = StateOf(*alert);
    if (trigger.draft.kind == kRiskKind) {
      if (state == AlertLifecycleState::kOpen) continue;
      std::string why = RiskChange(*alert, trigger, session);
      if (!why.empty())
        changes.push_back({AlertChange::Type::kReopen, alert->id, {}, std::move(why)});
    } else if (state == AlertLifecycleState::kResolved) {
      changes.push_back(
          {AlertChange::Type::kReopen, alert->id, {}, "re-opened: the condition was met again"});
    }
  }
  for (const Alert& alert : alerts) {
    if (!IsAutoResolved(alert.kind) || StateOf(alert) == AlertLifecycleState::kResolved) continue;
    const MeasureAdministration* given =
        FindByInstrument(session.session_administrations, alert.instrument);
    if (given == nullptr) continue;  // not measured this session: nothing is known to clear
    const bool still = std::any_of(drafts.begin(), drafts.end(), [&](const TriggerDraft& trigger) {
      return trigger.draft.kind == alert.kind && trigger.draft.instrument == alert.instrument;
    });
    if (still) continue;
    changes.push_back({AlertChange::Type::kAutoResolve,
                       alert.id,
                       {},
                       "resolved automatically: " + alert.instrument + " at administration " +
                           std::to_string(given->id.value()) + " no longer meets the condition (" +
                           alert.kind + ")"});
  }
  return changes;
}

}  // namespace tessera::app
