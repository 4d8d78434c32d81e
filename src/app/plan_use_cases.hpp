#pragma once
// Treatment plans over the store: make one with the planner from the client's stored profile
// and therapists, record the client's choices among the offered options, sign a version off,
// and accept an adaptation proposed by the monitor. Every change is a new plan version
// (append-only); a change based on a stale version fails with Conflict ("reload and retry").

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"
#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"

namespace tessera::app {

struct CreatePlanRequest {
  ClientId client;
  EpisodeId episode;
  std::string strategy = "auto";        // a planner strategy name (docs/planner.md)
  std::vector<TherapistId> therapists;  // empty: the care team's therapists, lead first
                                        // (none with a profile: competence is not checked)
  std::optional<int> session_budget;    // planner default when absent
};

/// InvalidArgument naming the field (unknown strategy, unusable stored profile, planner
/// refusal); NotFound for a client, episode or therapist the actor cannot see.
Result<Plan> CreateTreatmentPlan(Store& store, const AccessContext& context,
                                 const ClinicalLibrary& library, const Clock& clock,
                                 const CreatePlanRequest& request);

/// The client's choice for each offered decision, keyed by the offered option's `for` (e.g.
/// "strategy", "template" or a phase name). Every key must be offered by the version and every
/// value one of its options.
/// Who records the choices: a clinician in session, or the client through their own account.
enum class ChoicesBy { kStaff, kClientThemselves };

struct ChoicesRequest {
  PlanId plan;
  std::int64_t expected_version = 0;
  std::map<std::string, std::string> choices;
  ChoicesBy by = ChoicesBy::kStaff;
  std::vector<std::string> declined;  // planned techniques the client declines
};

/// Adds a version whose content records the choices ("client_choices", "client_declined") and
/// changes the plan by them: a chosen technique offered for a phase is placed in that phase,
/// a declined one removed; the result is re-checked against the planner's rules
/// (planner/plan_rules.hpp: competence, contraindications, prerequisites, phase order, budget;
/// safety work stays while risk is reported). InvalidArgument naming the decision, option or
/// the rule a choice would break; Conflict when expected_version is not current.
Result<Plan> RecordClientChoices(Store& store, const AccessContext& context,
                                 const ClinicalLibrary& library, const Clock& clock,
                                 const ChoicesRequest& request);

/// Either `proposal_id` names one of the monitor's current proposals for the episode's active
/// plan (the monitor applies it to the plan), or `proposal` describes the clinician's own
/// adaptation (recorded in the plan's "adaptations"; then something must have prompted it).
/// An own proposal may change the plan as the monitor's do (`change`: add_technique,
/// remove_technique, move_to_next_phase, return_to_earlier_phase, add_common_factor_action;
/// empty or "none": recorded only), naming `technique` and optionally `phase`.
struct AdaptationRequest {
  PlanId plan;
  std::int64_t expected_version = 0;
  std::string proposal_id;
  AdaptationProposal proposal;
  std::optional<AlertId> alert;                    // the alert it answers
  std::optional<AdministrationId> administration;  // the measurement that prompted it
  std::string client_feedback;                     // the client's words; may be empty
  /// Accept although the adapted plan breaks one of the planner's rules: why. Stored in the
  /// version (its reason and the plan's "rule_overrides"). Empty: a broken rule refuses.
  std::string override_reason;
};

/// Adds a version recording the accepted adaptation and what prompted it, after re-checking
/// the adapted plan against the planner's rules for the client and the plan's team
/// (planner/plan_rules.hpp: exclusions, competence, phase order, prerequisites, budget).
/// InvalidArgument when an own proposal has no kind or summary or nothing prompted it, a
/// proposal id is given without a monitor, the alert is not one the proposal answers (a
/// monitor proposal answers the alert kinds that prompted it; any alert must be of the plan's
/// episode), or a rule is broken without `override_reason` (the message names each rule);
/// NotFound when the alert, administration or monitor proposal is not this plan's; Conflict on
/// a stale version or when a monitor proposal is accepted on a plan that is not active.
Result<Plan> AcceptAdaptation(Store& store, const AccessContext& context,
                              const ClinicalLibrary& library, const Clock& clock,
                              EpisodeMonitor* monitor, const AdaptationRequest& request);

}  // namespace tessera::app
