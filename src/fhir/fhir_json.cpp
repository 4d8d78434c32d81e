#include "fhir/fhir_json.hpp"

#include <cmath>
#include <limits>

namespace tessera::fhir {
namespace {

using nlohmann::json;

// The issue type (http://hl7.org/fhir/issue-type) closest to each error code. One switch,
// no default, so a new code cannot ship without its issue type.
std::string_view IssueType(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid";
    case ErrorCode::kUnauthenticated:
      return "login";
    case ErrorCode::kPermissionDenied:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not-found";
    case ErrorCode::kAlreadyExists:
      return "duplicate";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kResourceExhausted:
      return "throttled";
    case ErrorCode::kInternal:
      return "exception";
    case ErrorCode::kDataLoss:
      return "exception";
    case ErrorCode::kUnavailable:
      return "transient";
  }
  return "exception";
}

}  // namespace

json Coding(std::string_view system, std::string_view code, std::string_view display) {
  json coding = {{"system", system}, {"code", code}};
  if (!display.empty()) coding["display"] = display;
  return coding;
}

json Reference(std::string_view type, std::string_view id) {
  return {{"reference", std::string(type) + "/" + std::string(id)}};
}

std::string Instant(TimePoint time) { return FormatUtc(time); }

json Number(double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 1e15) {
    return static_cast<std::int64_t>(value);
  }
  return value;
}

json SurveyCategory() {
  return {{"coding", json::array({Coding(kObservationCategorySystem, "survey", "Survey")})}};
}

json OperationOutcomeOf(const Error& error) {
  const bool is_bug = error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kDataLoss;
  const std::string message =
      is_bug ? "internal error; the request id in the log has details" : error.message();
  return {{"resourceType", "OperationOutcome"},
          {"issue", json::array({{{"severity", "error"},
                                  {"code", IssueType(error.code())},
                                  {"diagnostics", message}}})}};
}

json InformationOutcome(const std::string& text) {
  return {{"resourceType", "OperationOutcome"},
          {"issue",
           json::array(
               {{{"severity", "information"}, {"code", "informational"}, {"diagnostics", text}}})}};
}

}  // namespace tessera::fhir
