#pragma once
// Opens, checks and closes server-side sessions. A session token is 128 random bits
// (libsodium randombytes), given to the client once and stored only as a hash. A session ends
// after `idle` without requests or `absolute` after login, whichever comes first, and at once
// when its user logs out or is disabled.
//
// Checked sessions are cached in memory with their account's id, name and role, so a request
// needs no store round trip. A cached entry is used only while its activity is younger than
// `touch_interval`; after that the next request re-reads session and account from the store
// (and writes the activity), so a change made outside this process (another server, the CLI)
// is seen within `touch_interval`. Changes made through this manager (Close,
// RevokeAllForUser, ForgetUser) apply at once. Assumes one server process per store, as the
// login rate limiter does.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/security/note_keyring.hpp"
#include "http/security/principal.hpp"
#include "http/security/session_store.hpp"
#include "http/security/user_directory.hpp"

namespace tessera::http {

struct SessionTimeouts {
  std::chrono::seconds idle = std::chrono::minutes(15);
  std::chrono::seconds absolute = std::chrono::hours(12);
  /// Activity is written to the store at most this often per session, so that a read-heavy
  /// client does not cost a store write per request. A session may therefore end up to this
  /// much before `idle` has passed since its very last request (never after).
  std::chrono::seconds touch_interval = std::chrono::seconds(30);
};

struct NewSession {
  std::string token;       // give to the client (cookie or bearer); never stored or logged
  std::string csrf_token;  // the client echoes it in X-CSRF-Token on cookie-authenticated writes
  TimePoint absolute_expiry;
};

class SessionManager {
 public:
  /// All references must outlive the manager.
  SessionManager(SessionStore& store, const UserDirectory& users, const Clock& clock,
                 SessionTimeouts timeouts)
      : store_(store),
        users_(users),
        clock_(clock),
        timeouts_(timeouts),
        note_keys_(clock, timeouts.idle, timeouts.absolute) {}

  /// Starts a session for `user`. kUnavailable when the store fails.
  Result<NewSession> Open(UserId user);

  /// Whether Authenticate may use the store (kCacheOnly: on the event loop, where nothing may
  /// block; a token not answerable from the cache is then refused as not valid).
  enum class StoreAccess { kAllowed, kCacheOnly };

  /// The principal behind a token. kUnauthenticated ("session expired or not valid") for an
  /// unknown, expired or revoked token, or a user that is gone or disabled; an expired session
  /// is removed. A valid one has its idle clock restarted.
  Result<Principal> Authenticate(std::string_view token, CredentialKind credential,
                                 StoreAccess access = StoreAccess::kAllowed);

  /// True when `token`'s session is cached and will still be answerable from the cache for at
  /// least `kCacheMargin` (so a kCacheOnly check made right after succeeds). Never blocks.
  bool IsCached(std::string_view token);
  /// The same check, giving the principal Authenticate would return for `token` now (nullopt
  /// when IsCached would say no). Never blocks.
  std::optional<Principal> Cached(std::string_view token, CredentialKind credential);
  static constexpr std::chrono::seconds kCacheMargin{1};

  /// Ends one session (logout). No error when it is already gone.
  Status Close(std::string_view token_hash);

  /// Ends every session of a user (account disabled).
  Status RevokeAllForUser(UserId user);

  /// Drops the cached sessions of `user` (memory only, never blocks on the store): for callers
  /// that removed the user's sessions or disabled the account in the store themselves.
  void ForgetUser(UserId user);

  const SessionTimeouts& timeouts() const { return timeouts_; }

  /// The unlocked psychotherapy-note keys of this manager's sessions: dropped with their
  /// session (Close, RevokeAllForUser, ForgetUser, a time-out seen by Authenticate).
  NoteKeyring& note_keys() { return note_keys_; }

  /// Hex BLAKE2b-256 of a token: the key the store sees.
  static std::string HashToken(std::string_view token);

 private:
  struct CachedSession {
    StoredSession session;  // as in the store; last_seen_at is the last activity written
    std::string username;
    Role role = Role::kClient;
  };
  // The principal from the cache when the entry may be used without the store.
  std::optional<Principal> FromCache(const std::string& token_hash, TimePoint now,
                                     CredentialKind credential, std::uint64_t& revocations);
  static bool WellFormed(std::string_view token);
  void Remember(CachedSession entry, std::uint64_t revocations_seen, TimePoint now);
  void Forget(const std::function<bool(const CachedSession&)>& matches);

  SessionStore& store_;
  const UserDirectory& users_;
  const Clock& clock_;
  SessionTimeouts timeouts_;
  std::mutex cache_mutex_;
  std::unordered_map<std::string, CachedSession> cache_;  // key: token hash
  // Counts revocations. An entry read from the store is cached only if no revocation happened
  // since the read began, so a logout racing with a check cannot leave a stale entry behind.
  std::uint64_t revocations_ = 0;
  NoteKeyring note_keys_;
};

}  // namespace tessera::http
