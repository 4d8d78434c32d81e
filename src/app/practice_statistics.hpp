#pragma once
// Practice statistics over the clients an actor may see: record counts, outcome categories
// (reliable and clinically significant change, measures/change.hpp) per instrument from the
// first to the last administration of each closed episode, and the NHS Talking Therapies
// paired-outcome indicators over closed episodes with a PHQ-9 and GAD-7 at both ends.

#include <map>
#include <string>

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

struct PracticeStatistics {
  int clients = 0;
  int episodes_open = 0;
  int episodes_closed = 0;
  int sessions = 0;
  int administrations = 0;
  int alerts_open = 0;
  int alerts_handled = 0;
  std::map<std::string, OutcomeCounts> outcomes;  // by instrument id
  NhsTtSummary nhs_talking_therapies;
};

/// Computes the statistics in one transaction (one audited read per client record read).
Result<PracticeStatistics> ComputePracticeStatistics(Store& store, const AccessContext& context,
                                                     const ClinicalLibrary& library);

}  // namespace tessera::app
