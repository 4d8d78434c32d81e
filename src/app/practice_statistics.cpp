#include "app/practice_statistics.hpp"

#include <optional>
#include <set>
#include <vector>

#include "app/alert_lifecycle.hpp"
#include "measures/change.hpp"

namespace tessera::app {
namespace {

// First and last totals of one instrument within an episode (administrations come oldest
// first from the store); nullopt with fewer than two.
std::optional<measures::FirstAndLast> FirstAndLastTotals(
    const std::vector<MeasureAdministration>& administrations,
    const std::set<std::int64_t>& episode_sessions, const std::string& instrument) {
  std::vector<double> totals;
  for (const MeasureAdministration& administration : administrations) {
    if (administration.instrument.value() != instrument || !administration.total) continue;
    if (!administration.session || episode_sessions.count(administration.session->value()) == 0)
      continue;
    totals.push_back(*administration.total);
  }
  if (totals.size() < 2) return std::nullopt;
  return measures::FirstAndLast{totals.front(), totals.back()};
}

Status AddEpisode(const ClinicalLibrary& library,
                  const std::vector<MeasureAdministration>& administrations,
                  const std::set<std::int64_t>& episode_sessions, PracticeStatistics& statistics) {
  std::set<std::string> instruments;
  for (const MeasureAdministration& administration : administrations) {
    instruments.insert(administration.instrument.value());
  }
  for (const std::string& instrument_id : instruments) {
    const measures::Instrument* instrument = library.instruments.Find(instrument_id);
    if (instrument == nullptr || !instrument->total) continue;
    const auto pair = FirstAndLastTotals(administrations, episode_sessions, instrument_id);
    if (!pair) continue;
    // Instruments without norms or a published reliable change cannot be classified; they are
    // left out rather than guessed.
    const auto change = measures::Change(*instrument, pair->first, pair->last);
    if (!change) continue;
    OutcomeCounts& counts = statistics.outcomes[instrument_id];
    ++counts.episodes;
    ++counts.categories[measures::OutcomeCategoryName(change->category)];
  }
  const std::string& depression_id = library.nhs_rules.depression.instrument;
  const std::string& anxiety_id = library.nhs_rules.anxiety.instrument;
  const auto depression = FirstAndLastTotals(administrations, episode_sessions, depression_id);
  const auto anxiety = FirstAndLastTotals(administrations, episode_sessions, anxiety_id);
  if (!depression || !anxiety) return Ok();
  TRY_ASSIGN(measures::NhsTtIndicators indicators,
             measures::NhsTalkingTherapies(library.nhs_rules, library.instruments, *depression,
                                           *anxiety));
  NhsTtSummary& summary = statistics.nhs_talking_therapies;
  ++summary.paired_episodes;
  summary.caseness += indicators.caseness;
  summary.recovery += indicators.recovery;
  summary.reliable_improvement += indicators.reliable_improvement;
  summary.reliable_deterioration += indicators.reliable_deterioration;
  summary.reliable_recovery += indicators.reliable_recovery;
  return Ok();
}

Status AddClient(Store& store, const AccessContext& context, const ClinicalLibrary& library,
                 ClientId client, PracticeStatistics& statistics) {
  ++statistics.clients;
  TRY_ASSIGN(std::vector<Episode> episodes, store.ListEpisodes(context, client));
  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
             store.ListAdministrations(context, client, Versions::kCurrentOnly));
  TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, client));
  statistics.sessions += static_cast<int>(sessions.size());
  statistics.administrations += static_cast<int>(administrations.size());
  for (const Alert& alert : alerts) {
    // Open: not yet seen by a clinician (lifecycle state open); handled: acknowledged or resolved.
    ++(StateOf(alert) == AlertLifecycleState::kOpen ? statistics.alerts_open : statistics.alerts_handled);
  }
  for (const Episode& episode : episodes) {
    if (!episode.closed_on) {
      ++statistics.episodes_open;
      continue;
    }
    ++statistics.episodes_closed;
    std::set<std::int64_t> episode_sessions;
    for (const Session& session : sessions) {
      if (session.episode == episode.id) episode_sessions.insert(session.id.value());
    }
    TRY(AddEpisode(library, administrations, episode_sessions, statistics));
  }
  return Ok();
}

}  // namespace

Result<PracticeStatistics> ComputePracticeStatistics(Store& store, const AccessContext& context,
                                                     const ClinicalLibrary& library) {
  PracticeStatistics statistics;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(std::vector<ClientId> clients, store.ListClients(context));
    for (const ClientId client : clients) {
      TRY(AddClient(store, context, library, client, statistics));
    }
    return Ok();
  }));
  return statistics;
}

}  // namespace tessera::app
