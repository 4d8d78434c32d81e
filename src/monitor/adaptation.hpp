#pragma once
// Accepting an adaptation proposal: a pure function from the current plan (the planner's JSON)
// and the proposal to the next plan version, which records the feedback that prompted it. The
// caller stores the result as a new core::PlanVersion (content, reason, prompted_by).

#include <string>
#include <vector>

#include "core/result.hpp"
#include "monitor/report.hpp"

namespace tessera::monitor {

struct PlanRevision {
  std::string content;                   // the new plan JSON, with a "revisions" entry appended
  std::string reason;                    // one line for PlanVersion::reason
  int session = 0;                       // the session whose feedback prompted it
  std::vector<std::string> alert_types;  // names of the alerts that prompted it
  std::string client_feedback;           // as given to AcceptProposal
};

/// Applies `proposal` to `plan_json`: moves the current phase on or back, adds or removes a
/// technique in the current phase, or adds a common-factor action, and appends
/// {"proposal", "change", "session", "prompted_by", "client_feedback", "text"} to the plan's
/// "revisions" array. InvalidArgument when the plan is not valid plan JSON, the phase or
/// technique named by the proposal is not in it, or there is no next/earlier phase.
Result<PlanRevision> AcceptProposal(const std::string& plan_json,
                                    const AdaptationProposal& proposal,
                                    const std::string& client_feedback);

}  // namespace tessera::monitor
