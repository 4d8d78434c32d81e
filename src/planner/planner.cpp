#include "planner/planner.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "catalog/vocabulary.hpp"
#include "planner/strategies.hpp"
#include "planner/synthesis_solver.hpp"

namespace tessera::planner {

std::string_view Name(Strategy strategy) {
  switch (strategy) {
    case Strategy::kEclectic:
      return "eclectic";
    case Strategy::kSequential:
      return "sequential";
    case Strategy::kSelectiveSynthesis:
      return "selective_synthesis";
    case Strategy::kAssimilative:
      return "assimilative";
    case Strategy::kIntegrativeModel:
      return "integrative_model";
    case Strategy::kAuto:
      return "auto";
  }
  return "auto";
}

std::optional<Strategy> ParseStrategy(std::string_view word) {
  for (const Strategy strategy :
       {Strategy::kEclectic, Strategy::kSequential, Strategy::kSelectiveSynthesis,
        Strategy::kAssimilative, Strategy::kIntegrativeModel, Strategy::kAuto}) {
    if (Name(strategy) == word) return strategy;
  }
  return std::nullopt;
}

std::string_view Name(CompetenceAction action) {
  switch (action) {
    case CompetenceAction::kNone:
      return "none";
    case CompetenceAction::kSupervision:
      return "supervision";
    case CompetenceAction::kCoTherapy:
      return "co_therapy";
    case CompetenceAction::kReferral:
      return "referral";
  }
  return "none";
}

Status ValidateConstraints(const Constraints& constraints) {
  if (constraints.session_budget < 1 || constraints.session_budget > 200) {
    return InvalidArgument("sessions: " + std::to_string(constraints.session_budget) +
                           " is out of range 1 to 200");
  }
  if (constraints.max_techniques_per_phase < 1 || constraints.max_techniques_per_phase > 20) {
    return InvalidArgument(
        "max techniques per phase: " + std::to_string(constraints.max_techniques_per_phase) +
        " is out of range 1 to 20");
  }
  if (constraints.max_techniques < 1 || constraints.max_techniques > 40) {
    return InvalidArgument("max techniques: " + std::to_string(constraints.max_techniques) +
                           " is out of range 1 to 40");
  }
  if (constraints.node_limit < 1 || constraints.node_limit > 2'000'000'000) {
    return InvalidArgument("node limit: " + std::to_string(constraints.node_limit) +
                           " is out of range 1 to 2000000000");
  }
  if (!(constraints.time_limit_seconds > 0 && constraints.time_limit_seconds <= 3600)) {
    std::ostringstream seconds;
    seconds << constraints.time_limit_seconds;
    return InvalidArgument("time limit: " + seconds.str() +
                           " seconds is out of range (above 0, at most 3600)");
  }
  return Ok();
}

namespace {

std::vector<CommonFactorPlan> CommonFactors(const ClientProfile& profile,
                                            const catalog::Catalog& catalog) {
  std::vector<CommonFactorPlan> factors;
  for (const auto& factor : catalog.common_factors()) {
    factors.push_back({factor.id, factor.name, factor.actions, factor.source});
  }
  // Motivation matched to the stage of change (Prochaska): the data file holds the processes.
  CommonFactorPlan motivation{"motivation", "motivation matched to stage of change", {}, ""};
  if (profile.stage) {
    const catalog::StageGuidance* guidance = catalog.FindStage(Name(*profile.stage));
    if (guidance) {
      motivation.actions.push_back("stage " + guidance->stage + ": " + guidance->guidance);
      std::string processes;
      for (const auto& process : guidance->processes)
        processes += (processes.empty() ? "" : ", ") + process;
      motivation.actions.push_back("change processes to use: " + processes);
      motivation.source = guidance->source;
    }
  }
  if (motivation.actions.empty()) {
    motivation.actions.push_back(
        "stage of change not recorded: assess readiness (e.g. URICA) before action techniques");
    if (!catalog.stages().empty()) motivation.source = catalog.stages().front().source;
  }
  factors.push_back(std::move(motivation));
  return factors;
}

std::vector<PreferenceGap> PreferenceGaps(const ClientProfile& profile,
                                          const std::vector<Therapist>& therapists) {
  std::vector<PreferenceGap> gaps;
  struct Scale {
    const char* name;
    std::optional<int> CnipScales::*member;
    const char* high;
    const char* low;
  };
  static constexpr Scale kScales[] = {
      {"directiveness", &CnipScales::directiveness, "therapist-directed", "client-directed"},
      {"emotional_intensity", &CnipScales::emotional_intensity, "emotionally intense",
       "emotionally reserved"},
      {"past_orientation", &CnipScales::past_orientation, "past-focused", "present-focused"},
      {"challenge", &CnipScales::challenge, "challenging", "warmly supportive"},
  };
  for (const auto& therapist : therapists) {
    for (const auto& scale : kScales) {
      const auto& client = profile.preferences.*scale.member;
      const auto& style = therapist.style.*scale.member;
      // Two or more points apart on a -3..+3 scale is a difference worth discussing.
      if (!client || !style || std::abs(*client - *style) < 2) continue;
      const bool client_higher = *client > *style;
      gaps.push_back({therapist.id, scale.name, *client, *style,
                      "the client prefers more " +
                          std::string(client_higher ? scale.high : scale.low) + " work (" +
                          std::to_string(*client) + ") than " + therapist.id + "'s usual style (" +
                          std::to_string(*style) + "): discuss with the client and adapt"});
    }
  }
  return gaps;
}

std::vector<CompetenceGap> CompetenceGaps(const Plan& plan, const Assessment& assessment,
                                          const PlanRequest& request,
                                          const catalog::Catalog& catalog) {
  std::vector<CompetenceGap> gaps;
  for (const auto& phase : plan.phases) {
    for (const auto& technique : phase.techniques) {
      if (technique.competence_action == CompetenceAction::kNone) continue;
      const Candidate* candidate = assessment.Find(technique.id);
      gaps.push_back({technique.id, candidate->best_therapist, candidate->technique->competence,
                      candidate->best_level, technique.competence_action});
    }
  }
  // A problem for which the plan holds no strongly supported technique, while one was left out
  // for lack of competence: the client should be told and offered a referral for it.
  const auto strong_for = [](const catalog::Technique& technique, const std::string& problem) {
    return std::any_of(technique.evidence.begin(), technique.evidence.end(),
                       [&](const catalog::Evidence& evidence) {
                         return evidence.strength == catalog::Strength::kStrong &&
                                evidence.problem == problem;
                       });
  };
  for (const auto& problem : request.profile.problems) {
    bool planned = false;
    for (const auto& phase : plan.phases) {
      for (const auto& technique : phase.techniques)
        planned = planned || strong_for(*catalog.FindTechnique(technique.id), problem.id);
    }
    if (planned) continue;
    const catalog::Technique* best = nullptr;
    double best_cover = 0;
    for (const auto& left_out : assessment.competence_left_out) {
      const catalog::Technique& technique = *catalog.FindTechnique(left_out.id);
      if (!strong_for(technique, problem.id)) continue;
      const double cover = CoveredWeight(technique, assessment.targets);
      if (!best || cover > best_cover) {
        best = &technique;
        best_cover = cover;
      }
    }
    if (!best) continue;
    const bool listed = std::any_of(gaps.begin(), gaps.end(), [&](const CompetenceGap& gap) {
      return gap.technique == best->id;
    });
    if (!listed) {
      gaps.push_back({best->id, request.therapists.front().id, best->competence, Competence::kNone,
                      CompetenceAction::kReferral});
    }
  }
  return gaps;
}

}  // namespace

Result<Plan> MakePlan(const PlanRequest& request, const catalog::Catalog& catalog) {
  TRY(ValidateProfile(request.profile, catalog));
  TRY(ValidateConstraints(request.constraints));
  std::set<std::string> ids;
  for (const auto& therapist : request.therapists) {
    if (!ids.insert(therapist.id).second)
      return InvalidArgument("therapist: id '" + therapist.id + "' is given twice");
  }
  const Assessment assessment = Assess(request, catalog);
  const StrategyContext context{request, catalog, assessment};
  Result<Plan> built = InvalidArgument("unknown strategy");
  switch (request.strategy) {
    case Strategy::kEclectic:
      built = PlanEclectic(context);
      break;
    case Strategy::kSequential:
      built = PlanSequential(context);
      break;
    case Strategy::kSelectiveSynthesis:
      built = PlanSelectiveSynthesis(context);
      break;
    case Strategy::kAssimilative:
      built = PlanAssimilative(context);
      break;
    case Strategy::kIntegrativeModel:
      built = PlanIntegrativeModel(context);
      break;
    case Strategy::kAuto:
      built = PlanAuto(context);
      break;
  }
  if (!built) return built;
  Plan plan = std::move(built).value();
  plan.requested = request.strategy;
  for (const auto& therapist : request.therapists) plan.therapists.push_back(therapist.id);
  plan.session_budget = request.constraints.session_budget;
  HonourStrongPreferences(plan, context);
  OpenWithSafetyWork(plan, assessment);
  FinishPhases(plan, context);
  plan.common_factors = CommonFactors(request.profile, catalog);
  plan.excluded = assessment.excluded;
  plan.competence_gaps = CompetenceGaps(plan, assessment, request, catalog);
  plan.preference_gaps = PreferenceGaps(request.profile, request.therapists);
  plan.referrals = assessment.referrals;
  plan.client_goals = request.profile.goals;
  plan.problems = request.profile.problems;
  // The client can always choose a different way of integrating.
  if (plan.offered_options.empty()) {
    OfferedOption strategies{"strategy", {}};
    for (const Strategy other :
         {Strategy::kEclectic, Strategy::kSequential, Strategy::kSelectiveSynthesis,
          Strategy::kAssimilative, Strategy::kIntegrativeModel}) {
      if (other != plan.strategy) strategies.options.emplace_back(Name(other));
    }
    plan.offered_options.push_back(std::move(strategies));
  }
  for (const auto& note : assessment.notes) plan.explanation.push_back(note);
  if (request.therapists.empty())
    plan.explanation.push_back("no therapist given: competence was not checked");
  for (const auto& referral : plan.referrals) {
    plan.explanation.push_back("refer for " + referral.problem + ": " + referral.note);
  }
  return plan;
}

Status WriteSelectiveSynthesisLp(const PlanRequest& request, const catalog::Catalog& catalog,
                                 const std::string& path) {
  TRY(ValidateProfile(request.profile, catalog));
  TRY(ValidateConstraints(request.constraints));
  const Assessment assessment = Assess(request, catalog);
  const StrategyContext context{request, catalog, assessment};
  return WriteSynthesisLp(BuildSynthesisProblem(context), path);
}

}  // namespace tessera::planner
