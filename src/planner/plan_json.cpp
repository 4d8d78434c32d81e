#include <nlohmann/json.hpp>

#include "catalog/vocabulary.hpp"
#include "planner/internal/technique_json.hpp"
#include "planner/plan_content.hpp"
#include "planner/plan_output.hpp"

namespace tessera::planner {

Json TechniqueJson(const PlannedTechnique& technique) {
  Json out;
  out["id"] = technique.id;
  out["model"] = technique.model;
  out["fit"] = technique.fit;
  out["reasons"] = technique.reasons;
  Json components = Json::array();
  for (const auto& component : technique.components) {
    components.push_back({{"name", component.name},
                          {"value", component.value},
                          {"weight", component.weight},
                          {"reason", component.reason}});
  }
  out["components"] = std::move(components);
  if (!technique.therapist.empty()) out["therapist"] = technique.therapist;
  if (technique.competence_action != CompetenceAction::kNone)
    out["competence"] = Name(technique.competence_action);
  if (!technique.assimilation_note.empty()) out["assimilation_note"] = technique.assimilation_note;
  return out;
}

std::string PlanToJson(const Plan& plan) {
  Json out;
  out["format"] = kPlanContentFormat;
  out["strategy"] = Name(plan.strategy);
  out["requested_strategy"] = Name(plan.requested);
  Json phases = Json::array();
  for (const auto& phase : plan.phases) {
    Json item;
    item["name"] = phase.name;
    item["phase"] = catalog::Name(phase.phase);
    item["models"] = phase.models;
    Json techniques = Json::array();
    for (const auto& technique : phase.techniques) techniques.push_back(TechniqueJson(technique));
    item["techniques"] = std::move(techniques);
    item["goals"] = phase.goals;
    item["sessions"] = phase.sessions;
    item["review_at_session"] = phase.review_at_session;
    item["switch_criteria"] = phase.switch_criteria;
    item["switch_triggers"] = phase.switch_triggers;
    if (!phase.lead_therapist.empty()) item["lead_therapist"] = phase.lead_therapist;
    phases.push_back(std::move(item));
  }
  out["phases"] = std::move(phases);
  Json factors = Json::array();
  for (const auto& factor : plan.common_factors) {
    factors.push_back({{"id", factor.id},
                       {"name", factor.name},
                       {"actions", factor.actions},
                       {"source", factor.source}});
  }
  out["common_factors"] = std::move(factors);
  Json excluded = Json::array();
  for (const auto& exclusion : plan.excluded)
    excluded.push_back({{"id", exclusion.id}, {"reason", exclusion.reason}});
  out["excluded"] = std::move(excluded);
  Json competence = Json::array();
  for (const auto& gap : plan.competence_gaps) {
    competence.push_back({{"technique", gap.technique},
                          {"therapist", gap.therapist},
                          {"needed", Name(gap.needed)},
                          {"available", Name(gap.available)},
                          {"action", Name(gap.action)}});
  }
  out["competence_gaps"] = std::move(competence);
  Json preference = Json::array();
  for (const auto& gap : plan.preference_gaps) {
    preference.push_back({{"therapist", gap.therapist},
                          {"dimension", gap.dimension},
                          {"client", gap.client},
                          {"therapist_style", gap.therapist_style},
                          {"note", gap.note}});
  }
  out["preference_gaps"] = std::move(preference);
  out["objective"] = plan.objective ? Json(*plan.objective) : Json(nullptr);
  out["bound"] = plan.bound ? Json(*plan.bound) : Json(nullptr);
  if (plan.objective) {
    out["proven_optimal"] = plan.proven_optimal;
    out["search_nodes"] = plan.search_nodes;
  }
  Json referrals = Json::array();
  for (const auto& referral : plan.referrals)
    referrals.push_back({{"problem", referral.problem}, {"note", referral.note}});
  out["referrals"] = std::move(referrals);
  out["client_goals"] = plan.client_goals;
  Json problems = Json::array();
  for (const auto& problem : plan.problems)
    problems.push_back({{"id", problem.id}, {"severity", Name(problem.severity)}});
  out["problems"] = std::move(problems);
  Json options = Json::array();
  for (const auto& option : plan.offered_options)
    options.push_back({{"for", option.phase}, {"options", option.options}});
  out["offered_options"] = std::move(options);
  if (!plan.home_model.empty()) out["home_model"] = plan.home_model;
  if (!plan.template_id.empty()) out["template"] = plan.template_id;
  if (!plan.ranking.empty()) {
    Json ranking = Json::array();
    for (const auto& technique : plan.ranking) {
      ranking.push_back({{"id", technique.id}, {"model", technique.model}, {"fit", technique.fit}});
    }
    out["ranking"] = std::move(ranking);
  }
  out["explanation"] = plan.explanation;
  // Who and what the plan was made for: revisions are re-checked against the same team and
  // budget (plan_rules.hpp).
  out["therapists"] = plan.therapists;
  out["session_budget"] = plan.session_budget;
  return WritePlanContent(std::move(out));
}

}  // namespace tessera::planner
