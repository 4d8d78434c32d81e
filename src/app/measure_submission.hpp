#pragma once
// Submitting a completed questionnaire for a session: score it, store it with its item-level
// answers, review the episode with the monitor, and store any alerts, all in one durable
// transaction. Shared by `POST /api/v1/clients/{client_id}/sessions/{session_id}/measures` and the
// CLI.

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
/// Who gave the answers: a client on their own (their account) or staff entering them. A
/// client's own risk endorsement notifies the lead clinicians at once.
enum class SubmittedBy { kStaff, kClient };

struct AdministrationRequest {
  ClientId client;
  SessionId session;
  std::string instrument;
  std::optional<std::map<std::string, std::optional<double>>> answers;
  std::optional<double> total;
  SubmittedBy submitted_by = SubmittedBy::kStaff;
  /// Where the lead clinician's email links when the client's own answers endorse a risk item
  /// (AttentionLink); empty: the in-app notification only.
  std::string attention_link{};
};

/// The link of the lead clinician's email: the web app's alerts page under `public_url`
/// ([server] public_url), where the risk alert is listed first.
std::string AttentionLink(const std::string& public_url);

/// An alert the submission raised or updated (alert lifecycle: alert_lifecycle.hpp).
struct RaisedAlert {
  AlertId id;
  std::string kind;
  std::string detail;
  std::string severity{};
  /// "raised" (a new alert), "updated" (a trigger added to an open or acknowledged alert),
  /// "reopened" (a trigger re-opened or escalated it), "resolved" (resolved automatically).
  std::string change{};
};

struct SubmissionResult {
  AdministrationId administration;
  EpisodeId episode;
  std::optional<measures::ScoreResult> score;  // set when item answers were given
  std::optional<double> total;
  std::string band;  // empty when the instrument has no bands or no total
  MonitoringOutcome monitoring;
  std::vector<RaisedAlert>
      alerts;  // instrument flags (kind "flag:<flag id>") and the monitor's alerts, in order raised
  /// A risk item is endorsed in this administration (the monitor's risk_item alert rests on it):
  /// a client's own receipt then shows the clinic's crisis information.
  bool risk_endorsed = false;
  /// Lead clinicians notified of a client's own risk endorsement.
  std::int64_t notified = 0;
};

/// A request checked and scored without the store (PrepareSubmission), ready to be stored.
struct PreparedSubmission {
  MeasureAdministration administration;  // id unset; dated by its session when stored
  SubmissionResult result;               // score, total and band filled in
  SubmittedBy submitted_by = SubmittedBy::kStaff;
  std::string attention_link;  // AdministrationRequest::attention_link
};

/// Checks and scores `request` (InvalidArgument as SubmitAdministration; nothing stored).
/// Needs no store, so callers can do it before queueing the store work (the HTTP route does it
/// on its handler thread, outside the commit queue's writer).
Result<PreparedSubmission> PrepareSubmission(const ClinicalLibrary& library, const Clock& clock,
                                             const AdministrationRequest& request);

/// Stores a prepared submission, reviews the episode with `monitor` (may be null) and applies
/// its alerts by the alert lifecycle (raise, add a trigger, re-open, resolve automatically), in
/// one transaction; a client's own risk endorsement also notifies the lead clinicians. NotFound
/// when the session is not one of this client's (or not visible to the actor); anything the store
/// or monitor returns. On any error nothing is stored. REQUIRES: `prepared` came from
/// PrepareSubmission (its session is set).
Result<SubmissionResult> StoreSubmission(Store& store, const AccessContext& context,
                                         EpisodeMonitor* monitor, PreparedSubmission prepared);

/// PrepareSubmission then StoreSubmission: validates, scores and stores one administration.
/// `monitor` may be null. Errors: InvalidArgument naming the item or field (unknown instrument,
/// missing/unknown item, answer not allowed, total out of range, both or neither of answers/total);
/// NotFound when the session is not one of this client's (or not visible to the actor); anything
/// the store or monitor returns. On any error nothing is stored.
Result<SubmissionResult> SubmitAdministration(Store& store, const AccessContext& context,
                                              const ClinicalLibrary& library,
                                              EpisodeMonitor* monitor, const Clock& clock,
                                              const AdministrationRequest& request);

}  // namespace tessera::app
