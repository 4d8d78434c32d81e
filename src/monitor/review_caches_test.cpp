// What reviews share across calls (review_caches.hpp, expectation_memo.hpp) must never change
// an answer: each cache against the function it remembers, and whole reports with and without.
#include "monitor/review_caches.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>
#include <utility>

#include "measures/scoring.hpp"
#include "monitor/episode_json.hpp"
#include "monitor/expectation_memo.hpp"
#include "monitor/internal/scored_episode.hpp"
#include "monitor/monitor.hpp"
#include "monitor/test_practice.hpp"

namespace tessera::monitor {
namespace {

const ReviewCaches& Caches() {
  static const ReviewCaches caches(ShippedInstruments(), ShippedCatalog());
  return caches;
}

TEST(ReviewCaches, FindsTheInstrumentTheLinearSearchFinds) {
  std::vector<std::string> names = {"PHQ 9",  "phq-9",  "Gad7",    "SRS", "wai_sr",
                                    "WAI-SR", "core10", "unknown", "",    "--"};
  for (const measures::Instrument& instrument : ShippedInstruments().instruments()) {
    names.push_back(instrument.id);
    names.push_back(instrument.short_name);
    std::string shouted = instrument.short_name;
    for (char& character : shouted)
      character = static_cast<char>(std::toupper(static_cast<unsigned char>(character)));
    names.push_back(" " + shouted + " ");
  }
  for (const std::string& name : names) {
    Result<const measures::Instrument*> linear =
        internal::FindInstrument(ShippedInstruments(), name);
    const measures::Instrument* indexed = Caches().FindInstrument(name);
    EXPECT_EQ(indexed, linear ? *linear : nullptr) << "'" << name << "'";
  }
}

TEST(ReviewCaches, ChangeFactsAreMeasuresChangeAskedOnceOrTwice) {
  const double values[] = {-1,   0,  0.5, 3,  5.5, 6,  9,  10, 14, 15,
                           19.5, 20, 21,  26, 27,  28, 36, 40, 41, NAN};
  for (const measures::Instrument& instrument : ShippedInstruments().instruments()) {
    if (!instrument.total) continue;
    for (const double pre : values) {
      for (const double post : values) {
        Result<measures::ChangeResult> expected = measures::Change(instrument, pre, post);
        for (int asked = 0; asked < 2; ++asked) {
          const std::optional<ChangeFacts> facts = Caches().Change(instrument, pre, post);
          ASSERT_EQ(facts.has_value(), expected.has_value())
              << instrument.id << " " << pre << " -> " << post;
          if (!facts) continue;
          EXPECT_EQ(facts->reliable, expected->reliable);
          EXPECT_EQ(facts->direction, expected->direction);
          EXPECT_EQ(facts->category, expected->category);
          EXPECT_EQ(facts->reliable_change_points, expected->reliable_change_points);
        }
      }
    }
  }
}

TEST(ReviewCaches, ScoresAreMeasuresScoreIncludingItsErrors) {
  const measures::Instrument& phq9 = *Caches().FindInstrument("phq9");
  std::mt19937 random(42);
  std::uniform_int_distribution<int> answer(-1, 4);  // -1 and 4 are out of range, 3 in 20 skipped
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<std::optional<double>> answers;
    for (int item = 0; item < 9; ++item) {
      const int value = answer(random);
      answers.push_back(trial % 20 < 3 && item == trial % 9 ? std::nullopt
                                                            : std::optional<double>(value));
    }
    if (trial % 7 == 0) answers.pop_back();
    Result<measures::ScoreResult> expected = measures::Score(phq9, answers);
    const std::shared_ptr<const ScoredAnswers> scored = Caches().Score(phq9, answers);
    ASSERT_EQ(scored->error.has_value(), !expected.has_value()) << "trial " << trial;
    if (scored->error) {
      EXPECT_EQ(*scored->error, expected.error().message());
      continue;
    }
    EXPECT_EQ(scored->total, expected->total->score);
    std::vector<std::string> flags;
    for (const measures::RaisedFlag& flag : expected->flags) flags.push_back(flag.id);
    EXPECT_EQ(scored->flags, flags);
  }
}

TEST(PlannerRankings, ProfilesThatDifferInAnyFieldHaveDifferentKeys) {
  const planner::ClientProfile base{.problems = {{"depression", Severity::kModerate}},
                                    .goals = {"a,b"}};
  std::vector<planner::ClientProfile> changed(17, base);
  changed[0].problems[0].severity = Severity::kSevere;
  changed[1].problems.push_back({"generalized_anxiety", Severity::kMild});
  changed[2].sts.functional_impairment = StsLevel::kHigh;
  changed[3].sts.coping_style = CopingStyle::kMixed;
  changed[4].sts.reactance = StsLevel::kLow;
  changed[5].sts.distress = StsLevel::kLow;
  changed[6].sts.social_support = StsLevel::kLow;
  changed[7].stage = StageOfChange::kAction;
  changed[8].preferences.directiveness = -3;
  changed[9].preferences.emotional_intensity = 0;
  changed[10].preferences.past_orientation = 2;
  changed[11].preferences.challenge = 1;
  changed[12].goals = {"a", "b"};
  changed[13].risk.suicidality = Suicidality::kNone;
  changed[14].risk.self_harm = false;
  changed[15].risk.dissociation = Dissociation::kMild;
  changed[16].history.push_back({"behavioural_activation", planner::Response::kNoChange});
  std::set<std::string> keys = {ProfileKey(base)};
  for (const planner::ClientProfile& profile : changed) {
    EXPECT_TRUE(keys.insert(ProfileKey(profile)).second) << ProfileKey(profile);
  }
  planner::ClientProfile psychosis = base, intoxication = base;
  psychosis.risk.psychosis = true;
  intoxication.risk.substance_intoxication = true;
  EXPECT_NE(ProfileKey(psychosis), ProfileKey(intoxication));
  EXPECT_EQ(ProfileKey(planner::ClientProfile(base)), ProfileKey(base));
}

TEST(PlannerRankings, RemembersThePlannersRankingAndStartsAgainWhenFull) {
  const PlannerRankings rankings(ShippedCatalog(), 2);
  const planner::ClientProfile depression{.problems = {{"depression", Severity::kModerate}}};
  planner::ClientProfile tried = depression;
  tried.history.push_back({"behavioural_activation", planner::Response::kNoChange});
  const planner::ClientProfile anxiety{.problems = {{"generalized_anxiety", Severity::kSevere}}};
  const auto first = rankings.For(depression);
  EXPECT_FALSE(first->empty());
  EXPECT_EQ(*first, RankTechniques(depression, ShippedCatalog()));
  EXPECT_EQ(rankings.For(depression), first) << "the second request is answered from the cache";
  for (const planner::ClientProfile* profile :
       {&std::as_const(tried), &anxiety, &depression, &std::as_const(tried)}) {
    EXPECT_EQ(*rankings.For(*profile), RankTechniques(*profile, ShippedCatalog()));
  }
}

TEST(ExpectationMemo, GivesTheGrowthModelsBandsForEveryHistory) {
  const ExpectedModel& model = TrainingPracticeModel();
  const ExpectationMemo memo(model, nullptr, 64);  // small: also starts again when full
  const measures::Instrument& phq9 = *Caches().FindInstrument("phq9");
  const InstrumentModel* fitted = model.Find("phq9");
  ASSERT_NE(fitted, nullptr);
  std::mt19937 random(7);
  std::uniform_int_distribution<int> score(0, 27);
  for (int trial = 0; trial < 300; ++trial) {
    ScoreHistory history{static_cast<double>(score(random)), {}};
    const int sessions = trial % 6;
    for (int session = 1; session <= sessions; ++session)
      history.earlier.emplace_back(session, score(random) % 4 + 10);
    const int at = sessions + 1 + trial % 3;
    for (int asked = 0; asked < 2; ++asked) {
      auto plain = ExpectScore(phq9, fitted, history, at, ShippedRules());
      auto remembered =
          ExpectScore(phq9, fitted, history, at, ShippedRules(), std::nullopt, nullptr, &memo);
      ASSERT_TRUE(plain && remembered);
      ASSERT_TRUE(plain->has_value() && remembered->has_value());
      EXPECT_EQ((*plain)->expected, (*remembered)->expected);
      EXPECT_EQ((*plain)->low, (*remembered)->low);
      EXPECT_EQ((*plain)->high, (*remembered)->high);
      auto projected = ProjectEnd(phq9, fitted, history, at, 12, ShippedRules());
      auto projected_remembered =
          ProjectEnd(phq9, fitted, history, at, 12, ShippedRules(), &Caches(), &memo);
      ASSERT_TRUE(projected && projected_remembered);
      ASSERT_EQ(projected->has_value(), projected_remembered->has_value());
      if (*projected) {
        EXPECT_EQ((*projected)->expected, (*projected_remembered)->expected);
        EXPECT_EQ((*projected)->low, (*projected_remembered)->low);
        EXPECT_EQ((*projected)->not_on_track, (*projected_remembered)->not_on_track);
      }
    }
  }
}

TEST(ReviewCaches, ReportsAreTheSameWithAndWithoutThem) {
  const ExpectationMemo memo(TrainingPracticeModel(), nullptr);
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> answer(0, 3);
  std::bernoulli_distribution coin(0.3);
  for (int episode_index = 0; episode_index < 150; ++episode_index) {
    EpisodeInput episode;
    for (int number = 1; number <= 12; ++number) {
      SessionInput session{.number = number};
      if (number > 1 && coin(random)) {
        session.attendance = Attendance::kDidNotAttend;
      } else {
        MeasureInput phq9{.instrument = coin(random) ? "PHQ-9" : "phq9"};
        for (int item = 0; item < 9; ++item)
          phq9.answers.emplace_back(number > 6 ? answer(random) % 2 : answer(random));
        session.measures.push_back(phq9);
        session.measures.push_back(
            {.instrument = "GAD-7", .total = static_cast<double>(answer(random) * 5)});
        if (coin(random))
          session.measures.push_back({.instrument = "srs", .total = coin(random) ? 30.0 : 39.0});
        session.techniques.push_back(
            {"behavioural_activation", static_cast<double>(answer(random) * 3)});
      }
      episode.sessions.push_back(session);
    }
    const bool with_model = episode_index % 2 == 0;
    MonitorContext plain{.instruments = &ShippedInstruments(),
                         .rules = &ShippedRules(),
                         .model = with_model ? &TrainingPracticeModel() : nullptr,
                         .catalog = &ShippedCatalog()};
    MonitorContext shared = plain;
    shared.caches = &Caches();
    shared.expectations = with_model ? &memo : nullptr;
    auto expected = MonitorEpisode(episode, plain);
    auto actual = MonitorEpisode(episode, shared);
    ASSERT_TRUE(expected && actual);
    EXPECT_EQ(ReportToJson(*actual), ReportToJson(*expected)) << "episode " << episode_index;
  }
}

TEST(DescribedSession, OnlyThatSessionsAlertsCarryTextsAndNothingElseChanges) {
  std::mt19937 random(11);
  std::uniform_int_distribution<int> answer(0, 3);
  for (int episode_index = 0; episode_index < 40; ++episode_index) {
    EpisodeInput episode;
    for (int number = 1; number <= 10; ++number) {
      SessionInput session{.number = number,
                           .attendance = number > 1 && answer(random) == 0
                                             ? Attendance::kDidNotAttend
                                             : Attendance::kAttended};
      if (session.attendance == Attendance::kAttended) {
        MeasureInput phq9{.instrument = "phq9"};
        for (int item = 0; item < 9; ++item) phq9.answers.emplace_back(answer(random));
        session.measures.push_back(phq9);
        session.measures.push_back(
            {.instrument = "srs", .total = answer(random) == 0 ? 30.0 : 39.0});
      }
      episode.sessions.push_back(session);
    }
    MonitorContext full{.instruments = &ShippedInstruments(),
                        .rules = &ShippedRules(),
                        .model = &TrainingPracticeModel(),
                        .catalog = &ShippedCatalog()};
    auto expected = MonitorEpisode(episode, full);
    ASSERT_TRUE(expected);
    const int described = 1 + episode_index % 10;
    for (SessionResult& session : expected->sessions) {
      if (session.session == described) continue;
      for (Alert& alert : session.alerts) {
        alert.reason.clear();
        alert.evidence.clear();
        alert.suggestions.clear();
      }
    }
    MonitorContext one = full;
    one.described_session = described;
    auto actual = MonitorEpisode(episode, one);
    ASSERT_TRUE(actual);
    EXPECT_EQ(ReportToJson(*actual), ReportToJson(*expected)) << "episode " << episode_index;
  }
}

}  // namespace
}  // namespace tessera::monitor
