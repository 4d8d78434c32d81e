#pragma once
// The feedback loop's core: one episode in, per-session expectations, alerts, clinical
// support prompts and adaptation proposals out. Pure: no I/O, no clock; everything it knows
// comes through the context (instrument definitions, rules from data/monitor, an optional
// practice model, an optional catalogue for planner suggestions).
//
//   TRY_ASSIGN(MonitorRules rules, LoadMonitorRules(data_dir / "monitor"));
//   MonitorContext context{.instruments = &library, .rules = &rules, .model = &model};
//   TRY_ASSIGN(EpisodeReport report, MonitorEpisode(episode, context));

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "measures/instrument_library.hpp"
#include "monitor/episode.hpp"
#include "monitor/expectation_memo.hpp"
#include "monitor/expected_model.hpp"
#include "monitor/report.hpp"
#include "monitor/review_caches.hpp"
#include "monitor/rules.hpp"

namespace tessera::monitor {

struct MonitorContext {
  const measures::InstrumentLibrary* instruments = nullptr;  // required
  const MonitorRules* rules = nullptr;                       // required
  /// The practice's expected-response model; nullptr: the rational rule for every session.
  const ExpectedModel* model = nullptr;
  /// When set, add-technique proposals come from the planner with the client's ratings.
  const catalog::Catalog* catalog = nullptr;
  /// When set (over the same instruments and catalogue), reviews share scoring, change and
  /// planner results instead of computing them again; the report is the same either way.
  const ReviewCaches* caches = nullptr;
  /// When set and made for `model`, growth-model expectations are remembered across reviews.
  const ExpectationMemo* expectations = nullptr;
  /// When set, only this session's alerts carry their texts (reason, evidence, suggestions);
  /// the other sessions' alerts carry type, severity, session and method, and every other
  /// result is the same. For a review of one session's new data (the app's submissions), whose
  /// alert texts of the other sessions were a third of its cost.
  std::optional<int> described_session = std::nullopt;
};

/// Monitors the episode. InvalidArgument naming the session and field when: a session number
/// is < 1 or repeated; a measure names an unknown instrument; answers fail scoring (the
/// instrument's message, e.g. the item and what it allows); a total is outside its range;
/// neither answers nor a total is given; a helpfulness rating is off the rules' scale.
/// REQUIRES: context.instruments and context.rules set.
Result<EpisodeReport> MonitorEpisode(const EpisodeInput& episode, const MonitorContext& context);

}  // namespace tessera::monitor
