#pragma once
// Strict parsing of JSON text: one parser for files and request bodies. Include only from .cpp
// files and from headers that are private to a module (it brings in nlohmann/json).
//
// Every message has the one shape of the reading layer, "<path>: <rule>", optionally prefixed
// with the document ("data/catalog/techniques.json: entries[2].name: appears twice ...").

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "json/limits.hpp"

namespace tessera {

/// Parses `text` as one JSON value. InvalidArgument, prefixed with `document` when it is not
/// empty, for: empty text ("is empty"), a UTF-8 byte-order mark (RFC 8259 section 8.1), a
/// syntax error ("malformed JSON at byte 17: ..."), a member name given twice in one object
/// ("plan.phases[2].name: appears twice; each member name may appear once"), or a limit
/// exceeded (the path and the limit).
Result<nlohmann::json> ParseJson(std::string_view text, std::string_view document = {},
                                 const JsonLimits& limits = kUnlimitedJson);

/// "path.field", or "field" at the top level.
std::string JsonFieldPath(std::string_view path, std::string_view field);
/// "path[index]".
std::string JsonElementPath(std::string_view path, std::size_t index);

}  // namespace tessera
