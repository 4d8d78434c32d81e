// AcceptAdaptation (plan_use_cases.hpp): a monitor proposal or the clinician's own adaptation
// becomes the next plan version only if the adapted plan keeps the planner's rules for this
// client and team (issue 14), or the clinician overrides them with a reason that is stored.

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/alert_lifecycle.hpp"
#include "app/episode_records.hpp"
#include "app/plan_use_cases.hpp"
#include "app/plan_versions.hpp"
#include "core/records/names.hpp"
#include "monitor/adaptation.hpp"
#include "planner/plan_content.hpp"
#include "planner/plan_rules.hpp"

namespace tessera::app {
namespace {

using nlohmann::json;

Result<monitor::PlanChange> ParseChange(const std::string& word) {
  for (const monitor::PlanChange change :
       {monitor::PlanChange::kNone, monitor::PlanChange::kMoveToNextPhase,
        monitor::PlanChange::kReturnToEarlierPhase, monitor::PlanChange::kAddTechnique,
        monitor::PlanChange::kRemoveTechnique, monitor::PlanChange::kAddCommonFactorAction}) {
    if (monitor::Name(change) == word) return change;
  }
  return InvalidArgument("proposal.change: '" + word +
                         "' is not one of none, move_to_next_phase, return_to_earlier_phase, "
                         "add_technique, remove_technique, add_common_factor_action");
}

// The alert must be this client's, of the plan's episode when it came from a measurement, and
// (for a monitor proposal) of a kind the proposal answers.
Status CheckAlert(Store& store, const AccessContext& context, const Plan& plan, AlertId alert_id,
                  const std::vector<std::string>* answered_kinds) {
  TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, plan.client));
  const auto alert = std::find_if(alerts.begin(), alerts.end(),
                                  [&](const Alert& candidate) { return candidate.id == alert_id; });
  if (alert == alerts.end()) {
    return NotFound("alert " + std::to_string(alert_id.value()) + " not found");
  }
  if (alert->episode && *alert->episode != plan.episode) {
    return InvalidArgument("alert_id: alert " + std::to_string(alert_id.value()) +
                           " belongs to another episode than plan " +
                           std::to_string(plan.id.value()));
  }
  if (alert->administration) {
    TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
               store.ListAdministrations(context, plan.client, Versions::kWithHistory));
    TRY_ASSIGN(std::vector<Session> sessions,
               store.ListSessions(context, plan.client, Versions::kWithHistory));
    for (const MeasureAdministration& administration : administrations) {
      if (administration.id != *alert->administration || !administration.session) continue;
      for (const Session& session : sessions) {
        if (session.id == *administration.session && session.episode != plan.episode) {
          return InvalidArgument("alert_id: alert " + std::to_string(alert_id.value()) +
                                 " belongs to another episode than plan " +
                                 std::to_string(plan.id.value()));
        }
      }
    }
  }
  if (answered_kinds != nullptr && std::find(answered_kinds->begin(), answered_kinds->end(),
                                             alert->kind) == answered_kinds->end()) {
    std::string kinds;
    for (const std::string& kind : *answered_kinds) kinds += (kinds.empty() ? "" : ", ") + kind;
    return InvalidArgument("alert_id: alert " + std::to_string(alert_id.value()) + " (" +
                           alert->kind + ") is not one this proposal answers (it answers: " +
                           (kinds.empty() ? "no alert" : kinds) + ")");
  }
  return Ok();
}

// The alerts an accepted adaptation answers are marked handled in its transaction (issue 14):
// an "acknowledged" handling by the accepting clinician whose note names the plan version, on
// the alert it names and, for a monitor proposal, on every active alert of the plan's episode
// of a kind the proposal answers. Acknowledged, not resolved: the condition has not cleared
// yet (the lifecycle resolves it when it does; a risk alert only a clinician resolves). A
// resolved alert is left as it is.
Status AcknowledgeAnsweredAlerts(Store& store, const AccessContext& context, const Clock& clock,
                                 const Plan& plan, std::optional<AlertId> named,
                                 const std::vector<std::string>* answered_kinds) {
  if (!named && (answered_kinds == nullptr || answered_kinds->empty())) return Ok();
  TRY_ASSIGN(const std::vector<Alert> alerts, store.ListAlerts(context, plan.client));
  const PlanVersion& version = plan.versions.back();
  const std::string note = "answered by plan " + std::to_string(plan.id.value()) + " version " +
                           std::to_string(version.version) + ": " + version.reason;
  const TimePoint now = clock.Now();
  for (const Alert& alert : alerts) {
    const bool answered = (named && alert.id == *named) ||
                          (answered_kinds != nullptr && alert.episode == plan.episode &&
                           std::find(answered_kinds->begin(), answered_kinds->end(), alert.kind) !=
                               answered_kinds->end());
    if (!answered || StateOf(alert) == AlertLifecycleState::kResolved) continue;
    TRY(store.HandleAlert(
        context, alert.id,
        {context.actor.value_or(UserId(0)), now, std::string(kAcknowledgedAction), note}));
  }
  return Ok();
}

// The clinician's own adaptation applied to the plan: recorded in "adaptations", and when it
// changes the plan, changed as a monitor proposal would change it.
Result<json> ApplyOwn(const json& current, const AdaptationRequest& request) {
  json content = current;
  TRY_ASSIGN(const monitor::PlanChange change,
             ParseChange(request.proposal.change.empty() ? "none" : request.proposal.change));
  if (change != monitor::PlanChange::kNone) {
    const bool names_technique = change == monitor::PlanChange::kAddTechnique ||
                                 change == monitor::PlanChange::kRemoveTechnique;
    if (names_technique && request.proposal.technique.empty()) {
      return InvalidArgument("proposal.technique: required for change '" + request.proposal.change +
                             "'");
    }
    monitor::AdaptationProposal applied;
    applied.id = "own";
    applied.change = change;
    applied.phase = request.proposal.phase;
    applied.technique = request.proposal.technique;
    applied.text = request.proposal.summary;
    applied.kind = change == monitor::PlanChange::kAddCommonFactorAction
                       ? monitor::ProposalKind::kAllianceRepair
                       : monitor::ProposalKind::kSwitchCriterion;
    TRY_ASSIGN(monitor::PlanRevision revision,
               monitor::AcceptProposal(current.dump(), applied, request.client_feedback));
    TRY_ASSIGN(content, planner::ReadPlanContent<json>(revision.content));
    content["revisions"].back()["kind"] = request.proposal.kind;
  }
  content["adaptations"].push_back(
      {{"kind", request.proposal.kind},
       {"change", request.proposal.change.empty() ? "none" : request.proposal.change},
       {"phase", request.proposal.phase},
       {"technique", request.proposal.technique},
       {"summary", request.proposal.summary},
       {"rationale", request.proposal.rationale},
       {"client_feedback", request.client_feedback}});
  return content;
}

Result<Plan> AdaptationAccepted(Store& store, const AccessContext& context,
                                const ClinicalLibrary& library, const Clock& clock,
                                EpisodeMonitor* monitor, const AdaptationRequest& request) {
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
  TRY(RequireCurrentVersion(plan, request.expected_version));
  if (request.administration) {
    TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
               store.ListAdministrations(context, plan.client, Versions::kCurrentOnly));
    if (std::none_of(administrations.begin(), administrations.end(),
                     [&](const auto& given) { return given.id == *request.administration; })) {
      return NotFound("administration " + std::to_string(request.administration->value()) +
                      " not found");
    }
  }
  TRY_ASSIGN(const json current, ParsePlanContent(plan.versions.back()));
  json adapted;
  std::string reason;
  std::vector<std::string> answered_kinds;  // a monitor proposal's: the alert kinds it answers
  if (from_monitor) {
    // The monitor's proposals are made for the episode's active plan.
    if (plan.status != PlanStatus::kActive) {
      return Conflict(
          "proposal_id: the monitor's proposals are for the episode's active plan; "
          "plan " +
          std::to_string(plan.id.value()) + " is " + std::string(Name(plan.status)));
    }
    TRY_ASSIGN(MonitoringInput input,
               ReadEpisode(store, context, plan.client, plan.episode, std::nullopt));
    input.plan_json = plan.versions.back().content;
    // The proposals as the submission's review numbered them: risk work first while open.
    TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, plan.client));
    std::erase_if(alerts, [&](const Alert& alert) { return alert.episode != plan.episode; });
    input.risk_alert_open = RiskAlertOpen(alerts);
    TRY_ASSIGN(PlanRevisionDraft draft,
               monitor->Accept(input, request.proposal_id, request.client_feedback));
    if (request.alert) TRY(CheckAlert(store, context, plan, *request.alert, &draft.alert_types));
    answered_kinds = draft.alert_types;
    TRY_ASSIGN(adapted, planner::ReadPlanContent<json>(draft.content));
    reason = draft.reason;
  } else {
    if (request.alert) TRY(CheckAlert(store, context, plan, *request.alert, nullptr));
    TRY_ASSIGN(adapted, ApplyOwn(current, request));
    reason = "adaptation accepted: " + request.proposal.summary;
  }
  // The adapted plan keeps the planner's rules for this client and the plan's team.
  TRY_ASSIGN(const planner::PlanRequest planner_request,
             PlannerRequestFor(store, context, library, plan, current));
  TRY_ASSIGN(
      const planner::RevisionCheck check,
      planner::CheckRevision(current.dump(), adapted.dump(), planner_request, library.catalog));
  TRY_ASSIGN(adapted, planner::ReadPlanContent<json>(check.content));
  if (!check.violations.empty()) {
    std::string broken;
    for (const std::string& violation : check.violations) {
      broken += (broken.empty() ? "" : "; ") + violation;
    }
    if (request.override_reason.empty()) {
      return InvalidArgument("the adapted plan breaks the plan's rules: " + broken +
                             " (to accept it anyway, give 'override_reason')");
    }
    adapted["rule_overrides"].push_back({{"version", request.expected_version + 1},
                                         {"rules", check.violations},
                                         {"reason", request.override_reason}});
    // One version never both excludes and includes a technique: an overridden one leaves
    // "excluded" (its reason stays in the override), and one nobody on the team delivers is
    // listed as a gap naming the override.
    std::set<std::string> planned;
    for (const json& phase : adapted["phases"]) {
      for (const json& technique : phase.value("techniques", json::array())) {
        planned.insert(technique.value("id", ""));
        const json& gaps = adapted["competence_gaps"];
        const bool listed = std::any_of(gaps.begin(), gaps.end(), [&](const json& gap) {
          return gap.value("technique", "") == technique.value("id", "");
        });
        if (!listed && !technique.contains("therapist") &&
            !adapted.value("therapists", json::array()).empty()) {
          adapted["competence_gaps"].push_back({{"technique", technique.value("id", "")},
                                                {"therapist", ""},
                                                {"action", "rule_override"}});
        }
      }
    }
    json& excluded = adapted["excluded"];
    for (auto entry = excluded.begin(); entry != excluded.end();) {
      entry = planned.contains(entry->value("id", "")) ? excluded.erase(entry) : entry + 1;
    }
    reason += " (rules overridden: " + broken + "; reason: " + request.override_reason + ")";
  }
  TRY_ASSIGN(Plan adapted_plan,
             AppendVersion(
                 store, context, clock, request.plan, request.expected_version, adapted, reason,
                 RevisionPrompt{request.alert, request.administration, request.client_feedback}));
  TRY(AcknowledgeAnsweredAlerts(store, context, clock, adapted_plan, request.alert,
                                from_monitor ? &answered_kinds : nullptr));
  return adapted_plan;
}

}  // namespace

// One transaction: a refusal after the plan was read rolls its read audit entry back too.
Result<Plan> AcceptAdaptation(Store& store, const AccessContext& context,
                              const ClinicalLibrary& library, const Clock& clock,
                              EpisodeMonitor* monitor, const AdaptationRequest& request) {
  Plan plan;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(plan, AdaptationAccepted(store, context, library, clock, monitor, request));
    return Ok();
  }));
  return plan;
}

}  // namespace tessera::app
