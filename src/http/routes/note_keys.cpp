#include "http/routes/note_keys.hpp"

#include "notecrypt/note_key.hpp"

namespace tessera::http {

std::string_view NoteKeyStateName(NoteKeyState state) {
  switch (state) {
    case NoteKeyState::kNotAnAuthor:
      return "none";
    case NoteKeyState::kUnlocked:
      return "unlocked";
    case NoteKeyState::kCreated:
      return "created";
    case NoteKeyState::kNeedsRecovery:
      return "needs_recovery";
  }
  return "none";
}

KeyDerivationCost CostOf(const PasswordHashParameters& parameters) {
  return KeyDerivationCost{parameters.passes, parameters.memory_mib * 1024u * 1024u};
}

namespace {

Result<NoteKeyOutcome> CreateNoteKeyAtLogin(StorePool& pool, NoteKeyring& keyring,
                                            const LoginSuccess& login, std::string_view password,
                                            const PasswordHashParameters& cost) {
  TRY_ASSIGN(UnlockedNoteKey key, NewNoteKey());
  NoteKeyOutcome outcome{NoteKeyState::kCreated, NewRecoveryCode()};
  StoredNoteKey stored{login.user_id, PublicKeyText(*key), "", ""};
  TRY_ASSIGN(stored.password_wrap, WrapNoteKey(*key, password, login.user_id, CostOf(cost)));
  TRY_ASSIGN(stored.recovery_wrap, WrapNoteKey(*key, NormaliseRecoveryCode(outcome.recovery_code),
                                               login.user_id, CostOf(cost)));
  TRY(pool.Run([&](Store& store) -> Status {
    TRY(store.CreateNoteKey(AccessContext::For(login.user_id), stored));
    return Ok();
  }));
  keyring.Put(SessionManager::HashToken(login.session.token), login.user_id, std::move(key));
  return outcome;
}

}  // namespace

Result<NoteKeyOutcome> OpenNoteKeyAtLogin(StorePool& pool, NoteKeyring& keyring,
                                          const LoginSuccess& login, std::string_view password,
                                          const PasswordHashParameters& cost) {
  if (login.role != Role::kClinician && login.role != Role::kSupervisor) return NoteKeyOutcome{};
  std::optional<StoredNoteKey> stored;
  {
    auto store = pool.Acquire();
    TRY_ASSIGN(stored, store->FindNoteKey(login.user_id));
  }
  if (!stored) {
    auto created = CreateNoteKeyAtLogin(pool, keyring, login, password, cost);
    // Two first logins at once: the other one made it; open that one instead.
    if (created || created.error().code() != ErrorCode::kAlreadyExists) return created;
    auto store = pool.Acquire();
    TRY_ASSIGN(stored, store->FindNoteKey(login.user_id));
    if (!stored) return created;
  }
  if (stored->password_wrap.empty()) return NoteKeyOutcome{NoteKeyState::kNeedsRecovery, ""};
  auto key = UnwrapNoteKey(stored->password_wrap, stored->public_key, password, login.user_id);
  // A wrap the password does not open (changed outside the server): as after a reset.
  if (!key && key.error().code() == ErrorCode::kPermissionDenied)
    return NoteKeyOutcome{NoteKeyState::kNeedsRecovery, ""};
  TRY(key);
  keyring.Put(SessionManager::HashToken(login.session.token), login.user_id, std::move(*key));
  return NoteKeyOutcome{NoteKeyState::kUnlocked, ""};
}

}  // namespace tessera::http
