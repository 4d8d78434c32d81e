#pragma once
// Strict reading of one JSON object: the one JSON reader of tessera (docs/decisions/
// 0290-one-strict-json-reader.md). Include only from .cpp files and module-private headers.
//
// Every refusal is InvalidArgument with one message shape, "<path>: <rule>", prefixed with the
// document when there is one:
//   profile.preferences.directiveness: 5 is out of range -3..3
//   session.attendance: expected a string
//   plan.phases[2].name: required
//   data/catalog/techniques.json: entries[4].kind: unknown field (allowed here: id, name)
// Null counts as absent: an optional field may be null, a required one may not.
//
//   TRY_ASSIGN(JsonObject body, JsonObject::Open(value, "session", {"date", "attendance"}));
//   TRY_ASSIGN(std::string date, body.Date("date"));

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "json/parse.hpp"

namespace tessera {

class JsonArray;
class JsonValue;
using JsonNames = std::initializer_list<std::string_view>;

/// Whether an array field may be absent or empty.
enum class JsonPresence { kOptional, kRequired, kNonEmpty };

class JsonObject {
 public:
  /// InvalidArgument unless `value` is an object whose member names are all in `allowed`.
  /// REQUIRES: value outlives the reader and every reader handed out by it.
  static Result<JsonObject> Open(const nlohmann::json& value, std::string path, JsonNames allowed,
                                 std::string document = {});

  /// Reads members of `value` without checking their names: only for callers that check them
  /// elsewhere (the HTTP Require* helpers, after RequireOnlyFields).
  static JsonObject View(const nlohmann::json& value, std::string path = {}) {
    return JsonObject(value, std::move(path), {});
  }

  const std::string& path() const { return path_; }
  const std::string& document() const { return document_; }
  /// The path of a member, e.g. "plan.phases".
  std::string PathOf(std::string_view field) const { return JsonFieldPath(path_, field); }
  /// Present and not null.
  bool Has(std::string_view field) const { return Member(field) != nullptr; }
  /// The raw member, or nullptr when absent or null.
  const nlohmann::json* Member(std::string_view field) const;

  /// "<document>: <path.field>: <rule>" as InvalidArgument.
  Unexpected<Error> Fail(std::string_view field, std::string_view rule) const;

  // Strings. `max_bytes` bounds what a client may send.
  Result<std::string> String(std::string_view field) const;  // required, non-empty
  Result<std::string> Text(std::string_view field, std::size_t max_bytes) const;
  /// `fallback` when absent; may be empty.
  Result<std::string> OptionalString(
      std::string_view field, std::string fallback = {},
      std::size_t max_bytes = std::numeric_limits<std::size_t>::max()) const;
  Result<std::optional<std::string>> NullableString(std::string_view field) const;
  /// One of `choices`; the rule lists them.
  Result<std::string> Choice(std::string_view field, JsonNames choices) const;
  Result<std::string> Date(std::string_view field) const;  // required YYYY-MM-DD
  Result<std::optional<std::string>> OptionalDate(std::string_view field) const;

  // Numbers: integers are whole JSON numbers within [minimum, maximum]; numbers are finite.
  Result<std::int64_t> Integer(
      std::string_view field, std::int64_t minimum = std::numeric_limits<std::int64_t>::min(),
      std::int64_t maximum = std::numeric_limits<std::int64_t>::max()) const;
  Result<std::optional<std::int64_t>> OptionalInteger(
      std::string_view field, std::int64_t minimum = std::numeric_limits<std::int64_t>::min(),
      std::int64_t maximum = std::numeric_limits<std::int64_t>::max()) const;
  Result<double> Number(std::string_view field,
                        double minimum = -std::numeric_limits<double>::infinity(),
                        double maximum = std::numeric_limits<double>::infinity()) const;
  Result<std::optional<double>> OptionalNumber(
      std::string_view field, double minimum = -std::numeric_limits<double>::infinity(),
      double maximum = std::numeric_limits<double>::infinity()) const;

  Result<bool> Bool(std::string_view field) const;
  Result<std::optional<bool>> OptionalBool(std::string_view field) const;

  // Collections.
  /// Non-empty strings; [] when absent.
  Result<std::vector<std::string>> Strings(std::string_view field) const;
  Result<std::map<std::string, std::string>> StringMap(std::string_view field) const;
  Result<std::map<std::string, double>> NumberMap(std::string_view field) const;
  Result<JsonArray> Array(std::string_view field,
                          JsonPresence presence = JsonPresence::kOptional) const;
  Result<JsonObject> Object(std::string_view field, JsonNames allowed) const;  // required
  /// A required member not yet read, for a parser that decides its fields itself.
  Result<JsonValue> Value(std::string_view field) const;
  Result<std::optional<JsonObject>> OptionalObject(std::string_view field, JsonNames allowed) const;

 private:
  JsonObject(const nlohmann::json& value, std::string path, std::string document)
      : value_(&value), path_(std::move(path)), document_(std::move(document)) {}
  Result<const nlohmann::json*> Required(std::string_view field) const;

  const nlohmann::json* value_;
  std::string path_;
  std::string document_;
};

/// The elements of an array field, each with its path ("plan.phases[2]").
class JsonArray {
 public:
  /// An empty array (an absent optional field).
  JsonArray(std::string path, std::string document)
      : path_(std::move(path)), document_(std::move(document)) {}
  JsonArray(const nlohmann::json& array, std::string path, std::string document)
      : array_(&array), path_(std::move(path)), document_(std::move(document)) {}

  std::size_t size() const { return array_ ? array_->size() : 0; }
  bool empty() const { return size() == 0; }
  /// REQUIRES: index < size().
  const nlohmann::json& operator[](std::size_t index) const { return (*array_)[index]; }
  std::string PathOf(std::size_t index) const { return JsonElementPath(path_, index); }
  const std::string& path() const { return path_; }

  /// Element `index`, not yet read.
  JsonValue At(std::size_t index) const;
  /// Element `index` read as an object with members in `allowed`.
  Result<JsonObject> Object(std::size_t index, JsonNames allowed) const;
  /// Element `index` as a non-empty string.
  Result<std::string> String(std::size_t index) const;
  /// Element `index` as a finite number.
  Result<double> Number(std::size_t index) const;
  /// "<document>: <path[index]>: <rule>" as InvalidArgument.
  Unexpected<Error> Fail(std::size_t index, std::string_view rule) const;

 private:
  const nlohmann::json* array_ = nullptr;
  std::string path_;
  std::string document_;
};

/// A value at a path, not yet read: for a parser that learns which fields are allowed only
/// once it knows what it reads (a total scale or a subscale).
class JsonValue {
 public:
  JsonValue(const nlohmann::json& value, std::string path, std::string document)
      : value_(&value), path_(std::move(path)), document_(std::move(document)) {}
  const nlohmann::json& value() const { return *value_; }
  const std::string& path() const { return path_; }
  /// The value read as an object with members in `allowed`.
  Result<JsonObject> Object(JsonNames allowed) const {
    return JsonObject::Open(*value_, path_, allowed, document_);
  }

 private:
  const nlohmann::json* value_;
  std::string path_;
  std::string document_;
};

/// "<document>: <path>: <rule>" ("(top level)" for an empty path) as InvalidArgument: for
/// rules the layer cannot know (cross-field checks), so that they read like its own.
Unexpected<Error> JsonFail(std::string_view document, std::string_view path, std::string_view rule);

}  // namespace tessera
