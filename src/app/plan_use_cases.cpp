#include "app/plan_use_cases.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/plan_inputs.hpp"
#include "app/plan_versions.hpp"
#include "catalog/vocabulary.hpp"
#include "planner/assessment.hpp"
#include "planner/plan_content.hpp"
#include "planner/plan_output.hpp"
#include "planner/plan_rules.hpp"
#include "planner/planner.hpp"

namespace tessera::app {
namespace {

// The care team's treating members (lead, then co-therapists, in the order they joined)
// who have a therapist profile: the plan's therapists when none are named (issue 14), so
// competence is checked against the people who will deliver the plan.
Result<std::vector<TherapistId>> CareTeamTherapists(Store& store, const AccessContext& context,
                                                    ClientId client) {
  TRY_ASSIGN(std::vector<CareTeamMember> team, store.GetCareTeam(context, client));
  TRY_ASSIGN(std::vector<Therapist> therapists, store.ListTherapists(context));
  std::vector<TherapistId> ids;
  for (const CareTeamRole role : {CareTeamRole::kLead, CareTeamRole::kCoTherapist}) {
    for (const CareTeamMember& member : team) {
      if (member.role != role) continue;
      for (const Therapist& therapist : therapists) {
        if (therapist.user == member.user &&
            std::find(ids.begin(), ids.end(), therapist.id) == ids.end()) {
          ids.push_back(therapist.id);
        }
      }
    }
  }
  return ids;
}

}  // namespace

Result<Plan> CreateTreatmentPlan(Store& store, const AccessContext& context,
                                 const ClinicalLibrary& library, const Clock& clock,
                                 const CreatePlanRequest& request) {
  const auto strategy = planner::ParseStrategy(request.strategy);
  if (!strategy) {
    return InvalidArgument("strategy '" + request.strategy +
                           "' is not one of eclectic, sequential, selective_synthesis, "
                           "assimilative, integrative_model, auto");
  }
  Plan stored_plan;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(Client client, store.GetClientProfile(context, request.client));
    TRY_ASSIGN(std::vector<Episode> episodes, store.ListEpisodes(context, request.client));
    const bool episode_found = std::any_of(episodes.begin(), episodes.end(), [&](const Episode& e) {
      return e.id == request.episode;
    });
    if (!episode_found) {
      return NotFound("episode " + std::to_string(request.episode.value()) + " not found");
    }
    planner::PlanRequest plan_request;
    TRY_ASSIGN(plan_request.profile, PlannerProfile(client.profile, library.catalog));
    std::vector<TherapistId> therapist_ids = request.therapists;
    std::string team_note;
    if (therapist_ids.empty()) {
      TRY_ASSIGN(therapist_ids, CareTeamTherapists(store, context, request.client));
      if (!therapist_ids.empty()) {
        team_note = "therapists from the client's care team (lead first):";
        for (const TherapistId& id : therapist_ids) team_note += " " + id.value();
      }
    }
    for (const TherapistId& therapist_id : therapist_ids) {
      TRY_ASSIGN(Therapist therapist, store.GetTherapist(context, therapist_id));
      TRY_ASSIGN(planner::Therapist converted, PlannerTherapist(therapist, library.catalog));
      plan_request.therapists.push_back(std::move(converted));
    }
    plan_request.strategy = *strategy;
    if (request.session_budget) plan_request.constraints.session_budget = *request.session_budget;
    TRY(planner::ValidateConstraints(plan_request.constraints));
    TRY_ASSIGN(planner::Plan made, planner::MakePlan(plan_request, library.catalog));
    if (!team_note.empty()) {
      // After the line naming the strategy, which always comes first.
      made.explanation.insert(
          made.explanation.begin() + std::min<std::ptrdiff_t>(1, std::ssize(made.explanation)),
          team_note);
    }

    Plan plan;
    plan.client = request.client;
    plan.episode = request.episode;
    PlanVersion first;
    first.version = 1;
    first.content = planner::PlanToJson(made);
    first.reason = "initial plan";
    first.created_by = context.actor.value_or(UserId(0));
    first.created_at = clock.Now();
    plan.versions.push_back(std::move(first));
    TRY_ASSIGN(PlanId id, store.CreatePlan(context, plan));
    TRY_ASSIGN(stored_plan, store.GetPlan(context, id));
    return Ok();
  }));
  return stored_plan;
}

// A chosen option that is a technique offered for a phase (sequential plans offer alternatives
// per phase) takes the place of that phase's lowest-fitting technique that may go (not safety
// work, not needed first by another planned technique); an alternative offered for a strong
// preference ("preference:<scale>") joins the plan's first phase that is one of its own
// phases. Already planned: nothing changes. The change is listed in "client_choice_changes".
Status PlaceChosenTechnique(nlohmann::json& content, const std::string& decision,
                            const std::string& technique, const catalog::Catalog& catalog) {
  const catalog::Technique* entry = catalog.FindTechnique(technique);
  const bool for_preference = decision.starts_with("preference:");
  if ((!catalog::ParsePhase(decision) && !for_preference) || entry == nullptr) return Ok();
  nlohmann::json& phases = content["phases"];
  const auto needed_by_another = [&](const std::string& id) {
    for (const nlohmann::json& phase : phases) {
      for (const nlohmann::json& planned : phase.value("techniques", nlohmann::json::array())) {
        const catalog::Technique* other = catalog.FindTechnique(planned.value("id", ""));
        if (other != nullptr && std::find(other->prerequisites.begin(), other->prerequisites.end(),
                                          id) != other->prerequisites.end()) {
          return true;
        }
      }
    }
    return false;
  };
  for (const nlohmann::json& phase : phases) {
    for (const nlohmann::json& planned : phase.value("techniques", nlohmann::json::array())) {
      if (planned.value("id", "") == technique) return Ok();
    }
  }
  for (nlohmann::json& phase : phases) {
    const auto kind = catalog::ParsePhase(phase.value("phase", ""));
    const bool fits = for_preference ? kind && std::find(entry->phases.begin(), entry->phases.end(),
                                                         *kind) != entry->phases.end()
                                     : phase.value("phase", "") == decision;
    if (!fits) continue;
    nlohmann::json& techniques = phase["techniques"];
    nlohmann::json change = {{"decision", decision}, {"chosen", technique}, {"replaces", nullptr}};
    auto replaced = techniques.end();
    if (!for_preference) {
      for (auto planned = techniques.begin(); planned != techniques.end(); ++planned) {
        const std::string id = planned->value("id", "");
        const catalog::Technique* known = catalog.FindTechnique(id);
        if (known == nullptr || planner::Assessment::IsSafetyWork(*known) || needed_by_another(id))
          continue;
        if (replaced == techniques.end() ||
            planned->value("fit", 0.0) < replaced->value("fit", 0.0))
          replaced = planned;
      }
    }
    const nlohmann::json added = {{"id", technique}, {"added_by", "client choice"}};
    if (replaced != techniques.end()) {
      change["replaces"] = replaced->value("id", "");
      *replaced = added;
    } else {
      techniques.push_back(added);
    }
    content["client_choice_changes"].push_back(std::move(change));
    return Ok();
  }
  return InvalidArgument("choices." + decision + ": the plan has no " +
                         (for_preference ? "phase suited" : decision + " phase") + " to place '" +
                         technique + "' in");
}

// A declined technique leaves the plan; it must be planned.
Status RemoveDeclined(nlohmann::json& content, const std::string& technique) {
  for (nlohmann::json& phase : content["phases"]) {
    nlohmann::json& techniques = phase["techniques"];
    for (auto planned = techniques.begin(); planned != techniques.end(); ++planned) {
      if (planned->value("id", "") != technique) continue;
      techniques.erase(planned);
      content["client_declined"].push_back(technique);
      return Ok();
    }
  }
  return InvalidArgument("declined: '" + technique + "' is not in the plan");
}

static Result<Plan> ChoicesRecorded(Store& store, const AccessContext& context,
                                    const ClinicalLibrary& library, const Clock& clock,
                                    const ChoicesRequest& request) {
  if (request.choices.empty() && request.declined.empty()) {
    return InvalidArgument("choices: at least one choice (or a declined technique) is needed");
  }
  TRY_ASSIGN(Plan plan, store.GetPlan(context, request.plan));
  TRY(RequireCurrentVersion(plan, request.expected_version));
  TRY_ASSIGN(const nlohmann::json current, ParsePlanContent(plan.versions.back()));
  nlohmann::json content = current;
  const nlohmann::json offered = content.value("offered_options", nlohmann::json::array());
  for (const auto& [decision, choice] : request.choices) {
    const auto option = std::find_if(offered.begin(), offered.end(), [&](const auto& entry) {
      return entry.value("for", "") == decision;
    });
    if (option == offered.end()) {
      return InvalidArgument("choices: '" + decision + "' is not a decision this plan offers");
    }
    const auto& options = (*option)["options"];
    if (std::find(options.begin(), options.end(), choice) == options.end()) {
      return InvalidArgument("choices." + decision + ": '" + choice +
                             "' is not one of the options offered (" + options.dump() + ")");
    }
    content["client_choices"][decision] = choice;
    TRY(PlaceChosenTechnique(content, decision, choice, library.catalog));
  }
  for (const std::string& technique : request.declined) TRY(RemoveDeclined(content, technique));
  // The changed plan keeps the planner's rules, or the choice is refused with the rule.
  TRY_ASSIGN(const planner::PlanRequest planner_request,
             PlannerRequestFor(store, context, library, plan, current));
  TRY_ASSIGN(
      const planner::RevisionCheck check,
      planner::CheckRevision(current.dump(), content.dump(), planner_request, library.catalog));
  if (!check.violations.empty()) {
    std::string broken;
    for (const std::string& violation : check.violations) {
      broken += (broken.empty() ? "" : "; ") + violation;
    }
    return InvalidArgument("choices: the plan with these choices breaks its rules: " + broken);
  }
  TRY_ASSIGN(content, planner::ReadPlanContent<nlohmann::json>(check.content));
  return AppendVersion(store, context, clock, request.plan, request.expected_version, content,
                       request.by == ChoicesBy::kClientThemselves
                           ? "the client's choices, recorded by the client"
                           : "client's choices recorded",
                       RevisionPrompt{}, request.by);
}

// Each change runs in one transaction: when it is refused after the plan was read (a decision
// the plan does not offer, a prompt that is not this plan's), the read's audit entry is rolled
// back with everything else, so a refused request changes nothing. (Refusals of access are
// still audited: the store records denials in a transaction of their own.)
Result<Plan> RecordClientChoices(Store& store, const AccessContext& context,
                                 const ClinicalLibrary& library, const Clock& clock,
                                 const ChoicesRequest& request) {
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(plan, ChoicesRecorded(store, context, library, clock, request));
    return Ok();
  }));
  return plan;
}

}  // namespace tessera::app
