#include "monitor/monitor.hpp"

#include <gtest/gtest.h>

#include <random>

#include "monitor/expectation.hpp"
#include "monitor/test_practice.hpp"

namespace tessera::monitor {
namespace {

MonitorContext Context(const ExpectedModel* model = nullptr) {
  return {.instruments = &ShippedInstruments(),
          .rules = &ShippedRules(),
          .model = model,
          .catalog = nullptr};
}

SessionInput Phq9Total(int number, double total) {
  SessionInput session{.number = number};
  session.measures.push_back({.instrument = "phq9", .total = total});
  return session;
}

bool Has(const SessionResult& session, AlertType type) {
  for (const Alert& alert : session.alerts) {
    if (alert.type == type) return true;
  }
  return false;
}

TEST(MonitorRiskItem, FiresOnEveryAdministrationThatEndorsesItWhateverElseHappens) {
  std::mt19937 random(20260105);
  std::uniform_int_distribution<int> answer(0, 3);
  std::bernoulli_distribution coin(0.3);
  for (int episode_index = 0; episode_index < 200; ++episode_index) {
    EpisodeInput episode;
    std::map<int, bool> endorsed;
    for (int number = 1; number <= 10; ++number) {
      SessionInput session{.number = number};
      if (number > 1 && coin(random)) {
        session.attendance = Attendance::kDidNotAttend;
      } else {
        MeasureInput phq9{.instrument = coin(random) ? "PHQ-9" : "phq9"};
        for (int item = 0; item < 9; ++item) phq9.answers.emplace_back(answer(random));
        if (coin(random)) phq9.answers[8] = 0;
        endorsed[number] = *phq9.answers[8] > 0;
        session.measures.push_back(phq9);
        if (coin(random))
          session.measures.push_back({.instrument = "srs", .total = coin(random) ? 20.0 : 39.0});
      }
      episode.sessions.push_back(session);
    }
    auto report =
        MonitorEpisode(episode, Context(coin(random) ? &TrainingPracticeModel() : nullptr));
    ASSERT_TRUE(report) << report.error().message();
    for (const SessionResult& session : report->sessions) {
      const bool fired = Has(session, AlertType::kRiskItem);
      EXPECT_EQ(fired, endorsed[session.session])
          << "episode " << episode_index << " session " << session.session;
      if (fired) {
        EXPECT_EQ(session.alerts.front().severity, AlertSeverity::kCritical);
      }
    }
  }
}

TEST(MonitorRationalRule, NotOnTrackAndDeteriorationAtTheReliableChangeBoundary) {
  // PHQ-9 reliable change is 6 points (published): band = baseline 20 +- 6; below 10 is
  // below caseness, so a reliable fall to 9 is recovery.
  struct Case {
    double score;
    SessionStatus status;
    bool not_on_track;
  } cases[] = {{25, SessionStatus::kOnTrack, false},     {26, SessionStatus::kDeteriorated, false},
               {27, SessionStatus::kDeteriorated, true}, {15, SessionStatus::kOnTrack, false},
               {14, SessionStatus::kImproved, false},    {9, SessionStatus::kRecovered, false}};
  for (const Case& test : cases) {
    EpisodeInput episode{.sessions = {Phq9Total(1, 20), Phq9Total(2, test.score)}};
    auto report = MonitorEpisode(episode, Context());
    ASSERT_TRUE(report);
    const SessionResult& second = report->sessions[1];
    EXPECT_EQ(second.primary->status, test.status) << test.score;
    EXPECT_EQ(Has(second, AlertType::kNotOnTrack), test.not_on_track) << test.score;
    EXPECT_EQ(second.primary->method, ExpectationMethod::kRationalRule);
    EXPECT_DOUBLE_EQ(*second.primary->band_high, 26);
    EXPECT_FALSE(report->sessions[0].primary->expected)
        << "the baseline session has no expectation";
  }
}

TEST(MonitorExpectation, UsesTheGrowthModelThenTheIntakeCourseThenTheRationalRule) {
  const ExpectedModel& practice = TrainingPracticeModel();
  const measures::Instrument& phq9 = **ShippedInstruments().Get("phq9");
  const ScoreHistory history{17, {{1, 16}, {2, 15}}};
  auto growth = ExpectScore(phq9, practice.Find("phq9"), history, 3, ShippedRules());
  ASSERT_TRUE(growth && *growth);
  EXPECT_EQ((*growth)->method, ExpectationMethod::kGrowthModel);
  EXPECT_LT((*growth)->low, (*growth)->expected);
  EXPECT_GT((*growth)->high, (*growth)->expected);

  InstrumentModel no_fit = *practice.Find("phq9");
  no_fit.fit.reset();
  auto course = ExpectScore(phq9, &no_fit, history, 3, ShippedRules());
  ASSERT_TRUE(course && *course);
  EXPECT_EQ((*course)->method, ExpectationMethod::kIntakeCourse);

  InstrumentModel few = *practice.Find("phq9");
  few.clients = ShippedRules().minimum_practice_clients - 1;  // too few for the growth model
  auto fallback = ExpectScore(phq9, &few, history, 3, ShippedRules());
  ASSERT_TRUE(fallback && *fallback);
  EXPECT_EQ((*fallback)->method, ExpectationMethod::kIntakeCourse);

  auto rational = ExpectScore(phq9, nullptr, history, 3, ShippedRules());
  ASSERT_TRUE(rational && *rational);
  EXPECT_EQ((*rational)->method, ExpectationMethod::kRationalRule);
  EXPECT_DOUBLE_EQ((*rational)->expected, 17);
}

TEST(MonitorExpectation, TheClientsOwnScoresMoveTheirExpectedCurve) {
  const measures::Instrument& phq9 = **ShippedInstruments().Get("phq9");
  const InstrumentModel* model = TrainingPracticeModel().Find("phq9");
  auto worse = ExpectScore(phq9, model, {17, {{1, 19}, {2, 19}, {3, 20}}}, 6, ShippedRules());
  auto better = ExpectScore(phq9, model, {17, {{1, 14}, {2, 12}, {3, 10}}}, 6, ShippedRules());
  ASSERT_TRUE(worse && *worse && better && *better);
  EXPECT_GT((*worse)->expected, (*better)->expected + 3);
}

TEST(MonitorExpectedModel, SurvivesItsJsonRoundTrip) {
  const ExpectedModel& practice = TrainingPracticeModel();
  auto parsed = ParseExpectedModel(ExpectedModelToJson(practice));
  ASSERT_TRUE(parsed) << parsed.error().message();
  const measures::Instrument& phq9 = **ShippedInstruments().Get("phq9");
  const ScoreHistory history{15, {{1, 15}}};
  for (int session = 2; session <= 8; ++session) {
    auto original = ExpectScore(phq9, practice.Find("phq9"), history, session, ShippedRules());
    auto reread = ExpectScore(phq9, parsed->Find("phq9"), history, session, ShippedRules());
    ASSERT_TRUE(original && reread);
    EXPECT_NEAR((*original)->expected, (*reread)->expected, 1e-9);
    EXPECT_NEAR((*original)->high, (*reread)->high, 1e-9);
  }
  EXPECT_FALSE(ParseExpectedModel("{\"format\": \"other\"}"));
  EXPECT_FALSE(ParseExpectedModel("not json"));
}

TEST(MonitorInput, RefusesBadInputNamingTheField) {
  struct Case {
    EpisodeInput episode;
    std::string message;
  } cases[] = {
      {{.sessions = {Phq9Total(0, 10)}}, "sessions[0].number"},
      {{.sessions = {Phq9Total(1, 10), Phq9Total(1, 12)}}, "appears twice"},
      {{.sessions = {Phq9Total(1, 28)}},
       "sessions[0].measures[0].total: 28 is outside phq9's range 0 to 27"},
      {{.sessions = {SessionInput{.number = 1, .measures = {{.instrument = "beck"}}}}},
       "unknown instrument 'beck'"},
      {{.sessions = {SessionInput{
            .number = 1,
            .measures = {{.instrument = "phq9", .answers = {1, 2, 4, 0, 0, 0, 0, 0, 0}}}}}},
       "sessions[0].measures[0].answers"},
      {{.sessions = {SessionInput{.number = 1, .measures = {{.instrument = "phq9"}}}}},
       "give item answers or a total"},
      {{.sessions = {SessionInput{.number = 1, .techniques = {{"thought_record", 11}}}}},
       "helpfulness: must be 0 to 10"},
      {{.sessions = {SessionInput{.number = 1,
                                  .attendance = Attendance::kDidNotAttend,
                                  .measures = {{.instrument = "phq9", .total = 3}}}}},
       "not attended"},
  };
  for (const Case& test : cases) {
    auto report = MonitorEpisode(test.episode, Context());
    ASSERT_FALSE(report) << test.message;
    EXPECT_NE(report.error().message().find(test.message), std::string::npos)
        << report.error().message();
  }
}

TEST(MonitorIntake, AnIntakeScoreIsTheBaselineSoSessionOneHasAnExpectation) {
  EpisodeInput episode{.intake = {{.instrument = "phq9", .total = 18}},
                       .sessions = {Phq9Total(1, 25)}};
  auto report = MonitorEpisode(episode, Context());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->sessions[0].primary->status, SessionStatus::kDeteriorated);
  EXPECT_TRUE(Has(report->sessions[0], AlertType::kNotOnTrack));
  EXPECT_EQ(report->primary_instrument, "phq9");
}

}  // namespace
}  // namespace tessera::monitor
