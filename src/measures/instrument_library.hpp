#pragma once
// The set of instruments a tessera installation knows: every data/instruments/*.json file,
// validated when loaded. Adding an instrument is adding a file.
//
//   TRY_ASSIGN(InstrumentLibrary library, InstrumentLibrary::LoadDirectory(data_dir /
//   "instruments")); const Instrument* phq9 = library.Find("phq9");

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "measures/instrument.hpp"

namespace tessera::measures {

class InstrumentLibrary {
 public:
  /// Loads every *.json file in `directory` (not recursive), in file-name order. Fails on the
  /// first bad file with "<file>: <field>: <rule>", or when two files use the same id, or when
  /// the directory cannot be read or holds no instrument.
  static Result<InstrumentLibrary> LoadDirectory(const std::filesystem::path& directory);

  /// Loads one file (InvalidArgument naming the file if it is bad, NotFound if missing).
  static Result<Instrument> LoadFile(const std::filesystem::path& file);

  /// Builds a library from already validated instruments; fails on a duplicate id.
  static Result<InstrumentLibrary> FromInstruments(std::vector<Instrument> instruments);

  /// The instrument with this id (ids are lower-case, e.g. "phq9"), or nullptr.
  /// The pointer lives as long as the library.
  const Instrument* Find(const std::string& instrument_id) const;

  /// Like Find, but NotFound naming the known ids when there is none.
  Result<const Instrument*> Get(const std::string& instrument_id) const;

  /// All instruments, ordered by id.
  const std::vector<Instrument>& instruments() const { return instruments_; }

 private:
  explicit InstrumentLibrary(std::vector<Instrument> instruments)
      : instruments_(std::move(instruments)) {}

  std::vector<Instrument> instruments_;
};

}  // namespace tessera::measures
