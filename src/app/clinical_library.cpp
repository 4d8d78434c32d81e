#include "app/clinical_library.hpp"

#include <fstream>
#include <sstream>

namespace tessera::app {

Result<ClinicalLibrary> ClinicalLibrary::Load(const std::filesystem::path& data_dir) {
  const std::filesystem::path instrument_dir = data_dir / "instruments";
  TRY_ASSIGN(measures::InstrumentLibrary instruments,
             measures::InstrumentLibrary::LoadDirectory(instrument_dir));
  TRY_ASSIGN(catalog::Catalog catalog, catalog::Catalog::Load({data_dir / "catalog"}));
  TRY_ASSIGN(measures::NhsTalkingTherapiesRules rules,
             measures::LoadNhsTalkingTherapiesRules(data_dir / "indicators" /
                                                    "nhs-talking-therapies.json"));
  std::map<std::string, std::string> documents;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(instrument_dir, error)) {
    if (entry.path().extension() != ".json") continue;
    // The file was validated by LoadDirectory above; only the id is needed to key it.
    TRY_ASSIGN(measures::Instrument instrument,
               measures::InstrumentLibrary::LoadFile(entry.path()));
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    documents[instrument.id] = text.str();
  }
  if (error) return Unavailable("cannot read " + instrument_dir.string() + ": " + error.message());
  TRY_ASSIGN(ScheduleDefaults schedules,
             ScheduleDefaults::Load(data_dir / "schedules" / "defaults.json", instruments));
  return ClinicalLibrary{std::move(instruments), std::move(catalog), std::move(rules),
                         std::move(documents), std::move(schedules)};
}

}  // namespace tessera::app
