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

/// The monitor's input for the episode of `session` (which becomes the latest session), read in
/// one store call (Store::ReadEpisodeOfSession: per session and instrument only the
/// administration that counts), and the episode's alerts (with handlings and triggers). NotFound
/// when the session is not a current session of the client or the actor cannot see the client. Call
/// inside the caller's transaction.
struct SessionEpisode {
  MonitoringInput input;
  std::vector<Alert> episode_alerts;
};
Result<SessionEpisode> ReadSessionEpisode(Store& store, const AccessContext& context,
                                          ClientId client, SessionId session);

}  // namespace tessera::app
