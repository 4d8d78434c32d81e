// CheckRevision: the planner's rules for techniques a revision adds (plan_rules.hpp).

#include "planner/plan_rules.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "catalog/vocabulary.hpp"
#include "planner/assessment.hpp"
#include "planner/internal/technique_json.hpp"
#include "planner/plan_builder.hpp"
#include "planner/plan_content.hpp"

namespace tessera::planner {
namespace {

Result<Json> ParsePlan(const std::string& text, const std::string& which) {
  Result<Json> plan = ReadPlanContent<Json>(text);
  if (!plan) return InvalidArgument(which + ": " + plan.error().message());
  if (plan->contains("phases") && plan->at("phases").is_array()) return plan;
  return InvalidArgument(which + ": not the planner's plan JSON with phases");
}

// technique id -> index of the first phase that plans it.
std::map<std::string, std::size_t> PlannedPhases(const Json& plan) {
  std::map<std::string, std::size_t> planned;
  const Json& phases = plan.at("phases");
  for (std::size_t index = 0; index < phases.size(); ++index) {
    for (const Json& technique : phases[index].value("techniques", Json::array())) {
      planned.emplace(technique.value("id", ""), index);
    }
  }
  return planned;
}

// Sessions the planned techniques' planning estimates add up to.
int EstimatedSessions(const Json& plan, const catalog::Catalog& catalog) {
  int total = 0;
  for (const auto& [id, phase] : PlannedPhases(plan)) {
    if (const catalog::Technique* technique = catalog.FindTechnique(id))
      total += technique->sessions;
  }
  return total;
}

int Budget(const Json& plan) {
  if (plan.contains("session_budget") && plan.at("session_budget").is_number_integer() &&
      plan.at("session_budget").get<int>() > 0) {
    return plan.at("session_budget").get<int>();
  }
  int total = 0;
  for (const Json& phase : plan.at("phases")) total += phase.value("sessions", 0);
  return total;
}

std::string ExclusionReason(const Json& plan, const std::string& id) {
  for (const Json& entry : plan.value("excluded", Json::array())) {
    if (entry.value("id", "") == id) return entry.value("reason", "left out");
  }
  return "";
}

}  // namespace

Result<RevisionCheck> CheckRevision(const std::string& previous, const std::string& revised,
                                    const PlanRequest& request, const catalog::Catalog& catalog) {
  TRY_ASSIGN(const Json before, ParsePlan(previous, "previous plan"));
  TRY_ASSIGN(Json after, ParsePlan(revised, "revised plan"));
  const Assessment assessment = Assess(request, catalog);
  const std::map<std::string, std::size_t> planned_before = PlannedPhases(before);
  const std::map<std::string, std::size_t> planned_after = PlannedPhases(after);
  RevisionCheck check;
  Json& phases = after.at("phases");

  std::set<std::string> seen;
  for (Json& phase : phases) {
    for (const Json& technique : phase.value("techniques", Json::array())) {
      const std::string id = technique.value("id", "");
      if (!seen.insert(id).second)
        check.violations.push_back(id + ": planned twice; a plan lists each technique once");
    }
  }
  for (std::size_t phase_index = 0; phase_index < phases.size(); ++phase_index) {
    Json& phase = phases[phase_index];
    const std::string phase_name = phase.value("name", phase.value("phase", ""));
    const auto phase_id = catalog::ParsePhase(phase.value("phase", ""));
    for (Json& technique : phase["techniques"]) {
      const std::string id = technique.value("id", "");
      if (planned_before.contains(id)) continue;
      if (const std::string reason = ExclusionReason(after, id); !reason.empty()) {
        check.violations.push_back(id + ": left out of this plan: " + reason);
        continue;
      }
      const Candidate* candidate = assessment.Find(id);
      if (candidate == nullptr) {
        const auto excluded =
            std::find_if(assessment.excluded.begin(), assessment.excluded.end(),
                         [&](const Exclusion& exclusion) { return exclusion.id == id; });
        check.violations.push_back(
            id + ": not deliverable for this client and team: " +
            (excluded != assessment.excluded.end() ? excluded->reason : "not in the catalogue"));
        continue;
      }
      const auto& own = candidate->technique->phases;
      if (!phase_id || std::find(own.begin(), own.end(), *phase_id) == own.end()) {
        check.violations.push_back(
            id + ": does not belong in the " + phase_name + " phase (its phases: " +
            [&] {
              std::string list;
              for (const auto one : own)
                list += (list.empty() ? "" : ", ") + std::string(catalog::Name(one));
              return list;
            }() +
            ")");
      } else if (!AllowedInPhase(*candidate, *phase_id, assessment)) {
        check.violations.push_back(
            id + ": not allowed in the " + phase_name +
            " phase for this client (stabilisation, readiness or arousal order)");
      }
      for (const auto& prerequisite : candidate->technique->prerequisites) {
        const auto found = planned_after.find(prerequisite);
        if (found == planned_after.end() || found->second > phase_index) {
          check.violations.push_back(id + ": needs " + prerequisite + " planned first");
        }
      }
      // Completed as the planner writes it: who delivers it and how competent they are.
      Json completed = TechniqueJson(candidate->scored);
      if (technique.contains("added_by")) completed["added_by"] = technique.at("added_by");
      technique = std::move(completed);
      if (candidate->scored.competence_action != CompetenceAction::kNone) {
        after["competence_gaps"].push_back({{"technique", id},
                                            {"therapist", candidate->best_therapist},
                                            {"needed", Name(candidate->technique->competence)},
                                            {"available", Name(candidate->best_level)},
                                            {"action", Name(candidate->scored.competence_action)}});
      }
    }
  }
  // Techniques the revision removes: not safety work while risk is reported, and not what a
  // technique that stays needs first.
  for (const auto& [id, phase_index] : planned_before) {
    if (planned_after.contains(id)) continue;
    if (assessment.risk_present && id == assessment.safety_technique) {
      check.violations.push_back(id + ": safety work stays in the plan while risk is reported");
    }
    for (const auto& [other, other_phase] : planned_after) {
      const catalog::Technique* technique = catalog.FindTechnique(other);
      if (technique == nullptr) continue;
      const auto& needs = technique->prerequisites;
      if (std::find(needs.begin(), needs.end(), id) != needs.end()) {
        check.violations.push_back(id + ": " + other + " needs it planned first");
      }
    }
  }
  const int budget = Budget(after);
  const int estimate_after = EstimatedSessions(after, catalog);
  if (budget > 0 && estimate_after > budget && EstimatedSessions(before, catalog) <= budget) {
    check.violations.push_back("the techniques' planning estimates add up to " +
                               std::to_string(estimate_after) +
                               " sessions, more than the budget of " + std::to_string(budget));
  }
  check.content = WritePlanContent(std::move(after));
  return check;
}

}  // namespace tessera::planner
