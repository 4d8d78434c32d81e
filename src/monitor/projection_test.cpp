// The not-on-track criterion with a practice growth model: the client's own curve projected to
// the planned last session (rules.projection, docs/monitor.md). Boundaries read the shipped
// rules, so the tests follow an edited data/monitor/rules.json.

#include <gtest/gtest.h>

#include "monitor/monitor.hpp"
#include "monitor/test_practice.hpp"

namespace tessera::monitor {
namespace {

MonitorContext Context() {
  return {.instruments = &ShippedInstruments(),
          .rules = &ShippedRules(),
          .model = &TrainingPracticeModel(),
          .catalog = nullptr};
}

SessionInput Phq9Total(int number, double total) {
  SessionInput session{.number = number};
  session.measures.push_back({.instrument = "phq9", .total = total});
  return session;
}

const Alert* Find(const SessionResult& session, AlertType type) {
  for (const Alert& alert : session.alerts) {
    if (alert.type == type) return &alert;
  }
  return nullptr;
}

// Intake 17, then one point worse each session (short of reliable deterioration): off track
// as soon as the rule may judge.
EpisodeInput Worsening(int sessions) {
  EpisodeInput episode{.intake = {{.instrument = "phq9", .total = 17}}};
  for (int number = 1; number <= sessions; ++number)
    episode.sessions.push_back(Phq9Total(number, 17 + number));
  return episode;
}

TEST(MonitorProjection, JudgedFromTheProjectionSessionOnNotBefore) {
  const int from = ShippedRules().projection.from_session;
  auto report = MonitorEpisode(Worsening(from + 1), Context());
  ASSERT_TRUE(report) << report.error().message();
  for (const SessionResult& session : report->sessions) {
    const MeasureResult& phq9 = *session.primary;
    EXPECT_EQ(phq9.method, ExpectationMethod::kGrowthModel);
    EXPECT_EQ(phq9.not_on_track_rule, NotOnTrackRule::kProjectedEnd);
    ASSERT_TRUE(phq9.band_low && phq9.band_high) << "the band is still reported";
    const bool judged = session.session >= from;
    EXPECT_EQ(phq9.projected_end.has_value(), judged) << "session " << session.session;
    EXPECT_EQ(Find(session, AlertType::kNotOnTrack) != nullptr, judged)
        << "session " << session.session;
    EXPECT_EQ(phq9.status, judged ? SessionStatus::kNotOnTrack : SessionStatus::kOnTrack)
        << "session " << session.session;
  }
  const Alert& alert = *Find(report->sessions[from - 1], AlertType::kNotOnTrack);
  EXPECT_NE(alert.reason.find("projected_end"), std::string::npos) << alert.reason;
  ASSERT_EQ(alert.evidence.size(), 2u);
  EXPECT_NE(alert.evidence[0].detail.find("rule projected_end"), std::string::npos)
      << alert.evidence[0].detail;
  const std::string last = std::to_string(ShippedRules().projection.default_last_session);
  EXPECT_NE(alert.evidence[1].detail.find("projected end score at session " + last),
            std::string::npos)
      << alert.evidence[1].detail;
  EXPECT_NE(alert.evidence[1].detail.find("interval"), std::string::npos);
}

// At the first judged session, the score decides: just below the flip the projection shows
// reliable improvement, just above it does not.
TEST(MonitorProjection, FlipsWhereTheProjectedImprovementCrossesTheRequiredImprovement) {
  const int from = ShippedRules().projection.from_session;
  std::optional<int> flip;
  for (int score = 0; score <= 27; ++score) {
    EpisodeInput episode{.intake = {{.instrument = "phq9", .total = 17}}};
    for (int number = 1; number < from; ++number)
      episode.sessions.push_back(Phq9Total(number, 15 - number));
    episode.sessions.push_back(Phq9Total(from, score));
    auto report = MonitorEpisode(episode, Context());
    ASSERT_TRUE(report) << report.error().message();
    const SessionResult& session = report->sessions.back();
    const ProjectedEnd& end = *session.primary->projected_end;
    EXPECT_EQ(end.required, ShippedRules().projection.improvement_fraction * 6)
        << "PHQ-9 reliable change is 6 points";
    EXPECT_LE(end.low, end.expected);
    EXPECT_GE(end.high, end.expected);
    const bool fired = Find(session, AlertType::kNotOnTrack) != nullptr;
    EXPECT_EQ(fired, end.improvement < end.required) << "score " << score;
    if (fired && !flip) flip = score;
    if (flip) {
      EXPECT_TRUE(fired) << "a worse score must not put the client back on track: " << score;
    }
  }
  ASSERT_TRUE(flip.has_value());
  EXPECT_GT(*flip, 0) << "a client at 0 is on track";
}

TEST(MonitorProjection, ProjectsToThePlansLastSession) {
  EpisodeInput episode = Worsening(ShippedRules().projection.from_session);
  episode.plan = PlanOutline{
      .phases = {{.name = "engage", .phase = "engagement", .sessions = 3, .review_at_session = 3},
                 {.name = "skills", .phase = "skills", .sessions = 5, .review_at_session = 8}}};
  auto report = MonitorEpisode(episode, Context());
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(report->sessions.back().primary->projected_end->session, 8);
}

TEST(MonitorProjection, WithoutAGrowthModelTheBandDecides) {
  MonitorContext context = Context();
  context.model = nullptr;
  auto report = MonitorEpisode(Worsening(5), context);
  ASSERT_TRUE(report);
  for (const SessionResult& session : report->sessions) {
    EXPECT_EQ(session.primary->not_on_track_rule, NotOnTrackRule::kBand);
    EXPECT_FALSE(session.primary->projected_end.has_value());
  }
}

}  // namespace
// Issue 15: the expected band is what clients with this intake achieve, never conditioned on
// the client's own later scores, so two clients with the same intake and different courses
// see the same band at every session.
TEST(MonitorProjection, TwoClientsWithTheSameIntakeHaveTheSameBandAtEverySession) {
  EpisodeInput improving{.intake = {{.instrument = "phq9", .total = 17}}};
  for (int number = 1; number <= 6; ++number)
    improving.sessions.push_back(Phq9Total(number, 17 - 2 * number));
  auto better = MonitorEpisode(improving, Context());
  auto worse = MonitorEpisode(Worsening(6), Context());
  ASSERT_TRUE(better && worse);
  for (std::size_t index = 0; index < 6; ++index) {
    const MeasureResult& one = *better->sessions[index].primary;
    const MeasureResult& other = *worse->sessions[index].primary;
    ASSERT_TRUE(one.band_low && other.band_low);
    EXPECT_DOUBLE_EQ(*one.expected, *other.expected) << "session " << index + 1;
    EXPECT_DOUBLE_EQ(*one.band_low, *other.band_low) << "session " << index + 1;
    EXPECT_DOUBLE_EQ(*one.band_high, *other.band_high) << "session " << index + 1;
  }
  // Their own projections differ: that is where the client's course counts.
  ASSERT_TRUE(better->sessions[5].primary->projected_end &&
              worse->sessions[5].primary->projected_end);
  EXPECT_LT(better->sessions[5].primary->projected_end->expected,
            worse->sessions[5].primary->projected_end->expected);
}

// One definition of intake: without a separate intake score the first session's score is the
// intake and time counts from it, so the same scores judged as "intake then sessions 1..n" and
// as "sessions 1..n+1" get the same expectations, projections and alerts, one session later.
TEST(MonitorProjection, AFirstSessionIntakeIsJudgedLikeASeparateIntakeOneSessionLater) {
  const EpisodeInput separate = Worsening(5);
  EpisodeInput first_session;
  first_session.sessions.push_back(Phq9Total(1, 17));
  for (const SessionInput& session : separate.sessions)
    first_session.sessions.push_back(Phq9Total(session.number + 1, *session.measures[0].total));
  auto judged_separate = MonitorEpisode(separate, Context());
  auto judged_first = MonitorEpisode(first_session, Context());
  ASSERT_TRUE(judged_separate && judged_first);
  EXPECT_FALSE(judged_first->sessions[0].primary->expected)
      << "the intake itself: nothing expected";
  for (std::size_t index = 0; index < separate.sessions.size(); ++index) {
    const SessionResult& a = judged_separate->sessions[index];
    const SessionResult& b = judged_first->sessions[index + 1];
    ASSERT_TRUE(a.primary->expected && b.primary->expected);
    EXPECT_DOUBLE_EQ(*a.primary->expected, *b.primary->expected) << "session " << a.session;
    EXPECT_EQ(a.primary->projected_end.has_value(), b.primary->projected_end.has_value())
        << "session " << a.session;
    EXPECT_EQ(Find(a, AlertType::kNotOnTrack) != nullptr,
              Find(b, AlertType::kNotOnTrack) != nullptr)
        << "session " << a.session;
  }
  // One score after the intake is never enough to judge the course.
  EXPECT_EQ(Find(judged_first->sessions[1], AlertType::kNotOnTrack), nullptr);
}

// An alert beside a band that contains its score says so, and names the band it used.
TEST(MonitorProjection, AnAlertSaysWhetherItsScoreLiesInsideTheBandItStandsBeside) {
  auto report = MonitorEpisode(Worsening(ShippedRules().projection.from_session + 2), Context());
  ASSERT_TRUE(report);
  bool checked = false;
  for (const SessionResult& session : report->sessions) {
    const Alert* alert = Find(session, AlertType::kNotOnTrack);
    if (alert == nullptr) continue;
    const std::string& detail = alert->evidence.at(0).detail;
    EXPECT_NE(detail.find("expected band for clients with this intake"), std::string::npos)
        << detail;
    const bool inside = !session.primary->worse_than_band;
    EXPECT_NE(detail.find(inside ? ", inside the expected band" : ", worse than the expected band"),
              std::string::npos)
        << detail;
    EXPECT_NE(detail.find("the alert rests on the client's own projection"), std::string::npos)
        << detail;
    checked = true;
  }
  EXPECT_TRUE(checked);
}

}  // namespace tessera::monitor
