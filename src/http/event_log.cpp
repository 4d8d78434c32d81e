#include "http/event_log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace tessera::http {
namespace {

spdlog::level::level_enum SpdlogLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarning: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

class StderrEventLog final : public EventLog {
 public:
  explicit StderrEventLog(LogLevel minimum)
      : logger_(std::make_shared<spdlog::logger>(
            "tessera", std::make_shared<spdlog::sinks::stderr_sink_mt>())) {
    // The JSON object carries time and level itself; spdlog adds nothing around it.
    logger_->set_pattern("%v");
    logger_->set_level(SpdlogLevel(minimum));
    logger_->flush_on(spdlog::level::debug);
  }
  void Write(LogLevel level, const std::string& json_object) override {
    logger_->log(SpdlogLevel(level), "{}", json_object);
  }

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace

Result<LogLevel> ParseLogLevel(std::string_view name) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError}) {
    if (LogLevelName(level) == name) return level;
  }
  return InvalidArgument("log level '" + std::string(name) +
                         "' is not one of debug, info, warning, error");
}

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "info";
}

std::unique_ptr<EventLog> MakeStderrEventLog(LogLevel minimum) {
  return std::make_unique<StderrEventLog>(minimum);
}

void MemoryEventLog::Write(LogLevel, const std::string& json_object) {
  std::lock_guard lock(mutex_);
  lines_.push_back(json_object);
}

std::vector<std::string> MemoryEventLog::lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

}  // namespace tessera::http
