#include "monitor/guidance.hpp"

#include <algorithm>

namespace tessera::monitor {
namespace {

constexpr SupportArea kAllAreas[] = {SupportArea::kRiskAndCrisis, SupportArea::kMotivationAndGoals,
                                     SupportArea::kAllianceAndInterpersonal,
                                     SupportArea::kSocialSupportAndLifeEvents,
                                     SupportArea::kEmotionAndSelfRegulation};

// An unmonitored submission raises "flag:<flag id>"; a risk-item rule naming that flag makes it
// a risk alert for guidance.
std::string KindOf(std::string_view kind, const MonitorRules& rules) {
  constexpr std::string_view kFlagPrefix = "flag:";
  if (kind.substr(0, kFlagPrefix.size()) != kFlagPrefix) return std::string(kind);
  const std::string_view flag = kind.substr(kFlagPrefix.size());
  const bool risk = std::any_of(rules.risk_items.begin(), rules.risk_items.end(),
                                [&](const RiskItemRule& rule) { return rule.flag == flag; });
  return risk ? std::string(Name(AlertType::kRiskItem)) : std::string(kind);
}

}  // namespace

AlertGuidance GuidanceFor(std::string_view asked, const MonitorRules& rules) {
  const std::string kind = KindOf(asked, rules);
  AlertGuidance guidance;
  if (auto found = rules.suggestions.find(kind); found != rules.suggestions.end()) {
    guidance.actions = found->second;
  }
  std::vector<std::pair<SupportArea, std::string>> areas;
  if (kind == Name(AlertType::kRiskItem)) {
    areas.emplace_back(SupportArea::kRiskAndCrisis, "a risk item was endorsed");
  } else if (kind == Name(AlertType::kAllianceRupture)) {
    areas.emplace_back(SupportArea::kAllianceAndInterpersonal,
                       "an alliance measure signalled a rupture");
  } else if (kind == Name(AlertType::kLowMotivation) || kind == Name(AlertType::kDropoutRisk)) {
    areas.emplace_back(SupportArea::kMotivationAndGoals,
                       "low motivation or drop-out risk was signalled");
  } else if (kind == Name(AlertType::kNotOnTrack) ||
             kind == Name(AlertType::kReliableDeterioration) ||
             kind == Name(AlertType::kNoReliableChange)) {
    for (const SupportArea area : kAllAreas) {
      areas.emplace_back(area,
                         "the client is off track: screen all five areas (the episode's review "
                         "names those the data point to)");
    }
  }
  for (auto& [area, why] : areas) {
    const auto prompts = rules.support_prompts.find(std::string(Name(area)));
    if (prompts == rules.support_prompts.end()) continue;
    guidance.support.push_back({area, std::move(why), prompts->second});
  }
  return guidance;
}

}  // namespace tessera::monitor
