// The monitor's reviews over a fixed simulated practice, compared with golden files recorded
// from the code before the review was made cheaper (docs/monitor.md "Cost of a review"): every
// prefix of every episode, with and without the practice model `make run` fits (a 400-client
// simulated practice, seed 7), the whole outcome (status, detail, method, numbers to 17
// digits, alerts, proposals) and what accepting each proposal makes of the plan. Any
// difference fails; after a deliberate clinical change, regenerate with
//   TESSERA_UPDATE_MONITOR_GOLDEN=1 ./build/src/app/episode_monitor_golden_test
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/episode_monitor.hpp"
#include "app/review_corpus.hpp"

namespace tessera::app {
namespace {

const std::string kFixtures = std::string(TESSERA_SOURCE_DIR) + "/tests/fixtures/monitor/";

// FNV-1a: a stable digest of a revised plan (the plan JSON itself would swell the golden file).
std::uint64_t Digest(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const unsigned char character : text) hash = (hash ^ character) * 1099511628211ull;
  return hash;
}

std::string ReviewEverything(EpisodeMonitor& monitor, const std::vector<MonitoringInput>& inputs) {
  std::string out;
  for (const MonitoringInput& input : inputs) {
    out += "## client " + std::to_string(input.client.value()) + " sessions " +
           std::to_string(input.sessions.size()) + " latest " +
           std::to_string(input.latest_session ? input.latest_session->value() : 0) + "\n";
    Result<MonitoringOutcome> outcome = monitor.Review(input);
    if (!outcome) {
      out += "error=" + outcome.error().message() + "\n";
      continue;
    }
    out += DescribeOutcomeExactly(*outcome);
    if (input.plan_json.empty()) continue;
    for (const AdaptationProposal& proposal : outcome->proposals) {
      Result<PlanRevisionDraft> revision = monitor.Accept(input, proposal.id, "client agrees");
      out += "accept " + proposal.id + "=";
      out += revision ? std::to_string(Digest(revision->content)) + " | " + revision->reason
                      : "error " + revision.error().message();
      out += "\n";
    }
  }
  return out;
}

// Fails at the first differing line, showing it and its episode header.
void ExpectSameAsGolden(const std::string& actual, const std::string& file) {
  const std::string path = kFixtures + file;
  if (std::getenv("TESSERA_UPDATE_MONITOR_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "wrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::ostringstream golden;
  golden << in.rdbuf();
  std::istringstream expected_lines(golden.str()), actual_lines(actual);
  std::string expected_line, actual_line, header;
  for (int line = 1;; ++line) {
    const bool more_expected = static_cast<bool>(std::getline(expected_lines, expected_line));
    const bool more_actual = static_cast<bool>(std::getline(actual_lines, actual_line));
    if (!more_expected && !more_actual) break;
    if (more_expected && expected_line.rfind("## ", 0) == 0) header = expected_line;
    ASSERT_TRUE(more_expected && more_actual && expected_line == actual_line)
        << file << " line " << line << " (" << header
        << ")\n  golden: " << (more_expected ? expected_line : "<end>")
        << "\n  now:    " << (more_actual ? actual_line : "<end>");
  }
}

class MonitorGolden : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto library = ClinicalLibrary::Load(TESSERA_DATA_DIR);
    ASSERT_TRUE(library) << library.error().message();
    library_ = new ClinicalLibrary(std::move(*library));
    auto corpus = MakeReviewCorpus(*library_, {.clients = 24, .sessions = 16, .seed = 7});
    ASSERT_TRUE(corpus) << corpus.error().message();
    corpus_ = new ReviewCorpus(std::move(*corpus));
    // A questionnaire for an earlier session, entered late: the whole episode is reviewed and
    // that session's results are the ones reported. Every third session of each episode.
    middles_ = new std::vector<MonitoringInput>;
    for (const MonitoringInput& episode : corpus_->episodes) {
      for (std::size_t session_idx = 0; session_idx + 1 < episode.sessions.size();
           session_idx += 3) {
        MonitoringInput late = episode;
        late.latest_session = episode.sessions[session_idx].id;
        middles_->push_back(std::move(late));
      }
    }
  }
  static void TearDownTestSuite() {
    delete middles_;
    delete corpus_;
    delete library_;
  }
  static ClinicalLibrary* library_;
  static ReviewCorpus* corpus_;
  static std::vector<MonitoringInput>* middles_;
};
ClinicalLibrary* MonitorGolden::library_ = nullptr;
ReviewCorpus* MonitorGolden::corpus_ = nullptr;
std::vector<MonitoringInput>* MonitorGolden::middles_ = nullptr;

TEST_F(MonitorGolden, CorpusHasTheCasesThatMatter) {
  // Without these the golden comparison would not cover the rules that change outcomes.
  std::size_t plans = 0, missed = 0, repeated = 0;
  for (const MonitoringInput& episode : corpus_->episodes) {
    plans += episode.plan_json.empty() ? 0 : 1;
    for (const Session& session : episode.sessions)
      missed += session.attendance != Attendance::kAttended;
    for (std::size_t index = 1; index < episode.administrations.size(); ++index) {
      const auto& previous = episode.administrations[index - 1];
      const auto& current = episode.administrations[index];
      repeated += previous.session == current.session && previous.instrument == current.instrument;
    }
  }
  EXPECT_EQ(corpus_->episodes.size(), 24u);
  EXPECT_GT(plans, 12u);
  EXPECT_GT(missed, 0u);
  EXPECT_GT(repeated, 0u);
  EXPECT_GT(corpus_->prefixes.size(), 24u * 8);
}

TEST_F(MonitorGolden, ReviewsWithoutAPracticeModelAreUnchanged) {
  auto monitor = RoutineOutcomeMonitor::Create(*library_, TESSERA_DATA_DIR);
  ASSERT_TRUE(monitor) << monitor.error().message();
  const std::string actual = ReviewEverything(**monitor, corpus_->prefixes);
  for (const char* kind : {"alert=risk_item", "alert=alliance_rupture", "alert=dropout_risk",
                           "alert=reliable_deterioration", "status=recovered",
                           "| switch_criterion |", "| replace_technique |", "accept p"}) {
    EXPECT_NE(actual.find(kind), std::string::npos) << kind << " never occurs";
  }
  ExpectSameAsGolden(actual, "review_golden_rational.txt");
}

std::unique_ptr<RoutineOutcomeMonitor> WithModel(const ClinicalLibrary& library,
                                                 const std::string& file) {
  auto model = LoadPracticeModelFile(kFixtures + file);
  EXPECT_TRUE(model) << model.error().message();
  if (!model) return nullptr;
  model->source = file;  // not the checkout's path: the golden file is shared
  auto monitor = RoutineOutcomeMonitor::Create(library, TESSERA_DATA_DIR, std::move(*model));
  EXPECT_TRUE(monitor) << monitor.error().message();
  return monitor ? std::move(*monitor) : nullptr;
}

TEST_F(MonitorGolden, ReviewsWithThePracticeModelAreUnchanged) {
  // `make run`'s model: tessera simulate --clients 400 --seed 7, tessera fit expected.
  const auto monitor = WithModel(*library_, "review_model.json");
  ASSERT_NE(monitor, nullptr);
  const std::string actual = ReviewEverything(*monitor, corpus_->prefixes);
  for (const char* kind : {"method=growth_model", "projected_end.session=", "alert=not_on_track"}) {
    EXPECT_NE(actual.find(kind), std::string::npos) << kind << " never occurs";
  }
  ExpectSameAsGolden(actual, "review_golden_model.txt");
}

TEST_F(MonitorGolden, ReviewsWithASmallPracticeModelAreUnchanged) {
  // 49 simulated clients (seed 11): fewer than minimum_practice_clients, so the growth model is
  // not used and the intake course or the rational rule judges.
  const auto monitor = WithModel(*library_, "review_model_small.json");
  ASSERT_NE(monitor, nullptr);
  const std::string actual = ReviewEverything(*monitor, corpus_->prefixes);
  for (const char* kind : {"method=intake_course", "method=rational_rule"}) {
    EXPECT_NE(actual.find(kind), std::string::npos) << kind << " never occurs";
  }
  ExpectSameAsGolden(actual, "review_golden_small_model.txt");
}

TEST_F(MonitorGolden, ReviewsOfAnEarlierSessionEnteredLateAreUnchanged) {
  auto rational = RoutineOutcomeMonitor::Create(*library_, TESSERA_DATA_DIR);
  ASSERT_TRUE(rational) << rational.error().message();
  ExpectSameAsGolden(ReviewEverything(**rational, *middles_), "review_golden_late_rational.txt");
  const auto growth = WithModel(*library_, "review_model.json");
  ASSERT_NE(growth, nullptr);
  ExpectSameAsGolden(ReviewEverything(*growth, *middles_), "review_golden_late_model.txt");
}

}  // namespace
}  // namespace tessera::app
