// Provisional screening results (issue 16): the PHQ-9 diagnostic algorithm and the PCL-5 DSM-5
// rule, read from the data files, checked two ways: on both sides of every symptom threshold
// the files give, and against an independent transcription of CamCOPS's code (phq9.py is_mds /
// is_ods; pcl5.py ptsd) over every PHQ-9 answer pattern and a seeded sample of PCL-5 patterns.

#include "measures/screening.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "measures/scoring.hpp"
#include "measures/test_support.hpp"

namespace tessera::measures {
namespace {

using testing::Shipped;

bool Positive(const ScoreResult& result, const std::string& rule_id) {
  const auto& positive = result.screening->positive;
  return std::any_of(positive.begin(), positive.end(),
                     [&](const ProvisionalResult& met) { return met.id == rule_id; });
}

// The lowest answer that counts as a symptom on an item, and the highest that does not, from
// the file's thresholds (options are whole numbers; thresholds are at_least or above).
double LowestSymptomAnswer(const Instrument& instrument, const Item& item) {
  for (const AnswerOption& option : instrument.AnswerSetOf(item).options) {
    if (IsSymptom(*instrument.screening, item.id, option.value)) return option.value;
  }
  ADD_FAILURE() << instrument.id << " item " << item.id << " can never be a symptom";
  return 0;
}

// Answers where the items in `symptoms` sit just on their threshold and every other item just
// below it: both sides of every item's threshold at once.
std::vector<Answer> OnTheBoundary(const Instrument& instrument,
                                  const std::vector<std::string>& symptoms) {
  std::vector<Answer> answers;
  for (const Item& item : instrument.items) {
    const double lowest = LowestSymptomAnswer(instrument, item);
    const bool symptom = std::find(symptoms.begin(), symptoms.end(), item.id) != symptoms.end();
    answers.push_back(symptom ? lowest : lowest - 1);
  }
  return answers;
}

TEST(Phq9Screening, Issue16ThresholdsComeFromTheFile) {
  const Instrument& phq9 = Shipped("phq9");
  ASSERT_TRUE(phq9.screening.has_value());
  // FACTS.md: an item counts at 2 or more, item 9 at 1 or more.
  for (const Item& item : phq9.items) {
    EXPECT_EQ(LowestSymptomAnswer(phq9, item), item.id == "9" ? 1 : 2) << item.id;
  }
  struct Case {
    const char* name;
    std::vector<std::string> symptoms;
    bool major, other;
  } cases[] = {
      {"none", {}, false, false},
      {"one core item", {"1"}, false, false},
      {"two items, one core", {"2", "9"}, false, true},
      {"two items, neither core", {"3", "9"}, false, false},
      {"four items, one core", {"1", "3", "4", "5"}, false, true},
      {"five items, one core", {"1", "3", "4", "5", "9"}, true, false},
      {"five items, no core", {"3", "4", "5", "6", "7"}, false, false},
      {"nine items", {"1", "2", "3", "4", "5", "6", "7", "8", "9"}, true, false},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const auto result = Score(phq9, OnTheBoundary(phq9, test_case.symptoms));
    ASSERT_TRUE(result) << result.error().message();
    ASSERT_TRUE(result->screening.has_value());
    EXPECT_EQ(result->screening->symptoms, static_cast<int>(test_case.symptoms.size()));
    EXPECT_EQ(Positive(*result, "major-depressive-syndrome"), test_case.major);
    EXPECT_EQ(Positive(*result, "other-depressive-syndrome"), test_case.other);
    EXPECT_NE(result->screening->caution.find("not a diagnosis"), std::string::npos);
  }
}

TEST(Phq9Screening, Issue16MatchesCamcopsOnEveryAnswerPattern) {
  const Instrument& phq9 = Shipped("phq9");
  std::vector<Answer> answers(9, 0.0);
  int patterns = 0;
  for (int code = 0; code < 262144; ++code) {  // 4^9
    int q[10] = {};
    for (int item_idx = 0, rest = code; item_idx < 9; ++item_idx, rest /= 4) {
      q[item_idx + 1] = rest % 4;
      answers[item_idx] = q[item_idx + 1];
    }
    // camcops_server/tasks/phq9.py: n_core, n_other, is_mds, is_ods.
    const int n_core = (q[1] >= 2) + (q[2] >= 2);
    const int n_other = (q[3] >= 2) + (q[4] >= 2) + (q[5] >= 2) + (q[6] >= 2) + (q[7] >= 2) +
                        (q[8] >= 2) + (q[9] >= 1);
    const int n_total = n_core + n_other;
    const bool is_mds = n_core >= 1 && n_total >= 5;
    const bool is_ods = n_core >= 1 && 2 <= n_total && n_total <= 4;
    const auto result = Score(phq9, answers);
    ASSERT_TRUE(result);
    ASSERT_EQ(Positive(*result, "major-depressive-syndrome"), is_mds) << code;
    ASSERT_EQ(Positive(*result, "other-depressive-syndrome"), is_ods) << code;
    ASSERT_EQ(result->screening->symptoms, n_total) << code;
    ++patterns;
  }
  EXPECT_EQ(patterns, 262144);
}

TEST(Pcl5Screening, Issue16ThresholdsAndClusterMinimaComeFromTheFile) {
  const Instrument& pcl5 = Shipped("pcl5");
  ASSERT_TRUE(pcl5.screening.has_value());
  for (const Item& item : pcl5.items) EXPECT_EQ(LowestSymptomAnswer(pcl5, item), 2) << item.id;
  struct Case {
    const char* name;
    std::vector<std::string> symptoms;
    bool ptsd;
  } cases[] = {
      {"exactly the minimum: 1 B, 1 C, 2 D, 2 E", {"1", "6", "8", "9", "15", "16"}, true},
      {"no B", {"6", "8", "9", "15", "16"}, false},
      {"no C", {"1", "8", "9", "15", "16"}, false},
      {"one D", {"1", "6", "8", "15", "16"}, false},
      {"one E", {"1", "6", "8", "9", "15"}, false},
      {"the last item of each cluster", {"5", "7", "13", "14", "19", "20"}, true},
      {"many B and D but no C", {"1", "2", "3", "4", "5", "8", "9", "10", "15", "16"}, false},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    const auto result = Score(pcl5, OnTheBoundary(pcl5, test_case.symptoms));
    ASSERT_TRUE(result) << result.error().message();
    EXPECT_EQ(result->screening->symptoms, static_cast<int>(test_case.symptoms.size()));
    EXPECT_EQ(Positive(*result, "provisional-ptsd"), test_case.ptsd);
  }
}

TEST(Pcl5Screening, Issue16MatchesCamcopsOnASeededSample) {
  const Instrument& pcl5 = Shipped("pcl5");
  std::mt19937 generator(16);
  std::uniform_int_distribution<int> answer(0, 4);
  std::vector<Answer> answers(20, 0.0);
  int positives = 0;
  for (int sample = 0; sample < 20000; ++sample) {
    int q[21] = {};
    for (int item_idx = 0; item_idx < 20; ++item_idx) {
      // Skewed low so both outcomes are common.
      q[item_idx + 1] = std::min(answer(generator), answer(generator));
      answers[item_idx] = q[item_idx + 1];
    }
    // camcops_server/tasks/pcl5.py: get_num_symptomatic (>= 2) per cluster, ptsd().
    const auto symptomatic = [&](int first, int last) {
      int count = 0;
      for (int item = first; item <= last; ++item) count += q[item] >= 2;
      return count;
    };
    const bool ptsd = symptomatic(1, 5) >= 1 && symptomatic(6, 7) >= 1 && symptomatic(8, 14) >= 2 &&
                      symptomatic(15, 20) >= 2;
    const auto result = Score(pcl5, answers);
    ASSERT_TRUE(result);
    ASSERT_EQ(Positive(*result, "provisional-ptsd"), ptsd) << sample;
    ASSERT_EQ(result->screening->symptoms, symptomatic(1, 20)) << sample;
    positives += ptsd;
  }
  // The sample exercises both outcomes.
  EXPECT_GT(positives, 1000);
  EXPECT_LT(positives, 19000);
}

TEST(Screening, OnlyInstrumentsWithRulesScreen) {
  const auto gad7 = Score(Shipped("gad7"), std::vector<Answer>(7, 3.0));
  ASSERT_TRUE(gad7);
  EXPECT_FALSE(gad7->screening.has_value());
}

}  // namespace
}  // namespace tessera::measures
