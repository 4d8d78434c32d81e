#include "core/records/session_dates.hpp"

#include <chrono>

namespace tessera {

Status CheckSessionDate(std::string_view field, const std::string& date,
                        const SessionDateWindow& window, TimePoint now) {
  constexpr auto kDay = std::chrono::hours(24);
  // ISO dates compare as text.
  const std::string earliest = FormatUtc(now - kDay * window.days_before_today).substr(0, 10);
  const std::string latest = FormatUtc(now + kDay * window.days_after_today).substr(0, 10);
  if (date >= earliest && date <= latest) return Ok();
  return InvalidArgument("field '" + std::string(field) + "': " + date + " is outside the " +
                         "session dates this server accepts, " + earliest + " to " + latest + " (" +
                         std::to_string(window.days_before_today) + " days before today to " +
                         std::to_string(window.days_after_today) +
                         " after; [records] in the server's config)");
}

}  // namespace tessera
