#pragma once
// Shared by the monitor's tests: the shipped data and one simulated training practice.

#include "catalog/catalog.hpp"
#include "measures/instrument_library.hpp"
#include "monitor/expected_model.hpp"
#include "monitor/rules.hpp"

namespace tessera::monitor {

const catalog::Catalog& ShippedCatalog();
const measures::InstrumentLibrary& ShippedInstruments();
const MonitorRules& ShippedRules();
/// `tessera simulate --clients 400 --sessions 12 --seed 11`, fitted with FitExpectedModel.
const ExpectedModel& TrainingPracticeModel();
/// Reads the simulator's CSV into observations (phq9 and gad7).
std::vector<PracticeObservation> ObservationsFromCsv(const std::string& csv);

}  // namespace tessera::monitor
