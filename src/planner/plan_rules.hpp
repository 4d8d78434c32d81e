#pragma once
// The planner's rules applied to a plan after it left the planner (issue 14): an adaptation,
// a client's choice or a clinician's edit is a new version of the plan JSON, and every
// technique it adds must still be one the planner could have planned for this client and
// team, in a phase it may occupy, with whatever it needs done first, within the budget.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "planner/plan.hpp"

namespace tessera::planner {

struct RevisionCheck {
  /// The revised plan JSON with each added technique completed as the planner would have
  /// written it (model, fit, components, reasons, therapist, competence flag) and a
  /// competence gap listed for an added technique that needs supervision or co-therapy.
  std::string content;
  /// Each rule the revision breaks, naming the technique, e.g. "sitting_meditation: left out
  /// of this plan: no therapist on the case is trained in mbct". Empty: the rules hold.
  std::vector<std::string> violations;
};

/// Compares `revised` with `previous` (both the planner's plan JSON) for `request` (the
/// client's current profile and the plan's team; strategy and constraints unused). Rules for
/// each technique in `revised` that `previous` did not plan: not listed in the plan's own
/// "excluded" and eligible now (contraindications, indication, history, competence); its
/// phase one of its own phases and allowed (stabilisation before after-stabilisation work,
/// action work not before skills when the client is not ready, no arousal-raising work
/// before stabilisation when it is needed); its prerequisites planned no later. For each
/// technique `revised` removes: not the safety technique while risk is reported, and not a
/// prerequisite of a technique that stays. For the whole
/// plan: no technique planned twice, and the techniques' planning estimates within the
/// session budget unless the previous version already exceeded it. InvalidArgument when
/// either text is not plan JSON.
Result<RevisionCheck> CheckRevision(const std::string& previous, const std::string& revised,
                                    const PlanRequest& request, const catalog::Catalog& catalog);

}  // namespace tessera::planner
