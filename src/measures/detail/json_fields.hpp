#pragma once
// PRIVATE to src/measures: reading JSON objects field by field with errors that name the file,
// the field path and the rule. Included only by measures' .cpp files, never by a public
// header, so no other module sees nlohmann::json.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace tessera::measures::detail {

/// Parses text as JSON; a syntax error becomes InvalidArgument naming the file.
Result<nlohmann::json> ParseJsonText(const std::string& text, const std::string& file);

/// A view of one JSON object at a field path inside a file, e.g. "items[3]".
class ObjectReader {
 public:
  /// REQUIRES: object outlives the reader.
  ObjectReader(const nlohmann::json& object, std::string file, std::string path);

  /// InvalidArgument unless the value is an object with no keys outside `allowed`.
  Status Check(std::initializer_list<std::string_view> allowed) const;

  bool Has(std::string_view key) const;
  Result<std::string> String(std::string_view key) const;          // required, non-empty
  Result<std::string> OptionalString(std::string_view key) const;  // "" when absent
  Result<double> Number(std::string_view key) const;
  Result<double> OptionalNumber(std::string_view key, double fallback) const;
  Result<int> Integer(std::string_view key) const;
  Result<bool> OptionalBool(std::string_view key, bool fallback) const;
  /// A required array (may be empty only if allow_empty).
  Result<const nlohmann::json*> Array(std::string_view key, bool allow_empty) const;
  Result<const nlohmann::json*> Object(std::string_view key) const;
  /// One of `choices`; the error lists them.
  Result<std::string> Choice(std::string_view key,
                             std::initializer_list<std::string_view> choices) const;

  /// "file: path.key: rule" as InvalidArgument.
  Unexpected<Error> Fail(std::string_view key, std::string_view rule) const;
  /// The path of a field, e.g. "items[3].id".
  std::string FieldPath(std::string_view key) const;
  /// A reader for an element of an array field: "key[index]".
  ObjectReader Element(const nlohmann::json& element, std::string_view key, size_t index) const;
  ObjectReader Child(const nlohmann::json& child, std::string_view key) const;
  const std::string& file() const { return file_; }

 private:
  const nlohmann::json& object_;
  std::string file_;
  std::string path_;
};

}  // namespace tessera::measures::detail
