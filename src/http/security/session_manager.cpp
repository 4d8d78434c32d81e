#include "http/security/session_manager.hpp"

#include <sodium.h>

namespace tessera::http {
namespace {

constexpr std::size_t kTokenBytes = 16;  // 128 bits

Unexpected<Error> NotValid() { return Unauthenticated("session expired or not valid; log in"); }

}  // namespace

std::string NewRandomToken() {
  unsigned char random[kTokenBytes];
  randombytes_buf(random, sizeof random);
  char encoded[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, random, sizeof random,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return encoded;
}

std::string SessionManager::HashToken(std::string_view token) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Result<NewSession> SessionManager::Open(UserId user) {
  const TimePoint now = clock_.Now();
  NewSession session{NewRandomToken(), NewRandomToken(), now + timeouts_.absolute};
  TRY(store_.Insert(StoredSession{HashToken(session.token), user, now, now, session.csrf_token}));
  return session;
}

Result<Principal> SessionManager::Authenticate(std::string_view token, CredentialKind credential) {
  // A well-formed token has a fixed length; anything else is rejected before hashing.
  if (token.size() != sodium_base64_ENCODED_LEN(kTokenBytes,
                                                sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1) {
    return NotValid();
  }
  const std::string token_hash = HashToken(token);
  TRY_ASSIGN(std::optional<StoredSession> session, store_.Find(token_hash));
  if (!session) return NotValid();
  const TimePoint now = clock_.Now();
  if (now >= session->created_at + timeouts_.absolute ||
      now >= session->last_seen_at + timeouts_.idle) {
    TRY(store_.Remove(token_hash));
    return NotValid();
  }
  TRY_ASSIGN(std::optional<UserAccount> account, users_.FindById(session->user_id));
  if (!account || account->status != AccountStatus::kActive) {
    // Disabling an account revokes its sessions; this check also covers a disable that did
    // not (yet) revoke, e.g. one made directly in the store by another server.
    TRY(store_.RemoveAllForUser(session->user_id));
    return NotValid();
  }
  if (now - session->last_seen_at >= timeouts_.touch_interval) TRY(store_.Touch(token_hash, now));
  return Principal{account->id, account->username, account->role, credential, token_hash,
                   session->csrf_token};
}

Status SessionManager::Close(std::string_view token_hash) { return store_.Remove(token_hash); }

Status SessionManager::RevokeAllForUser(UserId user) { return store_.RemoveAllForUser(user); }

}  // namespace tessera::http
