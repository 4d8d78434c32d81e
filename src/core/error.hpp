#pragma once
// Expected failures as values (docs/architecture.md). An Error has a code that front ends
// map to an exit status or HTTP status in exactly one switch each, and a message written for
// the person who caused it: it names the field and the rule that was broken.

#include <string>
#include <string_view>

namespace tessera {

enum class ErrorCode {
  kInvalidArgument,    // bad input from a user or a file; nothing was changed
  kNotFound,           // the named object does not exist (or the caller may not see it)
  kAlreadyExists,      // a unique key is taken
  kConflict,           // optimistic version check failed; reload and retry
  kPermissionDenied,   // authenticated, but not allowed
  kUnauthenticated,    // who the caller is could not be established
  kResourceExhausted,  // a rate or size limit was hit; retry later or send less
  kUnavailable,        // a dependency (store, network) cannot be reached now
  kDataLoss,           // stored data are corrupt or tampered with
  kInternal,           // a bug in tessera; never caused by input
};

/// The name of a code, e.g. "invalid_argument"; used in JSON error bodies and logs.
std::string_view ErrorCodeName(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Returns a copy whose message is prefixed with `context: `, e.g. the file being loaded.
  Error WithContext(std::string_view context) const;

  bool operator==(const Error&) const = default;

 private:
  ErrorCode code_;
  std::string message_;
};

}  // namespace tessera
