// The per-session alert rules. Thresholds come from MonitorRules (data/monitor/rules.json).

#include <algorithm>
#include <cmath>

#include "measures/scoring.hpp"
#include "monitor/internal/scored_episode.hpp"

namespace tessera::monitor::internal {
namespace {

std::string Points(double value) {
  const double rounded = std::round(value * 10) / 10;
  // Whole numbers (most scores) print as FormatScore prints them ("%.2f", zeros trimmed, no
  // "-0"), without snprintf: formatting was a sixth of a review (docs/monitor.md).
  if (rounded == std::trunc(rounded) && std::fabs(rounded) < 1e15) {
    return std::to_string(static_cast<long long>(rounded));
  }
  return measures::FormatScore(rounded);
}

// `describe` false (not MonitorContext::described_session): the alert is raised
// exactly as it would be, but without its texts (reason, evidence, suggestions), which no one
// reads; the callers then skip building them. It never decides whether an alert is raised.
template <typename Reason>
Alert MakeAlert(AlertType type, AlertSeverity severity, int session, Reason reason,
                const MonitorRules& rules, bool describe) {
  Alert alert{.type = type, .severity = severity, .session = session};
  if (!describe) return alert;
  alert.reason = reason();
  const auto suggestions = rules.suggestions.find(std::string(Name(type)));
  if (suggestions != rules.suggestions.end()) alert.suggestions = suggestions->second;
  return alert;
}

// Which band the alert stands beside, and whether this score lies in it: with the projected-end
// rule a score inside the band of clients with this intake can still come with an alert, and
// the clinician must not have to guess why.
std::string BandEvidence(const MeasureResult& measure) {
  const bool projected = measure.not_on_track_rule == NotOnTrackRule::kProjectedEnd;
  return "rule " + std::string(Name(measure.not_on_track_rule)) + "; score " +
         Points(measure.score) + (measure.worse_than_band ? ", worse than" : ", inside") +
         " the expected band for clients with this intake " + Points(*measure.band_low) + " to " +
         Points(*measure.band_high) + " (expected " + Points(*measure.expected) + ", " +
         std::string(Name(measure.method)) + ")" +
         (projected ? "; the alert rests on the client's own projection, not on this band" : "");
}

std::string NotOnTrackReason(const MeasureResult& measure) {
  if (measure.not_on_track_rule == NotOnTrackRule::kProjectedEnd && measure.projected_end) {
    return measure.instrument +
           " is not on track: the client's own curve, projected to the planned last session (" +
           std::to_string(measure.projected_end->session) + "), ends at " +
           Points(measure.projected_end->expected) + ": an improvement of " +
           Points(measure.projected_end->improvement) + " from intake, under the " +
           Points(measure.projected_end->required) + " required (rule projected_end)";
  }
  return measure.instrument +
         " is worse than expected for this client (outside the tolerance band; rule band)";
}

// The stage of change in force at a session: the latest reassessment at or before it, else
// the intake profile's.
std::optional<StageOfChange> StageAt(const EpisodeInput& episode,
                                     const std::vector<ScoredSession>& scored,
                                     std::size_t session_index) {
  for (std::size_t index = session_index + 1; index-- > 0;) {
    if (scored[index].input->stage) return scored[index].input->stage;
  }
  return episode.profile.stage;
}

bool IsLowStage(const MonitorRules& rules, std::optional<StageOfChange> stage) {
  if (!stage) return false;
  const std::string name(Name(*stage));
  return std::find(rules.low_motivation_stages.begin(), rules.low_motivation_stages.end(), name) !=
         rules.low_motivation_stages.end();
}

// The review session the no-reliable-change rule uses at `session`: the current phase's, or
// the rules' default when there is no plan.
int ReviewSession(const EpisodeInput& episode, const MonitorRules& rules, int session) {
  const std::optional<int> phase = PhaseAt(episode, session);
  if (!phase) return rules.default_review_session;
  return episode.Plan()->phases[*phase].review_at_session;
}

void AddOutcomeAlerts(const EpisodeInput& episode, const MonitorContext& context,
                      const std::vector<SessionResult>& results, SessionResult& current,
                      bool describe) {
  const MonitorRules& rules = *context.rules;
  std::vector<const MeasureResult*> measured;
  if (current.primary) measured.push_back(&*current.primary);
  for (const MeasureResult& other : current.others) measured.push_back(&other);
  for (const MeasureResult* measure : measured) {
    const bool primary = measure == measured.front() && current.primary.has_value();
    if (measure->status == SessionStatus::kDeteriorated) {
      Alert alert = MakeAlert(
          AlertType::kReliableDeterioration, AlertSeverity::kHigh, current.session,
          [&] { return measure->instrument + " has reliably deteriorated since the baseline"; },
          rules, describe);
      alert.instrument = measure->instrument;
      if (describe) {
        alert.evidence.push_back({measure->instrument, "baseline " + Points(*measure->baseline) +
                                                           ", now " + Points(measure->score)});
      }
      current.alerts.push_back(std::move(alert));
    }
    if (!primary) continue;
    if (measure->not_on_track) {
      Alert alert = MakeAlert(
          AlertType::kNotOnTrack, AlertSeverity::kWarning, current.session,
          [&] { return NotOnTrackReason(*measure); }, rules, describe);
      alert.method = measure->method;
      alert.instrument = measure->instrument;
      if (describe) alert.evidence.push_back({measure->instrument, BandEvidence(*measure)});
      if (describe && measure->projected_end) {
        const ProjectedEnd& end = *measure->projected_end;
        alert.evidence.push_back(
            {measure->instrument, "projected end score at session " + std::to_string(end.session) +
                                      ": " + Points(end.expected) + ", interval " +
                                      Points(end.low) + " to " + Points(end.high) +
                                      "; projected improvement " + Points(end.improvement) +
                                      " from intake " + Points(*measure->baseline) +
                                      ", the rule requires " + Points(end.required)});
      }
      current.alerts.push_back(std::move(alert));
    }
    // No reliable change by the review session: raised at the first measured session at or
    // after the review point of the phase, once per review point.
    const int review = ReviewSession(episode, rules, current.session);
    if (current.session < review || !measure->baseline) continue;
    bool already = false;
    for (std::size_t index = 0; index + 1 < results.size(); ++index) {
      if (results[index].primary && results[index].session >= review) already = true;
    }
    const bool improved =
        measure->status == SessionStatus::kImproved || measure->status == SessionStatus::kRecovered;
    if (already || improved) continue;
    Alert alert = MakeAlert(
        AlertType::kNoReliableChange, AlertSeverity::kWarning, current.session,
        [&] {
          return "no reliable improvement on " + measure->instrument + " by the review session (" +
                 std::to_string(review) + ")";
        },
        rules, describe);
    alert.instrument = measure->instrument;
    if (describe) {
      alert.evidence.push_back({measure->instrument, "baseline " + Points(*measure->baseline) +
                                                         ", now " + Points(measure->score)});
    }
    current.alerts.push_back(std::move(alert));
  }
}

// Returns true when an alliance measure at this session is below threshold or fell markedly.
bool AddAllianceAlerts(const MonitorContext& context, const std::vector<ScoredSession>& scored,
                       std::size_t session_index, SessionResult& current, bool describe) {
  bool rupture = false;
  for (const AllianceRule& rule : context.rules->alliance) {
    const ScoredMeasure* measure = scored[session_index].Find(rule.instrument);
    if (measure == nullptr) continue;
    std::vector<Evidence> evidence;
    bool concern = false;  // evidence, written out or not
    if (measure->total < rule.below) {
      concern = true;
      if (describe)
        evidence.push_back({rule.instrument,
                            "total " + Points(measure->total) + " is below " + Points(rule.below)});
    }
    for (std::size_t index = session_index; index-- > 0;) {
      const ScoredMeasure* previous = scored[index].Find(rule.instrument);
      if (previous == nullptr) continue;
      if (previous->total - measure->total >= rule.marked_drop) {
        concern = true;
        if (describe)
          evidence.push_back({rule.instrument, "fell " + Points(previous->total - measure->total) +
                                                   " points since session " +
                                                   std::to_string(scored[index].input->number) +
                                                   " (" + Points(previous->total) + " to " +
                                                   Points(measure->total) + ")"});
      }
      break;
    }
    if (!concern) continue;
    Alert alert = MakeAlert(
        AlertType::kAllianceRupture, AlertSeverity::kHigh, current.session,
        [&] { return "possible alliance rupture on " + rule.instrument; }, *context.rules,
        describe);
    alert.evidence = std::move(evidence);
    alert.instrument = rule.instrument;
    current.alerts.push_back(std::move(alert));
    rupture = true;
  }
  return rupture;
}

void AddRiskAlerts(const MonitorContext& context, const ScoredSession& session,
                   SessionResult& current, bool describe) {
  for (const RiskItemRule& rule : context.rules->risk_items) {
    const ScoredMeasure* measure = session.Find(rule.instrument);
    if (measure == nullptr) continue;
    if (std::find(measure->flags.begin(), measure->flags.end(), rule.flag) == measure->flags.end())
      continue;
    Alert alert = MakeAlert(
        AlertType::kRiskItem, AlertSeverity::kCritical, current.session,
        [&] {
          return "risk item endorsed on " + rule.instrument + ": needs a clinician's attention now";
        },
        *context.rules, describe);
    alert.instrument = rule.instrument;
    if (describe) alert.evidence.push_back({rule.instrument, "flag " + rule.flag});
    current.alerts.insert(current.alerts.begin(), std::move(alert));
  }
}

void AddMotivationAlert(const EpisodeInput& episode, const MonitorContext& context,
                        const std::vector<ScoredSession>& scored, std::size_t session_index,
                        SessionResult& current, bool describe) {
  const MonitorRules& rules = *context.rules;
  const int number = scored[session_index].input->number;
  const std::optional<int> phase = PhaseAt(episode, number);
  if (!phase || !IsLowStage(rules, StageAt(episode, scored, session_index))) return;
  const PlanPhaseOutline& outline = episode.Plan()->phases[*phase];
  if (std::find(rules.action_phases.begin(), rules.action_phases.end(), outline.phase) ==
      rules.action_phases.end())
    return;
  // Once per phase, and again whenever the stage is reassessed as low.
  bool reassessed = scored[session_index].input->stage.has_value();
  bool first_in_phase = true;
  for (std::size_t index = 0; index < session_index; ++index) {
    if (PhaseAt(episode, scored[index].input->number) == phase) first_in_phase = false;
  }
  if (!reassessed && !first_in_phase) return;
  const std::string stage(Name(*StageAt(episode, scored, session_index)));
  Alert alert = MakeAlert(
      AlertType::kLowMotivation, AlertSeverity::kWarning, current.session,
      [&] {
        return "stage of change '" + stage + "' does not fit the action work of phase '" +
               outline.name + "'";
      },
      rules, describe);
  if (describe) {
    alert.evidence.push_back({"stage", stage});
    alert.evidence.push_back({"phase", outline.phase});
  }
  current.alerts.push_back(std::move(alert));
}

void AddDropoutAlert(const EpisodeInput& episode, const MonitorContext& context,
                     const std::vector<ScoredSession>& scored, std::size_t session_index,
                     const std::string& primary, const std::vector<SessionResult>& results,
                     SessionResult& current, bool describe) {
  const DropoutWeights& weights = context.rules->dropout;
  const int number = scored[session_index].input->number;
  double score = 0;
  std::vector<Evidence> evidence;
  int missed = 0;
  bool alliance_low = false;
  for (std::size_t index = 0; index <= session_index; ++index) {
    if (scored[index].input->number <= number - weights.window_sessions) continue;
    if (scored[index].input->attendance != Attendance::kAttended) ++missed;
    for (const Alert& alert : results[index].alerts)
      alliance_low |= alert.type == AlertType::kAllianceRupture;
  }
  if (missed > 0) {
    score += weights.per_missed_or_cancelled * missed;
    if (describe)
      evidence.push_back({"attendance", std::to_string(missed) +
                                            " missed or cancelled in the last " +
                                            std::to_string(weights.window_sessions) + " sessions"});
  }
  if (alliance_low) {
    score += weights.alliance_low;
    if (describe)
      evidence.push_back({"alliance", "rupture signalled in the last " +
                                          std::to_string(weights.window_sessions) + " sessions"});
  }
  // Early change: by the early-change session, the primary measure has improved by at least a
  // fraction of its reliable-change value.
  if (number >= context.rules->early_change_session && !primary.empty()) {
    const measures::Instrument* instrument = nullptr;
    std::optional<double> latest;
    std::optional<double> baseline;
    for (std::size_t index = 0; index <= session_index; ++index) {
      const ScoredMeasure* measure = scored[index].Find(primary);
      if (measure == nullptr || !results[index].primary) continue;
      instrument = measure->instrument;
      latest = measure->total;
      baseline = results[index].primary->baseline;
    }
    const double points = instrument ? ReliableChangePoints(context, *instrument).value_or(0) : 0;
    if (latest && baseline && points > 0) {
      const double gain = instrument->direction == measures::Direction::kHigherIsWorse
                              ? *baseline - *latest
                              : *latest - *baseline;
      const double needed = context.rules->early_change_fraction * points;
      if (gain < needed) {
        score += weights.no_early_change;
        if (describe)
          evidence.push_back({primary, "improved " + Points(gain) + " points by session " +
                                           std::to_string(number) + " (early change needs " +
                                           Points(needed) + ")"});
      }
    }
  }
  const std::optional<StageOfChange> stage = StageAt(episode, scored, session_index);
  if (stage == StageOfChange::kPrecontemplation && weights.precontemplation > 0) {
    score += weights.precontemplation;
    if (describe) evidence.push_back({"stage", "precontemplation"});
  } else if (stage == StageOfChange::kContemplation && weights.contemplation > 0) {
    score += weights.contemplation;
    if (describe) evidence.push_back({"stage", "contemplation"});
  }
  if (score < weights.threshold) return;
  Alert alert = MakeAlert(
      AlertType::kDropoutRisk, AlertSeverity::kWarning, current.session,
      [&] {
        return "drop-out risk score " + Points(score) + " reaches " + Points(weights.threshold);
      },
      *context.rules, describe);
  alert.evidence = std::move(evidence);
  current.alerts.push_back(std::move(alert));
}

}  // namespace

void AddSessionAlerts(const EpisodeInput& episode, const MonitorContext& context,
                      const std::vector<ScoredSession>& scored, std::size_t session_index,
                      const std::string& primary, std::vector<SessionResult>& results) {
  SessionResult& current = results.back();
  const bool describe = !context.described_session || *context.described_session == current.session;
  AddOutcomeAlerts(episode, context, results, current, describe);
  AddAllianceAlerts(context, scored, session_index, current, describe);
  AddMotivationAlert(episode, context, scored, session_index, current, describe);
  AddDropoutAlert(episode, context, scored, session_index, primary, results, current, describe);
  AddRiskAlerts(context, scored[session_index], current, describe);  // first: highest severity
}

}  // namespace tessera::monitor::internal
