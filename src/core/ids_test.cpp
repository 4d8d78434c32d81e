#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <type_traits>
#include <unordered_set>

namespace tessera {
namespace {

TEST(StrongId, ComparesByValue) {
  EXPECT_EQ(ClientId(3), ClientId(3));
  EXPECT_LT(ClientId(2), ClientId(3));
  EXPECT_EQ(TherapistId("t-ana").value(), "t-ana");
}

TEST(StrongId, DistinctTypesDoNotConvert) {
  static_assert(!std::is_convertible_v<ClientId, UserId>);
  static_assert(!std::is_convertible_v<std::int64_t, ClientId>);
}

TEST(StrongId, Hashable) {
  std::unordered_set<InstrumentId> ids{InstrumentId("phq9"), InstrumentId("gad7")};
  EXPECT_TRUE(ids.contains(InstrumentId("phq9")));
}

}  // namespace
}  // namespace tessera
