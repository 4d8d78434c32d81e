#pragma once
// The client's own progress chart (issue 18; decision 0260): when the clinician has chosen to
// share it for the episode, the client sees their own scores on their outcome questionnaires,
// session by session, with the questionnaire's published clinical cut-off. Nothing else: not
// the monitor's expected band or status, no alerts, no plan reasoning (those are the
// clinician's; the HTTP answer also goes through the one client-view mapping).

#include <optional>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "core/store.hpp"

namespace tessera::app {

struct ProgressPoint {
  std::string date;  // the session's ISO date
  double score = 0;
};

struct InstrumentSeries {
  std::string instrument;  // id, e.g. "phq9"
  std::string name;        // as clinicians and clients read it, e.g. "PHQ-9"
  bool higher_is_worse = true;
  std::optional<double> cut_off;      // the published clinical cut-off on the total, if any
  std::vector<ProgressPoint> points;  // oldest first
};

struct SharedProgress {
  std::optional<EpisodeId> episode;  // the open episode (else the latest); none: no episode
  bool shared = false;
  std::vector<InstrumentSeries> instruments;  // empty unless shared
};

/// The client's progress as the client may see it: the sharing setting of their current
/// episode and, when shared, its scores. Staff on the case and the client's own account;
/// NotFound for anyone else. Reads are audited by the store.
Result<SharedProgress> ReadSharedProgress(Store& store, const AccessContext& context,
                                          const ClinicalLibrary& library, ClientId client);

}  // namespace tessera::app
