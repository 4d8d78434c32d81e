#pragma once
// An author's psychotherapy-note key pair (libsodium crypto_box: X25519). Notes are sealed to
// the public half, so any process can write a note for an author; only the secret half opens
// them, and it exists in clear only in server memory while its author is logged in. At rest it
// is stored twice, wrapped (XChaCha20-Poly1305) under a key derived with argon2id from the
// author's password, and from a recovery code shown to the author once.
// docs/decisions/0131-psychotherapy-note-encryption.md

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/records/note_key.hpp"
#include "core/result.hpp"

namespace tessera {

/// The unlocked pair. Lives in libsodium guarded memory (sodium_malloc: locked, not swapped,
/// zeroed when freed); only reachable through UnlockedNoteKey (shared_ptr with that deleter).
class NoteKey {
 public:
  static constexpr std::size_t kKeyBytes = 32;
  const std::array<unsigned char, kKeyBytes>& public_key() const { return public_key_; }
  const std::array<unsigned char, kKeyBytes>& secret_key() const { return secret_key_; }

 private:
  friend struct NoteKeyAccess;
  NoteKey() = default;
  std::array<unsigned char, kKeyBytes> public_key_{};
  std::array<unsigned char, kKeyBytes> secret_key_{};
};

/// argon2id cost for deriving a wrapping key (the server uses its password-hash settings).
struct KeyDerivationCost {
  unsigned long long passes = 3;
  std::size_t memory_bytes = 64u * 1024u * 1024u;
};

/// A fresh random key pair. Unavailable when guarded memory cannot be allocated.
Result<UnlockedNoteKey> NewNoteKey();

/// The public half as stored (base64).
std::string PublicKeyText(const NoteKey& key);

/// A fresh recovery code: 160 random bits as 8 groups of 4 base32 characters, dash-separated.
std::string NewRecoveryCode();

/// The secret half wrapped under argon2id(`secret`, fresh salt) for account `user` (bound as
/// associated data, so a wrap cannot be moved to another account). Self-describing text:
/// "v1$<passes>$<memory>$<salt>$<nonce>$<ciphertext>" (base64). Slow on purpose (argon2id).
Result<std::string> WrapNoteKey(const NoteKey& key, std::string_view secret, UserId user,
                                KeyDerivationCost cost);

/// Unwraps `wrap` with `secret` and checks it against `public_key_text`. PermissionDenied when
/// the secret does not open it (wrong password or code); DataLoss for a malformed wrap.
Result<UnlockedNoteKey> UnwrapNoteKey(const std::string& wrap, const std::string& public_key_text,
                                      std::string_view secret, UserId user);

/// A recovery code as typed (any case, with or without dashes and spaces) in the form it was
/// wrapped under.
std::string NormaliseRecoveryCode(std::string_view typed);

}  // namespace tessera
