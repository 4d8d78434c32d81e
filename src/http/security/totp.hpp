#pragma once
// Time-based one-time passwords (RFC 6238, built on HOTP, RFC 4226), the optional second
// factor. Secrets are exchanged as base32 (RFC 4648), as authenticator apps expect.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace tessera::http {

enum class TotpAlgorithm { kSha1, kSha256, kSha512 };

struct TotpParameters {
  TotpAlgorithm algorithm = TotpAlgorithm::kSha1;  // what authenticator apps use by default
  int digits = 6;                                  // 6 to 8
  std::chrono::seconds step{30};
};

/// The code for `time`, zero-padded to parameters.digits.
/// REQUIRES: !secret.empty(), 6 <= digits <= 8, step > 0.
std::string TotpCode(const std::vector<std::uint8_t>& secret, TimePoint time,
                     const TotpParameters& parameters = {});

/// The time step number whose code equals `code`, searching `drift_steps` steps either side of
/// `time` (clock skew between phone and server); nullopt when none matches. Codes compare in
/// constant time. Callers reject a step at or before the last one accepted (replay).
std::optional<std::int64_t> MatchTotp(const std::vector<std::uint8_t>& secret,
                                      std::string_view code, TimePoint time,
                                      const TotpParameters& parameters = {}, int drift_steps = 1);

/// RFC 4648 base32, upper case, without padding.
std::string EncodeBase32(const std::vector<std::uint8_t>& bytes);
/// Accepts upper or lower case, optional '=' padding and spaces; kInvalidArgument otherwise.
Result<std::vector<std::uint8_t>> DecodeBase32(std::string_view text);

/// A fresh random 160-bit secret (RFC 4226's recommended length).
std::vector<std::uint8_t> NewTotpSecret();

}  // namespace tessera::http
