#pragma once
// src/monitor (issue 6) behind the app's EpisodeMonitor interface: stored records in, the
// monitor's episode report out. Sessions are numbered by date within the episode; a stored
// profile the planner cannot read is monitored without a profile rather than blocking
// submissions. With a practice expected-response model (`tessera fit expected`) expectations
// come from its growth model and "not on track" from the projected-end rule, as in
// `tessera monitor --model`; without one, from the rational rule (docs/monitor.md). Every
// outcome names the method used.

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"
#include "monitor/expected_model.hpp"
#include "monitor/rules.hpp"

namespace tessera::monitor {
struct MonitorContext;  // monitor/monitor.hpp
class ReviewCaches;     // monitor/review_caches.hpp
class ExpectationMemo;  // monitor/expectation_memo.hpp
}  // namespace tessera::monitor

namespace tessera::app {

/// A practice model and where it came from (shown in every monitoring outcome).
struct PracticeModel {
  monitor::ExpectedModel model;
  std::string source;     // e.g. "model.json"
  std::string fitted_at;  // UTC of a refit; empty for a file
  int episodes = 0;       // closed episodes of a refit
};

/// Reads a model file written by `tessera fit expected`. NotFound when it cannot be read;
/// InvalidArgument naming the field otherwise; both messages start with the path.
Result<PracticeModel> LoadPracticeModelFile(const std::filesystem::path& path);

/// Per instrument: whether the monitor will use its growth model under `rules` (a fit on at
/// least rules.minimum_practice_clients clients).
PracticeModelSummary SummarizePracticeModel(const PracticeModel& model,
                                            const monitor::MonitorRules& rules);
/// One line for the console, e.g. "phq9: growth model on 300 clients".
std::string DescribePracticeModel(const PracticeModelSummary& summary);

class RoutineOutcomeMonitor final : public EpisodeMonitor {
 public:
  /// Loads the rules from data_dir/monitor. `library` must outlive the monitor. Without
  /// `model` the rational rule judges every session.
  static Result<std::unique_ptr<RoutineOutcomeMonitor>> Create(
      const ClinicalLibrary& library, const std::filesystem::path& data_dir,
      std::optional<PracticeModel> model = std::nullopt);

  Result<MonitoringOutcome> Review(const MonitoringInput& input) override;
  Result<std::vector<CoursePoint>> Course(const MonitoringInput& input) override;
  Result<PlanRevisionDraft> Accept(const MonitoringInput& input, const std::string& proposal_id,
                                   const std::string& client_feedback) override;
  std::optional<PracticeModelSummary> CurrentModel() const override;
  AlertGuidanceText Guidance(const std::string& kind) const override;
  std::vector<std::string> OutcomeInstruments() const override {
    return rules_.outcome_instruments;
  }
  /// Fits on the closed episodes: per outcome instrument, the first score of an episode is
  /// its intake (time 0) and every later scored session an observation at its number of
  /// sessions since the intake, the time axis Review judges on (docs/monitor.md "Intake"). Safe
  /// while other threads Review: they finish with the model they started.
  Result<PracticeModelSummary> Refit(const std::vector<MonitoringInput>& closed_episodes,
                                     const std::string& source,
                                     const std::string& fitted_at) override;

  /// DescribePracticeModel of the model held; "" without one.
  std::string DescribeModel() const;
  const monitor::MonitorRules& rules() const { return rules_; }

 private:
  RoutineOutcomeMonitor(const ClinicalLibrary& library, monitor::MonitorRules rules,
                        std::optional<PracticeModel> model);

  // The model with the memo of its growth-model expectations (both null without a model).
  struct HeldModel {
    std::shared_ptr<const PracticeModel> model;
    std::shared_ptr<const monitor::ExpectationMemo> expectations;
  };
  HeldModel Held() const;
  std::shared_ptr<const PracticeModel> Model() const { return Held().model; }
  void Hold(PracticeModel model);  // REQUIRES: model_mutex_ held
  monitor::MonitorContext Context(const HeldModel& held) const;

  const ClinicalLibrary& library_;
  monitor::MonitorRules rules_;
  std::shared_ptr<const monitor::ReviewCaches>
      caches_;  // over library_'s instruments and catalogue
  mutable std::mutex model_mutex_;
  HeldModel held_;  // guarded by model_mutex_; null: rational rule
};

}  // namespace tessera::app
