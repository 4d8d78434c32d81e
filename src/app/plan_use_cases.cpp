#include "app/plan_use_cases.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/episode_records.hpp"
#include "app/plan_inputs.hpp"
#include "planner/plan_output.hpp"
#include "planner/planner.hpp"

namespace tessera::app {
namespace {

Result<nlohmann::json> ParseContent(const PlanVersion& version) {
  try {
    return nlohmann::json::parse(version.content);
  } catch (const nlohmann::json::exception&) {
    return DataLoss("plan version " + std::to_string(version.version) +
                    " does not hold readable plan JSON");
  }
}

Result<Plan> Revise(Store& store, const AccessContext& context, const Clock& clock, PlanId plan_id,
                    std::int64_t expected_version, const nlohmann::json& content,
                    std::string reason, RevisionPrompt prompt,
                    ChoicesBy by = ChoicesBy::kStaff) {
  PlanVersion revision;
  revision.version = expected_version + 1;
  revision.content = content.dump(2) + "\n";
  revision.reason = std::move(reason);
  revision.prompted_by = std::move(prompt);
  revision.created_by = context.actor.value_or(UserId(0));
  revision.created_at = clock.Now();
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    // A client account may add only its own choices (the store's RecordOwnPlanChoices).
    if (by == ChoicesBy::kClientThemselves) {
      TRY(store.RecordOwnPlanChoices(context, plan_id, expected_version, revision));
    } else {
      TRY(store.RevisePlan(context, plan_id, expected_version, revision));
    }
    TRY_ASSIGN(plan, store.GetPlan(context, plan_id));
    return Ok();
  }));
  return plan;
}

Status CheckCurrent(const Plan& plan, std::int64_t expected_version) {
  const std::int64_t current = plan.versions.back().version;
  if (expected_version != current) {
    return Conflict("plan " + std::to_string(plan.id.value()) + " is at version " +
                    std::to_string(current) + ", not " + std::to_string(expected_version) +
                    "; reload and retry");
  }
  return Ok();
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
    for (const TherapistId& therapist_id : request.therapists) {
      TRY_ASSIGN(Therapist therapist, store.GetTherapist(context, therapist_id));
      TRY_ASSIGN(planner::Therapist converted, PlannerTherapist(therapist, library.catalog));
      plan_request.therapists.push_back(std::move(converted));
    }
    plan_request.strategy = *strategy;
    if (request.session_budget) plan_request.constraints.session_budget = *request.session_budget;
    TRY(planner::ValidateConstraints(plan_request.constraints));
    TRY_ASSIGN(planner::Plan made, planner::MakePlan(plan_request, library.catalog));

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

static Result<Plan> ChoicesRecorded(Store& store, const AccessContext& context, const Clock& clock,
                                    const ChoicesRequest& request) {
  if (request.choices.empty()) return InvalidArgument("choices: at least one choice is needed");
  TRY_ASSIGN(Plan plan, store.GetPlan(context, request.plan));
  TRY(CheckCurrent(plan, request.expected_version));
  TRY_ASSIGN(nlohmann::json content, ParseContent(plan.versions.back()));
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
  }
  return Revise(store, context, clock, request.plan, request.expected_version, content,
                request.by == ChoicesBy::kClientThemselves
                    ? "the client's choices, recorded by the client"
                    : "client's choices recorded",
                RevisionPrompt{}, request.by);
}

static Result<Plan> AdaptationAccepted(Store& store, const AccessContext& context,
                                       const Clock& clock, EpisodeMonitor* monitor,
                                       const AdaptationRequest& request) {
  const bool from_monitor = !request.proposal_id.empty();
  if (from_monitor && monitor == nullptr) {
    return InvalidArgument("proposal_id: no monitor is configured on this server");
  }
  if (!from_monitor && (request.proposal.kind.empty() || request.proposal.summary.empty())) {
    return InvalidArgument("proposal: 'kind' and 'summary' are required (or give 'proposal_id')");
  }
  if (!from_monitor && !request.alert && !request.administration &&
      request.client_feedback.empty()) {
    return InvalidArgument(
        "an adaptation must record what prompted it: 'alert_id', 'administration_id' or "
        "'client_feedback'");
  }
  TRY_ASSIGN(Plan plan, store.GetPlan(context, request.plan));
  TRY(CheckCurrent(plan, request.expected_version));
  if (request.alert) {
    TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, plan.client));
    if (std::none_of(alerts.begin(), alerts.end(),
                     [&](const Alert& alert) { return alert.id == *request.alert; })) {
      return NotFound("alert " + std::to_string(request.alert->value()) + " not found");
    }
  }
  if (request.administration) {
    TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
               store.ListAdministrations(context, plan.client, Versions::kCurrentOnly));
    if (std::none_of(administrations.begin(), administrations.end(),
                     [&](const auto& given) { return given.id == *request.administration; })) {
      return NotFound("administration " + std::to_string(request.administration->value()) +
                      " not found");
    }
  }
  RevisionPrompt prompt{request.alert, request.administration, request.client_feedback};
  if (from_monitor) {
    TRY_ASSIGN(MonitoringInput input,
               ReadEpisode(store, context, plan.client, plan.episode, std::nullopt));
    input.plan_json = plan.versions.back().content;  // this plan, whatever else the episode has
    TRY_ASSIGN(PlanRevisionDraft draft,
               monitor->Accept(input, request.proposal_id, request.client_feedback));
    PlanVersion drafted;
    drafted.version = request.expected_version + 1;
    drafted.content = draft.content;
    TRY_ASSIGN(nlohmann::json content, ParseContent(drafted));
    return Revise(store, context, clock, request.plan, request.expected_version, content,
                  draft.reason, std::move(prompt));
  }
  TRY_ASSIGN(nlohmann::json content, ParseContent(plan.versions.back()));
  content["adaptations"].push_back({{"kind", request.proposal.kind},
                                    {"summary", request.proposal.summary},
                                    {"rationale", request.proposal.rationale},
                                    {"client_feedback", request.client_feedback}});
  return Revise(store, context, clock, request.plan, request.expected_version, content,
                "adaptation accepted: " + request.proposal.summary, std::move(prompt));
}

// Each change runs in one transaction: when it is refused after the plan was read (a decision
// the plan does not offer, a prompt that is not this plan's), the read's audit entry is rolled
// back with everything else, so a refused request changes nothing. (Refusals of access are
// still audited: the store records denials in a transaction of their own.)
Result<Plan> RecordClientChoices(Store& store, const AccessContext& context, const Clock& clock,
                                 const ChoicesRequest& request) {
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(plan, ChoicesRecorded(store, context, clock, request));
    return Ok();
  }));
  return plan;
}

Result<Plan> AcceptAdaptation(Store& store, const AccessContext& context, const Clock& clock,
                              EpisodeMonitor* monitor, const AdaptationRequest& request) {
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(plan, AdaptationAccepted(store, context, clock, monitor, request));
    return Ok();
  }));
  return plan;
}

}  // namespace tessera::app
