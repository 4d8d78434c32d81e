#pragma once
// Internal to the monitor: the episode after every measure has been scored, shared by the
// steps in monitor.cpp, alerts.cpp and proposals.cpp.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "measures/instrument.hpp"
#include "monitor/monitor.hpp"

namespace tessera::monitor::internal {

struct ScoredMeasure {
  const measures::Instrument* instrument = nullptr;
  double total = 0;
  bool item_level = false;
  std::vector<std::string> flags;  // ids of the instrument flags raised
};

struct ScoredSession {
  const SessionInput* input = nullptr;
  std::vector<ScoredMeasure> measures;
  const ScoredMeasure* Find(const std::string& instrument_id) const;
};

/// Scores every measure and validates the episode (sessions sorted by number on return).
Result<std::vector<ScoredSession>> ScoreEpisode(const EpisodeInput& episode,
                                                const MonitorContext& context);

/// Looks an instrument up by id or short name, case- and punctuation-insensitively
/// ("PHQ-9", "phq9"). NotFound names the known ids.
Result<const measures::Instrument*> FindInstrument(const measures::InstrumentLibrary& library,
                                                   const std::string& name);

/// The phase index under way at `session`: the plan's current_phase, else the first phase whose
/// review session is at or after it, else the last phase. nullopt without a plan or phases.
std::optional<int> PhaseAt(const EpisodeInput& episode, int session);

/// Alerts for one session given everything before it (alerts.cpp). `results` holds the
/// sessions already processed, in order; the current one is results.back().
void AddSessionAlerts(const EpisodeInput& episode, const MonitorContext& context,
                      const std::vector<ScoredSession>& scored, std::size_t session_index,
                      const std::string& primary, std::vector<SessionResult>& results);

/// Support prompts, unhelpful techniques and proposals from the finished session results.
void AddSupportPrompts(const EpisodeInput& episode, const MonitorContext& context,
                       EpisodeReport& report);
void AddUnhelpfulTechniques(const EpisodeInput& episode, const MonitorContext& context,
                            EpisodeReport& report);
void AddProposals(const EpisodeInput& episode, const MonitorContext& context,
                  EpisodeReport& report);

/// The instrument's reliable-change value in points, or nullopt when it has none.
std::optional<double> ReliableChangePoints(const MonitorContext& context,
                                           const measures::Instrument& instrument);

/// context.caches when they serve context's instruments; nullptr otherwise.
const ReviewCaches* CachesFor(const MonitorContext& context);
/// context.expectations when made for context.model; nullptr otherwise.
const ExpectationMemo* MemoFor(const MonitorContext& context);

}  // namespace tessera::monitor::internal
