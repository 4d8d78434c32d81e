#pragma once
// Which session dates a server accepts (issue 16: sessions dated a month ahead, and on
// 0000-01-01, were stored). A measure is dated by its session, so a wrong session date moves
// every score given in it on the client's chart and in the practice's statistics.

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace tessera {

/// Session dates from `days_before_today` days before today (UTC) to `days_after_today` days
/// after it, both included. The defaults allow ten years of late entry and one day ahead (a
/// session "today" in a time zone east of UTC is tomorrow in UTC).
struct SessionDateWindow {
  int days_before_today = 3653;
  int days_after_today = 1;
};

/// Ok when `date` (already a valid YYYY-MM-DD) lies in the window around `now`; otherwise
/// InvalidArgument naming `field`, the date and the accepted range.
Status CheckSessionDate(std::string_view field, const std::string& date,
                        const SessionDateWindow& window, TimePoint now);

}  // namespace tessera
