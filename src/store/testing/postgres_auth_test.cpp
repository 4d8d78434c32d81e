// tessera refuses a PostgreSQL server that let it in without authentication, unless told the
// server is a local test cluster. The test cluster lets one probe role in via `trust`.

#include "store/testing/store_fixture.hpp"

namespace tessera::store::testing {
namespace {

TEST(PostgresAuthentication, RefusesAConnectionMadeWithoutAuthentication) {
  SystemClock clock;
  const std::string url = TestClusterTrustUrl();
  ASSERT_FALSE(url.empty());
  auto store = OpenStore(url, clock, {.migrations = Migrations::kLeaveAlone});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_NE(store.error().message().find("refuses unauthenticated"), std::string::npos);
}

TEST(PostgresAuthentication, AcceptsItOnlyWhenToldItIsALocalTestCluster) {
  SystemClock clock;
  auto store = OpenStore(TestClusterTrustUrl(), clock,
                         {.migrations = Migrations::kLeaveAlone,
                          .unauthenticated = UnauthenticatedPostgres::kAllowLocalTestCluster});
  EXPECT_TRUE(store) << store.error().message();
}

TEST(PostgresAuthentication, AcceptsPasswordAuthentication) {
  SystemClock clock;
  auto store = OpenStore(TestClusterUrl(), clock, {.migrations = Migrations::kLeaveAlone});
  EXPECT_TRUE(store) << store.error().message();
}

TEST(PostgresAuthentication, AWrongPasswordIsUnauthenticatedAndTheMessageHidesIt) {
  SystemClock clock;
  std::string url = TestClusterUrl();
  const std::size_t at = url.find('@');
  const std::size_t colon = url.rfind(':', at);
  const std::string wrong = url.substr(0, colon + 1) + "not-the-password" + url.substr(at);
  auto store = OpenStore(wrong, clock, {.migrations = Migrations::kLeaveAlone});
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(store.error().message().find("not-the-password"), std::string::npos);
  EXPECT_EQ(RedactTarget(wrong).find("not-the-password"), std::string::npos);
}

}  // namespace
}  // namespace tessera::store::testing
