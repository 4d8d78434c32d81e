#include "http/security/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cassert>

namespace tessera::http {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const EVP_MD* Digest(TotpAlgorithm algorithm) {
  switch (algorithm) {
    case TotpAlgorithm::kSha1:
      return EVP_sha1();
    case TotpAlgorithm::kSha256:
      return EVP_sha256();
    case TotpAlgorithm::kSha512:
      return EVP_sha512();
  }
  return EVP_sha1();
}

std::int64_t StepAt(TimePoint time, std::chrono::seconds step) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch());
  return since_epoch.count() / step.count();
}

// HOTP (RFC 4226 section 5.3): HMAC of the big-endian counter, dynamic truncation, modulo.
std::string HotpCode(const std::vector<std::uint8_t>& secret, std::uint64_t counter,
                     const TotpParameters& parameters) {
  std::uint8_t message[8];
  for (int byte_idx = 7; byte_idx >= 0; --byte_idx) {
    message[byte_idx] = static_cast<std::uint8_t>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(Digest(parameters.algorithm), secret.data(), static_cast<int>(secret.size()), message,
       sizeof message, mac, &mac_length);
  const unsigned offset = mac[mac_length - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int digit = 0; digit < parameters.digits; ++digit) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(parameters.digits) - code.size(), '0') + code;
}

}  // namespace

std::string TotpCode(const std::vector<std::uint8_t>& secret, TimePoint time,
                     const TotpParameters& parameters) {
  assert(!secret.empty() && parameters.digits >= 6 && parameters.digits <= 8);
  return HotpCode(secret, static_cast<std::uint64_t>(StepAt(time, parameters.step)), parameters);
}

std::optional<std::int64_t> MatchTotp(const std::vector<std::uint8_t>& secret,
                                      std::string_view code, TimePoint time,
                                      const TotpParameters& parameters, int drift_steps) {
  if (secret.empty() || code.size() != static_cast<std::size_t>(parameters.digits)) {
    return std::nullopt;
  }
  const std::int64_t center = StepAt(time, parameters.step);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so timing does not tell which step matched.
  for (std::int64_t step = center - drift_steps; step <= center + drift_steps; ++step) {
    if (step < 0) continue;
    const std::string expected = HotpCode(secret, static_cast<std::uint64_t>(step), parameters);
    if (sodium_memcmp(expected.data(), code.data(), expected.size()) == 0 && !matched) {
      matched = step;
    }
  }
  return matched;
}

std::string EncodeBase32(const std::vector<std::uint8_t>& bytes) {
  std::string text;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text.push_back(kBase32Alphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  if (bits > 0) text.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
  return text;
}

Result<std::vector<std::uint8_t>> DecodeBase32(std::string_view text) {
  std::vector<std::uint8_t> bytes;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char symbol : text) {
    if (symbol == '=' || symbol == ' ') continue;
    if (symbol >= 'a' && symbol <= 'z') symbol = static_cast<char>(symbol - 'a' + 'A');
    const auto value = kBase32Alphabet.find(symbol);
    if (value == std::string_view::npos) {
      return InvalidArgument("base32 secret contains '" + std::string(1, symbol) +
                             "'; only A-Z and 2-7 are allowed");
    }
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bytes.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  if (bytes.empty()) return InvalidArgument("base32 secret is empty");
  return bytes;
}

std::vector<std::uint8_t> NewTotpSecret() {
  std::vector<std::uint8_t> secret(20);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

}  // namespace tessera::http
