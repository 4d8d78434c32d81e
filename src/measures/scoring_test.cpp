// Scoring: answer checks, missing answers, prorating, reverse items, subscales and flags, on
// the shipped instrument files.

#include "measures/scoring.hpp"

#include <gtest/gtest.h>

#include "measures/instrument_parser.hpp"
#include "measures/test_support.hpp"

namespace tessera::measures {
namespace {

using testing::Shipped;

std::vector<Answer> Answers(std::initializer_list<Answer> values) { return values; }

TEST(Phq9Scoring, SumsNineItemsAndNamesTheBand) {
  const auto result = Score(Shipped("phq9"), Answers({2, 2, 2, 2, 1, 2, 2, 2, 0}));
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->total->score, 15);
  EXPECT_EQ(result->total->maximum, 27);
  EXPECT_EQ(result->band, "moderately severe");
  EXPECT_FALSE(result->prorated);
  EXPECT_TRUE(result->flags.empty());
}

TEST(Phq9Scoring, ItemNineAboveZeroAlwaysRaisesAFlag) {
  struct Case {
    double item_nine;
    double other_items;
    bool flagged;
  };
  const Case cases[] = {{0, 0, false}, {1, 0, true}, {2, 0, true}, {3, 0, true},
                        {0, 3, false}, {1, 3, true}, {3, 3, true}};
  for (const Case& test_case : cases) {
    SCOPED_TRACE("item 9 = " + std::to_string(test_case.item_nine) +
                 ", others = " + std::to_string(test_case.other_items));
    std::vector<Answer> answers(8, test_case.other_items);
    answers.push_back(test_case.item_nine);
    const auto result = Score(Shipped("phq9"), answers);
    ASSERT_TRUE(result) << result.error().message();
    ASSERT_EQ(result->flags.size(), test_case.flagged ? 1u : 0u);
    if (test_case.flagged) {
      EXPECT_EQ(result->flags[0].id, "self-harm-thoughts");
      EXPECT_EQ(result->flags[0].item, "9");
      EXPECT_EQ(result->flags[0].value, test_case.item_nine);
    }
  }
}

TEST(Phq9Scoring, RejectsAnswersOutsideZeroToThree) {
  for (double bad : {4.0, -1.0, 1.5, 27.0}) {
    SCOPED_TRACE(bad);
    const auto result = Score(Shipped("phq9"), Answers({0, 0, 0, 0, 0, 0, 0, 0, bad}));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(result.error().message().find("item 9"), std::string::npos)
        << result.error().message();
    EXPECT_NE(result.error().message().find("allowed: 0, 1, 2 or 3"), std::string::npos);
  }
}

TEST(Phq9Scoring, RejectsTheWrongNumberOfAnswers) {
  EXPECT_FALSE(Score(Shipped("phq9"), Answers({0, 0, 0, 0, 0, 0, 0, 0})));
  EXPECT_FALSE(Score(Shipped("phq9"), Answers({0, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
}

TEST(Phq9Scoring, RefusesAMissingItemBecauseItMayNotBeProrated) {
  const auto result = Score(Shipped("phq9"), Answers({0, 0, std::nullopt, 0, 0, 0, 0, 0, 0}));
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("item 3: missing"), std::string::npos)
      << result.error().message();
  EXPECT_NE(result.error().message().find("may not be prorated"), std::string::npos);
}

// FACTS.md "CORE-10": clinical score = 10 x total / items answered; items 2 and 3 reversed;
// one or two missing items still give a score.
TEST(Core10Scoring, ProratesOverAnsweredItems) {
  struct Case {
    const char* name;
    std::vector<Answer> answers;
    double expected;
    bool prorated;
  };
  const Answer missing;
  // Items 2 and 3 answered 4 ("most or all of the time") score 0 after reversal.
  const Case cases[] = {
      {"all answered", {2, 4, 4, 2, 2, 2, 2, 2, 2, 2}, 16, false},
      {"one missing: 10 x 14 / 9", {2, 4, 4, 2, 2, 2, 2, 2, 2, missing}, 140.0 / 9, true},
      {"reversed item missing: 10 x 16 / 9", {2, missing, 4, 2, 2, 2, 2, 2, 2, 2}, 160.0 / 9, true},
      {"reverse scoring: items 2 and 3 answered 0 score 4 each",
       {0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
       8,
       false},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const auto result = Score(Shipped("core10"), test_case.answers);
    ASSERT_TRUE(result) << result.error().message();
    EXPECT_NEAR(result->total->score, test_case.expected, 1e-9);
    EXPECT_EQ(result->prorated, test_case.prorated);
  }
}

// Issue 16: the CORE System Trust allows prorating only when one item is missing; tessera
// prorated two (`score core10 - - 2 0 4 3 2 4 1 3` gave 23.75).
TEST(Core10Scoring, Issue16GivesNoScoreWithTwoOrMoreMissingItems) {
  const Answer missing;
  const std::vector<Answer> cases[] = {
      {missing, missing, 2, 0, 4, 3, 2, 4, 1, 3},
      {2, 2, 2, 2, 2, 2, 2, 2, missing, missing},
      {2, 2, 2, 2, 2, 2, 2, missing, missing, missing},
  };
  EXPECT_EQ(Shipped("core10").total->minimum_answered, 9);
  for (const std::vector<Answer>& answers : cases) {
    const auto result = Score(Shipped("core10"), answers);
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message().find("at least 9 of 10"), std::string::npos)
        << result.error().message();
    EXPECT_NE(result.error().message().find("at most 1 missing item), so no score is computed"),
              std::string::npos)
        << result.error().message();
  }
}

TEST(Core10Scoring, AProratedTotalBetweenBandsStaysInTheLowerBand) {
  // Nine items answered with a raw sum of 5: 10 x 5 / 9 = 5.56, between "healthy" (0-5) and
  // "low level" (6-10); it has not reached 6, so it stays healthy.
  const Answer missing;
  const auto result = Score(Shipped("core10"), Answers({1, 4, 4, 1, 1, 1, 1, 0, 0, missing}));
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_NEAR(result->total->score, 50.0 / 9, 1e-9);
  EXPECT_EQ(result->band, "healthy");
  EXPECT_EQ(BandFor(Shipped("core10"), 10.99), "low level");
  EXPECT_EQ(BandFor(Shipped("core10"), 11), "mild");
}

TEST(MeanScoring, AveragesTheAnsweredItemsDownToTheMinimum) {
  const auto instrument = ParseInstrument(R"({
    "format": 1, "id": "toy-mean", "name": "Toy", "version": "1", "construct": "testing",
    "licence": {"name": "test", "item_text": "not_transcribed", "attribution": "none"},
    "sources": [{"id": "s", "citation": "made up for the test"}],
    "direction": "higher_is_better",
    "answer_sets": [{"id": "a", "options": [{"value": 1}, {"value": 2}, {"value": 3}]}],
    "items": [{"id": "1", "answers": "a"}, {"id": "2", "answers": "a"}, {"id": "3", "answers": "a"}],
    "scoring": {"total": {"name": "Mean", "method": "mean", "minimum_answered": 2}}})",
                                          "toy-mean.json");
  ASSERT_TRUE(instrument) << instrument.error().message();
  EXPECT_EQ(instrument->total->minimum, 1);
  EXPECT_EQ(instrument->total->maximum, 3);
  const auto full = Score(*instrument, Answers({1, 2, 3}));
  ASSERT_TRUE(full);
  EXPECT_EQ(full->total->score, 2);
  EXPECT_FALSE(full->prorated);
  const auto one_missing = Score(*instrument, Answers({3, std::nullopt, 2}));
  ASSERT_TRUE(one_missing);
  EXPECT_EQ(one_missing->total->score, 2.5);
  EXPECT_TRUE(one_missing->prorated);
  EXPECT_FALSE(Score(*instrument, Answers({3, std::nullopt, std::nullopt})));
}

TEST(Who5Scoring, MultipliesTheRawScoreByFour) {
  const auto result = Score(Shipped("who5"), Answers({3, 3, 3, 3, 3}));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->total->score, 60);
  EXPECT_EQ(result->total->maximum, 100);
}

TEST(UricaScoring, ReadinessIsContemplationPlusActionPlusMaintenanceMinusPrecontemplation) {
  const Instrument& urica = Shipped("urica");
  std::vector<Answer> answers(32, 5.0);
  for (const char* item_id : {"1", "5", "11", "13", "23", "26", "29"}) {
    answers[std::stoi(item_id) - 1] = 1.0;  // precontemplation items
  }
  answers[3] = std::nullopt;  // item 4 is not scored, so it may be left blank
  const auto result = Score(urica, answers);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_EQ(result->total->score, 14);  // 5 + 5 + 5 - 1
  ASSERT_EQ(result->subscales.size(), 4u);
  EXPECT_EQ(result->subscales[0].id, "precontemplation");
  EXPECT_EQ(result->subscales[0].score, 1);
}

TEST(UricaScoring, StillChecksTheRangeOfUnscoredItems) {
  std::vector<Answer> answers(32, 3.0);
  answers[8] = 6.0;  // item 9, unscored
  const auto result = Score(Shipped("urica"), answers);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message().find("urica item 9"), std::string::npos);
}

TEST(WaiSrScoring, ScoresTaskBondAndGoal) {
  std::vector<Answer> answers(12, 1.0);
  for (int item : {3, 5, 7, 9}) answers[item - 1] = 5.0;  // bond
  const auto result = Score(Shipped("wai-sr"), answers);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->total->score, 28);
  EXPECT_EQ(result->subscales[0].id, "task");
  EXPECT_EQ(result->subscales[0].score, 4);
  EXPECT_EQ(result->subscales[1].id, "bond");
  EXPECT_EQ(result->subscales[1].score, 20);
}

TEST(CnipScoring, GivesFourScalesAndNoTotal) {
  std::vector<Answer> answers(18, 0.0);
  answers[0] = -3.0;
  answers[17] = 2.0;
  const auto result = Score(Shipped("cnip"), answers);
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->total.has_value());
  EXPECT_FALSE(result->band.has_value());
  ASSERT_EQ(result->subscales.size(), 4u);
  EXPECT_EQ(result->subscales[0].score, -3);
  EXPECT_EQ(result->subscales[3].score, 2);
}

TEST(SrsScoring, FlagsATotalBelowThirtySix) {
  struct Case {
    std::vector<Answer> answers;
    bool flagged;
  };
  const Case cases[] = {{{9, 9, 9, 8.9}, true}, {{9, 9, 9, 9}, false}, {{10, 10, 10, 10}, false}};
  for (const Case& test_case : cases) {
    const auto result = Score(Shipped("srs"), test_case.answers);
    ASSERT_TRUE(result);
    EXPECT_EQ(!result->flags.empty(), test_case.flagged) << result->total->score;
  }
}

// Issue 16: ORS and SRS lines are read to 0.1 on paper and finer in digital versions; tessera
// refused 7.25. The precision is the line's step in the data file.
TEST(VisualAnalogueLines, Issue16AcceptMarksToTheFilesPrecision) {
  for (const char* instrument_id : {"ors", "srs"}) {
    const Instrument& instrument = Shipped(instrument_id);
    const AnswerSet& line = instrument.AnswerSetOf(instrument.items[0]);
    ASSERT_TRUE(line.options.empty()) << instrument_id;
    EXPECT_DOUBLE_EQ(line.step, 0.01) << instrument_id;
    struct Case {
      double mark;
      bool allowed;
    } cases[] = {{7.25, true},
                 {0.1, true},
                 {line.minimum, true},
                 {line.maximum, true},
                 {line.minimum + line.step, true},
                 {line.maximum - line.step, true},
                 {7.255, false},
                 {7.25 + line.step / 2, false},
                 {line.maximum + line.step, false},
                 {line.minimum - line.step, false}};
    for (const Case& test_case : cases) {
      SCOPED_TRACE(std::string(instrument_id) + " " + std::to_string(test_case.mark));
      const auto result = Score(instrument, Answers({test_case.mark, 5, 5, 5}));
      EXPECT_EQ(result.has_value(), test_case.allowed);
      if (result) {
        EXPECT_NEAR(result->total->score, test_case.mark + 15, 1e-9);
      }
    }
  }
  const auto refused = Score(Shipped("ors"), Answers({7.255, 5, 5, 5}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(),
            "ors item 1: 7.255 is not allowed; allowed: 0 to 10 in steps of 0.01");
}

// Issue 16: the WHO scoring text asks for further assessment when any item is answered 0 or 1,
// whatever the total; tessera raised nothing. Walks both sides of the file's threshold on
// every item.
TEST(Who5Scoring, Issue16FlagsAnyItemAnsweredZeroOrOne) {
  const Instrument& who5 = Shipped("who5");
  const FlagRule* rule = nullptr;
  for (const FlagRule& flag : who5.flags) {
    if (flag.id == "item-answered-0-or-1") rule = &flag;
  }
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->any_of_items.size(), who5.items.size());
  EXPECT_EQ(rule->when, Comparison::kAtMost);
  EXPECT_EQ(rule->value, 1);
  for (size_t item_idx = 0; item_idx < who5.items.size(); ++item_idx) {
    struct Case {
      double answer;
      bool flagged;
    } cases[] = {{0, true}, {rule->value, true}, {rule->value + 1, false}, {5, false}};
    for (const Case& test_case : cases) {
      SCOPED_TRACE("item " + who5.items[item_idx].id + " answered " +
                   FormatScore(test_case.answer));
      std::vector<Answer> answers(who5.items.size(), 5.0);
      answers[item_idx] = test_case.answer;
      const auto result = Score(who5, answers);
      ASSERT_TRUE(result) << result.error().message();
      ASSERT_EQ(result->flags.size(), test_case.flagged ? 1u : 0u);
      if (test_case.flagged) {
        EXPECT_EQ(result->flags[0].id, "item-answered-0-or-1");
        EXPECT_EQ(result->flags[0].item, who5.items[item_idx].id);
        EXPECT_EQ(result->flags[0].value, test_case.answer);
      }
    }
  }
  // A high total does not hide it: 5, 5, 5, 5, 1 is 84 %, well above every cut-off.
  const auto high = Score(who5, Answers({5, 5, 5, 5, 1}));
  ASSERT_TRUE(high);
  EXPECT_EQ(high->total->score, 84);
  ASSERT_EQ(high->flags.size(), 1u);
  EXPECT_EQ(high->flags[0].item, "5");
}

// Issue 16: totals of 12.5 (PHQ-9) and 0.001 (GAD-7) were stored through the API.
TEST(PossibleTotals, Issue16RefusesTotalsASumCannotProduce) {
  struct Case {
    const char* instrument;
    double total;
    const char* refusal;  // "" when allowed
  } cases[] = {
      {"phq9", 12, ""},
      {"phq9", 12.5, "total: 12.5 is not a whole number; PHQ-9 totals are whole numbers"},
      {"gad7", 0.001, "total: 0.001 is not a whole number; GAD-7 totals are whole numbers"},
      {"gad7", 21, ""},
      {"phq9", 1e-9, "total: 1e-09 is not a whole number"},
      {"ors", 26.65, ""},
      {"ors", 40, ""},
      {"gad7", 22, "total: 22 is outside GAD-7's range 0 to 21"},
      {"who5", 44, ""},
      {"who5", 42, "total: 42 cannot occur; WHO-5 totals run from 0 to 100 in steps of 4"},
      {"ors", 25.01, ""},
      {"ors", 25.001, "total: 25.001 cannot occur; ORS totals run from 0 to 40 in steps of 0.01"},
      {"core10", 17.78, ""},  // prorated: any value in range
      {"urica", 3.14, ""},    // weighted means: any value in range
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(std::string(test_case.instrument) + " " + std::to_string(test_case.total));
    const Status checked =
        CheckPossibleTotal(Shipped(test_case.instrument), "total", test_case.total);
    if (std::string(test_case.refusal).empty()) {
      EXPECT_TRUE(checked) << checked.error().message();
    } else {
      ASSERT_FALSE(checked);
      EXPECT_EQ(checked.error().message().rfind(test_case.refusal, 0), 0u)
          << checked.error().message();
    }
  }
}

TEST(ParseAnswers, ReadsNumbersAndDashesAndNamesTheItemOtherwise) {
  const std::vector<std::string> good{"1", "-", "3", "0", "1", "2", "3", "0", "1"};
  const auto parsed = ParseAnswers(Shipped("phq9"), good);
  ASSERT_TRUE(parsed);
  EXPECT_FALSE((*parsed)[1].has_value());
  EXPECT_EQ((*parsed)[2], 3.0);
  const std::vector<std::string> bad{"1", "2", "three", "0", "1", "2", "3", "0", "1"};
  const auto refused = ParseAnswers(Shipped("phq9"), bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(
      refused.error().message(),
      "phq9 item 3: 'three' is not a number; allowed: 0, 1, 2 or 3, or '-' for a missing answer");
  EXPECT_FALSE(ParseAnswers(Shipped("phq9"), std::vector<std::string>{"1", "2"}));
}

}  // namespace
}  // namespace tessera::measures
