#pragma once
// The caseload (GET /api/v1/caseload): every client the actor may see with a status that says
// who needs attention first, the active alerts by severity, the last session and the phase of
// the episode's active plan (never a draft: the summary's plan, issue 14), sorted by need. Statuses
// and their order are documented in docs/monitor.md "Caseload".

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

/// The phase of each client's active plan, kept while the client's revision has not moved
/// (ClientSummary::revision: raised by the database on every change to the client's plans, and
/// never repeated). Reading the phase parses the plan's whole content, which was half of a
/// 500-client caseload's cost. One per server (revisions are one database's); thread-safe.
class PlanPhaseMemo {
 public:
  /// The phase of `record`'s active plan (CurrentPhase of record.plan_content), from the memo
  /// when the client's revision and plan version are the ones it was read at.
  std::optional<std::string> PhaseOf(const CaseloadRecord& record);

 private:
  struct Held {
    std::int64_t revision = 0;
    std::int64_t plan = 0;
    std::int64_t version = 0;
    std::optional<std::string> phase;
  };
  std::mutex mutex_;
  std::unordered_map<std::int64_t, Held> by_client_;
};

/// Every client of the scope (core/caseload_reads.hpp: kOwn, the clients the actor may list;
/// kTeam, a supervisor's team view), most in need first: by status, then the most severe active
/// alert, then the longest-waiting one, then name. One store read for the whole caseload,
/// audited as one read per client. `outcome_instruments` in order of preference for the primary
/// measure. With `phases`, plan phases come from it (the server keeps one).
Result<std::vector<CaseloadEntry>> ReadCaseload(Store& store, const AccessContext& context,
                                                const ClinicalLibrary& library,
                                                const std::vector<std::string>& outcome_instruments,
                                                CaseloadScope scope = CaseloadScope::kOwn,
                                                PlanPhaseMemo* phases = nullptr);

}  // namespace tessera::app
