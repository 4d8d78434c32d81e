// Step 1 of monitoring: validate the episode and score every measure given.

#include <algorithm>
#include <cctype>
#include <set>

#include "measures/change.hpp"
#include "measures/scoring.hpp"
#include "monitor/internal/scored_episode.hpp"
#include "monitor/review_caches.hpp"

namespace tessera::monitor::internal {
namespace {

// "sessions[2].measures[1]": built only for an error message (it was a good part of a
// review's allocations when built for every measure).
std::string Where(std::size_t session_index, std::size_t measure_index) {
  return "sessions[" + std::to_string(session_index) + "].measures[" +
         std::to_string(measure_index) + "]";
}

Result<ScoredMeasure> ScoreMeasure(const MeasureInput& input, const MonitorContext& context,
                                   std::size_t session_index, std::size_t measure_index) {
  const ReviewCaches* caches = CachesFor(context);
  const measures::Instrument* known =
      caches != nullptr ? caches->FindInstrument(input.instrument) : nullptr;
  if (known == nullptr) {
    Result<const measures::Instrument*> found =
        FindInstrument(*context.instruments, input.instrument);
    if (!found)
      return InvalidArgument(Where(session_index, measure_index) +
                             ".instrument: " + found.error().message());
    known = *found;
  }
  const measures::Instrument& instrument = *known;
  if (!instrument.total) {
    return InvalidArgument(Where(session_index, measure_index) + ": " + instrument.id +
                           " has no total score to monitor");
  }
  ScoredMeasure scored{.instrument = &instrument};
  if (!input.answers.empty()) {
    if (caches != nullptr) {
      const std::shared_ptr<const ScoredAnswers> result = caches->Score(instrument, input.answers);
      if (result->error)
        return InvalidArgument(Where(session_index, measure_index) + ".answers: " + *result->error);
      scored.total = *result->total;
      scored.item_level = true;
      scored.flags = result->flags;
      return scored;
    }
    Result<measures::ScoreResult> result = measures::Score(instrument, input.answers);
    if (!result)
      return InvalidArgument(Where(session_index, measure_index) +
                             ".answers: " + result.error().message());
    scored.total = result->total->score;
    scored.item_level = true;
    for (const measures::RaisedFlag& flag : result->flags) scored.flags.push_back(flag.id);
    return scored;
  }
  if (!input.total)
    return InvalidArgument(Where(session_index, measure_index) + ": give item answers or a total");
  const double total = *input.total;
  if (!(total >= instrument.total->minimum && total <= instrument.total->maximum)) {
    return InvalidArgument(Where(session_index, measure_index) + ".total: " +
                           measures::FormatScore(total) + " is outside " + instrument.id +
                           "'s range " + measures::FormatScore(instrument.total->minimum) + " to " +
                           measures::FormatScore(instrument.total->maximum));
  }
  scored.total = total;
  return scored;
}

}  // namespace

const ScoredMeasure* ScoredSession::Find(const std::string& instrument_id) const {
  for (const ScoredMeasure& measure : measures) {
    if (measure.instrument->id == instrument_id) return &measure;
  }
  return nullptr;
}

Result<const measures::Instrument*> FindInstrument(const measures::InstrumentLibrary& library,
                                                   const std::string& name) {
  const std::string wanted = FoldedName(name);
  std::string known;
  for (const measures::Instrument& instrument : library.instruments()) {
    if (FoldedName(instrument.id) == wanted || FoldedName(instrument.short_name) == wanted)
      return &instrument;
    known += (known.empty() ? "" : ", ") + instrument.id;
  }
  return NotFound("unknown instrument '" + name + "' (known: " + known + ")");
}

std::optional<double> ReliableChangePoints(const MonitorContext& context,
                                           const measures::Instrument& instrument) {
  if (!instrument.total) return std::nullopt;
  // The reliable-change value does not depend on the scores compared.
  const double lowest = instrument.total->minimum;
  const std::optional<ChangeFacts> change =
      ChangeFactsOf(instrument, lowest, lowest, CachesFor(context));
  if (!change) return std::nullopt;
  return change->reliable_change_points;
}

const ExpectationMemo* MemoFor(const MonitorContext& context) {
  return context.expectations != nullptr && context.model != nullptr &&
                 &context.expectations->model() == context.model
             ? context.expectations
             : nullptr;
}

const ReviewCaches* CachesFor(const MonitorContext& context) {
  return context.caches != nullptr && &context.caches->instruments() == context.instruments
             ? context.caches
             : nullptr;
}

Result<std::vector<ScoredSession>> ScoreEpisode(const EpisodeInput& episode,
                                                const MonitorContext& context) {
  std::vector<ScoredSession> sessions;
  std::set<int> numbers;
  for (std::size_t index = 0; index < episode.sessions.size(); ++index) {
    const SessionInput& session = episode.sessions[index];
    const auto where = [index] { return "sessions[" + std::to_string(index) + "]"; };
    if (session.number < 1) return InvalidArgument(where() + ".number: must be >= 1");
    if (!numbers.insert(session.number).second) {
      return InvalidArgument(where() + ".number: session " + std::to_string(session.number) +
                             " appears twice");
    }
    if (session.attendance != Attendance::kAttended && !session.measures.empty()) {
      return InvalidArgument(where() + ".measures: a session not attended cannot have measures");
    }
    ScoredSession scored{.input = &session};
    for (std::size_t measure = 0; measure < session.measures.size(); ++measure) {
      TRY_ASSIGN(ScoredMeasure result,
                 ScoreMeasure(session.measures[measure], context, index, measure));
      if (scored.Find(result.instrument->id) != nullptr) {
        return InvalidArgument(where() + ".measures: " + result.instrument->id + " given twice");
      }
      scored.measures.push_back(std::move(result));
    }
    for (std::size_t use = 0; use < session.techniques.size(); ++use) {
      const TechniqueUse& technique = session.techniques[use];
      const auto at = [&] { return where() + ".techniques[" + std::to_string(use) + "]"; };
      if (technique.technique.empty())
        return InvalidArgument(at() + ".technique: must not be empty");
      if (technique.helpfulness &&
          !(*technique.helpfulness >= context.rules->helpfulness_minimum &&
            *technique.helpfulness <= context.rules->helpfulness_maximum)) {
        return InvalidArgument(at() + ".helpfulness: must be " +
                               measures::FormatScore(context.rules->helpfulness_minimum) + " to " +
                               measures::FormatScore(context.rules->helpfulness_maximum));
      }
    }
    sessions.push_back(std::move(scored));
  }
  std::sort(sessions.begin(), sessions.end(),
            [](const ScoredSession& left, const ScoredSession& right) {
              return left.input->number < right.input->number;
            });
  return sessions;
}

std::optional<int> PhaseAt(const EpisodeInput& episode, int session) {
  if (episode.Plan() == nullptr || episode.Plan()->phases.empty()) return std::nullopt;
  const auto& phases = episode.Plan()->phases;
  if (episode.Plan()->current_phase)
    return std::clamp(*episode.Plan()->current_phase, 0, static_cast<int>(phases.size()) - 1);
  for (std::size_t index = 0; index < phases.size(); ++index) {
    if (phases[index].review_at_session >= session) return static_cast<int>(index);
  }
  return static_cast<int>(phases.size()) - 1;
}

}  // namespace tessera::monitor::internal
