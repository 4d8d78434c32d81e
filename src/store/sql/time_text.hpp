#pragma once
// Times are stored as FormatUtc text ("2026-01-05T09:30:00.000Z"); this reads them back.

#include <optional>
#include <string_view>

#include "core/clock.hpp"

namespace tessera::store {

/// Parses FormatUtc's output (milliseconds optional). nullopt when it is not that shape.
std::optional<TimePoint> ParseUtc(std::string_view text);

/// now truncated to milliseconds, the precision the store keeps.
TimePoint ToStoredPrecision(TimePoint time);

}  // namespace tessera::store
