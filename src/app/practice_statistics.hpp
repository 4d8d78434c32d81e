#pragma once
// Practice statistics over the clients an actor may see: record counts, outcome categories
// (reliable and clinically significant change, measures/change.hpp) per instrument from the
// first to the last administration of each closed episode, and the NHS Talking Therapies
// paired-outcome indicators over closed episodes with a PHQ-9 and GAD-7 at both ends. Open
// episodes get the same outcome categories from the first to the latest administration so far.
// An optional period (ISO dates, both ends included) narrows every count to what happened in
// it: closed episodes by their closing date, open episodes opened by its end, sessions by date,
// administrations by the date given, alerts by the date raised.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/clinical_library.hpp"
#include "core/access.hpp"
#include "core/store.hpp"

namespace tessera::app {

struct OutcomeCounts {
  int episodes = 0;  // closed episodes with at least two administrations of the instrument
  std::map<std::string, int> categories;  // "recovered", "improved", "unchanged", "deteriorated"
};

struct NhsTtSummary {
  int paired_episodes = 0;  // closed episodes with PHQ-9 and GAD-7 at first and last
  int caseness = 0;         // a case at the first measurement
  int recovery = 0;
  int reliable_improvement = 0;
  int reliable_deterioration = 0;
  int reliable_recovery = 0;
};

struct StatisticsPeriod {
  std::optional<std::string> from;  // ISO date, included
  std::optional<std::string> to;    // ISO date, included
};

struct PracticeStatistics {
  StatisticsPeriod period;
  int clients = 0;
  int episodes_open = 0;
  int episodes_closed = 0;
  int sessions = 0;
  int administrations = 0;
  int alerts_open = 0;
  int alerts_handled = 0;
  /// Hours from raising to the first handling (acknowledgement, or a resolution without one)
  /// of each handled alert; the route reports their median.
  std::vector<double> hours_to_first_handling;
  int attended_sessions = 0;
  int attended_sessions_with_measure = 0;         // with at least one administration given in them
  std::map<std::string, OutcomeCounts> outcomes;  // closed episodes, by instrument id
  std::map<std::string, OutcomeCounts> outcomes_open;  // open episodes so far, by instrument id
  NhsTtSummary nhs_talking_therapies;
};

/// Computes the statistics in one transaction (one audited read per client record read).
Result<PracticeStatistics> ComputePracticeStatistics(Store& store, const AccessContext& context,
                                                     const ClinicalLibrary& library,
                                                     const StatisticsPeriod& period = {});

/// Adds one client's records to `statistics` (the client counts once; the reads are audited as
/// reads of that client). NotFound when the actor may not read the client.
Status AddClientStatistics(Store& store, const AccessContext& context,
                           const ClinicalLibrary& library, ClientId client,
                           const StatisticsPeriod& period, PracticeStatistics& statistics);

/// The median of `values` (nullopt when empty).
std::optional<double> Median(std::vector<double> values);

}  // namespace tessera::app
