// The dispatcher behind reverse proxies: only a trusted peer's X-Forwarded-For decides the
// source address the login rate limiter and the logs see.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/testing/test_stack.hpp"

namespace tessera::http {
namespace {

class ClientAddressTest : public ::testing::Test, protected testing::TestStack {
 protected:
  void SetUp() override {
    ASSERT_TRUE(routes_added);
    AddUser("ana", Role::kClinician, "correct horse battery");
    dispatcher.TrustProxies(TrustedProxies::Parse({"10.0.0.0/8"}).value());
  }

  Response FailedLogin(const std::string& peer, std::optional<std::string> forwarded_for) {
    Request request =
        Make(Method::kPost, "/api/v1/login", R"({"username":"ana","password":"wrong password"})");
    request.source_address = peer;
    if (forwarded_for) request.headers["x-forwarded-for"] = *forwarded_for;
    return dispatcher.Handle(request);
  }

  std::string LastLoggedSource() const {
    const auto lines = log.lines();
    return nlohmann::json::parse(lines.back()).at("source").get<std::string>();
  }
};

TEST_F(ClientAddressTest, TrustedProxyForwardsTheClientToLimiterAndLog) {
  EXPECT_EQ(FailedLogin("10.0.0.2", "203.0.113.5, 198.51.100.9").status, 401);
  EXPECT_EQ(limiter->FailuresForAddress("198.51.100.9"), 1u);
  EXPECT_EQ(limiter->FailuresForAddress("10.0.0.2"), 0u);
  EXPECT_EQ(limiter->FailuresForAddress("203.0.113.5"), 0u);
  EXPECT_EQ(LastLoggedSource(), "198.51.100.9");
}

TEST_F(ClientAddressTest, UntrustedPeersCannotChooseTheirAddress) {
  // Each attempt claims another address; all of them count against the real peer.
  for (int attempt = 0; attempt < 3; ++attempt) {
    EXPECT_EQ(FailedLogin("203.0.113.5", "198.51.100." + std::to_string(attempt)).status, 401);
    EXPECT_EQ(LastLoggedSource(), "203.0.113.5");
  }
  EXPECT_EQ(limiter->FailuresForAddress("203.0.113.5"), 3u);
  EXPECT_EQ(limiter->FailuresForAddress("198.51.100.0"), 0u);
}

TEST_F(ClientAddressTest, MalformedForwardedForIsIgnored) {
  EXPECT_EQ(FailedLogin("10.0.0.2", "198.51.100.9, <garbage>").status, 401);
  EXPECT_EQ(limiter->FailuresForAddress("10.0.0.2"), 1u);
  EXPECT_EQ(LastLoggedSource(), "10.0.0.2");
}

TEST_F(ClientAddressTest, WithoutTrustedProxiesTheHeaderMeansNothing) {
  dispatcher.TrustProxies(TrustedProxies());
  EXPECT_EQ(FailedLogin("10.0.0.2", "198.51.100.9").status, 401);
  EXPECT_EQ(limiter->FailuresForAddress("10.0.0.2"), 1u);
  EXPECT_EQ(LastLoggedSource(), "10.0.0.2");
}

}  // namespace
}  // namespace tessera::http
