// Assimilative integration: keep one home model; import techniques from other models for the
// targets the home model covers poorly, each re-framed within the home model.

#include <algorithm>
#include <map>

#include "planner/strategies.hpp"

namespace tessera::planner {

namespace {

// The home model when no therapist names one: the model whose three best techniques fit best.
std::string BestFittingModel(const Assessment& assessment) {
  std::map<std::string, std::vector<double>> fits;
  for (const auto& candidate : assessment.candidates) {
    auto& list = fits[candidate.scored.model];
    if (list.size() < 3) list.push_back(candidate.scored.fit);
  }
  std::string best;
  double best_mean = -1e9;
  for (const auto& [model, list] : fits) {
    double sum = 0;
    for (const double fit : list) sum += fit;
    const double mean = sum / 3.0;  // fewer than three techniques counts as a weaker home
    if (mean > best_mean) {
      best_mean = mean;
      best = model;
    }
  }
  return best;
}

}  // namespace

Result<Plan> PlanAssimilative(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  const Constraints& constraints = context.request.constraints;
  Plan plan;
  plan.strategy = Strategy::kAssimilative;
  std::string home;
  for (const auto& therapist : context.request.therapists) {
    if (!therapist.home_model.empty()) {
      home = therapist.home_model;
      plan.explanation.push_back("home model " + home + ": the home model of " + therapist.id);
      break;
    }
  }
  if (home.empty()) {
    home = BestFittingModel(assessment);
    if (home.empty())
      return InvalidArgument("strategy assimilative: no eligible technique to build a plan from");
    plan.explanation.push_back(
        "home model " + home +
        ": no therapist home model given; the model whose techniques fit the client best");
  }
  plan.home_model = home;
  const catalog::Model& home_model = *context.catalog.FindModel(home);

  // Home techniques: the best-fitting ones of the home model.
  std::vector<std::string> chosen;
  const int home_limit =
      std::max(1, constraints.max_techniques - constraints.max_techniques_per_phase);
  for (const auto& candidate : assessment.candidates) {
    if (candidate.scored.model != home || candidate.scored.fit <= 0) continue;
    if (static_cast<int>(chosen.size()) >= home_limit) break;
    std::vector<std::string> trial = chosen;
    if (AddWithPrerequisites(candidate.scored.id, assessment, trial) &&
        static_cast<int>(trial.size()) <= home_limit) {
      chosen = std::move(trial);
    }
  }
  // Gaps: client targets the home techniques leave (largely) uncovered, heaviest first.
  std::map<std::string, double> covered;
  for (const auto& id : chosen) {
    for (const auto& target : assessment.Find(id)->technique->targets)
      covered[target.id] += target.weight / 3.0;
  }
  std::vector<std::pair<double, std::string>> gaps;
  for (const auto& [id, weight] : assessment.targets) {
    if (covered[id] < 2.0 / 3.0) gaps.emplace_back(weight, id);
  }
  std::stable_sort(gaps.begin(), gaps.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::map<std::string, std::string> import_reason;
  for (const auto& [weight, target] : gaps) {
    if (static_cast<int>(chosen.size()) >= constraints.max_techniques) break;
    if (covered[target] >= 2.0 / 3.0) continue;  // an earlier import covered it
    const Candidate* best = nullptr;
    double best_value = 0;
    for (const auto& candidate : assessment.candidates) {
      if (candidate.scored.model == home || candidate.scored.fit <= 0) continue;
      if (std::find(chosen.begin(), chosen.end(), candidate.scored.id) != chosen.end()) continue;
      for (const auto& offered : candidate.technique->targets) {
        const double value =
            offered.id == target ? offered.weight * (1.0 + candidate.scored.fit) : 0;
        if (value > best_value) {
          best_value = value;
          best = &candidate;
        }
      }
    }
    if (!best) continue;
    std::vector<std::string> trial = chosen;
    if (!AddWithPrerequisites(best->scored.id, assessment, trial)) continue;
    if (static_cast<int>(trial.size()) > constraints.max_techniques) continue;
    for (std::size_t index = chosen.size(); index < trial.size(); ++index) {
      import_reason[trial[index]] = context.catalog.TargetName(target);
      for (const auto& covered_target : assessment.Find(trial[index])->technique->targets) {
        covered[covered_target.id] += covered_target.weight / 3.0;
      }
    }
    chosen = std::move(trial);
  }
  if (EnsureSafetyWork(assessment, chosen)) {
    plan.explanation.push_back("risk reported: " + assessment.safety_technique + " added first");
  }
  if (const std::string added = EnsureStabilisation(assessment, chosen); !added.empty()) {
    plan.explanation.push_back(added +
                               " added: some chosen work is allowed only after stabilisation (" +
                               assessment.stabilisation_reason + ")");
  }
  plan.phases = ArrangeIntoPhases(chosen, assessment);
  OfferedOption home_options{"home model", {}};
  OfferedOption import_options{"imports", {}};
  for (const auto& candidate : assessment.candidates) {
    if (candidate.scored.fit <= 0 ||
        std::find(chosen.begin(), chosen.end(), candidate.scored.id) != chosen.end())
      continue;
    OfferedOption& options = candidate.scored.model == home ? home_options : import_options;
    if (options.options.size() < 3) options.options.push_back(candidate.scored.id);
  }
  for (auto* options : {&home_options, &import_options}) {
    if (!options->options.empty()) plan.offered_options.push_back(std::move(*options));
  }
  int imported = 0;
  for (auto& phase : plan.phases) {
    for (auto& technique : phase.techniques) {
      if (technique.model == home) continue;
      ++imported;
      const auto reason = import_reason.find(technique.id);
      technique.assimilation_note =
          "imported from " + technique.model +
          (reason != import_reason.end() ? " for " + reason->second : "") + ", which " +
          home_model.name + " covers less; within " + home_model.name + " it is " +
          home_model.assimilation_frame;
      technique.reasons.push_back("assimilation: " + technique.assimilation_note);
    }
  }
  plan.explanation.push_back("assimilative: " + std::to_string(chosen.size() - imported) +
                             " techniques of " + home + " and " + std::to_string(imported) +
                             " imported for targets it covers less");
  return plan;
}

}  // namespace tessera::planner
