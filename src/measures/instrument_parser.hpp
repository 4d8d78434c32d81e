#pragma once
// Turning one instrument file's text into an Instrument: the JSON shape (parser) and the
// rules between fields (validator). Most callers want InstrumentLibrary instead.

#include <string>

#include "core/result.hpp"
#include "measures/instrument.hpp"

namespace tessera::measures {

/// Parses and validates one instrument definition. `file` is only used in error messages,
/// which read "<file>: <field>: <rule>". On success every reference inside the instrument
/// resolves and the scale ranges (Scale::minimum/maximum) are filled in.
Result<Instrument> ParseInstrument(const std::string& json_text, const std::string& file);

/// The cross-field rules (references, ranges, band coverage) on an already parsed instrument;
/// fills in scale ranges. Exposed for instruments built in code (tests, FHIR import).
Status ValidateInstrument(Instrument& instrument, const std::string& file);

}  // namespace tessera::measures
