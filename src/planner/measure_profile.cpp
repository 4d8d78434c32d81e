#include "planner/measure_profile.hpp"

#include <algorithm>

#include "json/object.hpp"

namespace tessera::planner {

Result<std::vector<ProblemEntry>> ProblemsFromMeasures(const std::vector<MeasureSummary>& summaries,
                                                       const catalog::Catalog& catalog) {
  std::vector<ProblemEntry> problems;
  for (std::size_t index = 0; index < summaries.size(); ++index) {
    const MeasureSummary& summary = summaries[index];
    const std::string context = "measures[" + std::to_string(index) + "]";
    const bool known_instrument = std::any_of(
        catalog.measure_bands().begin(), catalog.measure_bands().end(),
        [&](const catalog::BandMapping& band) { return band.instrument == summary.instrument; });
    if (!known_instrument) {
      return InvalidArgument(context + ".instrument '" + summary.instrument +
                             "' has no problem mapping in the catalogue");
    }
    const catalog::BandMapping* mapping = nullptr;
    for (const auto& band : catalog.measure_bands()) {
      if (band.instrument == summary.instrument && band.band == summary.band) mapping = &band;
    }
    if (!mapping) {
      return InvalidArgument(context + ".band '" + summary.band + "' is not a band of " +
                             summary.instrument);
    }
    if (mapping->severity == "none") continue;
    const Severity severity = *ParseSeverity(mapping->severity);
    const auto existing =
        std::find_if(problems.begin(), problems.end(),
                     [&](const ProblemEntry& entry) { return entry.id == mapping->problem; });
    if (existing == problems.end()) {
      problems.push_back({mapping->problem, severity});
    } else {
      existing->severity = std::max(existing->severity, severity);
    }
  }
  return problems;
}

void MergeProblems(ClientProfile& profile, const std::vector<ProblemEntry>& derived) {
  for (const auto& entry : derived) {
    const auto existing =
        std::find_if(profile.problems.begin(), profile.problems.end(),
                     [&](const ProblemEntry& problem) { return problem.id == entry.id; });
    if (existing == profile.problems.end()) {
      profile.problems.push_back(entry);
    } else {
      existing->severity = std::max(existing->severity, entry.severity);
    }
  }
}

Result<std::vector<MeasureSummary>> ParseMeasureSummaries(const std::string& json_text) {
  TRY_ASSIGN(nlohmann::json document, ParseJson(json_text, "measures"));
  if (!document.is_array()) return JsonFail({}, "measures", "expected an array of scored measures");
  const JsonArray measures(document, "measures", {});
  std::vector<MeasureSummary> summaries;
  for (std::size_t index = 0; index < measures.size(); ++index) {
    TRY_ASSIGN(JsonObject item, measures.Object(index, {"instrument", "total", "band"}));
    MeasureSummary summary;
    TRY_ASSIGN(summary.instrument, item.String("instrument"));
    TRY_ASSIGN(summary.band, item.String("band"));
    TRY_ASSIGN(summary.total, item.Number("total"));
    summaries.push_back(std::move(summary));
  }
  return summaries;
}

}  // namespace tessera::planner
