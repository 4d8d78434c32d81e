#pragma once
// The caseload (GET /api/v1/caseload): every client the actor may see with a status that says
// who needs attention first, the active alerts by severity, the last session and the phase of
// the episode's active plan (never a draft: the summary's plan, issue 14), sorted by need. Statuses
// and their order are documented in docs/monitor.md "Caseload".

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/measurement_schedules.hpp"
#include "core/access.hpp"
#include "core/store.hpp"

namespace tessera::app {

/// In order of need: a lower value comes first.
enum class CaseloadStatus {
  kRisk,             // an open or acknowledged risk alert
  kNotOnTrack,       // an active not-on-track, reliable-deterioration or no-reliable-change alert
  kAllianceConcern,  // an active alliance-rupture alert
  kDropoutRisk,      // an active drop-out-risk or low-motivation alert
  kOnTrack,          // two or more scores of an outcome measure and none of the above
  kRecovered,        // ... and the latest score is a recovery from the first (Jacobson-Truax)
  kNoData,           // fewer than two scores of any outcome measure
};
std::string_view Name(CaseloadStatus status);  // "risk", "not_on_track", ...

struct CaseloadEntry {
  ClientId client;
  std::string name;
  CaseloadStatus status = CaseloadStatus::kNoData;
  /// Active (open or acknowledged) alerts by severity: critical, high, warning, info.
  std::array<std::int64_t, 4> active_alerts{};
  std::optional<TimePoint> oldest_active_alert;
  std::optional<EpisodeId> episode;         // the summary's episode (open one first)
  std::optional<std::string> last_session;  // date of the latest session of any episode
  /// The primary outcome measure's latest score.
  std::string instrument;
  std::optional<double> first_score;
  std::optional<double> latest_score;
  std::optional<PlanId> plan;  // the episode's active plan (never a draft)
  std::int64_t plan_version = 0;
  std::optional<std::string> plan_phase;  // the plan's current phase by name, when it says
  /// What is due now (DueForClient); nullopt without an open episode.
  std::optional<DueQuestionnaires> due;
  /// The care team's lead clinician and their name (core/caseload_reads.hpp).
  std::optional<UserId> lead;
  std::string lead_name;
};

/// Every client of the scope (core/caseload_reads.hpp: kOwn, the clients the actor may list;
/// kTeam, a supervisor's team view), most in need first: by status, then the most severe active
/// alert, then the longest-waiting one, then name. One store read for the whole caseload,
/// audited as one read per client. `outcome_instruments` in order of preference for the primary
/// measure.
Result<std::vector<CaseloadEntry>> ReadCaseload(Store& store, const AccessContext& context,
                                                const ClinicalLibrary& library,
                                                const std::vector<std::string>& outcome_instruments,
                                                CaseloadScope scope = CaseloadScope::kOwn);

}  // namespace tessera::app
