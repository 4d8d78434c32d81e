// auto: choose the strategy that suits the case, and say why. The order of the checks is the
// order of clinical priority: a template built for exactly this presentation first, then cases
// where the order of work matters, then a therapist's own model, then the exact synthesis.

#include <algorithm>

#include "planner/strategies.hpp"

namespace tessera::planner {

namespace {

constexpr double kTemplateMatchNeeded = 0.5;

}  // namespace

Result<Plan> PlanAuto(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  const ClientProfile& profile = context.request.profile;
  std::string why;
  Result<Plan> plan = InvalidArgument("no strategy chosen");

  const std::vector<TemplateMatch> matches = MatchTemplates(context);
  bool template_indicated = !matches.empty() && matches.front().core_indication &&
                            matches.front().score >= kTemplateMatchNeeded;
  std::string template_set_aside;
  if (template_indicated) {
    // An indicated template whose core work mostly cannot help yet (action techniques before
    // the client is ready, or negative fit) would open with one engagement session and then
    // work the client is not ready for: engagement comes first instead (issue 14).
    const CoreComponentFit core = CoreComponents(*matches.front().model, context);
    if (core.fitting.size() < core.not_fitting.size() || core.fitting.empty()) {
      template_indicated = false;
      template_set_aside = matches.front().model->name +
                           " is indicated, but its core components do not fit the client yet:";
      for (const auto& entry : core.not_fitting) template_set_aside += " " + entry + ";";
      template_set_aside +=
          " engagement and motivational work come first, and the template can be offered when the "
          "client is ready";
    }
  }
  if (template_indicated) {
    why = "auto chose integrative_model: " + matches.front().model->name +
          " has the client's main problems as its core indications";
    plan = PlanIntegrativeModel(context);
  } else {
    std::vector<std::string> order_reasons;
    if (assessment.needs_motivation)
      order_reasons.push_back("motivational work must come before action techniques");
    if (assessment.needs_stabilisation)
      order_reasons.push_back("stabilisation must come first (" + assessment.stabilisation_reason +
                              ")");
    const bool several =
        std::count_if(
            profile.problems.begin(), profile.problems.end(), [&](const ProblemEntry& problem) {
              return context.catalog.FindProblem(problem.id)->scope == catalog::Scope::kTreat;
            }) >= 3;
    if (several)
      order_reasons.push_back("three or more problems are better worked on one after another");
    if (!template_set_aside.empty()) order_reasons.push_back(template_set_aside);
    std::string home;
    for (const auto& therapist : context.request.therapists) {
      if (!therapist.home_model.empty()) {
        home = therapist.home_model;
        break;
      }
    }
    const bool home_fits =
        !home.empty() && std::any_of(assessment.candidates.begin(), assessment.candidates.end(),
                                     [&](const Candidate& candidate) {
                                       return candidate.scored.model == home &&
                                              candidate.evidence > 0;
                                     });
    if (!order_reasons.empty()) {
      why = "auto chose sequential: ";
      for (std::size_t index = 0; index < order_reasons.size(); ++index)
        why += (index ? "; " : "") + order_reasons[index];
      plan = PlanSequential(context);
    } else if (home_fits) {
      why = "auto chose assimilative: the therapist's home model " + home +
            " has evidence for the client's problems";
      plan = PlanAssimilative(context);
    } else {
      why =
          "auto chose selective_synthesis: no template, ordering need or fitting home model; the "
          "best-covering set is solved exactly";
      plan = PlanSelectiveSynthesis(context);
    }
  }
  if (!plan) return plan;
  plan->explanation.insert(plan->explanation.begin(), why);
  plan->offered_options.push_back(
      {"strategy",
       {"eclectic", "sequential", "selective_synthesis", "assimilative", "integrative_model"}});
  return plan;
}

}  // namespace tessera::planner
