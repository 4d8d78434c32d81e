#include "app/shared_progress.hpp"

#include <algorithm>
#include <map>

namespace tessera::app {
namespace {

// The open episode opened last, else the episode opened last: a client whose care has ended
// still sees the course it took, while the clinician keeps it shared.
const Episode* CurrentEpisode(const std::vector<Episode>& episodes) {
  const Episode* chosen = nullptr;
  for (const Episode& episode : episodes) {
    const bool open = !episode.closed_on;
    const bool chosen_open = chosen != nullptr && !chosen->closed_on;
    if (chosen == nullptr || (open && !chosen_open) ||
        (open == chosen_open && episode.id.value() > chosen->id.value()))
      chosen = &episode;
  }
  return chosen;
}

}  // namespace

Result<SharedProgress> ReadSharedProgress(Store& store, const AccessContext& context,
                                          const ClinicalLibrary& library, ClientId client) {
  SharedProgress progress;
  TRY_ASSIGN(std::vector<Episode> episodes, store.ListEpisodes(context, client));
  const Episode* episode = CurrentEpisode(episodes);
  if (episode == nullptr) return progress;
  progress.episode = episode->id;
  TRY_ASSIGN(ProgressSharing sharing, store.GetProgressSharing(context, client, episode->id));
  progress.shared = sharing.shared;
  if (!progress.shared) return progress;

  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  std::map<std::int64_t, std::string> dates;  // the episode's sessions
  for (const Session& session : sessions)
    if (session.episode == episode->id) dates[session.id.value()] = session.date;
  TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
             store.ListAdministrations(context, client, Versions::kCurrentOnly));
  std::map<std::string, InstrumentSeries> by_instrument;
  for (const MeasureAdministration& administration : administrations) {
    if (!administration.session || !administration.total) continue;
    const auto date = dates.find(administration.session->value());
    if (date == dates.end()) continue;
    const measures::Instrument* instrument =
        library.instruments.Find(administration.instrument.value());
    // Outcome questionnaires only: a scored total on a published scale.
    if (instrument == nullptr || !instrument->total) continue;
    InstrumentSeries& series = by_instrument[instrument->id];
    if (series.instrument.empty()) {
      series.instrument = instrument->id;
      series.name = instrument->short_name;
      series.higher_is_worse = instrument->direction == measures::Direction::kHigherIsWorse;
      if (instrument->clinical_cutoff) series.cut_off = instrument->clinical_cutoff->value;
    }
    series.points.push_back({date->second, *administration.total});
  }
  for (auto& [id, series] : by_instrument) {
    std::stable_sort(series.points.begin(), series.points.end(),
                     [](const ProgressPoint& left, const ProgressPoint& right) {
                       return left.date < right.date;
                     });
    progress.instruments.push_back(std::move(series));
  }
  return progress;
}

}  // namespace tessera::app
