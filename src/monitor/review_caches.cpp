#include "monitor/review_caches.hpp"

#include <bit>
#include <cctype>

#include "measures/scoring.hpp"
#include "monitor/expectation_memo.hpp"

namespace tessera::monitor {
namespace {

// Big enough for every distinct score pair and answer set a practice produces in a day; a
// full table is dropped rather than evicted entry by entry (simple, and refills at once).
constexpr std::size_t kMaxChanges = 1 << 16;
constexpr std::size_t kMaxScores = 1 << 16;

std::size_t Mix(std::size_t seed, std::uint64_t value) {
  return seed ^
         (std::hash<std::uint64_t>{}(value) + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2));
}

std::optional<ChangeFacts> Compute(const measures::Instrument& instrument, double pre,
                                   double post) {
  Result<measures::ChangeResult> change = measures::Change(instrument, pre, post);
  if (!change) return std::nullopt;
  return ChangeFacts{change->reliable, change->direction, change->category,
                     change->reliable_change_points};
}

}  // namespace

std::string FoldedName(const std::string& name) {
  std::string out;
  for (const char character : name) {
    if (std::isalnum(static_cast<unsigned char>(character))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(character))));
    }
  }
  return out;
}

ReviewCaches::ReviewCaches(const measures::InstrumentLibrary& instruments,
                           const catalog::Catalog& catalog)
    : instruments_(instruments), rankings_(catalog) {
  // In library order, id before short name: emplace keeps the first, as the linear search finds it.
  for (const measures::Instrument& instrument : instruments.instruments()) {
    by_folded_name_.emplace(FoldedName(instrument.id), &instrument);
    by_folded_name_.emplace(FoldedName(instrument.short_name), &instrument);
  }
}

const measures::Instrument* ReviewCaches::FindInstrument(const std::string& name) const {
  const auto found = by_folded_name_.find(FoldedName(name));
  return found == by_folded_name_.end() ? nullptr : found->second;
}

std::size_t ReviewCaches::ChangeKeyHash::operator()(const ChangeKey& key) const {
  return Mix(Mix(std::hash<const void*>{}(key.instrument), key.pre), key.post);
}

bool ReviewCaches::AnswersKey::operator==(const AnswersKey& other) const {
  if (instrument != other.instrument || answers.size() != other.answers.size()) return false;
  for (std::size_t index = 0; index < answers.size(); ++index) {
    const auto& left = answers[index];
    const auto& right = other.answers[index];
    if (left.has_value() != right.has_value()) return false;
    if (left && std::bit_cast<std::uint64_t>(*left) != std::bit_cast<std::uint64_t>(*right))
      return false;
  }
  return true;
}

std::size_t ReviewCaches::AnswersKeyHash::operator()(const AnswersKey& key) const {
  std::size_t seed = std::hash<const void*>{}(key.instrument);
  for (const std::optional<double>& answer : key.answers) {
    seed = Mix(seed, answer ? std::bit_cast<std::uint64_t>(*answer) : 0x7ff4dead0000beefull);
  }
  return seed;
}

std::optional<ChangeFacts> ReviewCaches::Change(const measures::Instrument& instrument, double pre,
                                                double post) const {
  const ChangeKey key{&instrument, std::bit_cast<std::uint64_t>(pre),
                      std::bit_cast<std::uint64_t>(post)};
  {
    const std::lock_guard lock(mutex_);
    if (auto found = changes_.find(key); found != changes_.end()) return found->second;
  }
  std::optional<ChangeFacts> facts = Compute(instrument, pre, post);
  const std::lock_guard lock(mutex_);
  if (changes_.size() >= kMaxChanges) changes_.clear();
  changes_.emplace(key, facts);
  return facts;
}

std::shared_ptr<const ScoredAnswers> ReviewCaches::Score(
    const measures::Instrument& instrument,
    const std::vector<std::optional<double>>& answers) const {
  AnswersKey key{&instrument, answers};
  {
    const std::lock_guard lock(mutex_);
    if (auto found = scores_.find(key); found != scores_.end()) return found->second;
  }
  auto scored = std::make_shared<ScoredAnswers>();
  Result<measures::ScoreResult> result = measures::Score(instrument, answers);
  if (!result) {
    scored->error = result.error().message();
  } else {
    if (result->total) scored->total = result->total->score;
    for (const measures::RaisedFlag& flag : result->flags) scored->flags.push_back(flag.id);
  }
  const std::lock_guard lock(mutex_);
  if (scores_.size() >= kMaxScores) scores_.clear();
  scores_.emplace(std::move(key), scored);
  return scored;
}

std::optional<ChangeFacts> ChangeFactsOf(const measures::Instrument& instrument, double pre,
                                         double post, const ReviewCaches* caches) {
  return caches != nullptr ? caches->Change(instrument, pre, post) : Compute(instrument, pre, post);
}

}  // namespace tessera::monitor

// ExpectationMemo's keys (expectation_memo.hpp) are hashed like the caches' above.
namespace tessera::monitor {

std::size_t ExpectationMemo::KeyHash::operator()(const Key& key) const {
  std::size_t seed = std::hash<const void*>{}(key.instrument);
  seed = Mix(seed, static_cast<std::uint64_t>(key.session));
  seed = Mix(seed, key.coverage);
  seed = Mix(seed, key.intake);
  for (const auto& [session, score] : key.earlier)
    seed = Mix(Mix(seed, static_cast<std::uint64_t>(session)), score);
  return seed;
}

ExpectationMemo::Key ExpectationMemo::KeyOf(const InstrumentModel& instrument,
                                            const ScoreHistory& history, int session,
                                            double coverage) {
  Key key{&instrument,
          session,
          std::bit_cast<std::uint64_t>(coverage),
          std::bit_cast<std::uint64_t>(history.intake),
          {}};
  key.earlier.reserve(history.earlier.size());
  for (const auto& [earlier_session, score] : history.earlier) {
    key.earlier.emplace_back(earlier_session, std::bit_cast<std::uint64_t>(score));
  }
  return key;
}

}  // namespace tessera::monitor
