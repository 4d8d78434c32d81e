#include "monitor/test_practice.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "stats/practice_simulator.hpp"

namespace tessera::monitor {

namespace fs = std::filesystem;

template <class T>
static T OrAbort(Result<T> result) {
  if (!result) {
    std::fprintf(stderr, "test setup: %s\n", result.error().message().c_str());
    std::abort();
  }
  return std::move(result).value();
}

const catalog::Catalog& ShippedCatalog() {
  static const catalog::Catalog catalog =
      OrAbort(catalog::Catalog::Load({fs::path(TESSERA_DATA_DIR) / "catalog"}));
  return catalog;
}

const measures::InstrumentLibrary& ShippedInstruments() {
  static const measures::InstrumentLibrary library = OrAbort(
      measures::InstrumentLibrary::LoadDirectory(fs::path(TESSERA_DATA_DIR) / "instruments"));
  return library;
}

const MonitorRules& ShippedRules() {
  static const MonitorRules rules =
      OrAbort(LoadMonitorRules(fs::path(TESSERA_DATA_DIR) / "monitor"));
  return rules;
}

std::vector<PracticeObservation> ObservationsFromCsv(const std::string& csv) {
  std::istringstream stream(csv);
  std::string line;
  std::getline(stream, line);
  std::vector<std::string> header;
  {
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, ',');) header.push_back(field);
  }
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const std::size_t client = column("client_id"), session = column("session");
  std::vector<PracticeObservation> rows;
  while (std::getline(stream, line)) {
    std::vector<std::string> fields;
    std::stringstream parts(line);
    for (std::string field; std::getline(parts, field, ',');) fields.push_back(field);
    for (const std::string instrument : {"phq9", "gad7"}) {
      rows.push_back({fields[client], instrument, std::stod(fields[column("intake_" + instrument)]),
                      std::stoi(fields[session]), std::stod(fields[column(instrument)])});
    }
  }
  return rows;
}

const ExpectedModel& TrainingPracticeModel() {
  static const ExpectedModel model = [] {
    std::ostringstream csv;
    OrAbort(stats::SimulatePractice({.clients = 400, .sessions = 12, .seed = 11}, csv));
    return OrAbort(FitExpectedModel(ObservationsFromCsv(csv.str())));
  }();
  return model;
}

}  // namespace tessera::monitor
