#pragma once
// Private to planner .cpp files: reads C-NIP scales from a JSON object (brings in nlohmann).

#include "catalog/internal/json_fields.hpp"
#include "planner/profile.hpp"

namespace tessera::planner {

/// Reads `key` of `parent` as four optional -3..+3 scales; absent object gives all unknown.
Result<CnipScales> ParseCnipScales(const catalog::JsonFields& parent, std::string_view key);

}  // namespace tessera::planner
