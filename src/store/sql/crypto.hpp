#pragma once
// Hashing through libsodium: SHA-256 for the audit chain, argon2id for passwords.

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace tessera::store {

/// Lowercase hex SHA-256 of data.
std::string Sha256Hex(std::string_view data);

/// argon2id (libsodium crypto_pwhash_str_alg) with 3 passes and 64 MiB, above the OWASP
/// minimum of 19 MiB and 2 passes. Returns the encoded "$argon2id$..." string.
Result<std::string> HashPassword(std::string_view password);
/// True when password matches a hash made by HashPassword.
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace tessera::store
