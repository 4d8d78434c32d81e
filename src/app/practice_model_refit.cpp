#include "app/practice_model_refit.hpp"

#include "app/episode_records.hpp"

namespace tessera::app {

Result<PracticeModelSummary> RefitPracticeModel(Store& store, const AccessContext& context,
                                                EpisodeMonitor& monitor, const Clock& clock) {
  std::vector<MonitoringInput> closed;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(std::vector<ClientId> clients, store.ListClients(context));
    for (const ClientId client : clients) {
      TRY_ASSIGN(std::vector<Episode> episodes, store.ListEpisodes(context, client));
      for (const Episode& episode : episodes) {
        if (!episode.closed_on) continue;
        TRY_ASSIGN(MonitoringInput input,
                   ReadEpisode(store, context, client, episode.id, std::nullopt));
        closed.push_back(std::move(input));
      }
    }
    return Ok();
  }));
  const std::string source = "refitted from " + std::to_string(closed.size()) +
                             " closed episodes at " + FormatUtc(clock.Now()) + " by user " +
                             (context.actor ? std::to_string(context.actor->value()) : "bootstrap");
  return monitor.Refit(closed, source, FormatUtc(clock.Now()));
}

}  // namespace tessera::app
