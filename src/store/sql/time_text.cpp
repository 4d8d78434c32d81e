#include "store/sql/time_text.hpp"

#include <cstdio>

namespace tessera::store {

std::optional<TimePoint> ParseUtc(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  const std::string owned(text);
  const bool with_millis = owned.size() == 24;
  if (owned.size() != 24 && owned.size() != 20) return std::nullopt;
  int consumed = 0;
  const int fields = with_millis
                         ? std::sscanf(owned.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &year,
                                       &month, &day, &hour, &minute, &second, &millis, &consumed)
                         : std::sscanf(owned.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &year, &month,
                                       &day, &hour, &minute, &second, &consumed);
  if (fields != (with_millis ? 7 : 6) || consumed != static_cast<int>(owned.size()))
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return TimePoint(std::chrono::sys_days(date).time_since_epoch() + std::chrono::hours(hour) +
                   std::chrono::minutes(minute) + std::chrono::seconds(second) +
                   std::chrono::milliseconds(millis));
}

TimePoint ToStoredPrecision(TimePoint time) {
  return std::chrono::floor<std::chrono::milliseconds>(time);
}

}  // namespace tessera::store
