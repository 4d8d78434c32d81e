#pragma once
// Which address a request comes from when tessera runs behind reverse proxies. The TCP peer is
// the client unless it is a configured trusted proxy; only then is X-Forwarded-For read, from
// the right (the hop nearest to tessera) to the left, and the first address that is not itself
// a trusted proxy is the client. Everything left of that address was written by the client (or
// by proxies tessera does not know) and is never looked at, so a client cannot choose the
// address the login rate limiter, the logs and the audit see.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace tessera::http {

/// An IPv4 or IPv6 address. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are read as IPv4.
struct IpAddress {
  enum class Family { kIpv4, kIpv6 };
  Family family = Family::kIpv4;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

  /// An IP literal as written in X-Forwarded-For or by the socket layer: "192.0.2.7",
  /// "2001:db8::1", "[2001:db8::1]", "[2001:db8::1]:443" or "192.0.2.7:443" (a port is
  /// dropped). Surrounding spaces are ignored. nullopt for anything else (names, garbage).
  static std::optional<IpAddress> Parse(std::string_view text);

  /// The canonical text form ("192.0.2.7", "2001:db8::1").
  std::string ToString() const;
};

/// An address block: "10.0.0.0/8", "2001:db8::/32", or a single address (all bits).
struct IpNetwork {
  IpAddress base;
  int prefix_length = 32;

  /// kInvalidArgument naming the entry: not an IP literal, a prefix out of range (0–32 for
  /// IPv4, 0–128 for IPv6), or host bits set beyond the prefix ("10.0.0.1/8").
  static Result<IpNetwork> Parse(std::string_view text);

  bool Contains(const IpAddress& address) const;
};

/// One client's share of a per-address limit (login failures, connections): an IPv4 address,
/// or an IPv6 address's whole /64 ("2001:db8:1:2::/64"), since one host usually holds a whole
/// /64 and could otherwise rotate through it. Text that is not an IP literal is its own key.
std::string ClientKey(std::string_view address);

class TrustedProxies {
 public:
  TrustedProxies() = default;
  /// Parses `entries` (server.trusted_proxies); the first bad entry is named in the error.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool Trusts(const IpAddress& address) const;

  /// The client's address for a request whose TCP peer is `peer` and whose X-Forwarded-For
  /// header (when present) is `forwarded_for`:
  ///  - the peer when it is not a trusted proxy, when there is no header, or when the element
  ///    the walk lands on is not an IP literal (a malformed header is ignored);
  ///  - otherwise the rightmost element that is not a trusted proxy, or the leftmost element
  ///    when every element is a trusted proxy.
  /// Addresses are returned in canonical form; an unparsable peer is returned as given.
  std::string ClientAddress(std::string_view peer,
                            std::optional<std::string_view> forwarded_for) const;

 private:
  std::vector<IpNetwork> networks_;
};

}  // namespace tessera::http
