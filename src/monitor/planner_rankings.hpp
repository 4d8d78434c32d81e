#pragma once
// The planner's technique ranking for a client, remembered. A review whose latest session is
// off track (or has repeatedly unhelpful techniques) asks the planner which techniques to add;
// the planner's full plan (with its branch-and-bound alternatives) was most of such a review's
// cost (docs/monitor.md "Cost of a review"), and its answer depends only on the profile (with
// the unhelpful techniques as history) and the catalogue. So it is computed once per distinct
// profile and kept, bounded, for later reviews of the same client.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/profile.hpp"

namespace tessera::monitor {

class PlannerRankings {
 public:
  /// `catalog` must outlive this object and not change. When `capacity` profiles are held the
  /// cache starts again (the clients under review at one time are far fewer).
  explicit PlannerRankings(const catalog::Catalog& catalog, std::size_t capacity = 4096)
      : catalog_(catalog), capacity_(capacity) {}

  /// Technique ids of the eclectic plan's ranking for `profile`, best first (what
  /// planner::MakePlan ranks); empty when the planner cannot plan for it. Thread-safe.
  std::shared_ptr<const std::vector<std::string>> For(const planner::ClientProfile& profile) const;

  const catalog::Catalog& catalog() const { return catalog_; }

 private:
  const catalog::Catalog& catalog_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const std::vector<std::string>>>
      rankings_;
};

/// Every field of `profile`, unambiguously: equal keys exactly when the planner sees equal
/// profiles. Exposed for its test.
std::string ProfileKey(const planner::ClientProfile& profile);

/// The ranking planner::MakePlan gives `profile` with the eclectic strategy, uncached.
std::vector<std::string> RankTechniques(const planner::ClientProfile& profile,
                                        const catalog::Catalog& catalog);

}  // namespace tessera::monitor
