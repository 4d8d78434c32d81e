#pragma once
// Structured logs: one JSON object per line, each request's lines tied together by its request
// id. What may be logged is decided here and in the dispatcher, never by handlers: method,
// route pattern, status, duration, user id, source address, request id. Never bodies, query
// strings, raw paths (they may hold ids or search text), cookies, tokens, passwords or any
// health information.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

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

/// JSON lines on stderr through spdlog, at `minimum` and above.
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
