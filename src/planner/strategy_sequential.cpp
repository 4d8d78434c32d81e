// Sequential integration: one phase after another, each with its review point and the criteria
// for moving on or switching.

#include <algorithm>

#include "catalog/vocabulary.hpp"
#include "planner/strategies.hpp"

namespace tessera::planner {

using catalog::Phase;

namespace {

constexpr double kSaturation = 2.0;

// A phase-specific ordering: stabilisation prefers arousal-lowering work, engagement before
// the action stages prefers motivational work (Prochaska; Beutler's distress principle).
double PhaseScore(const Candidate& candidate, Phase phase, const Assessment& assessment) {
  double score = candidate.scored.fit;
  if (phase == Phase::kStabilisation &&
      candidate.technique->sts.arousal == catalog::Arousal::kLowering)
    score += 0.05;
  if (phase == Phase::kEngagement && assessment.needs_motivation &&
      candidate.technique->model == "motivational_interviewing") {
    score += 0.1;
  }
  return score;
}

// How much new client-target weight a technique adds, given what the change phases cover
// already (a target is saturated by about two techniques aimed squarely at it).
double Marginal(const catalog::Technique& technique, const std::map<std::string, double>& targets,
                const std::map<std::string, double>& covered) {
  double gain = 0;
  for (const auto& target : technique.targets) {
    const auto weight = targets.find(target.id);
    if (weight == targets.end()) continue;
    const auto found = covered.find(target.id);
    const double before = found == covered.end() ? 0.0 : found->second;
    gain += weight->second *
            (std::min(kSaturation, before + target.weight / 3.0) - std::min(kSaturation, before));
  }
  return gain;
}

// Why the plan needs a processing phase; empty when it does not.
std::string ProcessingReason(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  if (context.request.profile.sts.coping_style == CopingStyle::kInternalizing) {
    return "internalising coping favours insight-oriented work (beutler_coping_2011)";
  }
  // A technique aimed centrally (weight 3) at one of the client's problems that only suits
  // processing means the problem needs a processing phase (e.g. trauma memories, grief).
  for (const auto& candidate : assessment.candidates) {
    const auto& phases = candidate.technique->phases;
    if (std::find(phases.begin(), phases.end(), Phase::kSkills) != phases.end()) continue;
    if (std::find(phases.begin(), phases.end(), Phase::kProcessing) == phases.end()) continue;
    for (const auto& target : candidate.technique->targets) {
      for (const auto& problem : context.request.profile.problems) {
        if (target.id == problem.id && target.weight == 3) {
          return problem.id + " is the central target of processing work such as " +
                 candidate.scored.id;
        }
      }
    }
  }
  return "";
}

}  // namespace

Result<Plan> PlanSequential(const StrategyContext& context) {
  const Assessment& assessment = context.assessment;
  const Constraints& constraints = context.request.constraints;
  Plan plan;
  plan.strategy = Strategy::kSequential;

  std::vector<Phase> phases{Phase::kEngagement};
  if (assessment.needs_stabilisation) {
    phases.push_back(Phase::kStabilisation);
    plan.explanation.push_back("stabilisation phase: " + assessment.stabilisation_reason);
  }
  phases.push_back(Phase::kSkills);
  if (const std::string reason = ProcessingReason(context); !reason.empty()) {
    phases.push_back(Phase::kProcessing);
    plan.explanation.push_back("processing phase: " + reason);
  }
  // A separate consolidation phase only pays off in a longer course.
  if (constraints.session_budget >= 16) phases.push_back(Phase::kConsolidation);
  phases.push_back(Phase::kRelapsePrevention);
  if (assessment.needs_motivation) {
    plan.explanation.push_back("engagement first with motivational work: stage of change is " +
                               std::string(Name(*context.request.profile.stage)) +
                               " (norcross_stages_2011)");
  }

  std::vector<std::string> used;
  std::map<std::string, double> covered;
  int raw_sessions = 0;
  for (std::size_t phase_index = 0; phase_index < phases.size(); ++phase_index) {
    const Phase phase = phases[phase_index];
    // Each phase may fill up to its share of the budget so that later phases keep room.
    const double allowance = static_cast<double>(constraints.session_budget) *
                             static_cast<double>(phase_index + 1) /
                             static_cast<double>(phases.size());
    std::vector<const Candidate*> pool;
    for (const auto& candidate : assessment.candidates) {
      const auto& own = candidate.technique->phases;
      if (std::find(own.begin(), own.end(), phase) == own.end()) continue;
      if (!AllowedInPhase(candidate, phase, assessment)) continue;
      // Safety planning is for reported risk, not routine stabilisation.
      if (!assessment.risk_present && Assessment::IsSafetyWork(*candidate.technique)) continue;
      pool.push_back(&candidate);
    }
    std::stable_sort(pool.begin(), pool.end(), [&](const Candidate* a, const Candidate* b) {
      const double first = PhaseScore(*a, phase, assessment);
      const double second = PhaseScore(*b, phase, assessment);
      if (first != second) return first > second;
      return a->scored.id < b->scored.id;
    });
    std::vector<std::string> phase_members;
    // Safety work goes into the first phase it suits when risk is reported (MakePlan then
    // moves it to the very start of the plan, whatever the strategy: OpenWithSafetyWork).
    if (!assessment.safety_technique.empty() &&
        std::find(used.begin(), used.end(), assessment.safety_technique) == used.end()) {
      const Candidate* safety = assessment.Find(assessment.safety_technique);
      const auto& own = safety->technique->phases;
      if (std::find(own.begin(), own.end(), phase) != own.end() &&
          AllowedInPhase(*safety, phase, assessment) &&
          AddWithPrerequisites(safety->scored.id, assessment, used)) {
        phase_members.push_back(safety->scored.id);
        raw_sessions += safety->technique->sessions;
      }
    }
    OfferedOption alternatives{std::string(catalog::Name(phase)), {}};
    // Engagement, stabilisation and ending serve the whole course rather than particular
    // targets, so they are filled by fit, not by new target coverage.
    const bool process_phase = phase == Phase::kEngagement || phase == Phase::kStabilisation ||
                               phase == Phase::kRelapsePrevention || phase == Phase::kConsolidation;
    for (const Candidate* candidate : pool) {
      const std::string& id = candidate->scored.id;
      if (std::find(used.begin(), used.end(), id) != used.end()) continue;
      const bool full =
          static_cast<int>(phase_members.size()) >= constraints.max_techniques_per_phase;
      const bool adds =
          process_phase || Marginal(*candidate->technique, assessment.targets, covered) > 1e-9;
      // A phase's first technique needs at least one session left (engagement and ending
      // always get one); further ones must fit in the phase's share of the budget.
      const bool always = phase == Phase::kEngagement || phase == Phase::kRelapsePrevention;
      const bool affordable = phase_members.empty()
                                  ? always || raw_sessions < constraints.session_budget
                                  : raw_sessions + candidate->technique->sessions <= allowance;
      // Engagement, stabilisation (when needed) and ending are part of every sequential plan
      // whatever the STS match: their best technique goes in even when its fit is low.
      const bool wanted = candidate->scored.fit > 0 ||
                          (phase_members.empty() && (phase == Phase::kStabilisation || always));
      if (full || !adds || !affordable || !wanted) {
        if (alternatives.options.size() < 3 && candidate->scored.fit > 0)
          alternatives.options.push_back(id);
        continue;
      }
      std::vector<std::string> trial = used;
      if (!AddWithPrerequisites(id, assessment, trial)) continue;
      const int added = static_cast<int>(trial.size() - used.size());
      if (static_cast<int>(phase_members.size()) + added > constraints.max_techniques_per_phase)
        continue;
      for (std::size_t index = used.size(); index < trial.size(); ++index) {
        const catalog::Technique& technique = *assessment.Find(trial[index])->technique;
        // Engagement and ending work frame the change work; they do not saturate its targets.
        if (!process_phase) {
          for (const auto& target : technique.targets) covered[target.id] += target.weight / 3.0;
        }
        raw_sessions += technique.sessions;
        phase_members.push_back(trial[index]);
      }
      used = std::move(trial);
    }
    if (phase_members.empty()) continue;
    PlanPhase plan_phase;
    plan_phase.phase = phase;
    for (const auto& id : phase_members) plan_phase.techniques.push_back(Planned(id, assessment));
    plan.phases.push_back(std::move(plan_phase));
    if (!alternatives.options.empty()) plan.offered_options.push_back(std::move(alternatives));
  }
  plan.explanation.push_back(
      "sequential: " + std::to_string(plan.phases.size()) +
      " phases, each reviewed at its last session against its switch criteria");
  return plan;
}

}  // namespace tessera::planner
