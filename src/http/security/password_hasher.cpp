#include "http/security/password_hasher.hpp"

#include <sodium.h>

#include <semaphore>

namespace tessera::http {
namespace {

std::size_t MemoryBytes(const PasswordHashParameters& parameters) {
  return parameters.memory_mib * 1024 * 1024;
}

// argon2id takes `memory_mib` for each hash. Handlers run on many threads (the server's
// handler pool), so without a bound 32 concurrent logins would take 32 x 64 MiB; at most this
// many hashes run at once in the process (others wait), which also keeps hashing from
// crowding out other requests' CPU.
constexpr std::ptrdiff_t kConcurrentHashes = 2;
std::counting_semaphore<kConcurrentHashes> hashing_slots(kConcurrentHashes);

class HashingSlot {
 public:
  HashingSlot() { hashing_slots.acquire(); }
  ~HashingSlot() { hashing_slots.release(); }
  HashingSlot(const HashingSlot&) = delete;
  HashingSlot& operator=(const HashingSlot&) = delete;
};

}  // namespace

Result<PasswordHasher> PasswordHasher::Create(PasswordHashParameters parameters) {
  if (sodium_init() < 0) return Internal("libsodium could not be initialised");
  if (parameters.memory_mib < kMinimumMemoryMib) {
    return InvalidArgument("password hash memory must be at least " +
                           std::to_string(kMinimumMemoryMib) + " MiB, got " +
                           std::to_string(parameters.memory_mib));
  }
  if (parameters.passes < kMinimumPasses) {
    return InvalidArgument("password hash passes must be at least " +
                           std::to_string(kMinimumPasses) + ", got " +
                           std::to_string(parameters.passes));
  }
  if (parameters.passes > crypto_pwhash_OPSLIMIT_MAX ||
      MemoryBytes(parameters) > crypto_pwhash_MEMLIMIT_MAX) {
    return InvalidArgument("password hash parameters exceed libsodium's maximum");
  }
  return PasswordHasher(parameters);
}

Result<std::string> PasswordHasher::Hash(std::string_view password) const {
  if (password.empty()) return InvalidArgument("password must not be empty");
  char hashed[crypto_pwhash_STRBYTES];
  const HashingSlot slot;
  if (crypto_pwhash_str_alg(hashed, password.data(), password.size(), parameters_.passes,
                            MemoryBytes(parameters_), crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Unavailable("not enough memory to hash a password");
  }
  return std::string(hashed);
}

PasswordCheck PasswordHasher::Verify(std::string_view password,
                                     const std::string& stored_hash) const {
  // crypto_pwhash_str_verify reads the algorithm and parameters from the string; insist on
  // argon2id so a stored hash of a weaker algorithm is never accepted.
  if (stored_hash.rfind("$argon2id$", 0) != 0 || stored_hash.size() >= crypto_pwhash_STRBYTES) {
    return PasswordCheck::kDoesNotMatch;
  }
  const HashingSlot slot;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0
             ? PasswordCheck::kMatches
             : PasswordCheck::kDoesNotMatch;
}

Result<std::string> PasswordHasher::HashOfUnguessablePassword() const {
  unsigned char random[32];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  return Hash(hex);
}

bool PasswordHasher::NeedsRehash(const std::string& stored_hash) const {
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), parameters_.passes,
                                        MemoryBytes(parameters_)) != 0;
}

}  // namespace tessera::http
