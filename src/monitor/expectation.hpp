#pragma once
// The expected score of one client at one session, with its tolerance band, by the best method
// the practice's data allow (see report.hpp ExpectationMethod and docs/monitor.md).

#include <optional>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "measures/instrument.hpp"
#include "monitor/expected_model.hpp"
#include "monitor/report.hpp"
#include "monitor/review_caches.hpp"
#include "monitor/rules.hpp"

namespace tessera::monitor {

class ExpectationMemo;  // monitor/expectation_memo.hpp

struct Expectation {
  double expected = 0;
  double low = 0;
  double high = 0;
  ExpectationMethod method = ExpectationMethod::kRationalRule;
};

// Time here is sessions since the intake (the intake is 0), the axis the practice model is
// fitted on; MonitorEpisode converts an episode's session numbers (docs/monitor.md "Intake").
struct ScoreHistory {
  double intake = 0;                            // baseline on the instrument
  std::vector<std::pair<int, double>> earlier;  // (sessions since intake, score) before this one
};

/// Which method to use is decided in order: the growth model when `model` has a fit on at
/// least rules.minimum_practice_clients clients; else the intake +-1 mean course when at least
/// rules.minimum_course_clients practice clients with that intake were seen at `session`; else
/// the rational rule (baseline +- the instrument's reliable-change value). MonitorEpisode asks
/// with `history.earlier` empty: the expected band of clients with this intake.
/// `force` restricts to one method (evaluation of the baselines); nullopt is returned when the
/// forced method cannot be used. Errors: the stats layer's (e.g. a non-finite score).
Result<std::optional<Expectation>> ExpectScore(
    const measures::Instrument& instrument, const InstrumentModel* model,
    const ScoreHistory& history, int session, const MonitorRules& rules,
    std::optional<ExpectationMethod> force = std::nullopt, const ReviewCaches* caches = nullptr,
    const ExpectationMemo* memo = nullptr);

/// The client's own curve projected to a later session: growth model + BLUP from the intake
/// and every score in `history.earlier` (which should include the current session's).
struct Projection {
  int session = 0;  // the session projected to (the planned last one)
  double expected = 0;
  double low = 0;  // prediction interval of a score at `session`, rules.projection coverage
  double high = 0;
  double improvement = 0;  // from intake, positive = better, in points
  double required = 0;     // improvement the rule requires (fraction x reliable change)
  bool not_on_track = false;
};

/// Projects to `last_session` when the growth model is usable (as in ExpectScore) and
/// `current_session` >= rules.projection.from_session; nullopt otherwise.
Result<std::optional<Projection>> ProjectEnd(const measures::Instrument& instrument,
                                             const InstrumentModel* model,
                                             const ScoreHistory& history, int current_session,
                                             int last_session, const MonitorRules& rules,
                                             const ReviewCaches* caches = nullptr,
                                             const ExpectationMemo* memo = nullptr);

/// True when `score` lies outside the band on the instrument's worse side.
bool WorseThanBand(const measures::Instrument& instrument, const Expectation& expectation,
                   double score);

}  // namespace tessera::monitor
