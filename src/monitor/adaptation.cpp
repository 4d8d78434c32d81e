// AcceptProposal: the next plan version, recording the feedback that prompted it.

#include "monitor/adaptation.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "monitor/proposal_json.hpp"
#include "planner/plan_content.hpp"

namespace tessera::monitor {
namespace {

using Json = nlohmann::ordered_json;

// The phase under way: the plan's "current_phase" when set, else the proposal's phase by name.
Result<std::size_t> CurrentPhase(const Json& plan, const AdaptationProposal& proposal) {
  const Json& phases = plan.at("phases");
  if (!phases.is_array() || phases.empty())
    return InvalidArgument("plan.phases: the plan has no phases");
  for (std::size_t index = 0; index < phases.size(); ++index) {
    if (phases[index].value("name", "") == proposal.phase) return index;
  }
  if (plan.contains("current_phase") && plan.at("current_phase").is_number_unsigned()) {
    const std::size_t index = plan.at("current_phase").get<std::size_t>();
    if (index < phases.size()) return index;
  }
  return InvalidArgument("proposal.phase: '" + proposal.phase + "' is not a phase of the plan");
}

// Repair belongs to the plan's common-factors layer, not to a phase.
Status AddRepairAction(Json& plan, const AdaptationProposal& proposal) {
  if (!plan.contains("common_factors")) plan["common_factors"] = Json::array();
  for (Json& factor : plan["common_factors"]) {
    if (factor.value("id", "") == "alliance") {
      // A repair already in the plan is not written again (no duplicate lines).
      for (const Json& action : factor["actions"]) {
        if (action.is_string() && action.get<std::string>() == proposal.text) return Ok();
      }
      factor["actions"].push_back(proposal.text);
      return Ok();
    }
  }
  plan["common_factors"].push_back(
      {{"id", "alliance"}, {"name", "therapeutic alliance"}, {"actions", {proposal.text}}});
  return Ok();
}

Status Apply(Json& plan, const AdaptationProposal& proposal) {
  if (proposal.change == PlanChange::kNone) return Ok();
  if (proposal.change == PlanChange::kAddCommonFactorAction) return AddRepairAction(plan, proposal);
  TRY_ASSIGN(const std::size_t index, CurrentPhase(plan, proposal));
  Json& phases = plan.at("phases");
  switch (proposal.change) {
    case PlanChange::kNone:
      return Ok();
    case PlanChange::kMoveToNextPhase:
      if (index + 1 >= phases.size())
        return InvalidArgument("proposal: '" + proposal.phase + "' is the last phase");
      plan["current_phase"] = index + 1;
      return Ok();
    case PlanChange::kReturnToEarlierPhase:
      if (index == 0)
        return InvalidArgument("proposal: '" + proposal.phase + "' is the first phase");
      plan["current_phase"] = index - 1;
      return Ok();
    case PlanChange::kAddTechnique: {
      // Anywhere in the plan, not only this phase: one plan never lists a technique twice.
      for (const Json& other : phases) {
        for (const Json& technique : other.value("techniques", Json::array())) {
          if (technique.value("id", "") == proposal.technique) {
            return InvalidArgument("proposal.technique: '" + proposal.technique +
                                   "' is already in phase '" + other.value("name", "") + "'");
          }
        }
      }
      Json& techniques = phases[index]["techniques"];
      techniques.push_back({{"id", proposal.technique},
                            {"added_by", "monitor proposal " + proposal.id},
                            {"reasons", Json::array({proposal.text})}});
      plan["current_phase"] = index;
      return Ok();
    }
    case PlanChange::kRemoveTechnique: {
      Json& techniques = phases[index]["techniques"];
      const auto found = std::find_if(
          techniques.begin(), techniques.end(),
          [&](const Json& technique) { return technique.value("id", "") == proposal.technique; });
      if (found == techniques.end()) {
        return InvalidArgument("proposal.technique: '" + proposal.technique +
                               "' is not in phase '" + proposal.phase + "'");
      }
      techniques.erase(found);
      plan["current_phase"] = index;
      return Ok();
    }
    case PlanChange::kAddCommonFactorAction:
      return AddRepairAction(plan, proposal);
  }
  return Ok();
}

}  // namespace

Result<PlanRevision> AcceptProposal(const std::string& plan_json,
                                    const AdaptationProposal& proposal,
                                    const std::string& client_feedback) {
  Result<Json> read = planner::ReadPlanContent<Json>(plan_json);
  if (!read) return InvalidArgument("plan: " + read.error().message());
  Json plan = std::move(*read);
  if (!plan.contains("phases"))
    return InvalidArgument("plan: must be the planner's plan JSON with phases");
  TRY(Apply(plan, proposal));
  PlanRevision revision{.reason = std::string(Name(proposal.kind)) + ": " + proposal.text,
                        .session = proposal.session,
                        .client_feedback = client_feedback};
  for (AlertType type : proposal.prompted_by) revision.alert_types.emplace_back(Name(type));
  if (!plan.contains("revisions")) plan["revisions"] = Json::array();
  Json entry = ProposalJson(proposal, "proposal");
  entry["client_feedback"] = client_feedback;
  plan["revisions"].push_back(std::move(entry));
  revision.content = planner::WritePlanContent(std::move(plan));
  return revision;
}

}  // namespace tessera::monitor
