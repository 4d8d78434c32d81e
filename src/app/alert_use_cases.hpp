#pragma once
// Alerts across the clients an actor may see: a filtered list for the work queue, and
// acknowledging one with a note (recorded as a handling; the alert itself is never edited).

#include <optional>
#include <string>
#include <vector>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"

namespace tessera::app {

enum class AlertState { kAny, kOpen, kHandled };

struct AlertFilter {
  std::optional<ClientId> client;  // absent: every client the actor may see
  std::optional<std::string> kind;
  AlertState state = AlertState::kAny;
};

/// Matching alerts, newest first (ties by id, descending). NotFound when `filter.client` is set
/// and the actor cannot see that client.
Result<std::vector<Alert>> ListAlerts(Store& store, const AccessContext& context,
                                      const AlertFilter& filter);

/// Records "acknowledged" with the note. InvalidArgument for an empty note; NotFound for an
/// alert the actor cannot see. Returns the alert with its handlings.
Result<Alert> AcknowledgeAlert(Store& store, const AccessContext& context, const Clock& clock,
                               AlertId alert, const std::string& note);

}  // namespace tessera::app
