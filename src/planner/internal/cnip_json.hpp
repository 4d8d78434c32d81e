#pragma once
// Private to planner .cpp files: reads C-NIP scales through the one JSON layer.

#include "json/object.hpp"
#include "planner/profile.hpp"

namespace tessera::planner {

/// Reads `key` of `parent` as four optional -3..+3 scales; absent object gives all unknown.
Result<CnipScales> ParseCnipScales(const JsonObject& parent, std::string_view key);

}  // namespace tessera::planner
