#include "measures/scoring.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace tessera::measures {
namespace {

constexpr double kTolerance = 1e-9;

// A number as the user gave it, for messages: FormatScore would round 7.255 to "7.26" and
// 0.001 to "0", hiding what was refused.
std::string FormatGiven(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", value);
  return text;
}

Status CheckAnswer(const Instrument& instrument, const Item& item, double value) {
  const AnswerSet& set = instrument.AnswerSetOf(item);
  bool allowed = false;
  if (!set.options.empty()) {
    for (const AnswerOption& option : set.options) {
      allowed = allowed || std::fabs(option.value - value) < kTolerance;
    }
  } else if (value >= set.minimum - kTolerance && value <= set.maximum + kTolerance) {
    const double steps = (value - set.minimum) / set.step;
    allowed = std::fabs(steps - std::round(steps)) < 1e-6;
  }
  if (allowed) return Ok();
  return InvalidArgument(instrument.id + " item " + item.id + ": " + FormatGiven(value) +
                         " is not allowed; allowed: " + DescribeAllowedAnswers(set));
}

double ItemScore(const Instrument& instrument, const Item& item, double answer) {
  if (!item.reverse_scored) return answer;
  const AnswerSet& set = instrument.AnswerSetOf(item);
  return set.minimum + set.maximum - answer;
}

size_t ItemIndex(const Instrument& instrument, const std::string& item_id) {
  for (size_t index = 0; index < instrument.items.size(); ++index) {
    if (instrument.items[index].id == item_id) return index;
  }
  return instrument.items.size();
}

Result<ScaleScore> ScoreItemScale(const Instrument& instrument, const Scale& scale,
                                  std::span<const Answer> answers) {
  ScaleScore result{scale.id,
                    scale.name,
                    0,
                    scale.minimum,
                    scale.maximum,
                    0,
                    static_cast<int>(scale.items.size()),
                    false};
  double sum = 0;
  std::string first_missing;
  for (const std::string& item_id : scale.items) {
    const size_t index = ItemIndex(instrument, item_id);
    if (!answers[index].has_value()) {
      if (first_missing.empty()) first_missing = item_id;
      continue;
    }
    sum += ItemScore(instrument, instrument.items[index], *answers[index]);
    ++result.answered;
  }
  const std::string what = instrument.id + " " + (scale.id == "total" ? "total" : scale.id);
  if (scale.method == ScaleMethod::kSum && result.answered < result.item_count) {
    return InvalidArgument(instrument.id + " item " + first_missing + ": missing; the " + what +
                           " is a sum of all " + std::to_string(result.item_count) +
                           " items and may not be prorated, so every item must be answered");
  }
  if (result.answered < scale.minimum_answered) {
    // CORE-10: prorated only when one item is missing (CORE System Trust), so two or more
    // missing give no score at all rather than a prorated one.
    const int may_miss = result.item_count - scale.minimum_answered;
    return InvalidArgument(instrument.id + " item " + first_missing + ": missing; the " + what +
                           " needs at least " + std::to_string(scale.minimum_answered) + " of " +
                           std::to_string(result.item_count) + " items answered, got " +
                           std::to_string(result.answered) + " (it may be prorated over at most " +
                           std::to_string(may_miss) + " missing item" + (may_miss == 1 ? "" : "s") +
                           "), so no score is computed");
  }
  switch (scale.method) {
    case ScaleMethod::kSum:
      result.score = sum;
      break;
    case ScaleMethod::kMean:
      result.score = sum / result.answered;
      break;
    case ScaleMethod::kProratedSum:
      // CORE-10: clinical score = 10 x total / items answered (FACTS.md "CORE-10").
      result.score = sum * result.item_count / result.answered;
      break;
    case ScaleMethod::kWeighted:
      return Internal("ScoreItemScale called on a weighted scale");
  }
  // A mean over fewer items than the scale has is prorated in the same sense: it stands in for
  // answers the client did not give.
  result.prorated = result.answered < result.item_count;
  result.score *= scale.multiplier;
  return result;
}

Result<ScaleScore> ScoreScale(const Instrument& instrument, const Scale& scale,
                              std::span<const Answer> answers,
                              const std::vector<ScaleScore>& subscales) {
  if (scale.method != ScaleMethod::kWeighted) return ScoreItemScale(instrument, scale, answers);
  ScaleScore result{scale.id, scale.name, 0, scale.minimum, scale.maximum, 0, 0, false};
  for (const WeightedTerm& term : scale.terms) {
    for (const ScaleScore& subscale : subscales) {
      if (subscale.id != term.scale) continue;
      result.score += term.weight * subscale.score;
      result.prorated = result.prorated || subscale.prorated;
    }
  }
  result.score *= scale.multiplier;
  return result;
}

// The step between the totals a plain sum can reach, before its multiplier: 1 when every item
// answers with whole-numbered options, a line's step when every item is such a line; nullopt
// (any value in range) for prorated, mean and weighted totals, or mixed answer sets.
std::optional<double> RawTotalStep(const Instrument& instrument) {
  const Scale& total = *instrument.total;
  if (total.method != ScaleMethod::kSum) return std::nullopt;
  std::optional<double> step;
  for (const std::string& item_id : total.items) {
    const AnswerSet& set = instrument.AnswerSetOf(*instrument.FindItem(item_id));
    double item_step = set.step;
    bool on_grid = true;
    if (!set.options.empty()) {
      item_step = 1;
      for (const AnswerOption& option : set.options) {
        on_grid = on_grid && option.value == std::floor(option.value);
      }
    } else {
      const double offset = set.minimum / set.step;
      on_grid = std::fabs(offset - std::round(offset)) < 1e-6;
    }
    if (!on_grid || (step && std::fabs(*step - item_step) > kTolerance)) return std::nullopt;
    step = item_step;
  }
  return step;
}

}  // namespace

Status CheckPossibleTotal(const Instrument& instrument, const std::string& field, double total) {
  if (!instrument.total) {
    return InvalidArgument(field + ": " + instrument.short_name +
                           " has no total score; give item answers");
  }
  const Scale& scale = *instrument.total;
  const std::string range = FormatScore(scale.minimum) + " to " + FormatScore(scale.maximum);
  if (!std::isfinite(total) || total < scale.minimum || total > scale.maximum) {
    return InvalidArgument(field + ": " + FormatScore(total) + " is outside " +
                           instrument.short_name + "'s range " + range);
  }
  const std::optional<double> raw_step = RawTotalStep(instrument);
  if (!raw_step) return Ok();
  const double step = *raw_step * scale.multiplier;
  // Relative tolerance: enough for binary fractions (26.65 / 0.01), too little to let a
  // PHQ-9 of 1e-9 through as 0.
  const double steps = total / step;
  if (std::fabs(steps - std::round(steps)) <= 1e-10 * std::max(1.0, std::fabs(steps))) return Ok();
  const std::string given = FormatGiven(total);
  if (step == 1) {
    return InvalidArgument(field + ": " + given + " is not a whole number; " +
                           instrument.short_name +
                           " totals are whole numbers (a sum of whole-numbered answers), " + range);
  }
  return InvalidArgument(field + ": " + given + " cannot occur; " + instrument.short_name +
                         " totals run from " + range + " in steps of " + FormatScore(step));
}

std::string FormatScore(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

std::string DescribeAllowedAnswers(const AnswerSet& answer_set) {
  if (answer_set.options.empty()) {
    return FormatScore(answer_set.minimum) + " to " + FormatScore(answer_set.maximum) +
           " in steps of " + FormatScore(answer_set.step);
  }
  std::string text;
  for (size_t index = 0; index < answer_set.options.size(); ++index) {
    if (index > 0) text += index + 1 == answer_set.options.size() ? " or " : ", ";
    text += FormatScore(answer_set.options[index].value);
  }
  return text;
}

Result<std::vector<Answer>> ParseAnswers(const Instrument& instrument,
                                         std::span<const std::string> texts) {
  if (texts.size() != instrument.items.size()) {
    return InvalidArgument(instrument.id + ": expected " + std::to_string(instrument.items.size()) +
                           " answers (one per item, '-' for a missing one), got " +
                           std::to_string(texts.size()));
  }
  std::vector<Answer> answers;
  for (size_t index = 0; index < texts.size(); ++index) {
    const std::string& text = texts[index];
    if (text == "-") {
      answers.push_back(std::nullopt);
      continue;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value)) {
      const Item& item = instrument.items[index];
      return InvalidArgument(
          instrument.id + " item " + item.id + ": '" + text + "' is not a number; allowed: " +
          DescribeAllowedAnswers(instrument.AnswerSetOf(item)) + ", or '-' for a missing answer");
    }
    answers.push_back(value);
  }
  return answers;
}

std::optional<std::string> BandFor(const Instrument& instrument, double total) {
  const Band* found = nullptr;
  // Bands are ordered; a prorated total between two bands stays in the lower one.
  for (const Band& band : instrument.bands) {
    if (total >= band.minimum - kTolerance) found = &band;
  }
  if (found == nullptr) return std::nullopt;
  return found->label;
}

Result<ScoreResult> Score(const Instrument& instrument, std::span<const Answer> answers) {
  if (answers.size() != instrument.items.size()) {
    return InvalidArgument(instrument.id + ": expected " + std::to_string(instrument.items.size()) +
                           " answers (one per item), got " + std::to_string(answers.size()));
  }
  ScoreResult result;
  result.instrument = instrument.id;
  result.item_count = static_cast<int>(instrument.items.size());
  for (size_t index = 0; index < answers.size(); ++index) {
    if (!answers[index].has_value()) continue;
    TRY(CheckAnswer(instrument, instrument.items[index], *answers[index]));
    ++result.answered;
  }
  for (const Scale& scale : instrument.subscales) {
    TRY_ASSIGN(ScaleScore score, ScoreScale(instrument, scale, answers, result.subscales));
    result.prorated = result.prorated || score.prorated;
    result.subscales.push_back(std::move(score));
  }
  if (instrument.total) {
    TRY_ASSIGN(result.total, ScoreScale(instrument, *instrument.total, answers, result.subscales));
    result.prorated = result.prorated || result.total->prorated;
    result.band = BandFor(instrument, result.total->score);
  }
  for (const FlagRule& rule : instrument.flags) {
    std::optional<double> value;
    std::string item = rule.item;
    if (!rule.item.empty()) {
      // Item flags read the answer as given (before reverse scoring): a risk item is about
      // what the client said. A blank risk item raises nothing here.
      value = answers[ItemIndex(instrument, rule.item)];
    } else if (!rule.any_of_items.empty()) {
      // Raised by the first listed item whose answer meets the condition (WHO-5: any item
      // answered 0 or 1); the flag names that item.
      for (const std::string& item_id : rule.any_of_items) {
        const Answer& answer = answers[ItemIndex(instrument, item_id)];
        if (value || !answer || !Compare(*answer, rule.when, rule.value)) continue;
        value = answer;
        item = item_id;
      }
    } else if (rule.scale == "total") {
      value = result.total->score;
    } else {
      for (const ScaleScore& subscale : result.subscales) {
        if (subscale.id == rule.scale) value = subscale.score;
      }
    }
    if (value && Compare(*value, rule.when, rule.value)) {
      result.flags.push_back({rule.id, rule.message, item, rule.scale, *value});
    }
  }
  if (instrument.screening) result.screening = Screen(instrument, answers);
  return result;
}

}  // namespace tessera::measures
