#pragma once
// Structured logs: one JSON object per line, each request's lines tied together by its request
// id. What may be logged is decided here and in the dispatcher, never by handlers: method,
// route pattern, status, duration, user id, source address, request id. Never bodies, query
// strings, raw paths (they may hold ids or search text), cookies, tokens, passwords or any
// health information.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace tessera::http {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

/// kInvalidArgument naming the allowed values for anything but debug/info/warning/error.
Result<LogLevel> ParseLogLevel(std::string_view name);
std::string_view LogLevelName(LogLevel level);

class EventLog {
 public:
  virtual ~EventLog() = default;
  /// Writes one JSON object (already serialised, no newline).
  virtual void Write(LogLevel level, const std::string& json_object) = 0;
};

/// The fields of a request's log line: exactly these, so nothing else can slip in.
struct RequestLogFields {
  TimePoint time;
  std::string_view request_id;
  std::string_view method;
  std::string_view route;  // the pattern ("GET /api/v1/clients/{client_id}") or "unmatched"
  int status = 0;
  double duration_ms = 0;
  std::string_view source;   // the peer's IP address
  std::int64_t user_id = 0;  // 0: not authenticated (the field is left out)
};

/// {"time","event":"request","request_id","method","route","status","duration_ms","source",
/// "user_id"?} as one JSON object, built directly (no JSON document): it is on every request.
std::string RequestLogLine(const RequestLogFields& fields);

/// JSON lines on stderr, at `minimum` and above, written asynchronously: Write only appends the
/// line to a buffer; one writer thread writes what has gathered with one system call (at once
/// when idle, every 2 ms under load). Bounded: when 4 MiB are waiting, Write waits for room
/// (no line is dropped). Destroying the log writes every line accepted.
std::unique_ptr<EventLog> MakeStderrEventLog(LogLevel minimum);

/// Keeps every line in memory: for tests that check what is (and is not) logged.
class MemoryEventLog final : public EventLog {
 public:
  void Write(LogLevel level, const std::string& json_object) override;
  std::vector<std::string> lines() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

}  // namespace tessera::http
