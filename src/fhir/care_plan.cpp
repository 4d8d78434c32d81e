#include "fhir/care_plan.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "fhir/fhir_json.hpp"
#include "fhir/resource_ids.hpp"
#include "planner/plan_content.hpp"

namespace tessera::fhir {
namespace {

using nlohmann::json;

// The current version's content; an empty object when it is not a plan document (then the
// CarePlan has no activities and no goals rather than failing the read).
json ContentOf(const Plan& plan) {
  Result<json> content = planner::ReadPlanContent<json>(plan.versions.back().content);
  return content ? *content : json::object();
}

json ArrayField(const json& object, const char* field) {
  const auto found = object.find(field);
  return found != object.end() && found->is_array() ? *found : json::array();
}

std::string StringField(const json& object, const char* field) {
  const auto found = object.find(field);
  return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// The client's goals: the strings of `client_goals`, in order.
std::vector<std::string> ClientGoals(const json& content) {
  std::vector<std::string> goals;
  for (const json& goal : ArrayField(content, "client_goals")) {
    if (goal.is_string() && !goal.get<std::string>().empty())
      goals.push_back(goal.get<std::string>());
  }
  return goals;
}

// The phase under way: "current_phase" when set (accepted adaptations move it), else the first.
std::size_t CurrentPhase(const json& content, std::size_t phases) {
  const auto current = content.find("current_phase");
  if (phases == 0 || current == content.end() || !current->is_number_unsigned()) return 0;
  return std::min(current->get<std::size_t>(), phases - 1);
}

std::string_view PhaseStatus(std::size_t index, std::size_t current) {
  if (index < current) return "completed";
  return index == current ? "in-progress" : "not-started";
}

json Concept(std::string_view system, const std::string& code, const std::string& name) {
  return {{"coding", json::array({Coding(system, code, name)})}, {"text", name}};
}

// A phase as an activity: its name, sessions, review point and goals.
json PhaseActivity(const json& phase, std::size_t number, std::size_t count,
                   std::string_view status) {
  const std::string name = StringField(phase, "name");
  std::string description = "Phase " + std::to_string(number) + " of " + std::to_string(count);
  if (const auto sessions = phase.find("sessions");
      sessions != phase.end() && sessions->is_number_integer() && *sessions > 0) {
    description += ", " + std::to_string(sessions->get<int>()) + " sessions";
  }
  if (const auto review = phase.find("review_at_session");
      review != phase.end() && review->is_number_integer() && *review > 0) {
    description += ", reviewed at session " + std::to_string(review->get<int>());
  }
  std::string goals;
  for (const json& goal : ArrayField(phase, "goals")) {
    if (goal.is_string()) goals += (goals.empty() ? "" : "; ") + goal.get<std::string>();
  }
  if (!goals.empty()) description += ". Goals: " + goals;
  const std::string code = StringField(phase, "phase");
  json detail = {{"code", Concept(kPhaseSystem, code.empty() ? name : code, name)},
                 {"status", status},
                 {"description", description}};
  return {{"detail", std::move(detail)}};
}

json TechniqueActivity(const std::string& id, const std::string& phase_name,
                       std::string_view status, const catalog::Catalog& catalog) {
  const catalog::Technique* technique = catalog.FindTechnique(id);
  const std::string name = technique != nullptr ? technique->name : id;
  json detail = {{"code", Concept(kTechniqueSystem, id, name)},
                 {"status", status},
                 {"description", "Technique of the phase '" + phase_name + "'"}};
  return {{"detail", std::move(detail)}};
}

std::optional<std::pair<std::int64_t, std::int64_t>> TwoIds(std::string_view id) {
  const auto dash = id.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto first = ParsePositiveId(id.substr(0, dash));
  const auto second = ParsePositiveId(id.substr(dash + 1));
  if (!first || !second) return std::nullopt;
  return std::pair{*first, *second};
}

}  // namespace

std::string CarePlanId(ClientId client, PlanId plan) {
  return std::to_string(client.value()) + "-" + std::to_string(plan.value());
}

Result<PlanRef> ParseCarePlanId(std::string_view id) {
  if (const auto ids = TwoIds(id)) return PlanRef{ClientId(ids->first), PlanId(ids->second)};
  return NotFound("CarePlan/" + std::string(id) + " not found");
}

Result<GoalRef> ParseGoalId(std::string_view id) {
  const auto dash = id.rfind('-');
  if (dash != std::string_view::npos) {
    const auto ids = TwoIds(id.substr(0, dash));
    const auto number = ParsePositiveId(id.substr(dash + 1));
    if (ids && number) {
      return GoalRef{{ClientId(ids->first), PlanId(ids->second)},
                     static_cast<std::size_t>(*number)};
    }
  }
  return NotFound("Goal/" + std::string(id) + " not found");
}

json CarePlanOf(const Plan& plan, const catalog::Catalog& catalog) {
  const json content = ContentOf(plan);
  const std::string id = CarePlanId(plan.client, plan.id);
  const json phases = ArrayField(content, "phases");
  const std::size_t current = CurrentPhase(content, phases.size());
  json activities = json::array();
  for (std::size_t index = 0; index < phases.size(); ++index) {
    const json& phase = phases[index];
    if (!phase.is_object()) continue;
    const std::string_view status = PhaseStatus(index, current);
    activities.push_back(PhaseActivity(phase, index + 1, phases.size(), status));
    for (const json& technique : ArrayField(phase, "techniques")) {
      const std::string technique_id = technique.is_object() ? StringField(technique, "id") : "";
      if (technique_id.empty()) continue;
      activities.push_back(
          TechniqueActivity(technique_id, StringField(phase, "name"), status, catalog));
    }
  }
  json goals = json::array();
  const std::size_t goal_count = ClientGoals(content).size();
  for (std::size_t number = 1; number <= goal_count; ++number) {
    goals.push_back(Reference("Goal", id + "-" + std::to_string(number)));
  }
  const PlanVersion& version = plan.versions.back();
  json care_plan = {{"resourceType", "CarePlan"},
                    {"id", id},
                    {"meta",
                     {{"versionId", std::to_string(version.version)},
                      {"lastUpdated", Instant(version.created_at)}}},
                    {"identifier", json::array({{{"system", kPlanIdentifierSystem},
                                                 {"value", std::to_string(plan.id.value())}}})},
                    {"status", "active"},
                    {"intent", "plan"},
                    {"title", "Treatment plan " + std::to_string(plan.id.value())},
                    {"subject", Reference("Patient", std::to_string(plan.client.value()))},
                    {"created", Instant(plan.versions.front().created_at)}};
  if (const std::string strategy = StringField(content, "strategy"); !strategy.empty()) {
    care_plan["description"] = "Integrative strategy: " + strategy;
  }
  if (!goals.empty()) care_plan["goal"] = std::move(goals);
  if (!activities.empty()) care_plan["activity"] = std::move(activities);
  return care_plan;
}

std::vector<json> GoalsOf(const Plan& plan) {
  const std::vector<std::string> goals = ClientGoals(ContentOf(plan));
  const std::string patient = std::to_string(plan.client.value());
  std::vector<json> resources;
  for (std::size_t index = 0; index < goals.size(); ++index) {
    resources.push_back({{"resourceType", "Goal"},
                         {"id", CarePlanId(plan.client, plan.id) + "-" + std::to_string(index + 1)},
                         {"lifecycleStatus", "active"},
                         {"description", {{"text", goals[index]}}},
                         {"subject", Reference("Patient", patient)},
                         {"expressedBy", Reference("Patient", patient)}});
  }
  return resources;
}

}  // namespace tessera::fhir
