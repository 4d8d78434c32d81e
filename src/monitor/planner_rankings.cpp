#include "monitor/planner_rankings.hpp"

#include "planner/planner.hpp"

namespace tessera::monitor {
namespace {

// A key that has to change with the profile's fields: a new field of planner::ClientProfile
// changes its size and stops the build here until ProfileKey encodes it too.
static_assert(sizeof(planner::ClientProfile) == 176,
              "planner::ClientProfile changed: encode the new field in ProfileKey");

void AddText(std::string& key, const std::string& text) {
  key += std::to_string(text.size());
  key += ':';
  key += text;
}

template <typename Number>
void AddOptional(std::string& key, const std::optional<Number>& value) {
  if (value) {
    key += std::to_string(static_cast<long long>(*value));
  } else {
    key += '-';
  }
  key += ',';
}

}  // namespace

std::string ProfileKey(const planner::ClientProfile& profile) {
  std::string key;
  key.reserve(128);
  key += 'p';
  for (const planner::ProblemEntry& problem : profile.problems) {
    AddText(key, problem.id);
    key += std::to_string(static_cast<int>(problem.severity));
    key += ',';
  }
  key += 's';
  AddOptional(key, profile.sts.functional_impairment);
  AddOptional(key, profile.sts.coping_style);
  AddOptional(key, profile.sts.reactance);
  AddOptional(key, profile.sts.distress);
  AddOptional(key, profile.sts.social_support);
  AddOptional(key, profile.stage);
  key += 'c';
  AddOptional(key, profile.preferences.directiveness);
  AddOptional(key, profile.preferences.emotional_intensity);
  AddOptional(key, profile.preferences.past_orientation);
  AddOptional(key, profile.preferences.challenge);
  key += 'g';
  for (const std::string& goal : profile.goals) AddText(key, goal);
  key += 'r';
  AddOptional(key, profile.risk.suicidality);
  AddOptional(key, profile.risk.self_harm);
  AddOptional(key, profile.risk.psychosis);
  AddOptional(key, profile.risk.substance_intoxication);
  AddOptional(key, profile.risk.dissociation);
  key += 'h';
  for (const planner::HistoryEntry& entry : profile.history) {
    AddText(key, entry.technique);
    key += std::to_string(static_cast<int>(entry.response));
    key += ',';
  }
  return key;
}

std::vector<std::string> RankTechniques(const planner::ClientProfile& profile,
                                        const catalog::Catalog& catalog) {
  std::vector<std::string> ranking;
  planner::PlanRequest request{.profile = profile, .strategy = planner::Strategy::kEclectic};
  Result<planner::Plan> plan = planner::MakePlan(request, catalog);
  if (plan) {
    for (const planner::PlannedTechnique& technique : plan->ranking)
      ranking.push_back(technique.id);
  }
  return ranking;
}

std::shared_ptr<const std::vector<std::string>> PlannerRankings::For(
    const planner::ClientProfile& profile) const {
  std::string key = ProfileKey(profile);
  {
    const std::lock_guard lock(mutex_);
    if (auto found = rankings_.find(key); found != rankings_.end()) return found->second;
  }
  // Planned outside the lock: two threads may plan the same profile once each, same answer.
  auto ranking =
      std::make_shared<const std::vector<std::string>>(RankTechniques(profile, catalog_));
  const std::lock_guard lock(mutex_);
  if (rankings_.size() >= capacity_) rankings_.clear();
  rankings_.emplace(std::move(key), ranking);
  return ranking;
}

}  // namespace tessera::monitor
