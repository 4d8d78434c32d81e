#pragma once
// The stored plan document: PlanToJson's plan with, in later versions, the client's choices and
// accepted adaptations. Every reader and writer of a plan version's content (planner, monitor,
// app, FHIR) goes through these two functions, so the document's `format` is written and
// checked in one place.
//
// Format 1 is the document as the planner writes it (docs/planner.md). Content stored before
// the field existed has no `format` and is read as format 1.

#include <string>

#include "core/result.hpp"

namespace tessera::planner {

inline constexpr int kPlanContentFormat = 1;

/// The content's format: its `format` member, 1 when absent.
template <class Json>
int PlanContentFormat(const Json& content) {
  const auto format = content.find("format");
  if (format == content.end() || !format->is_number_integer()) return 1;
  return format->template get<int>();
}

/// Parses stored plan content into `Json` (nlohmann::json or ordered_json). InvalidArgument
/// when it is not a JSON object or names a format this tessera does not read.
template <class Json>
Result<Json> ReadPlanContent(const std::string& text) {
  Json content = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (content.is_discarded()) return InvalidArgument("plan content: not valid JSON");
  if (!content.is_object()) return InvalidArgument("plan content: must be a JSON object");
  const auto format = content.find("format");
  if (format != content.end() &&
      (!format->is_number_integer() || format->template get<long long>() < 1 ||
       format->template get<long long>() > kPlanContentFormat)) {
    return InvalidArgument("plan content: format " + format->dump() +
                           " is not one this tessera reads (1.." +
                           std::to_string(kPlanContentFormat) + ")");
  }
  return content;
}

/// The content as stored: `format` set to kPlanContentFormat, two-space indent, a final newline.
template <class Json>
std::string WritePlanContent(Json content) {
  content["format"] = kPlanContentFormat;
  return content.dump(2) + "\n";
}

}  // namespace tessera::planner
