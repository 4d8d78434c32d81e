#pragma once
// Internal (never included from a public header): reads fields of one JSON object and turns every
// problem into an InvalidArgument that names the entry and the field. Include only from .cpp
// files (it brings in nlohmann/json).

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::catalog {

class JsonFields {
 public:
  /// `context` prefixes every message, e.g. "technique 'thought_record'".
  JsonFields(const nlohmann::json& object, std::string context);

  /// Refuses keys outside `allowed` (a typo must not pass silently).
  Status OnlyKeys(std::initializer_list<std::string_view> allowed) const;

  bool Has(std::string_view key) const;
  /// A required, non-empty string.
  Result<std::string> String(std::string_view key) const;
  /// An optional string; empty when absent. Wrong type is an error.
  Result<std::string> OptionalString(std::string_view key) const;
  /// A required integer within [minimum, maximum].
  Result<int> Int(std::string_view key, int minimum, int maximum) const;
  /// An optional integer within [minimum, maximum].
  Result<std::optional<int>> OptionalInt(std::string_view key, int minimum, int maximum) const;
  /// An optional boolean.
  Result<std::optional<bool>> OptionalBool(std::string_view key) const;
  /// An array (empty when absent and not required).
  Result<std::vector<nlohmann::json>> Array(std::string_view key, bool required) const;
  /// An array of non-empty strings (empty when absent).
  Result<std::vector<std::string>> Strings(std::string_view key) const;
  /// An object when present, else nullopt.
  Result<std::optional<nlohmann::json>> OptionalObject(std::string_view key) const;

  const std::string& context() const { return context_; }
  /// "<context>: <field> <message>"
  Unexpected<Error> Fail(std::string_view field, std::string_view message) const;

 private:
  const nlohmann::json& object_;
  std::string context_;
};

/// Parses JSON text without exceptions; the error names `what` and the parser's position.
Result<nlohmann::json> ParseJson(const std::string& text, std::string_view what);

}  // namespace tessera::catalog
