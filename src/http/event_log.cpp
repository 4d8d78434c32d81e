#include "http/event_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <thread>

namespace tessera::http {
namespace {

// Bytes of log lines waiting for the writer at most; beyond this, Write waits (see below).
constexpr std::size_t kMaxPendingBytes = 4 << 20;
// After each write the writer lets lines gather for this long, so a busy server makes one
// system call (and at most one wake-up) per this interval rather than one per line.
constexpr std::chrono::milliseconds kBatchInterval{2};

void WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;  // stderr is gone: nothing better to do with a log line
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Request threads append their line to a buffer under a mutex and go on; only the first line
// into an empty buffer wakes the writer (a futex call only if the writer is waiting). The
// writer swaps the buffer out, writes it with one write(2), then lets lines gather for
// kBatchInterval. An idle server's line reaches stderr at once; a busy one's within a few ms,
// with one system call per batch.
// Overflow policy: block. When kMaxPendingBytes are waiting (stderr slower than the requests),
// Write waits for room rather than dropping a line: the log is the record of who did what.
// The destructor writes every line already accepted before it returns.
class StderrEventLog final : public EventLog {
 public:
  explicit StderrEventLog(LogLevel minimum) : minimum_(minimum) {
    writer_ = std::thread([this] { WriteUntilStopped(); });
  }
  ~StderrEventLog() override {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_writer_.notify_one();
    writer_.join();
  }
  void Write(LogLevel level, const std::string& json_object) override {
    if (level < minimum_) return;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return pending_.size() < kMaxPendingBytes; });
    const bool was_empty = pending_.empty();
    pending_ += json_object;
    pending_.push_back('\n');
    if (was_empty) wake_writer_.notify_one();
  }

 private:
  void WriteUntilStopped() {
    std::string writing;
    while (true) {
      bool stop = false;
      {
        std::unique_lock lock(mutex_);
        wake_writer_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
        writing.swap(pending_);
        stop = stopping_;
      }
      room_.notify_all();
      WriteAll(STDERR_FILENO, writing);
      writing.clear();
      if (stop) {
        // Lines accepted while the last batch was written.
        std::lock_guard lock(mutex_);
        WriteAll(STDERR_FILENO, pending_);
        pending_.clear();
        return;
      }
      std::this_thread::sleep_for(kBatchInterval);
    }
  }

  const LogLevel minimum_;
  std::mutex mutex_;
  std::condition_variable wake_writer_;
  std::condition_variable room_;
  std::string pending_;
  bool stopping_ = false;
  std::thread writer_;  // last: started after everything it uses exists
};

}  // namespace

namespace {

// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  // Runs of characters that need no escape are appended at once (usually the whole text).
  std::size_t run_start = 0;
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char symbol = text[index];
    const auto code = static_cast<unsigned char>(symbol);
    if (symbol != '"' && symbol != '\\' && code >= 0x20) continue;
    out.append(text.data() + run_start, index - run_start);
    run_start = index + 1;
    if (code >= 0x20) {
      out.push_back('\\');
      out.push_back(symbol);
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out.push_back(kHex[code >> 4]);
      out.push_back(kHex[code & 0xf]);
    }
  }
  out.append(text.data() + run_start, text.size() - run_start);
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
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
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
