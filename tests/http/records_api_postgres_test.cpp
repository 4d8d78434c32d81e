// Black-box on PostgreSQL: this binary also holds every test of records_api_test (the record
// and clinical bad-input corpora, the canary, audit and coverage replays), which run here on a
// fresh database of the PostgreSQL test cluster CTest starts (fixture `postgres`, names
// prefixed "postgres."; api_fixture.hpp). Here: what is particular to a database URL.

#include <gtest/gtest.h>

#include "http/api_fixture.hpp"

namespace tessera::testing {
namespace {

class RecordsApiPostgres : public ApiTest {};

TEST_F(RecordsApiPostgres, EveryRouteWorksOnPostgresAndTheUrlPasswordIsNeverShown) {
  ASSERT_FALSE(PostgresUrl().empty()) << "run through ctest (fixture postgres)";
  EXPECT_GT(ids().other_client, ids().own_client);
  EXPECT_GT(ids().plan, 0);
  const std::string& url = PostgresUrl();
  const std::string password = url.substr(url.find("postgres:") + 9, 48);
  EXPECT_EQ(server().banner().find(password), std::string::npos);
  EXPECT_EQ(Log().find(password), std::string::npos);
  EXPECT_EQ(As("demo-admin").Expect(200, "GET", "/api/v1/audit/verification")["intact"], true);
}

}  // namespace
}  // namespace tessera::testing
