#pragma once
// Bounds for parsing JSON (json/parse.hpp); std-only, so a configuration header can hold them
// without bringing in nlohmann/json.

#include <cstddef>
#include <limits>

namespace tessera {

/// Bounds a hostile document cannot exceed: checked in a streaming pre-pass before any value is
/// built, so neither the stack nor memory can be exhausted by nesting or length.
struct JsonLimits {
  std::size_t max_depth = 32;           // objects and arrays nested at most this deep
  std::size_t max_array_length = 1000;  // elements in any one array
  std::size_t max_string_bytes = 65536;
};

/// No bounds beyond nlohmann's own: for files the practice ships or writes itself.
inline constexpr JsonLimits kUnlimitedJson{std::numeric_limits<std::size_t>::max(),
                                           std::numeric_limits<std::size_t>::max(),
                                           std::numeric_limits<std::size_t>::max()};

}  // namespace tessera
