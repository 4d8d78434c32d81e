#pragma once
// Refitting the server's expected-response model from the store: every closed episode the
// actor may see (an admin: all) is read as the monitor sees an episode (sessions numbered by
// date, the first score of an instrument its baseline), the practice growth model and intake
// course are fitted on them (monitor::FitExpectedModel, as `tessera fit expected`) and the
// monitor uses the new model from the next submission on. Every client record read is
// audited by the store.

#include "app/monitoring.hpp"
#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"

namespace tessera::app {

/// Reads the closed episodes, fits and hands the model to `monitor` (EpisodeMonitor::Refit).
/// Conflict, keeping the current model, when no outcome instrument has a growth model on
/// enough clients (the message names the instruments, their client counts and the minimum);
/// Unavailable when `monitor` cannot be refitted; store errors as they come.
Result<PracticeModelSummary> RefitPracticeModel(Store& store, const AccessContext& context,
                                                EpisodeMonitor& monitor, const Clock& clock);

}  // namespace tessera::app
