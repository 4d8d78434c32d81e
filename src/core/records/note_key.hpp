#pragma once
// Psychotherapy-note keys as the repositories see them (docs/decisions/0131): the stored,
// wrapped form, and a handle on an unlocked key pair (defined by notecrypt/note_key.hpp, which
// keeps it in guarded memory; core only passes it along).

#include <memory>
#include <string>

#include "core/ids.hpp"

namespace tessera {

class NoteKey;
/// An author's unlocked key pair, held in server memory while they are logged in.
using UnlockedNoteKey = std::shared_ptr<const NoteKey>;

/// An author's key pair as stored: the public half, and the secret half wrapped twice.
struct StoredNoteKey {
  UserId user;
  std::string public_key;     // base64
  std::string password_wrap;  // "" after an admin reset the password: recover with the code
  std::string recovery_wrap;
};

}  // namespace tessera
