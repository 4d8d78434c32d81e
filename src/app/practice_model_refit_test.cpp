// The server monitor's practice model: refitting it from closed episodes (as the store gives
// them) switches Review from the rational rule to the growth model with the projected-end
// rule; too few episodes keep the current model and say why.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "app/episode_monitor.hpp"

namespace tessera::app {
namespace {

const ClinicalLibrary& Library() {
  static const ClinicalLibrary* library = [] {
    auto loaded = ClinicalLibrary::Load(TESSERA_DATA_DIR);
    EXPECT_TRUE(loaded) << loaded.error().message();
    return new ClinicalLibrary(std::move(*loaded));
  }();
  return *library;
}

// One episode with PHQ-9 totals at weekly sessions; ids derived from `number`.
MonitoringInput Episode(int number, const std::vector<double>& totals) {
  MonitoringInput input;
  input.client = ClientId(number);
  input.episode = EpisodeId(number);
  for (std::size_t index = 0; index < totals.size(); ++index) {
    Session session;
    session.id = SessionId(number * 100 + static_cast<int>(index));
    session.episode = input.episode;
    session.client = input.client;
    session.date = "2026-0" + std::to_string(1 + index / 28) + "-" + (index % 28 < 9 ? "0" : "") +
                   std::to_string(1 + index % 28);
    input.sessions.push_back(session);
    MeasureAdministration administration;
    administration.id = AdministrationId(number * 100 + static_cast<int>(index));
    administration.client = input.client;
    administration.session = session.id;
    administration.instrument = InstrumentId("phq9");
    administration.total = totals[index];
    input.administrations.push_back(administration);
  }
  input.latest_session = input.sessions.back().id;
  return input;
}

// Closed episodes of a practice whose clients improve at different rates (seeded).
std::vector<MonitoringInput> ClosedEpisodes(int count) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> intake(12, 24), slope(-1.6, 0.2), noise(-2, 2);
  std::vector<MonitoringInput> episodes;
  for (int number = 1; number <= count; ++number) {
    const double start = std::round(intake(random));
    const double rate = slope(random);
    std::vector<double> totals;
    for (int session = 0; session < 8; ++session) {
      totals.push_back(std::clamp(std::round(start + rate * session + noise(random)), 0.0, 27.0));
    }
    episodes.push_back(Episode(number, totals));
  }
  return episodes;
}

std::unique_ptr<RoutineOutcomeMonitor> NewMonitor() {
  auto created = RoutineOutcomeMonitor::Create(Library(), TESSERA_DATA_DIR);
  EXPECT_TRUE(created) << created.error().message();
  return std::move(*created);
}

TEST(PracticeModelRefit, EnoughClosedEpisodesSwitchReviewToTheGrowthModel) {
  const auto monitor = NewMonitor();
  const MonitoringInput current = Episode(999, {18, 17, 17, 16});
  auto before = monitor->Review(current);
  ASSERT_TRUE(before) << before.error().message();
  EXPECT_EQ(before->method, "rational_rule");
  EXPECT_EQ(before->not_on_track_rule, "band");
  EXPECT_EQ(before->expected_model, "none");
  EXPECT_FALSE(monitor->CurrentModel().has_value());

  const int minimum = monitor->rules().minimum_practice_clients;
  auto summary = monitor->Refit(ClosedEpisodes(minimum + 10), "refit test", "2026-11-21T23:00:00Z");
  ASSERT_TRUE(summary) << summary.error().message();
  ASSERT_FALSE(summary->instruments.empty());
  EXPECT_EQ(summary->instruments[0].instrument, "phq9");
  EXPECT_EQ(summary->instruments[0].clients, minimum + 10);
  EXPECT_TRUE(summary->instruments[0].used) << summary->instruments[0].note;
  EXPECT_EQ(summary->episodes, minimum + 10);
  ASSERT_TRUE(monitor->CurrentModel().has_value());
  EXPECT_EQ(monitor->CurrentModel()->source, "refit test");

  auto after = monitor->Review(current);
  ASSERT_TRUE(after) << after.error().message();
  EXPECT_EQ(after->method, "growth_model");
  EXPECT_EQ(after->not_on_track_rule, "projected_end");
  ASSERT_TRUE(after->projected_end.has_value());
  EXPECT_GT(after->projected_end->session, 4);
  EXPECT_EQ(after->expected_model, "refit test");
}

TEST(PracticeModelRefit, TooFewEpisodesKeepTheCurrentModelAndSayWhy) {
  const auto monitor = NewMonitor();
  const int minimum = monitor->rules().minimum_practice_clients;
  // One fewer than the minimum: refused; exactly the minimum: used (the boundary).
  auto refused = monitor->Refit(ClosedEpisodes(minimum - 1), "too few", "t");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.error().message().find("fewer than the " + std::to_string(minimum)),
            std::string::npos)
      << refused.error().message();
  EXPECT_NE(refused.error().message().find("current model is kept"), std::string::npos);
  EXPECT_FALSE(monitor->CurrentModel().has_value());
  auto none = monitor->Refit({}, "nothing", "t");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code(), ErrorCode::kConflict);

  auto accepted = monitor->Refit(ClosedEpisodes(minimum), "just enough", "t");
  ASSERT_TRUE(accepted) << accepted.error().message();
  EXPECT_EQ(monitor->CurrentModel()->source, "just enough");
}

TEST(PracticeModelFile, AMissingOrMalformedFileNamesItself) {
  const std::string missing = std::string(TESSERA_DATA_DIR) + "/no-such-model.json";
  auto absent = LoadPracticeModelFile(missing);
  ASSERT_FALSE(absent);
  EXPECT_EQ(absent.error().message().rfind(missing, 0), 0u) << absent.error().message();
  const std::string rules = std::string(TESSERA_DATA_DIR) + "/monitor/rules.json";
  auto wrong = LoadPracticeModelFile(rules);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(wrong.error().message().find(rules), std::string::npos) << wrong.error().message();
}

}  // namespace
}  // namespace tessera::app
