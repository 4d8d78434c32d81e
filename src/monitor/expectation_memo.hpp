#pragma once
// Growth-model expectations remembered for one practice model. A review recomputes every
// session of the episode, so the review after a new questionnaire asks again for the bands of
// all the sessions before it, with the same scores: the client's BLUP and band
// (stats::ExpectedResponse) were the largest part of a review with a model. They are a pure
// function of the fit, the intake, the scores so far, the session and the coverage, so they are
// kept here, with the model they belong to (docs/monitor.md "Cost of a review").

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "monitor/expectation.hpp"
#include "monitor/expected_model.hpp"

namespace tessera::monitor {

class ExpectationMemo {
 public:
  /// `owner` holds `model` (e.g. the app's practice model) and is kept alive by the memo, so
  /// the InstrumentModel addresses in its keys stay those of this model.
  ExpectationMemo(const ExpectedModel& model, std::shared_ptr<const void> owner,
                  std::size_t capacity = 1 << 16)
      : model_(model), owner_(std::move(owner)), capacity_(capacity) {}

  const ExpectedModel& model() const { return model_; }

  /// The growth-model expectation `compute` gives for this key, computed once. Thread-safe.
  template <typename Compute>
  Result<std::optional<Expectation>> Growth(const InstrumentModel& instrument,
                                            const ScoreHistory& history, int session,
                                            double coverage, Compute compute) const {
    Key key = KeyOf(instrument, history, session, coverage);
    {
      const std::lock_guard lock(mutex_);
      if (auto found = entries_.find(key); found != entries_.end()) return found->second;
    }
    Result<std::optional<Expectation>> computed = compute();
    const std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.emplace(std::move(key), computed);
    return computed;
  }

 private:
  struct Key {
    const InstrumentModel* instrument = nullptr;
    int session = 0;
    std::uint64_t coverage = 0;  // bits of the doubles: equal keys, equal inputs
    std::uint64_t intake = 0;
    std::vector<std::pair<int, std::uint64_t>> earlier;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  static Key KeyOf(const InstrumentModel& instrument, const ScoreHistory& history, int session,
                   double coverage);

  const ExpectedModel& model_;
  std::shared_ptr<const void> owner_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<Key, Result<std::optional<Expectation>>, KeyHash> entries_;
};

}  // namespace tessera::monitor
