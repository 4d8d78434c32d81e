#include "http/error_response.hpp"

#include <nlohmann/json.hpp>

#include "fhir/fhir_json.hpp"
#include "http/json_body.hpp"

namespace tessera::http {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    // "Not yours" and "does not exist" are both NotFound by the time they get here.
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kInternal:
      return 500;
    case ErrorCode::kDataLoss:
      return 500;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  const bool is_bug = error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kDataLoss;
  const std::string message =
      is_bug ? "internal error; the request id in the log has details" : error.message();
  const nlohmann::json body = {
      {"error", {{"code", std::string(ErrorCodeName(error.code()))}, {"message", message}}}};
  return JsonResponse(HttpStatusFor(error.code()), DumpJson(body));
}

Response ErrorResponseFor(std::string_view target, const Error& error) {
  if (!target.starts_with("/fhir/")) return ErrorResponse(error);
  Response response;
  response.status = HttpStatusFor(error.code());
  response.content_type = std::string(fhir::kFhirJson);
  response.body = DumpJson(fhir::OperationOutcomeOf(error));
  return response;
}

Response JsonResponse(int status, std::string json_body) {
  Response response;
  response.status = status;
  response.body = std::move(json_body);
  return response;
}

}  // namespace tessera::http
