#pragma once

#include <cstddef>
#include <string>

namespace tessera::app {

/// `bytes` random bytes from libsodium's CSPRNG (randombytes_buf), base64url without padding.
/// The one way tessera makes a secret token: session tokens and generated passwords (16 bytes,
/// 128 bits: 22 characters), questionnaire links (32 bytes: 43 characters).
std::string RandomToken(std::size_t bytes = 16);

}  // namespace tessera::app
