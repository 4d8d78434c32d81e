#pragma once
// Scoring one administration of an instrument: every answer is checked (count, range, allowed
// values), missing answers are prorated only where the instrument allows it, then subscales,
// the total, its band and the flags are computed. Pure: no I/O, no clock.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "measures/instrument.hpp"
#include "measures/screening.hpp"

namespace tessera::measures {

/// One item's answer as given by the client: the chosen option's value (or the mark on a
/// line), or nullopt when the item was left blank.
using Answer = std::optional<double>;

struct ScaleScore {
  std::string id;  // "total" or the subscale id
  std::string name;
  double score = 0;
  double minimum = 0;  // lowest possible score
  double maximum = 0;  // highest possible score
  int answered = 0;    // items answered (weighted scales: 0)
  int item_count = 0;  // items on the scale (weighted scales: 0)
  bool prorated = false;
};

struct RaisedFlag {
  std::string id;
  std::string message;
  std::string item;   // set for item flags
  std::string scale;  // set for scale flags
  double value = 0;   // the answer or score that raised it
};

struct ScoreResult {
  std::string instrument;
  std::optional<ScaleScore> total;  // absent for profile instruments (e.g. C-NIP)
  std::optional<std::string> band;  // the total's band label, when the instrument has bands
  std::vector<ScaleScore> subscales;
  std::vector<RaisedFlag> flags;
  std::optional<ScreeningResult> screening;  // when the instrument has screening rules
  bool prorated = false;                     // true when any score was prorated over missing items
  int answered = 0;
  int item_count = 0;
};

/// Scores `answers` (one per item, in item order). InvalidArgument, naming the item and what
/// is allowed, when: the count differs from the item count; an answer is not an allowed value;
/// an item a scale needs is missing and the scale may not be prorated; or fewer items were
/// answered than the scale's minimum.
Result<ScoreResult> Score(const Instrument& instrument, std::span<const Answer> answers);

/// Checks a total given without item answers (scored elsewhere) is one the instrument can
/// produce: within its range and, for a plain sum, on its step: whole numbers for integer-scored
/// instruments (PHQ-9 12.5 and GAD-7 0.001 are refused), multiples of 4 for the WHO-5
/// percentage, multiples of the line precision for ORS and SRS. Prorated, mean and weighted
/// totals may take any value in range. InvalidArgument "<field>: <value> ..." naming the rule.
Status CheckPossibleTotal(const Instrument& instrument, const std::string& field, double total);

/// The label of the band a total falls in, or nullopt when the instrument has no bands.
/// REQUIRES: total within the instrument's total range.
std::optional<std::string> BandFor(const Instrument& instrument, double total);

/// What an item accepts, for messages: "0, 1, 2 or 3" or "0 to 10 in steps of 0.1".
std::string DescribeAllowedAnswers(const AnswerSet& answer_set);

/// Reads answers as typed on a command line or a form: a number, or "-" for a blank item.
/// InvalidArgument naming the item when the count is wrong or a text is not a number
/// (range and allowed values are checked by Score).
Result<std::vector<Answer>> ParseAnswers(const Instrument& instrument,
                                         std::span<const std::string> texts);

/// Formats a score for people: at most two decimals, no trailing zeros ("11.11", "15").
std::string FormatScore(double value);

}  // namespace tessera::measures
