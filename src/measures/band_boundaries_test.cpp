// Band boundaries. Two kinds of tables: the values on both sides of every threshold of every
// shipped instrument, read from the data files themselves; and the published bands from
// FACTS.md written out here, so that a wrong number in a data file fails a test.

#include <gtest/gtest.h>

#include <cmath>

#include "measures/scoring.hpp"
#include "measures/test_support.hpp"

namespace tessera::measures {
namespace {

using testing::Shipped;
using testing::ShippedLibrary;

// Answers whose (un-prorated) raw sum is `raw_sum`: fill items in order with the highest item
// score still needed. REQUIRES: integer-valued, consecutive answer options.
std::vector<Answer> AnswersForRawSum(const Instrument& instrument, double raw_sum) {
  std::vector<Answer> answers;
  double remaining = raw_sum;
  for (const Item& item : instrument.items) {
    const AnswerSet& set = instrument.AnswerSetOf(item);
    if (!item.scored) {
      answers.push_back(set.minimum);
      continue;
    }
    remaining -= set.minimum;
    // The answer that scores the item's minimum (its maximum option, if reverse-scored).
    answers.push_back(item.reverse_scored ? set.maximum : set.minimum);
  }
  for (size_t index = 0; index < instrument.items.size() && remaining > 0; ++index) {
    const Item& item = instrument.items[index];
    if (!item.scored) continue;
    const AnswerSet& set = instrument.AnswerSetOf(item);
    const double add = std::min(remaining, set.maximum - set.minimum);
    const double item_score = set.minimum + add;
    answers[index] = item.reverse_scored ? set.minimum + set.maximum - item_score : item_score;
    remaining -= add;
  }
  return answers;
}

// The totals a complete set of answers can reach, from the lowest up.
std::vector<double> AttainableTotals(const Instrument& instrument) {
  std::vector<double> totals;
  const Scale& total = *instrument.total;
  const double raw_minimum = total.minimum / total.multiplier;
  const double raw_maximum = total.maximum / total.multiplier;
  for (double raw = raw_minimum; raw <= raw_maximum + 1e-9; raw += 1) {
    totals.push_back(raw * total.multiplier);
  }
  return totals;
}

void ExpectBand(const Instrument& instrument, double total, const std::string& band) {
  SCOPED_TRACE(instrument.id + " total " + FormatScore(total));
  const auto result =
      Score(instrument, AnswersForRawSum(instrument, total / instrument.total->multiplier));
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_DOUBLE_EQ(result->total->score, total);
  EXPECT_EQ(result->band, band);
}

TEST(BandBoundaries, BothSidesOfEveryThresholdOfEveryShippedInstrument) {
  int instruments_with_bands = 0;
  int thresholds_checked = 0;
  for (const Instrument& instrument : ShippedLibrary().instruments()) {
    if (instrument.bands.empty()) continue;
    ++instruments_with_bands;
    for (const Item& item : instrument.items) {
      const AnswerSet& set = instrument.AnswerSetOf(item);
      ASSERT_FALSE(set.options.empty()) << instrument.id << ": the walk below needs option sets";
    }
    const std::vector<double> attainable = AttainableTotals(instrument);
    ExpectBand(instrument, attainable.front(), instrument.bands.front().label);
    ExpectBand(instrument, attainable.back(), instrument.bands.back().label);
    for (size_t band_idx = 0; band_idx + 1 < instrument.bands.size(); ++band_idx) {
      const Band& lower = instrument.bands[band_idx];
      const Band& upper = instrument.bands[band_idx + 1];
      double below = attainable.front();
      double above = attainable.back();
      for (double total : attainable) {
        if (total <= lower.maximum) below = total;
      }
      for (auto it = attainable.rbegin(); it != attainable.rend(); ++it) {
        if (*it >= upper.minimum) above = *it;
      }
      ExpectBand(instrument, below, lower.label);
      ExpectBand(instrument, above, upper.label);
      ++thresholds_checked;
    }
  }
  // PHQ-9 4, GAD-7 3, PHQ-2 1, CORE-10 5, WHO-5 2, PCL-5 1.
  EXPECT_EQ(instruments_with_bands, 6);
  EXPECT_EQ(thresholds_checked, 16);
}

struct PublishedBoundary {
  const char* instrument;
  double total;
  const char* band;
};

TEST(BandBoundaries, MatchThePublishedBands) {
  const PublishedBoundary cases[] = {
      // PHQ-9, Kroenke et al. 2001 (FACTS.md): 0-4, 5-9, 10-14, 15-19, 20-27.
      {"phq9", 0, "minimal"},
      {"phq9", 4, "minimal"},
      {"phq9", 5, "mild"},
      {"phq9", 9, "mild"},
      {"phq9", 10, "moderate"},
      {"phq9", 14, "moderate"},
      {"phq9", 15, "moderately severe"},
      {"phq9", 19, "moderately severe"},
      {"phq9", 20, "severe"},
      {"phq9", 27, "severe"},
      // GAD-7, Spitzer et al. 2006 (FACTS.md): 0-4, 5-9, 10-14, 15-21.
      {"gad7", 4, "minimal"},
      {"gad7", 5, "mild"},
      {"gad7", 9, "mild"},
      {"gad7", 10, "moderate"},
      {"gad7", 14, "moderate"},
      {"gad7", 15, "severe"},
      {"gad7", 21, "severe"},
      // CORE-10 (FACTS.md, first banding): 0-5, 6-10, 11-14, 15-19, 20-24, 25-40.
      {"core10", 5, "healthy"},
      {"core10", 6, "low level"},
      {"core10", 10, "low level"},
      {"core10", 11, "mild"},
      {"core10", 14, "mild"},
      {"core10", 15, "moderate"},
      {"core10", 19, "moderate"},
      {"core10", 20, "moderate-to-severe"},
      {"core10", 24, "moderate-to-severe"},
      {"core10", 25, "severe"},
      {"core10", 40, "severe"},
      // PHQ-2 cut-off 3 (Kroenke et al. 2003).
      {"phq2", 2, "negative screen"},
      {"phq2", 3, "positive screen: assess with the PHQ-9"},
      // WHO-5 (unverified cut-offs, see the data file): attainable totals are multiples of 4.
      {"who5", 28, "likely depression: assess further"},
      {"who5", 32, "poor well-being"},
      {"who5", 48, "poor well-being"},
      {"who5", 52, "not indicative of poor well-being"},
      // PCL-5 provisional cut-off 31 (31-33 published).
      {"pcl5", 30, "below the provisional PTSD cut-off"},
      {"pcl5", 31, "at or above the provisional PTSD cut-off: assess further"},
  };
  for (const PublishedBoundary& test_case : cases) {
    ExpectBand(Shipped(test_case.instrument), test_case.total, test_case.band);
  }
}

}  // namespace
}  // namespace tessera::measures
