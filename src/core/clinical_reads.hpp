#pragma once
// Reads shaped for the hot paths of the HTTP API (issue 7 performance): a page of a client's
// administrations, the one episode the monitor reviews after a submission, and the summary a
// clinician opens for a client. Each is a few indexed queries and ONE audited read (per record
// type read), under the same access rules as every other call (repositories.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/records/clinical.hpp"
#include "core/records/people.hpp"
#include "core/repositories.hpp"
#include "core/result.hpp"

namespace tessera {

/// A page of a client's current administrations (amended ones replaced), ordered by
/// administration time then id (oldest first), optionally of one instrument: `limit` rows
/// starting at position `offset` of that order.
struct AdministrationQuery {
  std::optional<InstrumentId> instrument;
  std::int64_t offset = 0;
  std::int64_t limit = 50;
  /// kWithHistory: corrected and voided administrations and the voids too, in the order
  /// written (id order), so a page shows what was changed and why.
  Versions versions = Versions::kCurrentOnly;
};

/// A window of a list in its usual order: `limit` rows starting at position `offset`.
struct PageQuery {
  std::int64_t offset = 0;
  std::int64_t limit = 50;
};

/// What the monitor needs to review the episode of one session.
struct EpisodeRecords {
  Session session;        // the session asked for (current version)
  ClientProfile profile;  // current version
  /// The episode's sessions (current versions), by date then id.
  std::vector<Session> sessions;
  /// Per session of the episode and instrument, the administration that counts for monitoring
  /// (the latest given), with answers; oldest first.
  std::vector<MeasureAdministration> administrations;
  /// The current version of the episode's active plan (never a draft); empty without one.
  std::string plan_json;
  /// The episode's alerts (those raised with its id), with handlings and triggers, oldest
  /// first: what the alert lifecycle updates rather than raising again.
  std::vector<Alert> episode_alerts;
};

/// First and latest score of one instrument in an episode.
struct ScorePoint {
  AdministrationId administration;
  TimePoint administered_at{};
  std::optional<double> total;
  std::string band;
};

struct InstrumentSummary {
  InstrumentId instrument;
  ScorePoint first;
  ScorePoint latest;
  std::int64_t count = 0;  // current administrations in the episode
};

/// What a clinician sees first when opening a client.
struct ClientSummary {
  ClientId client;
  std::string name;
  /// The open episode opened last, else the episode opened last; absent without episodes.
  std::optional<Episode> episode;
  std::vector<InstrumentSummary> instruments;  // by instrument id
  std::int64_t open_alerts = 0;                // alerts of the client without any handling
  std::optional<PlanId> plan;                  // the episode's active plan (never a draft)
  std::int64_t plan_version = 0;               // its current version (0 without a plan)
  /// The revision of the client's records the summary was read at: equal revisions of one
  /// client in one store mean equal summaries (0 when the store does not say).
  std::int64_t revision = 0;
};

class ClinicalReadRepository {
 public:
  virtual ~ClinicalReadRepository() = default;
  /// One page, answers included (one query for the page's answers). NotFound like any read.
  virtual Result<std::vector<MeasureAdministration>> ListAdministrationsPage(
      const AccessContext& context, ClientId client, const AdministrationQuery& query) = 0;
  /// ListSessions (same order, same audit entry) cut to one page in SQL.
  virtual Result<std::vector<Session>> ListSessionsPage(const AccessContext& context,
                                                        ClientId client, Versions versions,
                                                        const PageQuery& page) = 0;
  /// ListProgressNotes (oldest first, same audit entry) cut to one page in SQL.
  virtual Result<std::vector<ProgressNote>> ListProgressNotesPage(const AccessContext& context,
                                                                  ClientId client,
                                                                  Versions versions,
                                                                  const PageQuery& page) = 0;
  /// NotFound when the session is not a current session of this client (or no access).
  virtual Result<EpisodeRecords> ReadEpisodeOfSession(const AccessContext& context, ClientId client,
                                                      SessionId session) = 0;
  /// Audited as reads of the identifiers (the name), episodes, administrations, alerts, plans.
  virtual Result<ClientSummary> GetClientSummary(const AccessContext& context, ClientId client) = 0;
};

}  // namespace tessera
