#include "http/event_log.hpp"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>

namespace tessera::http {
namespace {

// Lines waiting for the writer thread at most; beyond this, writers wait (see StderrEventLog).
constexpr std::size_t kQueueLines = 8192;
// The writer's batch is written once it holds this much, even while lines keep coming.
constexpr std::size_t kBatchBytes = 64 << 10;

spdlog::level::level_enum SpdlogLevel(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return spdlog::level::debug;
    case LogLevel::kInfo: return spdlog::level::info;
    case LogLevel::kWarning: return spdlog::level::warn;
    case LogLevel::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

void WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;  // stderr is gone: nothing better to do with a log line
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Runs on the logger's one writer thread. Lines are gathered and written with one write(2)
// once the queue is empty (so an idle server's lines appear at once) or the batch is large
// (so a busy one makes one system call per many lines, not one per line).
class BatchingStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  /// `pool` runs this sink, so it outlives every call (a shared_ptr here would be a cycle).
  explicit BatchingStderrSink(spdlog::details::thread_pool& pool) : pool_(pool) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    batch_.append(message.payload.data(), message.payload.size());
    batch_.push_back('\n');
    if (batch_.size() >= kBatchBytes || pool_.queue_size() == 0) flush_();
  }
  void flush_() override {
    WriteAll(STDERR_FILENO, batch_);
    batch_.clear();
  }

 private:
  spdlog::details::thread_pool& pool_;
  std::string batch_;
};

// Request threads only format the line and queue it; one writer thread does the I/O.
// Overflow policy: block. When kQueueLines lines are waiting, a request thread waits for room
// rather than dropping a line (the log is the record of who did what); the queue drains as
// fast as stderr accepts bytes. The destructor writes every queued line before returning.
class StderrEventLog final : public EventLog {
 public:
  explicit StderrEventLog(LogLevel minimum)
      : pool_(std::make_shared<spdlog::details::thread_pool>(kQueueLines, 1)),
        logger_(std::make_shared<spdlog::async_logger>(
            "tessera", std::make_shared<BatchingStderrSink>(*pool_), pool_,
            spdlog::async_overflow_policy::block)) {
    logger_->set_level(SpdlogLevel(minimum));
  }
  ~StderrEventLog() override {
    logger_->flush();
    logger_.reset();
    // The pool's destructor lets its thread finish every queued line, then joins it.
    pool_.reset();
  }
  void Write(LogLevel level, const std::string& json_object) override {
    logger_->log(SpdlogLevel(level), std::string_view(json_object));
  }

 private:
  std::shared_ptr<spdlog::details::thread_pool> pool_;
  std::shared_ptr<spdlog::async_logger> logger_;
};

}  // namespace

namespace {

// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char symbol : text) {
    const auto code = static_cast<unsigned char>(symbol);
    if (symbol == '"' || symbol == '\\') {
      out.push_back('\\');
      out.push_back(symbol);
    } else if (code < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out.push_back(kHex[code >> 4]);
      out.push_back(kHex[code & 0xf]);
    } else {
      out.push_back(symbol);
    }
  }
  out.push_back('"');
}

void AppendNumber(std::string& out, auto value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, error == std::errc() ? end : buffer);
}

}  // namespace

std::string RequestLogLine(const RequestLogFields& fields) {
  std::string line;
  line.reserve(256);
  line += "{\"time\":";
  AppendJsonString(line, FormatUtc(fields.time));
  line += ",\"event\":\"request\",\"request_id\":";
  AppendJsonString(line, fields.request_id);
  line += ",\"method\":";
  AppendJsonString(line, fields.method);
  line += ",\"route\":";
  AppendJsonString(line, fields.route);
  line += ",\"status\":";
  AppendNumber(line, fields.status);
  line += ",\"duration_ms\":";
  // Microsecond resolution; a finite number whatever the clock did.
  const double duration = std::isfinite(fields.duration_ms) ? fields.duration_ms : 0.0;
  AppendNumber(line, std::round(duration * 1000.0) / 1000.0);
  line += ",\"source\":";
  AppendJsonString(line, fields.source);
  if (fields.user_id != 0) {
    line += ",\"user_id\":";
    AppendNumber(line, fields.user_id);
  }
  line.push_back('}');
  return line;
}

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
