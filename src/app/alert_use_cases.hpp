#pragma once
// Alerts across the clients an actor may see: the work queue (most severe first, then the
// longest waiting, with client names and lifecycle state), and handling alerts by the
// lifecycle (alert_lifecycle.hpp): acknowledging one or many with one note, resolving one.
// Every change is a new handling row; the alert itself is never edited.

#include <optional>
#include <string>
#include <vector>

#include "app/alert_lifecycle.hpp"
#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/store.hpp"

namespace tessera::app {

/// kActive: open or acknowledged (what still needs a clinician); kHandled: acknowledged or
/// resolved.
enum class AlertState { kAny, kOpen, kAcknowledged, kResolved, kActive, kHandled };

struct AlertFilter {
  std::optional<ClientId> client;  // absent: every client the actor may see
  std::optional<std::string> kind;
  AlertState state = AlertState::kAny;
};

/// An alert as the work queue shows it.
struct AlertView {
  Alert alert;
  std::string client_name;
  AlertLifecycleState state = AlertLifecycleState::kOpen;
  std::string severity;  // CurrentSeverity
};

/// Matching alerts, most severe first (SeverityRank), then oldest first (raised_at, then id):
/// the longest-waiting of the most urgent leads. NotFound when `filter.client` is set and the
/// actor cannot see that client. Reads each listed client's name (audited as such).
Result<std::vector<AlertView>> ListAlerts(Store& store, const AccessContext& context,
                                          const AlertFilter& filter);

/// Records "acknowledged" with the note on every alert of `alerts`, in one transaction.
/// InvalidArgument for an empty note or list (or more than 500 ids); NotFound for an alert the
/// actor cannot see; Conflict for a resolved one. Nothing is recorded on any error. Returns
/// the alerts as they now are, in the order asked.
Result<std::vector<AlertView>> AcknowledgeAlerts(Store& store, const AccessContext& context,
                                                 const Clock& clock,
                                                 const std::vector<AlertId>& alerts,
                                                 const std::string& note);
/// One alert: AcknowledgeAlerts of one.
Result<AlertView> AcknowledgeAlert(Store& store, const AccessContext& context, const Clock& clock,
                                   AlertId alert, const std::string& note);

/// Records "resolved" with the note (what was done). InvalidArgument for an empty note;
/// NotFound as above; Conflict when already resolved. Risk alerts are resolved only this way.
Result<AlertView> ResolveAlert(Store& store, const AccessContext& context, const Clock& clock,
                               AlertId alert, const std::string& note);

}  // namespace tessera::app
