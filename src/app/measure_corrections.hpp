#pragma once
// Correcting and voiding a measure administration entered by mistake (issue 16: two PHQ-9s
// stood in one session and both counted). Either is a new row that supersedes the original,
// with its reason; the original stays in the history. A correction is scored like a
// submission and counts instead (summaries, monitoring, the episode course and statistics read
// current rows only); a void cancels it and nothing counts in its place.

#include <map>
#include <optional>
#include <string>

#include "app/measure_submission.hpp"

namespace tessera::app {

/// The new answers (or total) of a corrected administration, exactly one of the two, and why.
struct CorrectionRequest {
  ClientId client;
  AdministrationId administration;
  std::string reason;
  std::optional<std::map<std::string, std::optional<double>>> answers;
  std::optional<double> total;
};

/// Scores the correction with the original's instrument, stores it in the original's session
/// and reviews the episode with `monitor` (may be null), as SubmitAdministration does. Errors:
/// InvalidArgument for an empty reason or bad answers (as SubmitAdministration); NotFound when
/// the administration is not one of this client's current ones; Conflict when it was already
/// corrected or voided, or its episode is closed. On any error nothing is stored.
Result<SubmissionResult> CorrectAdministration(Store& store, const AccessContext& context,
                                               const ClinicalLibrary& library,
                                               EpisodeMonitor* monitor, const Clock& clock,
                                               const CorrectionRequest& request);

/// Voids the administration with `reason`; returns the void row as stored. Errors as
/// CorrectAdministration.
Result<MeasureAdministration> VoidAdministration(Store& store, const AccessContext& context,
                                                 ClientId client, AdministrationId administration,
                                                 const std::string& reason);

}  // namespace tessera::app
