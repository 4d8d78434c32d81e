#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace tessera {

std::string FormatUtc(TimePoint time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t as_time_t = seconds.count();
  std::tm utc{};
  gmtime_r(&as_time_t, &utc);
  char buffer[96];  // room for any int the format could print
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  return buffer;
}

}  // namespace tessera
