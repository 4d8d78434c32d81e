#include "measures/instrument_library.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "measures/instrument_parser.hpp"

namespace tessera::measures {

namespace {

// Clinicians write "PHQ-9", "phq9" or "phq_9" for the same form; ids match ignoring case and
// the separators '-', '_' and ' '.
std::string NormalisedId(const std::string& id) {
  std::string normalised;
  for (char character : id) {
    if (character == '-' || character == '_' || character == ' ') continue;
    normalised += static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
  }
  return normalised;
}

}  // namespace

Result<Instrument> InstrumentLibrary::LoadFile(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return NotFound(file.string() + ": cannot be opened");
  std::ostringstream text;
  text << stream.rdbuf();
  return ParseInstrument(text.str(), file.filename().string());
}

Result<InstrumentLibrary> InstrumentLibrary::LoadDirectory(const std::filesystem::path& directory) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator entry(directory, error), end; !error && entry != end;
       entry.increment(error)) {
    if (entry->path().extension() == ".json") files.push_back(entry->path());
  }
  if (error)
    return NotFound(directory.string() + ": cannot read the instrument directory (" +
                    error.message() + ")");
  if (files.empty()) return NotFound(directory.string() + ": holds no instrument (*.json) file");
  std::sort(files.begin(), files.end());
  std::vector<Instrument> instruments;
  for (const std::filesystem::path& file : files) {
    TRY_ASSIGN(Instrument instrument, LoadFile(file));
    instruments.push_back(std::move(instrument));
  }
  return FromInstruments(std::move(instruments));
}

Result<InstrumentLibrary> InstrumentLibrary::FromInstruments(std::vector<Instrument> instruments) {
  std::sort(instruments.begin(), instruments.end(),
            [](const Instrument& left, const Instrument& right) {
              return NormalisedId(left.id) < NormalisedId(right.id);
            });
  for (size_t index = 1; index < instruments.size(); ++index) {
    if (NormalisedId(instruments[index].id) == NormalisedId(instruments[index - 1].id)) {
      return InvalidArgument("instrument id '" + instruments[index].id +
                             "' is defined by two files; ids must be unique");
    }
  }
  return InstrumentLibrary(std::move(instruments));
}

const Instrument* InstrumentLibrary::Find(const std::string& instrument_id) const {
  const std::string wanted = NormalisedId(instrument_id);
  for (const Instrument& instrument : instruments_) {
    if (NormalisedId(instrument.id) == wanted) return &instrument;
  }
  return nullptr;
}

Result<const Instrument*> InstrumentLibrary::Get(const std::string& instrument_id) const {
  if (const Instrument* instrument = Find(instrument_id)) return instrument;
  std::string known;
  for (const Instrument& instrument : instruments_) {
    known += (known.empty() ? "" : ", ") + instrument.id;
  }
  return NotFound("unknown instrument '" + instrument_id + "'; known instruments: " + known);
}

}  // namespace tessera::measures
