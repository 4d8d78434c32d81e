#include "app/practice_statistics.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <vector>

#include "app/alert_lifecycle.hpp"
#include "core/clock.hpp"
#include "core/records/names.hpp"
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

// Outcome categories per instrument from the first to the last administration in the episode.
void AddOutcomes(const ClinicalLibrary& library,
                 const std::vector<MeasureAdministration>& administrations,
                 const std::set<std::int64_t>& episode_sessions,
                 std::map<std::string, OutcomeCounts>& outcomes) {
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
    OutcomeCounts& counts = outcomes[instrument_id];
    ++counts.episodes;
    ++counts.categories[measures::OutcomeCategoryName(change->category)];
  }
}

Status AddClosedEpisode(const ClinicalLibrary& library,
                        const std::vector<MeasureAdministration>& administrations,
                        const std::set<std::int64_t>& episode_sessions,
                        PracticeStatistics& statistics) {
  AddOutcomes(library, administrations, episode_sessions, statistics.outcomes);
  const std::string& depression_id = library.nhs_rules.depression.instrument;
  const std::string& anxiety_id = library.nhs_rules.anxiety.instrument;
  const auto depression = FirstAndLastTotals(administrations, episode_sessions, depression_id);
  const auto anxiety = FirstAndLastTotals(administrations, episode_sessions, anxiety_id);
  if (!depression || !anxiety) return Ok();
  TRY_ASSIGN(
      measures::NhsTtIndicators indicators,
      measures::NhsTalkingTherapies(library.nhs_rules, library.instruments, *depression, *anxiety));
  NhsTtSummary& summary = statistics.nhs_talking_therapies;
  ++summary.paired_episodes;
  summary.caseness += indicators.caseness;
  summary.recovery += indicators.recovery;
  summary.reliable_improvement += indicators.reliable_improvement;
  summary.reliable_deterioration += indicators.reliable_deterioration;
  summary.reliable_recovery += indicators.reliable_recovery;
  return Ok();
}

bool InPeriod(const StatisticsPeriod& period, const std::string& date) {
  return (!period.from || date >= *period.from) && (!period.to || date <= *period.to);
}

std::string DateOf(TimePoint time) { return FormatUtc(time).substr(0, 10); }

void AddAlerts(const std::vector<Alert>& alerts, const StatisticsPeriod& period,
               PracticeStatistics& statistics) {
  for (const Alert& alert : alerts) {
    if (!InPeriod(period, DateOf(alert.raised_at))) continue;
    // Open: not yet seen by a clinician (lifecycle state open); handled: acknowledged or resolved.
    ++(StateOf(alert) == AlertLifecycleState::kOpen ? statistics.alerts_open
                                                    : statistics.alerts_handled);
    // The time to the first handling by a person: automatic resolutions are nobody's response.
    const auto first = std::find_if(
        alert.handlings.begin(), alert.handlings.end(),
        [](const AlertHandling& handling) { return handling.action != kAutoResolvedAction; });
    if (first == alert.handlings.end()) continue;
    const auto waited =
        std::chrono::duration<double, std::ratio<3600>>(first->handled_at - alert.raised_at);
    statistics.hours_to_first_handling.push_back(std::max(0.0, waited.count()));
  }
}

}  // namespace

Status AddClientStatistics(Store& store, const AccessContext& context,
                           const ClinicalLibrary& library, ClientId client,
                           const StatisticsPeriod& period, PracticeStatistics& statistics) {
  ++statistics.clients;
  TRY_ASSIGN(std::vector<Episode> episodes, store.ListEpisodes(context, client));
  TRY_ASSIGN(std::vector<Session> sessions,
             store.ListSessions(context, client, Versions::kCurrentOnly));
  TRY_ASSIGN(std::vector<MeasureAdministration> administrations,
             store.ListAdministrations(context, client, Versions::kCurrentOnly));
  TRY_ASSIGN(std::vector<Alert> alerts, store.ListAlerts(context, client));
  std::set<std::int64_t> measured_sessions;
  for (const MeasureAdministration& administration : administrations) {
    if (!InPeriod(period, DateOf(administration.administered_at))) continue;
    ++statistics.administrations;
    if (administration.session) measured_sessions.insert(administration.session->value());
  }
  for (const Session& session : sessions) {
    if (!InPeriod(period, session.date)) continue;
    ++statistics.sessions;
    if (session.attendance != Attendance::kAttended) continue;
    ++statistics.attended_sessions;
    statistics.attended_sessions_with_measure += measured_sessions.count(session.id.value()) > 0;
  }
  AddAlerts(alerts, period, statistics);
  for (const Episode& episode : episodes) {
    std::set<std::int64_t> episode_sessions;
    for (const Session& session : sessions) {
      if (session.episode == episode.id) episode_sessions.insert(session.id.value());
    }
    if (!episode.closed_on) {
      // Open now: counted when it was opened by the end of the period.
      if (period.to && episode.opened_on > *period.to) continue;
      ++statistics.episodes_open;
      AddOutcomes(library, administrations, episode_sessions, statistics.outcomes_open);
      continue;
    }
    if (!InPeriod(period, *episode.closed_on)) continue;
    ++statistics.episodes_closed;
    TRY(AddClosedEpisode(library, administrations, episode_sessions, statistics));
  }
  return Ok();
}

Result<PracticeStatistics> ComputePracticeStatistics(Store& store, const AccessContext& context,
                                                     const ClinicalLibrary& library,
                                                     const StatisticsPeriod& period) {
  PracticeStatistics statistics;
  statistics.period = period;
  TRY(store.Atomically([&]() -> Status {
    TRY_ASSIGN(std::vector<ClientId> clients, store.ListClients(context));
    for (const ClientId client : clients) {
      TRY(AddClientStatistics(store, context, library, client, period, statistics));
    }
    return Ok();
  }));
  return statistics;
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

}  // namespace tessera::app
