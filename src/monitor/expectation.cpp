// Expected score and band by growth model, intake +-1 mean course, or the rational rule.

#include "monitor/expectation.hpp"

#include <algorithm>
#include <cmath>

#include "measures/change.hpp"
#include "monitor/expectation_memo.hpp"
#include "stats/growth_prediction.hpp"
#include "stats/normal_distribution.hpp"

namespace tessera::monitor {
namespace {

Result<std::optional<Expectation>> FromGrowthModel(const InstrumentModel& model,
                                                   const ScoreHistory& history, int session,
                                                   double coverage) {
  stats::ClientHistory client{.covariates = {history.intake}, .scores = {}};
  for (const auto& [earlier_session, score] : history.earlier) {
    client.scores.push_back({static_cast<double>(earlier_session), score});
  }
  TRY_ASSIGN(const stats::ExpectedResponse response,
             stats::ExpectedResponse::Create(*model.fit, client));
  TRY_ASSIGN(const stats::ResponseBand band, response.At(session, coverage));
  return Expectation{band.expected, band.lower, band.upper, ExpectationMethod::kGrowthModel};
}

// From the memo when there is one (it belongs to the model `model` is part of).
Result<std::optional<Expectation>> GrowthExpectation(const InstrumentModel& model,
                                                     const ScoreHistory& history, int session,
                                                     double coverage, const ExpectationMemo* memo) {
  if (memo == nullptr) return FromGrowthModel(model, history, session, coverage);
  return memo->Growth(model, history, session, coverage,
                      [&] { return FromGrowthModel(model, history, session, coverage); });
}

// Mean course of the practice's clients whose intake was within +-1 of this client's
// (FACTS.md "Feedback systems"), with a normal band from their spread at this session.
std::optional<Expectation> FromIntakeCourse(const InstrumentModel& model,
                                            const ScoreHistory& history, int session,
                                            const MonitorRules& rules) {
  const int intake = static_cast<int>(std::lround(history.intake));
  CourseCell pooled;
  for (int neighbour = intake - 1; neighbour <= intake + 1; ++neighbour) {
    const auto by_intake = model.course.find(neighbour);
    if (by_intake == model.course.end()) continue;
    const auto cell = by_intake->second.find(session);
    if (cell == by_intake->second.end()) continue;
    pooled.count += cell->second.count;
    pooled.sum += cell->second.sum;
    pooled.sum_squares += cell->second.sum_squares;
  }
  if (pooled.count < rules.minimum_course_clients || pooled.count < 2) return std::nullopt;
  const double mean = pooled.sum / pooled.count;
  const double variance =
      std::max(0.0, (pooled.sum_squares - pooled.count * mean * mean) / (pooled.count - 1));
  const double half_width =
      stats::NormalQuantile((1 + rules.band_coverage) / 2) * std::sqrt(variance);
  return Expectation{mean, mean - half_width, mean + half_width, ExpectationMethod::kIntakeCourse};
}

// No practice data: expect no change, and tolerate anything short of reliable change
// (the instrument's published or Jacobson-Truax reliable-change value).
Result<std::optional<Expectation>> FromRationalRule(const measures::Instrument& instrument,
                                                    const ScoreHistory& history,
                                                    const ReviewCaches* caches) {
  const std::optional<ChangeFacts> change =
      ChangeFactsOf(instrument, history.intake, history.intake, caches);
  if (!change) return std::optional<Expectation>();
  const double points = change->reliable_change_points;
  return Expectation{history.intake, history.intake - points, history.intake + points,
                     ExpectationMethod::kRationalRule};
}

}  // namespace

Result<std::optional<Expectation>> ExpectScore(const measures::Instrument& instrument,
                                               const InstrumentModel* model,
                                               const ScoreHistory& history, int session,
                                               const MonitorRules& rules,
                                               std::optional<ExpectationMethod> force,
                                               const ReviewCaches* caches,
                                               const ExpectationMemo* memo) {
  const bool growth_usable =
      model != nullptr && model->fit && model->clients >= rules.minimum_practice_clients;
  if ((!force || *force == ExpectationMethod::kGrowthModel) && growth_usable) {
    return GrowthExpectation(*model, history, session, rules.band_coverage, memo);
  }
  if (force == ExpectationMethod::kGrowthModel) return std::optional<Expectation>();
  if ((!force || *force == ExpectationMethod::kIntakeCourse) && model != nullptr) {
    std::optional<Expectation> course = FromIntakeCourse(*model, history, session, rules);
    if (course || force) return course;
  }
  if (force == ExpectationMethod::kIntakeCourse) return std::optional<Expectation>();
  return FromRationalRule(instrument, history, caches);
}

Result<std::optional<Projection>> ProjectEnd(const measures::Instrument& instrument,
                                             const InstrumentModel* model,
                                             const ScoreHistory& history, int current_session,
                                             int last_session, const MonitorRules& rules,
                                             const ReviewCaches* caches,
                                             const ExpectationMemo* memo) {
  const bool growth_usable =
      model != nullptr && model->fit && model->clients >= rules.minimum_practice_clients;
  if (!growth_usable || current_session < rules.projection.from_session)
    return std::optional<Projection>();
  const std::optional<ChangeFacts> change =
      ChangeFactsOf(instrument, history.intake, history.intake, caches);
  if (!change) return std::optional<Projection>();
  const int target = std::max(last_session, current_session);
  TRY_ASSIGN(const std::optional<Expectation> band,
             GrowthExpectation(*model, history, target, rules.projection.interval_coverage, memo));
  if (!band) return std::optional<Projection>();
  Projection projection{
      .session = target, .expected = band->expected, .low = band->low, .high = band->high};
  projection.improvement = instrument.direction == measures::Direction::kHigherIsWorse
                               ? history.intake - band->expected
                               : band->expected - history.intake;
  projection.required = rules.projection.improvement_fraction * change->reliable_change_points;
  projection.not_on_track = projection.improvement < projection.required;
  return projection;
}

bool WorseThanBand(const measures::Instrument& instrument, const Expectation& expectation,
                   double score) {
  return instrument.direction == measures::Direction::kHigherIsWorse ? score > expectation.high
                                                                     : score < expectation.low;
}

}  // namespace tessera::monitor
