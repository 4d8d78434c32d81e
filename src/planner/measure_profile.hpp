#pragma once
// Deriving a profile's problems and severities from scored measures. The measures module
// produces the summaries; this module takes them as plain structs so the two stay independent.
// The band -> problem/severity mapping is data (data/catalog/measure_bands.json).

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "planner/profile.hpp"

namespace tessera::planner {

struct MeasureSummary {
  std::string instrument;  // e.g. "phq9"
  double total = 0;
  std::string band;  // the instrument's severity band label, e.g. "moderate"
};

/// Problems implied by the summaries: one entry per problem at the highest severity any
/// summary implies; bands mapped to "none" add nothing. InvalidArgument naming the entry when
/// an instrument or band has no mapping.
Result<std::vector<ProblemEntry>> ProblemsFromMeasures(const std::vector<MeasureSummary>& summaries,
                                                       const catalog::Catalog& catalog);

/// Adds derived problems to a profile; where both name a problem the higher severity wins.
void MergeProblems(ClientProfile& profile, const std::vector<ProblemEntry>& derived);

/// Parses [{"instrument": "phq9", "total": 14, "band": "moderate"}, ...].
Result<std::vector<MeasureSummary>> ParseMeasureSummaries(const std::string& json_text);

}  // namespace tessera::planner
