#pragma once
// JSON forms of the record parts that are documents rather than rows (a client profile, a
// therapist's style, a measure's subscales and flags). Used for the store's *_json columns and
// for import/export, so one definition serves both. Format: docs/import-format.md.

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/records/people.hpp"
#include "core/result.hpp"

namespace tessera::store {

nlohmann::json ProfileToJson(const ClientProfile& profile);
/// Strict: unknown fields and wrong types are refused, naming `path`.
Result<ClientProfile> ProfileFromJson(const nlohmann::json& value, const std::string& path);

std::string NumberMapToText(const std::map<std::string, double>& values);
Result<std::map<std::string, double>> NumberMapFromText(const std::string& text);
std::string StringListToText(const std::vector<std::string>& values);
Result<std::vector<std::string>> StringListFromText(const std::string& text);
/// Parses text written by this program; DataLoss when a stored document is not valid JSON.
Result<nlohmann::json> ParseStoredJson(const std::string& text);

}  // namespace tessera::store
