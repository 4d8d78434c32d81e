// The not-on-track criterion with a practice growth model: the client's own curve projected to
// the planned last session (rules.projection, docs/monitor.md). Boundaries read the shipped
// rules, so the tests follow an edited data/monitor/rules.json.

#include <gtest/gtest.h>

#include "monitor/monitor.hpp"
#include "monitor/test_practice.hpp"

namespace tessera::monitor {
namespace {

MonitorContext Context() {
  return {.instruments = &ShippedInstruments(), .rules = &ShippedRules(), .model = &TrainingPracticeModel(), .catalog = nullptr};
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
  for (int number = 1; number <= sessions; ++number) episode.sessions.push_back(Phq9Total(number, 17 + number));
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
    EXPECT_EQ(Find(session, AlertType::kNotOnTrack) != nullptr, judged) << "session " << session.session;
    EXPECT_EQ(phq9.status, judged ? SessionStatus::kNotOnTrack : SessionStatus::kOnTrack) << "session " << session.session;
  }
  const Alert& alert = *Find(report->sessions[from - 1], AlertType::kNotOnTrack);
  EXPECT_NE(alert.reason.find("projected_end"), std::string::npos) << alert.reason;
  ASSERT_EQ(alert.evidence.size(), 2u);
  EXPECT_NE(alert.evidence[0].detail.find("rule projected_end"), std::string::npos) << alert.evidence[0].detail;
  const std::string last = std::to_string(ShippedRules().projection.default_last_session);
  EXPECT_NE(alert.evidence[1].detail.find("projected end score at session " + last), std::string::npos) << alert.evidence[1].detail;
  EXPECT_NE(alert.evidence[1].detail.find("interval"), std::string::npos);
}

// At the first judged session, the score decides: just below the flip the projection shows
// reliable improvement, just above it does not.
TEST(MonitorProjection, FlipsWhereTheProjectedImprovementCrossesTheRequiredImprovement) {
  const int from = ShippedRules().projection.from_session;
  std::optional<int> flip;
  for (int score = 0; score <= 27; ++score) {
    EpisodeInput episode{.intake = {{.instrument = "phq9", .total = 17}}};
    for (int number = 1; number < from; ++number) episode.sessions.push_back(Phq9Total(number, 15 - number));
    episode.sessions.push_back(Phq9Total(from, score));
    auto report = MonitorEpisode(episode, Context());
    ASSERT_TRUE(report) << report.error().message();
    const SessionResult& session = report->sessions.back();
    const ProjectedEnd& end = *session.primary->projected_end;
    EXPECT_EQ(end.required, ShippedRules().projection.improvement_fraction * 6) << "PHQ-9 reliable change is 6 points";
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
  episode.plan = PlanOutline{.phases = {{.name = "engage", .phase = "engagement", .sessions = 3, .review_at_session = 3},
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
}  // namespace tessera::monitor
