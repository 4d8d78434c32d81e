#pragma once
// A psychotherapy note's text sealed to its author's public key: a fresh 256-bit key per note
// encrypts the text with XChaCha20-Poly1305 (associated data: the note's id, client and
// author, so a sealed text cannot be moved to another row), and that key is sealed to the
// author with crypto_box_seal. Stored as "v1$<sealed note key>$<nonce>$<ciphertext>" (base64).

#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "notecrypt/note_key.hpp"

namespace tessera {

/// What a sealed note is bound to.
struct NoteBinding {
  NoteId note;
  ClientId client;
  UserId author;
};

/// Seals `text` for the author whose public key is `public_key_text`. DataLoss for a malformed
/// public key.
Result<std::string> SealNoteText(std::string_view text, const std::string& public_key_text,
                                 const NoteBinding& binding);

/// Opens a sealed text with the author's unlocked key. DataLoss when it does not open (another
/// author's key, a row it was not sealed for, or tampering).
Result<std::string> OpenNoteText(const std::string& sealed, const NoteKey& key,
                                 const NoteBinding& binding);

}  // namespace tessera
