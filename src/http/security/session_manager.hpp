#pragma once
// Opens, checks and closes server-side sessions. A session token is 128 random bits
// (libsodium randombytes), given to the client once and stored only as a hash. A session ends
// after `idle` without requests or `absolute` after login, whichever comes first, and at once
// when its user logs out or is disabled.

#include <chrono>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
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
      : store_(store), users_(users), clock_(clock), timeouts_(timeouts) {}

  /// Starts a session for `user`. kUnavailable when the store fails.
  Result<NewSession> Open(UserId user);

  /// The principal behind a token. kUnauthenticated ("session expired or not valid") for an
  /// unknown, expired or revoked token, or a user that is gone or disabled; an expired session
  /// is removed. A valid one has its idle clock restarted.
  Result<Principal> Authenticate(std::string_view token, CredentialKind credential);

  /// Ends one session (logout). No error when it is already gone.
  Status Close(std::string_view token_hash);

  /// Ends every session of a user (account disabled).
  Status RevokeAllForUser(UserId user);

  const SessionTimeouts& timeouts() const { return timeouts_; }

  /// Hex BLAKE2b-256 of a token: the key the store sees.
  static std::string HashToken(std::string_view token);

 private:
  SessionStore& store_;
  const UserDirectory& users_;
  const Clock& clock_;
  SessionTimeouts timeouts_;
};

/// 128 random bits as 22 base64url characters (libsodium randombytes).
std::string NewRandomToken();

}  // namespace tessera::http
