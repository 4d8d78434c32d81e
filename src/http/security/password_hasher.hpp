#pragma once
// argon2id password hashes (libsodium crypto_pwhash), stored in the self-describing PHC string
// format ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so parameters can be raised later and
// old hashes still verify.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace tessera::http {

struct PasswordHashParameters {
  /// Memory per hash in MiB; at least kMinimumMemoryMib (OWASP's argon2id minimum).
  std::size_t memory_mib = 64;
  /// Passes over memory; at least kMinimumPasses.
  unsigned long long passes = 3;
};
inline constexpr std::size_t kMinimumMemoryMib = 19;
inline constexpr unsigned long long kMinimumPasses = 2;

enum class PasswordCheck { kMatches, kDoesNotMatch };

/// Checks a password against a stored hash. An interface so that tests can observe which
/// hashes login verifies (e.g. that unknown users cost one full verification too).
class PasswordVerifier {
 public:
  virtual ~PasswordVerifier() = default;
  /// Compares in constant time for a given hash. A malformed stored hash never matches.
  virtual PasswordCheck Verify(std::string_view password, const std::string& stored_hash) const = 0;
};

/// Hash and Verify are thread-safe; at most two of them run at once in the process (further
/// callers wait), so many concurrent logins cannot take memory_mib each at the same time.
class PasswordHasher final : public PasswordVerifier {
 public:
  /// kInvalidArgument naming the parameter when it is below the minimum; kInternal when
  /// libsodium cannot be initialised.
  static Result<PasswordHasher> Create(PasswordHashParameters parameters);

  /// A fresh salted hash of `password`. kInvalidArgument for an empty password; kUnavailable
  /// when the memory for the hash cannot be allocated.
  Result<std::string> Hash(std::string_view password) const;

  PasswordCheck Verify(std::string_view password, const std::string& stored_hash) const override;

  /// The hash of a random password nobody knows, with this hasher's parameters: login verifies
  /// against it for unknown usernames so that they take as long as wrong passwords.
  Result<std::string> HashOfUnguessablePassword() const;

  /// True when the stored hash used weaker parameters than this hasher's.
  bool NeedsRehash(const std::string& stored_hash) const;

  const PasswordHashParameters& parameters() const { return parameters_; }

 private:
  explicit PasswordHasher(PasswordHashParameters parameters) : parameters_(parameters) {}
  PasswordHashParameters parameters_;
};

}  // namespace tessera::http
