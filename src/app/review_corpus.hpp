#pragma once
// Test and benchmark support (not linked into tessera): realistic episodes for the monitor's
// review, built as the store passes them (MonitoringInput), from the stats module's practice
// simulator (docs/simulation.md: invented effect sizes, fictional clients). Each episode has
// PHQ-9 item answers (item 9 endorsed now and then), GAD-7 totals, an alliance measure (SRS
// totals with occasional drops), missed sessions, technique ratings and, for most clients, a
// plan made by the planner for their profile. Deterministic per seed.
//
//   TRY_ASSIGN(auto corpus, MakeReviewCorpus(library, {.clients = 24, .sessions = 16}));
//   for (const MonitoringInput& prefix : corpus.prefixes) monitor.Review(prefix);

#include <cstdint>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"

namespace tessera::app {

struct ReviewCorpusSpec {
  std::size_t clients = 24;
  int sessions = 16;  // scheduled sessions per client (some are missed)
  std::uint64_t seed = 7;
};

struct ReviewCorpus {
  /// Whole episodes, latest_session = the last session.
  std::vector<MonitoringInput> episodes;
  /// Every prefix of every episode (sessions 1..k, latest_session = session k): the reviews
  /// the store asks for as the episode's questionnaires come in.
  std::vector<MonitoringInput> prefixes;
};

/// InvalidArgument from the simulator or the planner (none expected with the shipped data).
Result<ReviewCorpus> MakeReviewCorpus(const ClinicalLibrary& library, const ReviewCorpusSpec& spec);

/// Every field of the outcome, one per line, numbers with 17 significant digits: two outcomes
/// print the same exactly when they are the same.
std::string DescribeOutcomeExactly(const MonitoringOutcome& outcome);

}  // namespace tessera::app
