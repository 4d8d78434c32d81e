#pragma once
// Strict reading of JSON objects for files a person wrote: every field is checked for its
// type, unknown fields are refused, and every error names the path ("clients[0].sessions[2].
// date: must be a date YYYY-MM-DD").

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::store {

class JsonObject {
 public:
  /// InvalidArgument unless value is an object whose keys are all in `allowed`.
  static Result<JsonObject> Open(const nlohmann::json& value, std::string path,
                                 std::initializer_list<std::string_view> allowed);

  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view field) const;
  bool Has(std::string_view field) const;
  /// The raw member, or nullptr when absent (or null).
  const nlohmann::json* Member(std::string_view field) const;

  Result<std::string> String(std::string_view field) const;          // required, non-empty
  Result<std::string> OptionalString(std::string_view field) const;  // "" when absent
  Result<std::optional<std::string>> NullableString(std::string_view field) const;
  Result<std::string> Date(std::string_view field) const;  // required YYYY-MM-DD
  Result<std::optional<double>> OptionalNumber(std::string_view field) const;
  Result<std::optional<std::int64_t>> OptionalInteger(std::string_view field) const;
  Result<std::vector<std::string>> StringList(std::string_view field) const;  // [] when absent
  Result<std::map<std::string, std::string>> StringMap(std::string_view field) const;
  Result<std::map<std::string, double>> NumberMap(std::string_view field) const;
  /// The array (empty when absent); InvalidArgument when present but not an array.
  Result<std::vector<nlohmann::json>> Array(std::string_view field) const;

 private:
  JsonObject(const nlohmann::json& value, std::string path)
      : value_(&value), path_(std::move(path)) {}
  const nlohmann::json* value_;
  std::string path_;
};

/// "path[index]".
std::string ElementPath(const std::string& path, std::size_t index);

}  // namespace tessera::store
