#pragma once
// The tessera command line. Each command family lives in its own file and registers itself
// with the app (see command_context.hpp); this header is what src/main calls.

#include <filesystem>
#include <iosfwd>

#include "core/clock.hpp"

namespace tessera::cli {

/// What the outside world gives the command line: where the shipped data lives, the streams,
/// and the clock. Owned by the caller; must outlive RunCli.
struct CliEnvironment {
  std::filesystem::path data_dir;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  const Clock& clock;
};

/// Parses argv, runs the chosen command and returns the process exit code (see exit_codes.hpp).
int RunCli(int argc, const char* const* argv, const CliEnvironment& environment);

}  // namespace tessera::cli
