#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace tessera {
namespace {

using namespace std::chrono_literals;

TEST(FakeClock, StandsStillUntilAdvanced) {
  FakeClock clock(TimePoint{} + 1000s);
  EXPECT_EQ(clock.Now(), TimePoint{} + 1000s);
  clock.Advance(15min);
  EXPECT_EQ(clock.Now(), TimePoint{} + 1000s + 15min);
}

TEST(FormatUtc, Iso8601WithMilliseconds) {
  // 2026-01-05T09:30:00Z is 1767605400 seconds after the epoch.
  EXPECT_EQ(FormatUtc(TimePoint{} + 1767605400s + 250ms), "2026-01-05T09:30:00.250Z");
  EXPECT_EQ(FormatUtc(TimePoint{}), "1970-01-01T00:00:00.000Z");
  // Leap day, end of a year, before 1970, and sub-millisecond parts truncated.
  EXPECT_EQ(FormatUtc(TimePoint{} + 951782400s + 999ms + 999us), "2000-02-29T00:00:00.999Z");
  EXPECT_EQ(FormatUtc(TimePoint{} + 1798761599s), "2026-12-31T23:59:59.000Z");
  EXPECT_EQ(FormatUtc(TimePoint{} - 1s), "1969-12-31T23:59:59.000Z");
}

}  // namespace
}  // namespace tessera
