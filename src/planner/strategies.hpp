#pragma once
// Internal to the planner: one function per integration strategy (docs/planner.md, "Strategies").
// Each fills plan.phases (placed techniques), its strategy-specific fields and explanation lines;
// MakePlan (planner.hpp) adds what every plan has.

#include "planner/plan_builder.hpp"

namespace tessera::planner {

/// Ranked techniques by the decomposed fit score; the best set is arranged into phases.
Result<Plan> PlanEclectic(const StrategyContext& context);
/// Ordered phases with review points and switch criteria.
Result<Plan> PlanSequential(const StrategyContext& context);
/// The technique set that covers the client's weighted targets best, solved exactly.
Result<Plan> PlanSelectiveSynthesis(const StrategyContext& context);
/// A home model plus imported techniques, each with an assimilation note.
Result<Plan> PlanAssimilative(const StrategyContext& context);
/// The best-matching integrative model template.
Result<Plan> PlanIntegrativeModel(const StrategyContext& context);
/// Chooses among the above and says why.
Result<Plan> PlanAuto(const StrategyContext& context);

struct SynthesisProblem;
/// The optimisation problem selective synthesis solves for this context: items are the
/// eligible techniques covering a client target (plus their prerequisites), targets are the
/// client's weighted targets in id order. Exposed so tests can check it against brute force.
SynthesisProblem BuildSynthesisProblem(const StrategyContext& context);

/// How well a template's indications match the client: the share of the client's problem load
/// (severity-weighted) that the template is indicated for, weighted by indication strength.
struct TemplateMatch {
  const catalog::IntegrativeModel* model = nullptr;
  double score = 0;              // 0..1
  bool core_indication = false;  // a weight-3 indication matches one of the client's problems
  std::string reason;
};
/// Every template, best match first (ties by id).
std::vector<TemplateMatch> MatchTemplates(const StrategyContext& context);

/// The template's core components (those of its skills and processing phases) that are
/// deliverable for this client, split by whether they fit now: positive fit and, when the
/// client is not yet ready for action, not an action technique.
struct CoreComponentFit {
  std::vector<std::string> fitting;
  std::vector<std::string> not_fitting;  // each with why, e.g. "in_vivo_exposure (fit -0.12)"
};
CoreComponentFit CoreComponents(const catalog::IntegrativeModel& model,
                                const StrategyContext& context);

}  // namespace tessera::planner
