// Jacobson-Truax reliable change and clinical significance: every worked example in FACTS.md,
// the strict 1.96 boundary, and the outcome categories in both directions.

#include "measures/change.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "measures/test_support.hpp"

namespace tessera::measures {
namespace {

using testing::Shipped;

TEST(ReliableChange, FactsExampleFromTheStandardErrorOfMeasurement) {
  // SEM 3.07 -> S_diff 4.34 -> threshold 1.96 x S_diff = 8.51; 24 -> 35 is reliable.
  const double s_diff = StandardErrorOfDifference(3.07);
  EXPECT_NEAR(s_diff, 4.34, 0.005);
  EXPECT_NEAR(kReliableChangeCriterion * s_diff, 8.51, 0.005);
  EXPECT_TRUE(IsReliableChange(ReliableChangeIndex(24, 35, s_diff)));
  EXPECT_FALSE(IsReliableChange(ReliableChangeIndex(24, 32, s_diff)));  // 8 < 8.51
}

TEST(ReliableChange, FactsExampleFromStandardDeviationAndReliability) {
  // SD 7.5, r = .80, 32 -> 53: SE 3.354, S_diff 4.743, RCI 4.427.
  const double standard_error = StandardErrorOfMeasurement(7.5, 0.80);
  EXPECT_NEAR(standard_error, 3.354, 0.0005);
  const double s_diff = StandardErrorOfDifference(standard_error);
  EXPECT_NEAR(s_diff, 4.743, 0.0005);
  EXPECT_NEAR(ReliableChangeIndex(32, 53, s_diff), 4.427, 0.0005);
}

TEST(ReliableChange, IsStrictlyAboveOnePointNineSix) {
  struct Case {
    double rci;
    bool reliable;
  };
  const Case cases[] = {{1.96, false},      {-1.96, false}, {1.9600001, true}, {-1.9600001, true},
                        {1.9599999, false}, {0, false},     {4.427, true},     {-4.427, true}};
  for (const Case& test_case : cases) {
    EXPECT_EQ(IsReliableChange(test_case.rci), test_case.reliable) << test_case.rci;
  }
}

TEST(ClinicalSignificance, FactsExampleCutoffsHigherIsBetter) {
  // Clinical M 40, SD 7.5; functional M 60, SD 7.5 (higher better): a 55, b 45, c 50.
  const Norms norms{{40, 7.5}, {60, 7.5}, "facts"};
  const ClinicalSignificanceCutoffs cutoffs = ComputeCutoffs(norms, Direction::kHigherIsBetter);
  EXPECT_DOUBLE_EQ(cutoffs.a, 55);
  EXPECT_DOUBLE_EQ(cutoffs.b, 45);
  EXPECT_DOUBLE_EQ(cutoffs.c, 50);
}

TEST(ClinicalSignificance, SignsReverseWhenHigherIsWorse) {
  const Norms norms{{60, 7.5}, {40, 7.5}, "mirror of the FACTS example"};
  const ClinicalSignificanceCutoffs cutoffs = ComputeCutoffs(norms, Direction::kHigherIsWorse);
  EXPECT_DOUBLE_EQ(cutoffs.a, 45);  // M_clin - 2 SD_clin
  EXPECT_DOUBLE_EQ(cutoffs.b, 55);  // M_func + 2 SD_func
  EXPECT_DOUBLE_EQ(cutoffs.c, 50);
}

TEST(ClinicalSignificance, Core10FromItsNorms) {
  // FACTS.md: general population M 4.7 SD 4.8; clinical M 19.7 SD 7.7: c = 10.46;
  // reliable change at alpha .90 = 1.96 x sqrt(2) x 7.7 x sqrt(0.1) = 6.75 (95 % confidence).
  const auto change = Change(Shipped("core10"), 20, 20, CutoffChoice::kC);
  ASSERT_TRUE(change) << change.error().message();
  ASSERT_TRUE(change->cutoffs.has_value());
  EXPECT_NEAR(change->cutoffs->c, 10.46, 0.005);
  ASSERT_EQ(change->judgements.size(), 2u);
  const ReliableChangeJudgement& jacobson_truax = change->judgements[0];
  EXPECT_EQ(jacobson_truax.method, ReliableChangeMethod::kJacobsonTruax);
  EXPECT_NEAR(jacobson_truax.points, 6.75, 0.005);
  EXPECT_NEAR(jacobson_truax.points, 1.96 * std::sqrt(2.0) * 7.7 * std::sqrt(0.1), 1e-9);
  EXPECT_EQ(jacobson_truax.confidence_percent, 95.0);
  EXPECT_TRUE(change->rci.has_value());
}

// Issue 16: the published CORE-10 reliable change is 6 points at 90 % confidence (Barkham et
// al. 2013); tessera used only 6.75. Both are reported; the file chooses which drives the
// categories, and ships the published 6.
TEST(ClinicalSignificance, Issue16Core10ReportsBothReliableChangeValues) {
  const Instrument& shipped = Shipped("core10");
  ASSERT_TRUE(shipped.reliable_change.has_value());
  EXPECT_EQ(shipped.reliable_change->points, 6);
  EXPECT_EQ(shipped.reliable_change->confidence_percent, 90.0);
  EXPECT_EQ(shipped.change_categories_from, ReliableChangeMethod::kPublishedPoints);
  Instrument strict = shipped;
  strict.change_categories_from = ReliableChangeMethod::kJacobsonTruax;
  struct Case {
    double pre, post;
    bool reliable_at_90, reliable_at_95;
  } cases[] = {
      {24, 18, true, false},      // 6 points: the published criterion (at least 6)
      {24, 18.01, false, false},  // 5.99 points
      {24, 17.25, true, true},    // 6.75 points: above 1.96 S_diff (6.749)
      {18, 24, true, false},      // deterioration by 6
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::to_string(test_case.pre) + " -> " + std::to_string(test_case.post));
    const auto by_default = Change(shipped, test_case.pre, test_case.post);
    const auto by_choice = Change(strict, test_case.pre, test_case.post);
    ASSERT_TRUE(by_default && by_choice);
    EXPECT_EQ(by_default->method, ReliableChangeMethod::kPublishedPoints);
    EXPECT_EQ(by_default->reliable_change_points, 6);
    EXPECT_EQ(by_default->reliable, test_case.reliable_at_90);
    EXPECT_EQ(by_choice->method, ReliableChangeMethod::kJacobsonTruax);
    EXPECT_NEAR(by_choice->reliable_change_points, 6.75, 0.005);
    EXPECT_EQ(by_choice->reliable, test_case.reliable_at_95);
    ASSERT_EQ(by_default->judgements.size(), 2u);
    EXPECT_EQ(by_default->judgements[0].reliable, test_case.reliable_at_95);
    EXPECT_EQ(by_default->judgements[1].reliable, test_case.reliable_at_90);
    EXPECT_EQ(by_default->judgements[1].confidence_percent, 90.0);
  }
}

struct CategoryCase {
  const char* instrument;
  double pre;
  double post;
  bool reliable;
  ChangeDirection direction;
  bool crossed;
  OutcomeCategory category;
};

TEST(OutcomeCategory, RespectsEachInstrumentsDirection) {
  const CategoryCase cases[] = {
      // CORE-10, higher is worse, reliable at 6 points or more (the published criterion the
      // shipped file chooses), published cut-off 11.
      {"core10", 24, 10, true, ChangeDirection::kImproved, true, OutcomeCategory::kRecovered},
      {"core10", 24, 15, true, ChangeDirection::kImproved, false, OutcomeCategory::kImproved},
      {"core10", 24, 18, true, ChangeDirection::kImproved, false, OutcomeCategory::kImproved},
      {"core10", 24, 18.5, false, ChangeDirection::kImproved, false, OutcomeCategory::kUnchanged},
      {"core10", 14, 8, true, ChangeDirection::kImproved, true, OutcomeCategory::kRecovered},
      {"core10", 14, 8.5, false, ChangeDirection::kImproved, true, OutcomeCategory::kUnchanged},
      {"core10", 10, 20, true, ChangeDirection::kDeteriorated, false,
       OutcomeCategory::kDeteriorated},
      {"core10", 12, 12, false, ChangeDirection::kNone, false, OutcomeCategory::kUnchanged},
      // PHQ-9, published reliable change of 6 points (at least), cut-off 10 (clinical at >= 10).
      {"phq9", 15, 9, true, ChangeDirection::kImproved, true, OutcomeCategory::kRecovered},
      {"phq9", 15, 10, false, ChangeDirection::kImproved, false, OutcomeCategory::kUnchanged},
      {"phq9", 20, 14, true, ChangeDirection::kImproved, false, OutcomeCategory::kImproved},
      {"phq9", 5, 11, true, ChangeDirection::kDeteriorated, false, OutcomeCategory::kDeteriorated},
      // WHO-5, higher is better, 10 points, cut-off 50 (clinical at or below).
      {"who5", 40, 60, true, ChangeDirection::kImproved, true, OutcomeCategory::kRecovered},
      {"who5", 20, 32, true, ChangeDirection::kImproved, false, OutcomeCategory::kImproved},
      {"who5", 40, 48, false, ChangeDirection::kImproved, false, OutcomeCategory::kUnchanged},
      {"who5", 60, 40, true, ChangeDirection::kDeteriorated, false, OutcomeCategory::kDeteriorated},
  };
  for (const CategoryCase& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.instrument) + " " + std::to_string(test_case.pre) + " -> " +
                 std::to_string(test_case.post));
    const auto change = Change(Shipped(test_case.instrument), test_case.pre, test_case.post);
    ASSERT_TRUE(change) << change.error().message();
    EXPECT_EQ(change->reliable, test_case.reliable);
    EXPECT_EQ(change->direction, test_case.direction);
    EXPECT_EQ(change->crossed_cutoff, test_case.crossed);
    EXPECT_EQ(change->category, test_case.category);
  }
}

TEST(OutcomeCategory, CutoffChoiceChangesWhetherTheCutoffWasCrossed) {
  // CORE-10 24 -> 10.5 is below the published cut-off 11 but above c = 10.46 and a = 4.3.
  const auto published = Change(Shipped("core10"), 24, 10.5);
  const auto with_c = Change(Shipped("core10"), 24, 10.5, CutoffChoice::kC);
  const auto with_a = Change(Shipped("core10"), 24, 10.5, CutoffChoice::kA);  // a = 4.3
  ASSERT_TRUE(published && with_c && with_a);
  EXPECT_EQ(published->category, OutcomeCategory::kRecovered);
  EXPECT_EQ(with_c->category, OutcomeCategory::kImproved);
  EXPECT_EQ(with_a->category, OutcomeCategory::kImproved);
  EXPECT_NEAR(with_a->cutoffs->a, 4.3, 1e-9);
  EXPECT_NEAR(with_a->cutoffs->b, 14.3, 1e-9);
}

// Which side of each published clinical cut-off a total falls on, written out from FACTS.md
// (so a wrong value or side in a data file fails), just either side of every cut-off. Read
// through Change: a pre total counts as clinical when moving from it to the best total
// crosses the cut-off. Issue 16: an ORS of exactly 25 is clinical ("25 or below").
TEST(ClinicalCutoff, Issue16EachSideOfEveryPublishedCutoff) {
  struct Case {
    const char* instrument;
    double total;
    bool clinical;
  } cases[] = {
      {"ors", 25, true},        {"ors", 24.99, true}, {"ors", 25.01, false}, {"phq9", 10, true},
      {"phq9", 9, false},       {"gad7", 8, true},    {"gad7", 7, false},    {"core10", 11, true},
      {"core10", 10.99, false}, {"who5", 48, true},   {"who5", 52, false},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.instrument) + " " + std::to_string(test_case.total));
    const Instrument& instrument = Shipped(test_case.instrument);
    const double best = instrument.direction == Direction::kHigherIsBetter
                            ? instrument.total->maximum
                            : instrument.total->minimum;
    const auto change = Change(instrument, test_case.total, best);
    ASSERT_TRUE(change) << change.error().message();
    EXPECT_EQ(change->crossed_cutoff, test_case.clinical);
  }
}

TEST(Change, RefusesTotalsOutsideTheRange) {
  const auto change = Change(Shipped("phq9"), 28, 10);
  ASSERT_FALSE(change);
  EXPECT_NE(change.error().message().find("phq9 pre total: 28 is outside PHQ-9's range 0 to 27"),
            std::string::npos)
      << change.error().message();
  EXPECT_FALSE(Change(Shipped("phq9"), 10, -1));
}

TEST(Change, RefusesTotalsTheInstrumentCannotProduce) {
  const auto phq = Change(Shipped("phq9"), 15, 7.5);
  ASSERT_FALSE(phq);
  EXPECT_NE(phq.error().message().find("post total: 7.5 is not a whole number"), std::string::npos)
      << phq.error().message();
  EXPECT_FALSE(Change(Shipped("who5"), 40, 42));  // WHO-5 percentages move in fours
  EXPECT_TRUE(Change(Shipped("who5"), 40, 44));
  EXPECT_TRUE(Change(Shipped("core10"), 24, 17.78));  // prorated totals need not be whole
}

TEST(Change, RefusesInstrumentsWithoutReliableChangeData) {
  const auto change = Change(Shipped("pcl5"), 40, 20);
  ASSERT_FALSE(change);
  EXPECT_NE(change.error().message().find("no reliable-change data"), std::string::npos);
  EXPECT_FALSE(Change(Shipped("cnip"), 0, 0));                     // no total at all
  EXPECT_FALSE(Change(Shipped("phq9"), 15, 8, CutoffChoice::kC));  // no norms for a, b, c
}

}  // namespace
}  // namespace tessera::measures
