#include "monitor/practice_evidence.hpp"

#include <gtest/gtest.h>

namespace tessera::monitor {
namespace {

EvidenceOptions Options(int neighbours) {
  return {.neighbours = neighbours,
          .prior_weight = 5,
          .reliable_change = 6,
          .feature_scales = {{"intake_phq9", 4}}};
}

std::vector<ClosedEpisode> Practice() {
  std::vector<ClosedEpisode> episodes;
  for (int index = 0; index < 40; ++index) {
    // Severe clients (intake 20) did well with behavioural activation; mild ones (intake 8)
    // did well with person-centred work.
    const bool severe = index % 2 == 0;
    episodes.push_back({"c" + std::to_string(index),
                        index % 4 < 2 ? "behavioural_activation" : "person_centred",
                        {{"intake_phq9", severe ? 20.0 + index % 3 : 8.0}},
                        (index % 4 < 2) == severe ? 8.0 + index % 3 : 1.0,
                        {}});
  }
  return episodes;
}

const ApproachEvidence& Of(const std::vector<ApproachEvidence>& all, const std::string& approach) {
  for (const ApproachEvidence& evidence : all) {
    if (evidence.approach == approach) return evidence;
  }
  static const ApproachEvidence none;
  ADD_FAILURE() << approach;
  return none;
}

TEST(PracticeEvidence, SimilarClientsDecideAndTheIntervalHoldsTheEffect) {
  auto evidence = ApproachEvidenceFor({{"intake_phq9", 21}}, Practice(), {}, Options(20));
  ASSERT_TRUE(evidence) << evidence.error().message();
  const ApproachEvidence& activation = Of(*evidence, "behavioural_activation");
  const ApproachEvidence& person_centred = Of(*evidence, "person_centred");
  EXPECT_EQ(activation.n + person_centred.n, 20);
  EXPECT_GT(activation.effect, person_centred.effect);
  EXPECT_LE(activation.interval_low, activation.effect);
  EXPECT_GE(activation.interval_high, activation.effect);
  EXPECT_NE(activation.reason.find("no research prior"), std::string::npos);
}

TEST(PracticeEvidence, FewDataShrinkTowardTheResearchEvidence) {
  const std::map<std::string, double> research = {{"behavioural_activation", 0.9},
                                                  {"interpersonal", 0.7}};
  auto few = ApproachEvidenceFor({{"intake_phq9", 8}}, Practice(), research, Options(2));
  auto many = ApproachEvidenceFor({{"intake_phq9", 8}}, Practice(), research, Options(20));
  ASSERT_TRUE(few && many);
  // Interpersonal therapy was never given: its value is the research prior alone.
  EXPECT_EQ(Of(*few, "interpersonal").n, 0);
  EXPECT_DOUBLE_EQ(Of(*few, "interpersonal").shrunk_value, 0.7);
  // Behavioural activation did poorly for mild clients: more data pull it further from 0.9.
  EXPECT_LT(Of(*many, "behavioural_activation").shrunk_value,
            Of(*few, "behavioural_activation").shrunk_value);
}

TEST(PracticeEvidence, CarriesHelpfulnessRatingsAndFeedsThePlanner) {
  std::vector<ClosedEpisode> episodes = Practice();
  for (ClosedEpisode& episode : episodes) {
    episode.mean_helpfulness["activity_scheduling"] =
        episode.approach == "behavioural_activation" ? 8 : 2;
  }
  auto evidence = ApproachEvidenceFor({{"intake_phq9", 21}}, episodes, {}, Options(20));
  ASSERT_TRUE(evidence);
  EXPECT_DOUBLE_EQ(
      Of(*evidence, "behavioural_activation").technique_helpfulness.at("activity_scheduling"), 8);
  EXPECT_DOUBLE_EQ(Of(*evidence, "person_centred").technique_helpfulness.at("activity_scheduling"),
                   2);
  const auto planner_input = ToPlannerEvidence(*evidence);
  EXPECT_DOUBLE_EQ(planner_input.at("behavioural_activation").value,
                   Of(*evidence, "behavioural_activation").shrunk_value);
  EXPECT_EQ(planner_input.at("behavioural_activation").n,
            Of(*evidence, "behavioural_activation").n);
}

TEST(PracticeEvidence, RefusesOptionsAndProfilesItCannotUse) {
  EXPECT_FALSE(ApproachEvidenceFor({{"intake_phq9", 8}}, Practice(), {}, Options(0)));
  EXPECT_FALSE(ApproachEvidenceFor({{"intake_gad7", 8}}, Practice(), {}, Options(5)));
}

}  // namespace
}  // namespace tessera::monitor
