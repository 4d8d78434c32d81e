#pragma once
// The read-only clinical knowledge a running tessera needs, loaded once at start-up: the
// instrument definitions (data/instruments), the catalogue (data/catalog) and the NHS Talking
// Therapies indicator rules (data/indicators). Shared by the HTTP server and the CLI.

#include <filesystem>
#include <map>
#include <string>

#include "app/measurement_schedules.hpp"
#include "catalog/catalog.hpp"
#include "core/result.hpp"
#include "measures/instrument_library.hpp"
#include "measures/nhs_talking_therapies.hpp"

namespace tessera::app {

struct ClinicalLibrary {
  measures::InstrumentLibrary instruments;
  catalog::Catalog catalog;
  measures::NhsTalkingTherapiesRules nhs_rules;
  /// Each instrument's definition file as shipped (JSON text), by instrument id: what the API
  /// serves, so a client sees exactly the data the scorer uses.
  std::map<std::string, std::string> instrument_documents;
  /// Default measurement schedules by problem (data/schedules/defaults.json; may be empty).
  ScheduleDefaults schedules{};

  /// Loads everything under `data_dir`; errors name the file and the rule it broke.
  static Result<ClinicalLibrary> Load(const std::filesystem::path& data_dir);
};

}  // namespace tessera::app
