#pragma once
// Submitting a completed questionnaire for a session: score it, store it with its item-level
// answers, review the episode with the monitor, and store any alerts, all in one durable
// transaction. Shared by `POST /api/v1/clients/{client_id}/sessions/{session_id}/measures` and the CLI.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "app/monitoring.hpp"
#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"
#include "measures/scoring.hpp"

namespace tessera::app {

/// Exactly one of `answers` (item id -> value, nullopt for a skipped item; every item of the
/// instrument must be present) and `total` (a total scored elsewhere) is set.
struct AdministrationRequest {
  ClientId client;
  SessionId session;
  std::string instrument;
  std::optional<std::map<std::string, std::optional<double>>> answers;
  std::optional<double> total;
};

struct RaisedAlert {
  AlertId id;
  std::string kind;
  std::string detail;
};

struct SubmissionResult {
  AdministrationId administration;
  EpisodeId episode;
  std::optional<measures::ScoreResult> score;  // set when item answers were given
  std::optional<double> total;
  std::string band;  // empty when the instrument has no bands or no total
  MonitoringOutcome monitoring;
  std::vector<RaisedAlert> alerts;  // instrument flags (kind "flag:<flag id>") and the monitor's alerts, in order raised
};

/// Validates, scores and stores one administration. `monitor` may be null. Errors:
/// InvalidArgument naming the item or field (unknown instrument, missing/unknown item, answer
/// not allowed, total out of range, both or neither of answers/total); NotFound when the
/// session is not one of this client's (or not visible to the actor); anything the store or
/// monitor returns. On any error nothing is stored.
Result<SubmissionResult> SubmitAdministration(Store& store, const AccessContext& context,
                                              const ClinicalLibrary& library,
                                              EpisodeMonitor* monitor, const Clock& clock,
                                              const AdministrationRequest& request);

}  // namespace tessera::app
