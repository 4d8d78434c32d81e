#pragma once
// Parses request bodies as JSON within limits, so that a hostile body cannot exhaust the stack
// or memory: nesting depth and array length are checked in a streaming pre-pass before any
// document is built.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"

namespace tessera::http {

struct JsonLimits {
  std::size_t max_depth = 32;           // objects and arrays nested at most this deep
  std::size_t max_array_length = 1000;  // elements in any one array
  std::size_t max_string_bytes = 65536;
};

/// The parsed body. Errors are kInvalidArgument with a message that names the problem and,
/// for syntax errors, the byte offset ("malformed JSON at byte 17: ...").
Result<nlohmann::json> ParseJsonBody(std::string_view body, const JsonLimits& limits);

/// Rejects any member of `object` not in `allowed` ("unknown field 'x'"), and a non-object.
Status RequireOnlyFields(const nlohmann::json& object,
                         std::initializer_list<std::string_view> allowed);

/// The string member `field` of `object`; kInvalidArgument naming the field when it is missing
/// or not a string.
Result<std::string> RequireString(const nlohmann::json& object, std::string_view field);

/// Serialises compactly. Invalid UTF-8 in a string (e.g. a percent-decoded path echoed in an
/// error message) becomes U+FFFD instead of an exception.
std::string DumpJson(const nlohmann::json& value);

}  // namespace tessera::http
