#pragma once
// Practice-based evidence: how clients like this one (nearest neighbours on the intake
// profile among closed episodes) responded to each approach, with n and an uncertainty
// interval, shrunk toward the research evidence when the data are few.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "planner/plan.hpp"

namespace tessera::monitor {

/// A closed episode reduced to what similarity and outcome need.
struct ClosedEpisode {
  std::string client;
  std::string approach;
  /// Intake features on comparable scales (e.g. "intake_phq9": 17, "reactance": 1 for high).
  std::map<std::string, double> features;
  double improvement = 0;  // baseline minus final score on the primary measure (+ = better)
  std::map<std::string, double> mean_helpfulness;  // technique -> the client's mean rating
};

struct EvidenceOptions {
  int neighbours = 0;          // k nearest episodes considered
  double prior_weight = 0;     // pseudo-episodes of the research prior (shrinkage)
  double reliable_change = 0;  // points of the primary measure: scales effects to 0..1
  std::map<std::string, double> feature_scales;  // divide a feature's difference by this
};

struct ApproachEvidence {
  std::string approach;
  int n = 0;
  double effect = 0;        // mean improvement of the neighbours who received it (points)
  double interval_low = 0;  // 95% interval of that mean
  double interval_high = 0;
  double practice_value = 0;  // effect / reliable_change, clamped to 0..1
  double research_value = 0;  // the prior given for this approach
  double shrunk_value = 0;    // (n * practice + prior_weight * research) / (n + prior_weight)
  /// Technique -> mean of the neighbours' own mean helpfulness ratings (those who rated it).
  std::map<std::string, double> technique_helpfulness;
  std::string reason;
};

/// Evidence per approach among the k episodes nearest to `intake` (Euclidean on the scaled
/// features both share). `research` gives the prior per approach on 0..1 (an approach without
/// one gets 0.5 and says so). InvalidArgument when options are not positive or no episode
/// shares a feature with `intake`.
Result<std::vector<ApproachEvidence>> ApproachEvidenceFor(
    const std::map<std::string, double>& intake, const std::vector<ClosedEpisode>& episodes,
    const std::map<std::string, double>& research, const EvidenceOptions& options);

/// The planner's optional fit-score input (keyed by approach = model id): the shrunk value,
/// n and the reason, so the eclectic fit score shows a practice_evidence component.
std::map<std::string, planner::PracticeEvidence> ToPlannerEvidence(
    const std::vector<ApproachEvidence>& evidence);

}  // namespace tessera::monitor
