// The only place that knows everything: it finds the data directory and hands the real
// streams and clock to the command line.

#include <cstdlib>
#include <iostream>

#include "cli/cli_app.hpp"
#include "core/clock.hpp"

namespace {

std::filesystem::path DataDir() {
  if (const char* from_environment = std::getenv("TESSERA_DATA_DIR")) return from_environment;
  return TESSERA_DEFAULT_DATA_DIR;
}

}  // namespace

int main(int argc, char** argv) {
  tessera::SystemClock clock;
  const tessera::cli::CliEnvironment environment{DataDir(), std::cin, std::cout, std::cerr, clock};
  return tessera::cli::RunCli(argc, argv, environment);
}
