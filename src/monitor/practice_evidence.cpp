// Nearest-neighbour practice-based evidence per approach, shrunk toward the research prior.

#include "monitor/practice_evidence.hpp"

#include <algorithm>
#include <cmath>

namespace tessera::monitor {

Result<std::vector<ApproachEvidence>> ApproachEvidenceFor(
    const std::map<std::string, double>& intake, const std::vector<ClosedEpisode>& episodes,
    const std::map<std::string, double>& research, const EvidenceOptions& options) {
  if (options.neighbours < 1) return InvalidArgument("evidence: neighbours must be >= 1");
  if (!(options.prior_weight > 0)) return InvalidArgument("evidence: prior_weight must be > 0");
  if (!(options.reliable_change > 0))
    return InvalidArgument("evidence: reliable_change must be > 0");
  std::vector<std::pair<double, const ClosedEpisode*>> distances;
  for (const ClosedEpisode& episode : episodes) {
    double squared = 0;
    int shared = 0;
    for (const auto& [feature, value] : intake) {
      const auto other = episode.features.find(feature);
      if (other == episode.features.end()) continue;
      const auto scale = options.feature_scales.find(feature);
      const double divisor =
          scale == options.feature_scales.end() || !(scale->second > 0) ? 1.0 : scale->second;
      squared += std::pow((value - other->second) / divisor, 2);
      ++shared;
    }
    if (shared > 0) distances.emplace_back(std::sqrt(squared), &episode);
  }
  if (distances.empty())
    return InvalidArgument("evidence: no closed episode shares an intake feature with this client");
  // Ties broken by client label so the answer does not depend on input order.
  std::sort(distances.begin(), distances.end(), [](const auto& left, const auto& right) {
    return left.first != right.first ? left.first < right.first
                                     : left.second->client < right.second->client;
  });
  distances.resize(std::min<std::size_t>(distances.size(), options.neighbours));
  std::map<std::string, std::vector<double>> by_approach;
  std::map<std::string, std::map<std::string, std::pair<double, int>>>
      ratings;  // approach -> technique -> (sum, n)
  for (const auto& [distance, episode] : distances) {
    by_approach[episode->approach].push_back(episode->improvement);
    for (const auto& [technique, rating] : episode->mean_helpfulness) {
      auto& [sum, count] = ratings[episode->approach][technique];
      sum += rating;
      ++count;
    }
  }
  for (const auto& [approach, prior] : research) by_approach.try_emplace(approach);
  std::vector<ApproachEvidence> out;
  for (const auto& [approach, improvements] : by_approach) {
    ApproachEvidence evidence{.approach = approach, .n = static_cast<int>(improvements.size())};
    const auto prior = research.find(approach);
    evidence.research_value = prior == research.end() ? 0.5 : std::clamp(prior->second, 0.0, 1.0);
    std::string reason = prior == research.end() ? "no research prior given: 0.5 assumed; " : "";
    if (evidence.n > 0) {
      double sum = 0;
      for (double value : improvements) sum += value;
      evidence.effect = sum / evidence.n;
      double squares = 0;
      for (double value : improvements) squares += std::pow(value - evidence.effect, 2);
      const double sd =
          evidence.n > 1 ? std::sqrt(squares / (evidence.n - 1)) : options.reliable_change;
      // With one neighbour there is no spread to estimate: the reliable-change value stands in.
      const double half = 1.96 * sd / std::sqrt(static_cast<double>(evidence.n));
      evidence.interval_low = evidence.effect - half;
      evidence.interval_high = evidence.effect + half;
      evidence.practice_value = std::clamp(evidence.effect / options.reliable_change, 0.0, 1.0);
    }
    for (const auto& [technique, tally] : ratings[approach]) {
      evidence.technique_helpfulness[technique] = tally.first / tally.second;
    }
    evidence.shrunk_value =
        (evidence.n * evidence.practice_value + options.prior_weight * evidence.research_value) /
        (evidence.n + options.prior_weight);
    evidence.reason = reason + std::to_string(evidence.n) + " of the " +
                      std::to_string(distances.size()) + " most similar closed episodes received " +
                      approach + "; weight of practice data " +
                      std::to_string(static_cast<int>(
                          std::lround(100.0 * evidence.n / (evidence.n + options.prior_weight)))) +
                      "%";
    out.push_back(std::move(evidence));
  }
  return out;
}

std::map<std::string, planner::PracticeEvidence> ToPlannerEvidence(
    const std::vector<ApproachEvidence>& evidence) {
  std::map<std::string, planner::PracticeEvidence> out;
  for (const ApproachEvidence& entry : evidence)
    out[entry.approach] = {entry.shrunk_value, entry.n, entry.reason};
  return out;
}

}  // namespace tessera::monitor
