#pragma once
// Reading one episode's records from the store for the monitor (monitoring.hpp).

#include <optional>

#include "app/monitoring.hpp"
#include "core/access.hpp"
#include "core/store.hpp"

namespace tessera::app {

/// The episode's profile, sessions, administrations and current plan. NotFound when the
/// actor cannot see the client. Call inside the caller's transaction.
Result<MonitoringInput> ReadEpisode(Store& store, const AccessContext& context, ClientId client,
                                    EpisodeId episode, std::optional<SessionId> latest_session);

}  // namespace tessera::app
