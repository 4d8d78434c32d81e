#include "http/security/trusted_proxies.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace tessera::http {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool IsPort(std::string_view text) {
  if (text.empty() || text.size() > 5) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char symbol) { return symbol >= '0' && symbol <= '9'; });
}

// A bare literal only: no brackets, no port.
std::optional<IpAddress> ParseLiteral(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string literal(text);
  IpAddress address;
  in_addr ipv4{};
  if (inet_pton(AF_INET, literal.c_str(), &ipv4) == 1) {
    std::memcpy(address.bytes.data(), &ipv4, 4);
    return address;
  }
  in6_addr ipv6{};
  if (inet_pton(AF_INET6, literal.c_str(), &ipv6) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&ipv6)) {
    // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; they match IPv4 entries.
    std::memcpy(address.bytes.data(), reinterpret_cast<const std::uint8_t*>(&ipv6) + 12, 4);
    return address;
  }
  address.family = IpAddress::Family::kIpv6;
  std::memcpy(address.bytes.data(), &ipv6, 16);
  return address;
}

}  // namespace

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !IsPort(rest.substr(1)))) return std::nullopt;
    auto address = ParseLiteral(text.substr(1, close - 1));
    if (!address || address->family != Family::kIpv6) return std::nullopt;
    return address;
  }
  // "192.0.2.7:443": exactly one colon can only be an IPv4 address with a port.
  if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    if (!IsPort(text.substr(colon + 1))) return std::nullopt;
    auto address = ParseLiteral(text.substr(0, colon));
    if (!address || address->family != Family::kIpv4) return std::nullopt;
    return address;
  }
  return ParseLiteral(text);
}

std::string IpAddress::ToString() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (family == Family::kIpv4) {
    inet_ntop(AF_INET, bytes.data(), text, sizeof text);
  } else {
    inet_ntop(AF_INET6, bytes.data(), text, sizeof text);
  }
  return text;
}

Result<IpNetwork> IpNetwork::Parse(std::string_view text) {
  const std::string entry(Trim(text));
  const auto slash = entry.find('/');
  const auto address = ParseLiteral(entry.substr(0, slash));
  if (!address)
    return InvalidArgument("'" + entry +
                           "' is not an IP address or CIDR block (e.g. 10.0.0.1, "
                           "10.0.0.0/8, 2001:db8::/32)");
  const int bits = address->family == IpAddress::Family::kIpv4 ? 32 : 128;
  IpNetwork network{*address, bits};
  if (slash != std::string::npos) {
    const std::string_view prefix = std::string_view(entry).substr(slash + 1);
    int length = -1;
    const auto [end, error] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), length);
    if (prefix.empty() || error != std::errc() || end != prefix.data() + prefix.size() ||
        length < 0 || length > bits)
      return InvalidArgument("'" + entry + "': the prefix length must be 0 to " +
                             std::to_string(bits));
    network.prefix_length = length;
  }
  // Host bits beyond the prefix usually mean a typo ("10.0.0.1/8" for "10.0.0.1"): refuse.
  IpNetwork masked = network;
  for (int bit = network.prefix_length; bit < bits; ++bit)
    masked.base.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  if (masked.base.bytes != network.base.bytes)
    return InvalidArgument("'" + entry + "' has address bits set beyond the /" +
                           std::to_string(network.prefix_length) + " prefix");
  return network;
}

bool IpNetwork::Contains(const IpAddress& address) const {
  if (address.family != base.family) return false;
  const int whole_bytes = prefix_length / 8;
  if (!std::equal(base.bytes.begin(), base.bytes.begin() + whole_bytes, address.bytes.begin()))
    return false;
  const int rest = prefix_length % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
  return (base.bytes[whole_bytes] & mask) == (address.bytes[whole_bytes] & mask);
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& entries) {
  TrustedProxies proxies;
  for (const std::string& entry : entries) {
    TRY_ASSIGN(IpNetwork network, IpNetwork::Parse(entry));
    proxies.networks_.push_back(network);
  }
  return proxies;
}

std::string ClientKey(std::string_view text) {
  std::optional<IpAddress> address = IpAddress::Parse(text);
  if (!address) return std::string(text);
  if (address->family == IpAddress::Family::kIpv4) return address->ToString();
  std::fill(address->bytes.begin() + 8, address->bytes.end(), std::uint8_t{0});
  return address->ToString() + "/64";
}

bool TrustedProxies::Trusts(const IpAddress& address) const {
  return std::any_of(networks_.begin(), networks_.end(),
                     [&address](const IpNetwork& network) { return network.Contains(address); });
}

std::string TrustedProxies::ClientAddress(std::string_view peer,
                                          std::optional<std::string_view> forwarded_for) const {
  if (networks_.empty() || !forwarded_for) return std::string(peer);
  const auto peer_address = IpAddress::Parse(peer);
  if (!peer_address || !Trusts(*peer_address)) return std::string(peer);
  std::optional<IpAddress> leftmost;
  std::string_view rest = *forwarded_for;
  while (true) {
    const auto comma = rest.rfind(',');
    const std::string_view element =
        comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    const auto address = IpAddress::Parse(element);
    // The element we would take is not an address: the header is ignored as a whole, because
    // a guess could pick an address the client chose.
    if (!address) return std::string(peer);
    if (!Trusts(*address)) return address->ToString();
    leftmost = address;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(0, comma);
  }
  return leftmost->ToString();
}

}  // namespace tessera::http
