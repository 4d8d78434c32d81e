#pragma once
// Login: username + password (+ TOTP code) -> a new session. Unknown usernames, wrong
// passwords and disabled accounts get the same error, after the same work: an unknown user is
// verified against a dummy hash made with the same argon2id parameters as real ones.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/security/login_history.hpp"
#include "http/security/login_rate_limiter.hpp"
#include "http/security/password_hasher.hpp"
#include "http/security/session_manager.hpp"
#include "http/security/user_directory.hpp"

namespace tessera::http {

enum class AdminTotpPolicy { kOptional, kRequired };

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string totp_code;  // empty when the client sent none
  std::string source_address;
};

struct LoginSuccess {
  NewSession session;
  UserId user_id;
  std::string username;
  Role role = Role::kClient;
};

/// A login either opens a session or must wait (the login limits refused it; nothing counted).
using LoginOutcome = std::variant<LoginSuccess, LoginDelay>;

/// The one message for every failed username/password check.
inline constexpr std::string_view kLoginFailedMessage = "username or password is wrong";

class Authenticator {
 public:
  struct Parts {
    const UserDirectory& users;
    SessionManager& sessions;
    LoginRateLimiter& limiter;
    LoginHistory& history;  // records logins, logouts and failures (the audit chain)
    const PasswordVerifier& verifier;
    const Clock& clock;
    std::string dummy_hash;  // PasswordHasher::HashOfUnguessablePassword()
    AdminTotpPolicy admin_totp = AdminTotpPolicy::kOptional;
  };
  /// References in `parts` must outlive the authenticator.
  explicit Authenticator(Parts parts) : parts_(std::move(parts)) {}

  /// A LoginDelay when the login limits refuse the attempt. kUnauthenticated with
  /// kLoginFailedMessage for an unknown user, wrong password or disabled account;
  /// kUnauthenticated naming the one-time code when a second factor is enrolled and the code is
  /// missing, wrong or replayed; kPermissionDenied when admins must use TOTP and this admin has
  /// not enrolled. Each of these is recorded as a failed login, and a success as a login
  /// (before the session is handed out: no session without its audit entry).
  Result<LoginOutcome> Login(const LoginAttempt& attempt);

  /// Records that `user` logged out (the caller has closed the session).
  Status RecordLogout(UserId user);

 private:
  Status CheckSecondFactor(const UserAccount& account, const std::string& code);

  Parts parts_;
  std::mutex totp_mutex_;
  std::map<std::int64_t, std::int64_t> last_totp_step_;  // by user id: replay protection
};

}  // namespace tessera::http
