#pragma once
// Reading a JSON file strictly (json/parse.hpp) in one call. Include only from .cpp files.

#include <filesystem>
#include <string_view>

#include "json/parse.hpp"

namespace tessera {

/// The file's text parsed by ParseJson with `document` (the file's path when empty) naming it in
/// every message. NotFound when the file cannot be opened.
Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& file,
                                    std::string_view document = {});

}  // namespace tessera
