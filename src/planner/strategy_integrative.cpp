// Integrative models: choose the template whose indications match the client, build its phases
// from the template's components, leaving out what is contraindicated or out of competence.

#include <algorithm>
#include <sstream>

#include "catalog/vocabulary.hpp"
#include "planner/strategies.hpp"

namespace tessera::planner {

std::vector<TemplateMatch> MatchTemplates(const StrategyContext& context) {
  const ClientProfile& profile = context.request.profile;
  double load = 0;
  for (const auto& problem : profile.problems) {
    if (context.catalog.FindProblem(problem.id)->scope == catalog::Scope::kTreat)
      load += 3.0 * SeverityWeight(problem.severity);
  }
  std::vector<TemplateMatch> matches;
  for (const auto& [id, model] : context.catalog.integrative_models()) {
    TemplateMatch match;
    match.model = &model;
    double achieved = 0;
    for (const auto& indication : model.indications) {
      for (const auto& problem : profile.problems) {
        if (problem.id != indication.problem) continue;
        achieved += indication.weight * SeverityWeight(problem.severity);
        if (indication.weight == 3) match.core_indication = true;
        if (!match.reason.empty()) match.reason += ", ";
        match.reason += problem.id + " (" + std::string(Name(problem.severity)) +
                        "; indication weight " + std::to_string(indication.weight) + ")";
      }
    }
    // A template the team cannot deliver (contraindicated or untrained components) matches less.
    int components = 0;
    int deliverable = 0;
    for (const auto& phase : model.phases) {
      for (const auto& technique : phase.techniques) {
        ++components;
        if (context.assessment.Find(technique)) ++deliverable;
      }
    }
    const double share = components > 0 ? static_cast<double>(deliverable) / components : 0;
    match.score = load > 0 ? Round3(achieved / load * (0.5 + 0.5 * share)) : 0;
    if (deliverable < components) {
      match.reason += "; " + std::to_string(deliverable) + " of " + std::to_string(components) +
                      " components deliverable";
    }
    matches.push_back(std::move(match));
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const TemplateMatch& a, const TemplateMatch& b) {
                     if (a.score != b.score) return a.score > b.score;
                     return a.model->id < b.model->id;
                   });
  return matches;
}

CoreComponentFit CoreComponents(const catalog::IntegrativeModel& model,
                                const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  CoreComponentFit result;
  for (const auto& phase : model.phases) {
    if (phase.phase != catalog::Phase::kSkills && phase.phase != catalog::Phase::kProcessing)
      continue;
    for (const auto& id : phase.techniques) {
      const Candidate* candidate = assessment.Find(id);
      if (candidate == nullptr) continue;  // not deliverable: listed as excluded elsewhere
      const bool too_early = assessment.needs_motivation &&
                             candidate->technique->readiness == catalog::Readiness::kAction;
      if (!too_early && candidate->scored.fit > 0) {
        result.fitting.push_back(id);
      } else {
        std::ostringstream why;
        why << id << " (" << (too_early ? "an action technique before the client is ready; " : "")
            << "fit " << candidate->scored.fit << ")";
        result.not_fitting.push_back(why.str());
      }
    }
  }
  return result;
}

Result<Plan> PlanIntegrativeModel(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  const std::vector<TemplateMatch> matches = MatchTemplates(context);
  if (matches.empty() || matches.front().score <= 0) {
    std::string problems;
    for (const auto& problem : context.request.profile.problems)
      problems += (problems.empty() ? "" : ", ") + problem.id;
    return InvalidArgument(
        "strategy integrative_model: no integrative model in the catalogue is indicated for " +
        problems);
  }
  const TemplateMatch& best = matches.front();
  const catalog::IntegrativeModel& model = *best.model;
  Plan plan;
  plan.strategy = Strategy::kIntegrativeModel;
  plan.template_id = model.id;
  std::string sources;
  for (const auto& source : model.sources) sources += (sources.empty() ? "" : ", ") + source;
  plan.explanation.push_back("integrative model " + model.name + ": indicated for " + best.reason +
                             " (match " + std::to_string(static_cast<int>(best.score * 100 + 0.5)) +
                             "% of the client's problem load; " + sources + ")");
  OfferedOption alternatives{"template", {}};
  for (std::size_t index = 1; index < matches.size() && alternatives.options.size() < 3; ++index) {
    if (matches[index].score > 0) alternatives.options.push_back(matches[index].model->id);
  }
  if (!alternatives.options.empty()) plan.offered_options.push_back(std::move(alternatives));

  // The template's components, in template order, that are eligible for this client.
  std::vector<std::string> chosen;
  std::vector<std::string> left_out;
  for (const auto& phase : model.phases) {
    for (const auto& id : phase.techniques) {
      std::vector<std::string> trial = chosen;
      if (AddWithPrerequisites(id, assessment, trial)) {
        chosen = std::move(trial);
      } else if (std::find(left_out.begin(), left_out.end(), id) == left_out.end()) {
        left_out.push_back(id);
      }
    }
  }
  if (!left_out.empty()) {
    std::string list;
    for (const auto& id : left_out) list += (list.empty() ? "" : ", ") + id;
    plan.explanation.push_back("template components left out for this client (see excluded): " +
                               list);
  }
  // A template without a stabilisation phase still needs one when trauma or evocative work
  // is only allowed after stabilisation.
  if (const std::string added = EnsureStabilisation(assessment, chosen); !added.empty()) {
    plan.explanation.push_back(added +
                               " added to stabilise before the template's processing work: " +
                               assessment.stabilisation_reason);
  }
  if (EnsureSafetyWork(assessment, chosen)) {
    plan.explanation.push_back("risk reported: " + assessment.safety_technique +
                               " added to the template");
  }
  plan.phases = ArrangeIntoPhases(chosen, assessment);
  return plan;
}

}  // namespace tessera::planner
