#include "cli/measures_support.hpp"

#include <charconv>
#include <cmath>

namespace tessera::cli {

Result<measures::InstrumentLibrary> LoadInstrumentLibrary(const CliEnvironment& environment) {
  return measures::InstrumentLibrary::LoadDirectory(environment.data_dir / "instruments");
}

Result<measures::NhsTalkingTherapiesRules> LoadNhsRules(const CliEnvironment& environment) {
  return measures::LoadNhsTalkingTherapiesRules(environment.data_dir / "indicators" /
                                                "nhs-talking-therapies.json");
}

Result<double> ParseNumberArgument(const std::string& argument_name, const std::string& text,
                                   const std::string& allowed) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return InvalidArgument(argument_name + ": '" + text + "' is not a number; allowed: " + allowed);
  }
  return value;
}

}  // namespace tessera::cli
