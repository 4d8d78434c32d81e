#pragma once
// The one mapping from error codes to HTTP statuses, and the JSON error body every failed
// request gets: {"error": {"code": "invalid_argument", "message": "..."}}.

#include "core/error.hpp"
#include "http/message.hpp"

namespace tessera::http {

/// The HTTP status for an error code (one switch, no default: -Werror=switch).
int HttpStatusFor(ErrorCode code);

/// A JSON error response with the status for error.code(). kInternal messages are replaced by
/// a generic text: a bug's details belong in the log, not in the response.
Response ErrorResponse(const Error& error);

/// The error response for a request to `target` (its path and query as sent): under /fhir/ a
/// FHIR OperationOutcome (application/fhir+json) with the same status, else ErrorResponse.
Response ErrorResponseFor(std::string_view target, const Error& error);

/// A JSON response with the given status and an already serialised JSON body.
Response JsonResponse(int status, std::string json_body);

}  // namespace tessera::http
