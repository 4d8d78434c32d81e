#pragma once
// What the monitor's reviews can share across calls, held by whoever reviews many episodes
// with one instrument library and catalogue (app::RoutineOutcomeMonitor). Each entry is a pure
// function of its key and of the library or catalogue, so a review with the caches gives
// exactly the report it gives without them (tests/fixtures/monitor golden files); they only
// save the work: folding instrument names, measures::Change, scoring item answers, and the
// planner's ranking (docs/monitor.md "Cost of a review"). Thread-safe; bounded (a full table
// starts again).

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.hpp"
#include "measures/change.hpp"
#include "measures/instrument_library.hpp"
#include "monitor/planner_rankings.hpp"

namespace tessera::monitor {

/// What the monitor uses of measures::Change(instrument, pre, post).
struct ChangeFacts {
  bool reliable = false;
  measures::ChangeDirection direction = measures::ChangeDirection::kNone;
  measures::OutcomeCategory category = measures::OutcomeCategory::kUnchanged;
  double reliable_change_points = 0;
};

/// What the monitor uses of measures::Score(instrument, answers).
struct ScoredAnswers {
  std::optional<std::string> error;  // Score's message when the answers fail
  std::optional<double> total;
  std::vector<std::string> flags;  // ids of the flags raised
};

class ReviewCaches {
 public:
  /// Both must outlive the caches and not change.
  ReviewCaches(const measures::InstrumentLibrary& instruments, const catalog::Catalog& catalog);

  const measures::InstrumentLibrary& instruments() const { return instruments_; }
  const PlannerRankings& rankings() const { return rankings_; }

  /// The instrument a case- and punctuation-insensitive search by id, then short name, finds
  /// first (as internal::FindInstrument); nullptr when none matches.
  const measures::Instrument* FindInstrument(const std::string& name) const;

  /// measures::Change(instrument, pre, post); nullopt where it fails.
  /// REQUIRES: `instrument` is one of instruments().
  std::optional<ChangeFacts> Change(const measures::Instrument& instrument, double pre,
                                    double post) const;

  /// measures::Score(instrument, answers). REQUIRES: `instrument` is one of instruments().
  std::shared_ptr<const ScoredAnswers> Score(
      const measures::Instrument& instrument,
      const std::vector<std::optional<double>>& answers) const;

 private:
  struct ChangeKey {
    const measures::Instrument* instrument;
    std::uint64_t pre;  // bits of the double
    std::uint64_t post;
    bool operator==(const ChangeKey&) const = default;
  };
  struct ChangeKeyHash {
    std::size_t operator()(const ChangeKey& key) const;
  };
  struct AnswersKey {
    const measures::Instrument* instrument;
    std::vector<std::optional<double>> answers;
    bool operator==(const AnswersKey& other) const;
  };
  struct AnswersKeyHash {
    std::size_t operator()(const AnswersKey& key) const;
  };

  const measures::InstrumentLibrary& instruments_;
  PlannerRankings rankings_;
  std::unordered_map<std::string, const measures::Instrument*> by_folded_name_;  // immutable
  mutable std::mutex mutex_;
  mutable std::unordered_map<ChangeKey, std::optional<ChangeFacts>, ChangeKeyHash> changes_;
  mutable std::unordered_map<AnswersKey, std::shared_ptr<const ScoredAnswers>, AnswersKeyHash>
      scores_;
};

/// The facts of measures::Change, from `caches` when given.
std::optional<ChangeFacts> ChangeFactsOf(const measures::Instrument& instrument, double pre,
                                         double post, const ReviewCaches* caches);

/// "PHQ-9" -> "phq9": letters and digits, lower case.
std::string FoldedName(const std::string& name);

}  // namespace tessera::monitor
