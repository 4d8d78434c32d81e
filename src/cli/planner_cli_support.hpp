#pragma once
// Shared by the plan, match and catalog commands: reading input files and loading the
// catalogue (the shipped data/catalog plus any --catalog-dir a clinic adds).

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/cli_app.hpp"
#include "core/result.hpp"

namespace tessera::cli {

/// The whole file as text; NotFound naming `what` and the path when it cannot be read.
Result<std::string> ReadInputFile(const std::string& path, const std::string& what);

/// Loads data_dir/catalog plus the extra directories, validated.
Result<catalog::Catalog> LoadCatalog(const CliEnvironment& environment, const std::vector<std::string>& extra);

}  // namespace tessera::cli
