#pragma once
// Time is injected: production code asks a Clock, tests hand in a FakeClock.

#include <chrono>
#include <string>

namespace tessera {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  /// The current time (UTC).
  virtual TimePoint Now() const = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that stands still until a test moves it.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start) {}
  TimePoint Now() const override { return now_; }
  void Advance(std::chrono::system_clock::duration by) { now_ += by; }
  void Set(TimePoint to) { now_ = to; }

 private:
  TimePoint now_;
};

/// Formats a time as ISO 8601 UTC with millisecond precision, e.g. "2026-01-05T09:30:00.000Z".
std::string FormatUtc(TimePoint time);

}  // namespace tessera
