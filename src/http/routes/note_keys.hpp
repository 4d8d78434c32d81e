#pragma once
// What login, password change and recovery do with an author's psychotherapy-note key
// (decision 0131; routes/note_key_routes.cpp). Argon2id work is done without holding a store
// connection; the store only sees wraps and the public key.

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/security/authenticator.hpp"
#include "http/security/note_keyring.hpp"
#include "http/security/password_hasher.hpp"
#include "http/store_backed/store_pool.hpp"
#include "notecrypt/note_key.hpp"

namespace tessera::http {

/// Where an author's note key stands after a login or password change.
enum class NoteKeyState {
  kNotAnAuthor,    // admins and client accounts write no psychotherapy notes
  kUnlocked,       // held for this session
  kCreated,        // made at this login (recovery code shown once) and held
  kNeedsRecovery,  // an admin reset the password: only the recovery code opens it
};
std::string_view NoteKeyStateName(NoteKeyState state);

struct NoteKeyOutcome {
  NoteKeyState state = NoteKeyState::kNotAnAuthor;
  std::string recovery_code;  // only for kCreated: shown once, stored nowhere in clear
};

/// The argon2id cost of wrapping note keys: the server's password-hash settings.
KeyDerivationCost CostOf(const PasswordHashParameters& parameters);

/// At a successful login (clinicians and supervisors): unwraps the author's note key with
/// `password` into the session's slot of `keyring`, or creates it (sealing the notes they
/// wrote before notes were sealed) when they have none yet.
Result<NoteKeyOutcome> OpenNoteKeyAtLogin(StorePool& pool, NoteKeyring& keyring,
                                          const LoginSuccess& login, std::string_view password,
                                          const PasswordHashParameters& cost);

}  // namespace tessera::http
