#pragma once
// Records made from the practice simulator's CSV (stats/practice_simulator.hpp): how a simulated
// client becomes a stored profile and PHQ-9 item answers. Shared by the demo practice and the
// monitor's review corpus, so both turn a simulated client into the same records.

#include <map>
#include <string>
#include <vector>

#include "core/records/clinical.hpp"
#include "core/records/people.hpp"

namespace tessera::app {

/// One CSV row, by column name.
using SimulatedRow = std::map<std::string, std::string>;

/// The simulator's CSV rows, grouped by their `client_id` column (ordered by that text), each
/// client's rows in file order.
std::map<std::string, std::vector<SimulatedRow>> SimulatedClients(const std::string& csv);

/// The profile stored for a simulated client, from its first (intake) row. Demo convention,
/// not a clinical rule: the depression severity word comes from the intake PHQ-9 band.
ClientProfile ProfileFromIntake(const SimulatedRow& intake);

/// PHQ-9 item answers ("1" to "9") adding up to `total`: items 1-8 first (at most 3 each),
/// item 9 (thoughts of self-harm) only when `endorse_item9` or the total needs it.
std::vector<ItemAnswer> Phq9ItemsAddingUpTo(int total, bool endorse_item9);

}  // namespace tessera::app
