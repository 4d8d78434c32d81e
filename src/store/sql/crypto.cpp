#include "store/sql/crypto.hpp"

#include <sodium.h>

#include <array>
#include <cstdlib>

namespace tessera::store {
namespace {

void EnsureSodium() {
  // sodium_init is thread-safe and idempotent; it fails only when no entropy source exists.
  static const int initialised = sodium_init();
  if (initialised < 0) std::abort();
}

constexpr unsigned long long kPasswordPasses = 3;
constexpr std::size_t kPasswordMemoryBytes = 64u * 1024u * 1024u;

}  // namespace

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  if (password.size() < 12)
    return InvalidArgument("password: must be at least 12 characters");
  std::array<char, crypto_pwhash_STRBYTES> encoded{};
  if (crypto_pwhash_str_alg(encoded.data(), password.data(), password.size(), kPasswordPasses,
                            kPasswordMemoryBytes, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return Unavailable("password hashing ran out of memory");
  return std::string(encoded.data());
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace tessera::store
