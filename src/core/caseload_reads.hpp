#pragma once
// The caseload in one store read (issue 15; docs/store.md "The caseload read"): everything the
// caseload shows for every client in a scope, read in one transaction by set-based queries
// (not per client), with ONE audit entry per client: record type "caseload", or
// "supervision_caseload" for a supervisor's team view (the reason "supervision",
// core/teams.hpp).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/clinical_reads.hpp"
#include "core/records/clinical.hpp"
#include "core/records/people.hpp"
#include "core/result.hpp"

namespace tessera {

/// Whose clients: kOwn, those the actor may list (ListClients: an admin every client, a
/// clinician or supervisor the clients whose care team they are on); kTeam, for supervisors,
/// the clients whose lead clinician is a clinician of a team the actor supervises.
enum class CaseloadScope { kOwn, kTeam };

/// One client's records as the caseload needs them.
struct CaseloadRecord {
  ClientSummary summary;          // as GetClientSummary returns it
  std::vector<Alert> alerts;      // as ListAlerts: with handlings and triggers
  std::vector<Episode> episodes;  // as ListEpisodes: by opening date, then id
  /// Current versions (amended ones replaced), by date then id; techniques are not read.
  std::vector<Session> sessions;
  /// The current version of summary.plan's content; empty without an active plan.
  std::string plan_content;
  ClientProfile profile;  // the current version
  /// The stored measurement schedule document per episode id (episodes without one absent).
  std::map<std::int64_t, std::string> schedules;
  /// Per session id, the instruments of its current administrations (voids and corrected rows
  /// left out), as ListAdministrations(kCurrentOnly) would show them.
  std::map<std::int64_t, std::vector<std::string>> given_by_session;
  /// The care team's lead clinician and their name (the therapist's display name, else the
  /// account's username); absent when the care team has no lead.
  std::optional<UserId> lead;
  std::string lead_name;
};

class CaseloadRepository {
 public:
  virtual ~CaseloadRepository() = default;
  /// Every client of the scope, in id order. kTeam is for supervisors only (PermissionDenied,
  /// recorded, for anyone else); a client account gets PermissionDenied for either scope.
  virtual Result<std::vector<CaseloadRecord>> ReadCaseload(const AccessContext& context,
                                                           CaseloadScope scope) = 0;
};

}  // namespace tessera
