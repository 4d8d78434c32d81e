#include "http/security/session_manager.hpp"

#include <sodium.h>

#include "app/random_token.hpp"

namespace tessera::http {
namespace {

constexpr std::size_t kTokenBytes = 16;  // 128 bits: app::RandomToken()'s default

// Beyond this many cached sessions, entries too old to be used are pruned (and if that is not
// enough the cache starts over): memory stays bounded whatever the number of sessions.
constexpr std::size_t kMaxCachedSessions = 50000;

Unexpected<Error> NotValid() { return Unauthenticated("session expired or not valid; log in"); }

}  // namespace

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
  NewSession session{app::RandomToken(kTokenBytes), app::RandomToken(kTokenBytes),
                     now + timeouts_.absolute};
  TRY(store_.Insert(StoredSession{HashToken(session.token), user, now, now, session.csrf_token}));
  return session;
}

std::optional<Principal> SessionManager::FromCache(const std::string& token_hash, TimePoint now,
                                                   CredentialKind credential,
                                                   std::uint64_t& revocations) {
  std::lock_guard lock(cache_mutex_);
  revocations = revocations_;
  const auto found = cache_.find(token_hash);
  if (found == cache_.end()) return std::nullopt;
  const StoredSession& session = found->second.session;
  // Past a limit, or due for an activity write: the store decides (and is written).
  if (now >= session.created_at + timeouts_.absolute ||
      now >= session.last_seen_at + timeouts_.idle ||
      now - session.last_seen_at >= timeouts_.touch_interval) {
    return std::nullopt;
  }
  return Principal{session.user_id, found->second.username, found->second.role, credential,
                   token_hash,      session.csrf_token};
}

void SessionManager::Remember(CachedSession entry, std::uint64_t revocations_seen, TimePoint now) {
  std::lock_guard lock(cache_mutex_);
  if (revocations_ != revocations_seen) return;  // revoked meanwhile: the store decides next time
  if (cache_.size() >= kMaxCachedSessions) {
    std::erase_if(cache_, [&](const auto& cached) {
      return now - cached.second.session.last_seen_at >= timeouts_.touch_interval;
    });
    if (cache_.size() >= kMaxCachedSessions) cache_.clear();
  }
  std::string key = entry.session.token_hash;
  cache_.insert_or_assign(std::move(key), std::move(entry));
}

void SessionManager::Forget(const std::function<bool(const CachedSession&)>& matches) {
  std::lock_guard lock(cache_mutex_);
  ++revocations_;
  std::erase_if(cache_, [&](const auto& cached) { return matches(cached.second); });
}

bool SessionManager::WellFormed(std::string_view token) {
  // A well-formed token has a fixed length; anything else is rejected before hashing.
  return token.size() ==
         sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1;
}

bool SessionManager::IsCached(std::string_view token) {
  return Cached(token, CredentialKind::kBearer).has_value();
}

std::optional<Principal> SessionManager::Cached(std::string_view token, CredentialKind credential) {
  if (!WellFormed(token)) return std::nullopt;
  std::uint64_t ignored = 0;
  return FromCache(HashToken(token), clock_.Now() + kCacheMargin, credential, ignored);
}

Result<Principal> SessionManager::Authenticate(std::string_view token, CredentialKind credential,
                                               StoreAccess access) {
  if (!WellFormed(token)) return NotValid();
  const std::string token_hash = HashToken(token);
  const TimePoint now = clock_.Now();
  std::uint64_t revocations_seen = 0;
  if (auto cached = FromCache(token_hash, now, credential, revocations_seen)) {
    note_keys_.Touch(token_hash);
    return *cached;
  }
  // Not answerable without the store. On the event loop that only happens when the session
  // was revoked (or its account disabled) since IsCached said yes: refuse it like the store
  // would.
  if (access == StoreAccess::kCacheOnly) return NotValid();
  TRY_ASSIGN(std::optional<StoredSession> session, store_.Find(token_hash));
  if (!session) return NotValid();
  if (now >= session->created_at + timeouts_.absolute ||
      now >= session->last_seen_at + timeouts_.idle) {
    note_keys_.DropSession(token_hash);
    TRY(store_.Remove(token_hash));
    return NotValid();
  }
  TRY_ASSIGN(std::optional<UserAccount> account, users_.FindById(session->user_id));
  if (!account || account->status != AccountStatus::kActive) {
    // Disabling an account revokes its sessions; this check also covers a disable that did
    // not (yet) revoke, e.g. one made directly in the store by another server.
    TRY(store_.RemoveAllForUser(session->user_id));
    ForgetUser(session->user_id);
    return NotValid();
  }
  if (now - session->last_seen_at >= timeouts_.touch_interval) {
    TRY(store_.Touch(token_hash, now));
    session->last_seen_at = now;
  }
  note_keys_.Touch(token_hash);
  Principal principal{account->id, account->username, account->role,
                      credential,  token_hash,        session->csrf_token};
  Remember(CachedSession{std::move(*session), std::move(account->username), account->role},
           revocations_seen, now);
  return principal;
}

Status SessionManager::Close(std::string_view token_hash) {
  // The store first, then the cache: a check that read the session before the removal cannot
  // cache it afterwards (Remember sees the revocation count changed).
  note_keys_.DropSession(std::string(token_hash));
  TRY(store_.Remove(token_hash));
  std::lock_guard lock(cache_mutex_);
  ++revocations_;
  cache_.erase(std::string(token_hash));
  return Ok();
}

Status SessionManager::RevokeAllForUser(UserId user) {
  TRY(store_.RemoveAllForUser(user));
  ForgetUser(user);
  return Ok();
}

void SessionManager::ForgetUser(UserId user) {
  note_keys_.DropUser(user);
  Forget([user](const CachedSession& cached) { return cached.session.user_id == user; });
}

}  // namespace tessera::http
