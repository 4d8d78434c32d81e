#include "core/clock.hpp"

#include <cstdio>
#include <ctime>
#include <string>

namespace tessera {

namespace {

void PutDigits(char* at, int value, int width) {
  for (int index = width - 1; index >= 0; --index) {
    at[index] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

// Every request log line, audit entry and served timestamp goes through here, so the digits are
// written directly (snprintf and gmtime_r were a few per cent of a request's CPU).
std::string FormatUtc(TimePoint time) {
  const auto since_epoch = time.time_since_epoch();
  const auto days = std::chrono::floor<std::chrono::days>(since_epoch);
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::chrono::year_month_day date{std::chrono::sys_days(days)};
  const std::chrono::hh_mm_ss clock_time{seconds - days};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) {  // not a time tessera stores; printed as before
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", year,
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock_time.hours().count()),
                  static_cast<int>(clock_time.minutes().count()),
                  static_cast<int>(clock_time.seconds().count()), static_cast<int>(millis.count()));
    return buffer;
  }
  std::string text = "0000-00-00T00:00:00.000Z";
  PutDigits(&text[0], year, 4);
  PutDigits(&text[5], static_cast<int>(static_cast<unsigned>(date.month())), 2);
  PutDigits(&text[8], static_cast<int>(static_cast<unsigned>(date.day())), 2);
  PutDigits(&text[11], static_cast<int>(clock_time.hours().count()), 2);
  PutDigits(&text[14], static_cast<int>(clock_time.minutes().count()), 2);
  PutDigits(&text[17], static_cast<int>(clock_time.seconds().count()), 2);
  PutDigits(&text[20], static_cast<int>(millis.count()), 3);
  return text;
}

}  // namespace tessera
