// The plan a person reads first: what will be done, by whom, why in one line, and what is open
// (choices, gaps, referrals). The full document stays available for "why not that one".
#include "planner/internal/technique_json.hpp"
#include "planner/plan_content.hpp"
#include "planner/plan_output.hpp"

namespace tessera::planner {

namespace {

// Copies `fields` of `from` that are present, in the given order.
void CopyFields(const Json& from, Json& to, std::initializer_list<const char*> fields) {
  for (const char* field : fields) {
    if (const auto found = from.find(field); found != from.end()) to[field] = *found;
  }
}

Json TechniqueSummary(const Json& technique) {
  Json out;
  CopyFields(technique, out, {"id", "model", "therapist", "competence", "assimilation_note"});
  const auto reasons = technique.find("reasons");
  const bool has_reason = reasons != technique.end() && reasons->is_array() && !reasons->empty();
  out["why"] = has_reason ? (*reasons)[0] : Json("");
  return out;
}

Json PhaseSummary(const Json& phase) {
  Json out;
  CopyFields(
      phase, out,
      {"name", "phase", "models", "sessions", "review_at_session", "lead_therapist", "goals"});
  Json techniques = Json::array();
  for (const Json& technique : phase.value("techniques", Json::array()))
    techniques.push_back(TechniqueSummary(technique));
  out["techniques"] = std::move(techniques);
  CopyFields(phase, out, {"switch_criteria"});
  return out;
}

}  // namespace

Result<std::string> PlanContentSummary(const std::string& content) {
  const Result<Json> read = ReadPlanContent<Json>(content);
  if (!read) return Propagate(read.error());
  const Json& plan = *read;
  if (!plan.contains("phases") || !plan["phases"].is_array()) {
    return InvalidArgument("the stored plan content is not a plan document");
  }
  Json out;
  out["detail"] = "summary";
  CopyFields(
      plan, out,
      {"strategy", "requested_strategy", "template", "home_model", "problems", "client_goals"});
  Json phases = Json::array();
  for (const Json& phase : plan["phases"]) phases.push_back(PhaseSummary(phase));
  out["phases"] = std::move(phases);
  Json factors = Json::array();
  for (const Json& factor : plan.value("common_factors", Json::array())) {
    Json named;
    CopyFields(factor, named, {"id", "name"});
    factors.push_back(std::move(named));
  }
  out["common_factors"] = std::move(factors);
  // What happened to the plan after planning (choices, adaptations, overrides) is part of
  // reading it, so it is kept whole.
  CopyFields(plan, out,
             {"current_phase", "offered_options", "client_choices", "client_declined",
              "client_choice_changes", "competence_gaps", "preference_gaps", "referrals",
              "revisions", "rule_overrides", "therapists", "session_budget"});
  out["excluded_count"] = plan.value("excluded", Json::array()).size();
  return out.dump();
}

}  // namespace tessera::planner
