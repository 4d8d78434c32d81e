#include "http/security/trusted_proxies.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "http/config.hpp"

namespace tessera::http {
namespace {

TrustedProxies Proxies(const std::vector<std::string>& entries) {
  return TrustedProxies::Parse(entries).value();
}

TEST(IpAddress, ParsesLiteralsWithAndWithoutPorts) {
  struct Case {
    std::string text;
    std::optional<std::string> canonical;
  };
  const Case cases[] = {
      {"192.0.2.7", "192.0.2.7"},
      {"  192.0.2.7\t", "192.0.2.7"},
      {"192.0.2.7:443", "192.0.2.7"},
      {"2001:db8::1", "2001:db8::1"},
      {"2001:DB8:0:0::1", "2001:db8::1"},
      {"[2001:db8::1]", "2001:db8::1"},
      {"[2001:db8::1]:8443", "2001:db8::1"},
      {"::ffff:192.0.2.7", "192.0.2.7"},  // IPv4-mapped reads as IPv4
      {"::1", "::1"},
      {"", std::nullopt},
      {"unknown", std::nullopt},
      {"example.org", std::nullopt},
      {"192.0.2", std::nullopt},
      {"192.0.2.256", std::nullopt},
      {"192.0.2.7:", std::nullopt},
      {"192.0.2.7:http", std::nullopt},
      {"192.0.2.7:123456", std::nullopt},
      {"[192.0.2.7]", std::nullopt},
      {"[2001:db8::1", std::nullopt},
      {"[2001:db8::1]x", std::nullopt},
      {"2001:db8::1%eth0", std::nullopt},
      {"1.2.3.4 5.6.7.8", std::nullopt},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE("'" + test.text + "'");
    const auto parsed = IpAddress::Parse(test.text);
    ASSERT_EQ(parsed.has_value(), test.canonical.has_value());
    if (parsed) {
      EXPECT_EQ(parsed->ToString(), *test.canonical);
    }
  }
}

TEST(IpNetwork, ParsesBlocksAndRefusesBadOnes) {
  struct Case {
    std::string entry;
    std::string inside;
    std::string outside;
  };
  const Case good[] = {
      {"10.0.0.0/8", "10.255.1.2", "11.0.0.1"},
      {"192.0.2.7", "192.0.2.7", "192.0.2.8"},
      {"192.0.2.0/25", "192.0.2.127", "192.0.2.128"},
      {"0.0.0.0/0", "203.0.113.9", "2001:db8::1"},  // /0 is every IPv4 address, no IPv6 one
      {"2001:db8::/32", "2001:db8:ffff::1", "2001:db9::1"},
      {"2001:db8::/33", "2001:db8:7fff::1", "2001:db8:8000::1"},
      {"::1", "::1", "127.0.0.1"},
      {"10.0.0.1", "::ffff:10.0.0.1", "::ffff:10.0.0.2"},
  };
  for (const Case& test : good) {
    SCOPED_TRACE(test.entry);
    auto network = IpNetwork::Parse(test.entry);
    ASSERT_TRUE(network) << network.error().message();
    EXPECT_TRUE(network->Contains(*IpAddress::Parse(test.inside)));
    EXPECT_FALSE(network->Contains(*IpAddress::Parse(test.outside)));
  }
  const std::pair<std::string, std::string> bad[] = {
      {"proxy.internal", "is not an IP address"},
      {"10.0.0.0/33", "prefix length must be 0 to 32"},
      {"2001:db8::/129", "prefix length must be 0 to 128"},
      {"10.0.0.0/", "prefix length"},
      {"10.0.0.0/-1", "prefix length"},
      {"10.0.0.0/8x", "prefix length"},
      {"10.0.0.1/8", "address bits set beyond the /8 prefix"},
      {"[::1]", "is not an IP address"},
      {"10.0.0.1:80", "is not an IP address"},
  };
  for (const auto& [entry, message] : bad) {
    SCOPED_TRACE(entry);
    auto network = IpNetwork::Parse(entry);
    ASSERT_FALSE(network);
    EXPECT_EQ(network.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(network.error().message().find(message), std::string::npos)
        << network.error().message();
    EXPECT_NE(network.error().message().find(entry), std::string::npos);
  }
}

TEST(TrustedProxies, ClientAddressIsTheRightmostUntrustedHop) {
  const TrustedProxies proxies = Proxies({"10.0.0.0/8", "2001:db8:1::/48", "192.0.2.1"});
  struct Case {
    std::string what;
    std::string peer;
    std::optional<std::string> forwarded_for;
    std::string client;
  };
  const Case cases[] = {
      {"untrusted peer: its header is ignored", "203.0.113.5", "198.51.100.9", "203.0.113.5"},
      {"untrusted peer spoofing a trusted hop", "203.0.113.5", "10.0.0.7", "203.0.113.5"},
      {"trusted peer without header", "10.0.0.2", std::nullopt, "10.0.0.2"},
      {"trusted peer, one hop", "10.0.0.2", "198.51.100.9", "198.51.100.9"},
      {"client prepends a spoofed address", "10.0.0.2", "1.1.1.1, 198.51.100.9", "198.51.100.9"},
      {"chain of trusted proxies", "10.0.0.2", "198.51.100.9, 192.0.2.1, 10.1.2.3", "198.51.100.9"},
      {"spoof left of the chain", "10.0.0.2", "6.6.6.6,198.51.100.9,192.0.2.1,10.1.2.3",
       "198.51.100.9"},
      {"every hop trusted: the leftmost", "10.0.0.2", "10.9.9.9, 192.0.2.1", "10.9.9.9"},
      {"garbage left of the client is never read", "10.0.0.2", "<script>, 198.51.100.9",
       "198.51.100.9"},
      {"malformed where the client would be", "10.0.0.2", "198.51.100.9, not-an-ip", "10.0.0.2"},
      {"empty element where the client would be", "10.0.0.2", "198.51.100.9, ", "10.0.0.2"},
      {"empty header", "10.0.0.2", "", "10.0.0.2"},
      {"client with a port", "10.0.0.2", "198.51.100.9:51234", "198.51.100.9"},
      {"IPv6 client behind IPv4 proxy", "10.0.0.2", "2001:db8:2::7", "2001:db8:2::7"},
      {"bracketed IPv6 client with port", "10.0.0.2", "[2001:DB8:2::7]:443", "2001:db8:2::7"},
      {"IPv6 trusted peer", "2001:db8:1::10", "198.51.100.9", "198.51.100.9"},
      {"IPv6 untrusted peer", "2001:db8:2::10", "198.51.100.9", "2001:db8:2::10"},
      {"IPv4-mapped trusted peer", "::ffff:10.0.0.2", "198.51.100.9", "198.51.100.9"},
      {"unparsable peer stays as given", "not-an-address", "198.51.100.9", "not-an-address"},
  };
  for (const Case& test : cases) {
    SCOPED_TRACE(test.what);
    const auto header =
        test.forwarded_for ? std::optional<std::string_view>(*test.forwarded_for) : std::nullopt;
    EXPECT_EQ(proxies.ClientAddress(test.peer, header), test.client);
  }
}

TEST(TrustedProxies, NoneConfiguredMeansThePeerAlways) {
  const TrustedProxies none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.ClientAddress("127.0.0.1", "198.51.100.9"), "127.0.0.1");
}

TEST(TrustedProxies, ParseNamesTheBadEntry) {
  auto proxies = TrustedProxies::Parse({"10.0.0.0/8", "lb.internal"});
  ASSERT_FALSE(proxies);
  EXPECT_NE(proxies.error().message().find("'lb.internal'"), std::string::npos);
}

TEST(TrustedProxiesSetting, FromTheFileAndTheEnvironment) {
  EXPECT_TRUE(LoadServerConfig(std::nullopt, {}).value().trusted_proxies.empty());
  const auto path = std::filesystem::temp_directory_path() /
                    ("tessera-proxies-" + std::to_string(getpid()) + ".toml");
  std::ofstream(path) << "[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"2001:db8::1\"]\n";
  const ServerConfig from_file = LoadServerConfig(path, {}).value();
  EXPECT_EQ(from_file.trusted_proxies.ClientAddress("10.1.1.1", "198.51.100.9"), "198.51.100.9");
  EXPECT_EQ(from_file.trusted_proxies.ClientAddress("2001:db8::1", "198.51.100.9"), "198.51.100.9");
  // The environment replaces the file's list (comma-separated).
  const ServerConfig from_environment =
      LoadServerConfig(path, {{"TESSERA_SERVER_TRUSTED_PROXIES", "192.0.2.1, 192.0.2.2"}}).value();
  EXPECT_EQ(from_environment.trusted_proxies.ClientAddress("10.1.1.1", "198.51.100.9"), "10.1.1.1");
  EXPECT_EQ(from_environment.trusted_proxies.ClientAddress("192.0.2.2", "198.51.100.9"),
            "198.51.100.9");
  EXPECT_TRUE(LoadServerConfig(path, {{"TESSERA_SERVER_TRUSTED_PROXIES", ""}})
                  .value()
                  .trusted_proxies.empty());

  std::ofstream(path) << "[server]\ntrusted_proxies = \"10.0.0.1\"\n";
  auto not_a_list = LoadServerConfig(path, {});
  ASSERT_FALSE(not_a_list);
  EXPECT_NE(not_a_list.error().message().find("server.trusted_proxies must be a list of strings"),
            std::string::npos)
      << not_a_list.error().message();
  std::ofstream(path) << "[server]\ntrusted_proxies = [\"10.0.0.1/8\"]\n";
  auto bad_block = LoadServerConfig(path, {});
  ASSERT_FALSE(bad_block);
  EXPECT_NE(bad_block.error().message().find("server.trusted_proxies"), std::string::npos);
  EXPECT_NE(bad_block.error().message().find("'10.0.0.1/8'"), std::string::npos);
  auto bad_environment =
      LoadServerConfig(std::nullopt, {{"TESSERA_SERVER_TRUSTED_PROXIES", "10.0.0.1,,10.0.0.2"}});
  ASSERT_FALSE(bad_environment);
  EXPECT_NE(bad_environment.error().message().find("TESSERA_SERVER_TRUSTED_PROXIES"),
            std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace tessera::http
