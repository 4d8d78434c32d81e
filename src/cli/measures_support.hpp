#pragma once
// Shared by the measures command families (measures_commands.cpp, demo_commands.cpp): loading
// the shipped instruments and rules from the data directory, and reading numbers typed by
// the user.

#include <string>

#include "cli/cli_app.hpp"
#include "core/result.hpp"
#include "measures/instrument_library.hpp"
#include "measures/nhs_talking_therapies.hpp"

namespace tessera::cli {

/// data_dir/instruments/*.json
Result<measures::InstrumentLibrary> LoadInstrumentLibrary(const CliEnvironment& environment);

/// data_dir/indicators/nhs-talking-therapies.json
Result<measures::NhsTalkingTherapiesRules> LoadNhsRules(const CliEnvironment& environment);

/// Reads a number typed as `argument_name`; InvalidArgument naming the argument and `allowed`
/// (e.g. "a whole number from 0 to 27") when the text is not a number. Ranges are the caller's.
Result<double> ParseNumberArgument(const std::string& argument_name, const std::string& text,
                                   const std::string& allowed);

}  // namespace tessera::cli
