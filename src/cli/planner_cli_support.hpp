#pragma once
// Shared by the plan, match and catalog commands: reading input files and loading the
// catalogue (the shipped data/catalog plus any --catalog-dir a clinic adds).

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/cli_app.hpp"
#include "core/result.hpp"
#include "planner/profile.hpp"

namespace tessera::cli {

/// The whole file as text; NotFound naming `what` and the path when it cannot be read.
Result<std::string> ReadInputFile(const std::string& path, const std::string& what);

/// Loads data_dir/catalog plus the extra directories, validated.
Result<catalog::Catalog> LoadCatalog(const CliEnvironment& environment,
                                     const std::vector<std::string>& extra);

/// A profile file for `plan --profile` and `match --profile`: the client-profile document the
/// API and import/export use (docs/schemas/client-profile.schema.json; read by
/// store::ProfileFromJson, turned into the planner's profile by app::PlannerProfile), or the
/// planner's older file format (sts, risk and history objects; planner::ParseProfile), told
/// apart by those fields. Errors name the field path and the rule.
Result<planner::ClientProfile> ReadProfileFile(const std::string& json_text,
                                               const catalog::Catalog& catalog);

}  // namespace tessera::cli
