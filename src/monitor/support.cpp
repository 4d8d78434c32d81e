// Clinical support prompts (Trier Treatment Navigator areas) and repeatedly unhelpful
// techniques, from the finished session results.

#include <algorithm>
#include <map>

#include "measures/scoring.hpp"
#include "monitor/internal/scored_episode.hpp"

namespace tessera::monitor::internal {
namespace {

bool HasAlert(const SessionResult& session, AlertType type) {
  return std::any_of(session.alerts.begin(), session.alerts.end(),
                     [type](const Alert& alert) { return alert.type == type; });
}

bool AnyAlert(const EpisodeReport& report, AlertType type) {
  return std::any_of(report.sessions.begin(), report.sessions.end(),
                     [type](const SessionResult& session) { return HasAlert(session, type); });
}

// The latest session with a primary measure is off track when it is not on track or
// reliably worse, or the review point passed without reliable change.
bool OffTrack(const EpisodeReport& report) {
  for (auto session = report.sessions.rbegin(); session != report.sessions.rend(); ++session) {
    if (!session->primary) continue;
    return HasAlert(*session, AlertType::kNotOnTrack) ||
           HasAlert(*session, AlertType::kReliableDeterioration) ||
           HasAlert(*session, AlertType::kNoReliableChange);
  }
  return false;
}

}  // namespace

void AddSupportPrompts(const EpisodeInput& episode, const MonitorContext& context,
                       EpisodeReport& report) {
  if (!OffTrack(report)) return;
  const planner::ClientProfile& profile = episode.profile;
  std::vector<std::pair<SupportArea, std::string>> pointed;
  if (AnyAlert(report, AlertType::kRiskItem)) {
    pointed.emplace_back(SupportArea::kRiskAndCrisis,
                         "a risk item was endorsed during the episode");
  } else if ((profile.risk.suicidality && *profile.risk.suicidality >= Suicidality::kModerate) ||
             profile.risk.self_harm.value_or(false)) {
    pointed.emplace_back(SupportArea::kRiskAndCrisis,
                         "the intake profile records suicidality or self-harm");
  }
  if (AnyAlert(report, AlertType::kLowMotivation) || AnyAlert(report, AlertType::kDropoutRisk)) {
    pointed.emplace_back(SupportArea::kMotivationAndGoals,
                         "low motivation or drop-out risk was signalled");
  } else if (profile.stage && *profile.stage <= StageOfChange::kContemplation) {
    pointed.emplace_back(SupportArea::kMotivationAndGoals,
                         "the intake stage of change is " + std::string(Name(*profile.stage)));
  }
  if (AnyAlert(report, AlertType::kAllianceRupture)) {
    pointed.emplace_back(SupportArea::kAllianceAndInterpersonal,
                         "an alliance measure signalled a rupture");
  }
  std::string events;
  for (const SessionInput& session : episode.sessions) {
    for (const std::string& event : session.life_events)
      events += (events.empty() ? "" : ", ") + event;
  }
  if (!events.empty()) {
    pointed.emplace_back(SupportArea::kSocialSupportAndLifeEvents,
                         "life events were noted: " + events);
  } else if (profile.sts.social_support == StsLevel::kLow) {
    pointed.emplace_back(SupportArea::kSocialSupportAndLifeEvents,
                         "the intake profile records low social support");
  }
  if (profile.sts.distress == StsLevel::kHigh ||
      (profile.risk.dissociation && *profile.risk.dissociation != Dissociation::kNone)) {
    pointed.emplace_back(SupportArea::kEmotionAndSelfRegulation,
                         "the intake profile records high distress or dissociation");
  }
  if (pointed.empty()) {
    // The "unclear" cluster of not-on-track clients: nothing points anywhere, so screen all five.
    for (SupportArea area :
         {SupportArea::kRiskAndCrisis, SupportArea::kMotivationAndGoals,
          SupportArea::kAllianceAndInterpersonal, SupportArea::kSocialSupportAndLifeEvents,
          SupportArea::kEmotionAndSelfRegulation}) {
      pointed.emplace_back(area, "nothing in the data points to one area: screen all five");
    }
  }
  for (auto& [area, why] : pointed) {
    report.support.push_back(
        {area, std::move(why), context.rules->support_prompts.at(std::string(Name(area)))});
  }
}

void AddUnhelpfulTechniques(const EpisodeInput& episode, const MonitorContext& context,
                            EpisodeReport& report) {
  std::map<std::string, UnhelpfulTechnique> low;
  std::vector<const SessionInput*> ordered;
  for (const SessionInput& session : episode.sessions) ordered.push_back(&session);
  std::sort(ordered.begin(), ordered.end(),
            [](auto* left, auto* right) { return left->number < right->number; });
  for (const SessionInput* session : ordered) {
    for (const TechniqueUse& use : session->techniques) {
      if (!use.helpfulness || *use.helpfulness > context.rules->unhelpful_at_most) continue;
      UnhelpfulTechnique& entry = low[use.technique];
      entry.technique = use.technique;
      entry.sessions.push_back(session->number);
      entry.ratings.push_back(*use.helpfulness);
    }
  }
  for (auto& [technique, entry] : low) {
    if (static_cast<int>(entry.sessions.size()) >= context.rules->unhelpful_repeats) {
      report.unhelpful_techniques.push_back(std::move(entry));
    }
  }
}

}  // namespace tessera::monitor::internal
