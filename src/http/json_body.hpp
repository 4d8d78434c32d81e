#pragma once
// Request bodies through the one JSON layer (src/json): parsed within limits, so that a hostile
// body cannot exhaust the stack or memory, and read with its messages ("<field>: <rule>").

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.hpp"
#include "json/limits.hpp"

namespace tessera::http {

/// The parsed body (ParseJson with `limits`). Errors are kInvalidArgument with a message that
/// names the problem and, for syntax errors, the byte offset ("request body: malformed JSON at
/// byte 17: ...").
Result<nlohmann::json> ParseJsonBody(std::string_view body, const JsonLimits& limits);

/// JsonObject::Open: refuses a non-object and any member not in `allowed`
/// ("colour: unknown field (allowed here: ...)").
Status RequireOnlyFields(const nlohmann::json& object,
                         std::initializer_list<std::string_view> allowed);

/// The string member `field` of `object` (may be empty); "<field>: required" when it is missing,
/// "<field>: expected a string" when it is not a string.
Result<std::string> RequireString(const nlohmann::json& object, std::string_view field);

/// Serialises compactly. Invalid UTF-8 in a string (e.g. a percent-decoded path echoed in an
/// error message) becomes U+FFFD instead of an exception.
std::string DumpJson(const nlohmann::json& value);

}  // namespace tessera::http
