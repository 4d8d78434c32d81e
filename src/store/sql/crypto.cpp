#include "store/sql/crypto.hpp"

#include <openssl/evp.h>
#include <sodium.h>

#include <array>
#include <cstdlib>
#include <memory>

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

// OpenSSL rather than libsodium for SHA-256: it uses the CPU's SHA extensions where they exist,
// and every audited request hashes one canonical entry. The algorithm is fetched once and each
// thread reuses one context: setting them up cost ten times the hashing itself.
std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
      EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  if (sha256 == nullptr || context == nullptr ||
      EVP_DigestInit_ex2(context.get(), sha256, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1 || length != digest.size())
    std::abort();  // only when OpenSSL has no SHA-256 or cannot allocate a context
  std::array<char, digest.size() * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), digest.size() * 2);
}

Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  if (password.size() < 12) return InvalidArgument("password: must be at least 12 characters");
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
