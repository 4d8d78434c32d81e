#pragma once
// What the server needs from the store about accounts: their state (disabled, second factor,
// the client record a client account belongs to), server-side login sessions and break-glass
// grants. Login-time look-ups take no AccessContext (nobody is signed in yet) and touch no
// client data, so they are not audited; everything an account does to another is.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/records/people.hpp"
#include "core/result.hpp"

namespace tessera {

enum class AccountStatus { kActive, kDisabled };

/// An account as the authentication layer sees it.
struct Account {
  User user;
  AccountStatus status = AccountStatus::kActive;
  std::string totp_secret_base32;  // empty: no second factor enrolled
  std::optional<ClientId> client;  // for client accounts: their own record
  /// Staff accounts: where the lead clinician's notifications are emailed (empty: none).
  std::string email;
};

/// A login session. Only a hash of the token is ever stored.
struct LoginSession {
  std::string token_hash;
  UserId user;
  TimePoint created_at;
  TimePoint last_seen_at;
  std::string csrf_token;
};

/// Emergency access to a client outside the actor's care teams.
struct BreakGlassGrant {
  std::int64_t id = 0;
  UserId user;
  ClientId client;
  std::string reason;
  TimePoint granted_at;
  TimePoint expires_at;
};

/// A failure counter of the HTTP server's login limits (docs/http.md "Login limits"). The key
/// is opaque to the store: a hash the server makes of an account, a source address or both.
struct LoginCounter {
  std::string key;
  std::int64_t failures = 0;
  TimePoint window_start;  // the first failure counted in the current window
  TimePoint last_failure;
};

enum class LoginEvent { kLogin, kLogout, kLoginFailure };

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  /// nullopt when there is no such account.
  virtual Result<std::optional<Account>> FindAccountByName(std::string_view username) = 0;
  virtual Result<std::optional<Account>> FindAccountById(UserId id) = 0;
  /// Admin only; accounts in id order.
  virtual Result<std::vector<Account>> ListAccounts(const AccessContext& context) = 0;
  /// Admin only; an admin cannot disable their own account. Disabling removes every login
  /// session of the account in the same transaction.
  /// Admin only: a staff account's email address (empty clears it; ValidateEmailAddress's
  /// rule). InvalidArgument for a client account (a client's address is its reminder contact),
  /// NotFound for no such account. Audited as an amendment (administrative).
  virtual Status SetAccountEmail(const AccessContext& context, UserId user,
                                 const std::string& email) = 0;
  virtual Status SetAccountStatus(const AccessContext& context, UserId user,
                                  AccountStatus status) = 0;
  /// The actor enrols (or, with an empty secret, removes) their own second factor.
  virtual Status SetTotpSecret(const AccessContext& context, const std::string& secret_base32) = 0;
  /// The actor replaces their own password hash (the caller has checked the current password).
  /// Every other login session of the actor ends in the same transaction; the session whose
  /// token hash is `keep_session_hash` stays. Audited.
  virtual Status ChangeOwnPassword(const AccessContext& context, const std::string& password_hash,
                                   std::string_view keep_session_hash) = 0;
  /// Admin only, never on their own account (that needs the current password): replaces
  /// another account's password hash and ends all its login sessions. NotFound for a missing
  /// account. Audited.
  virtual Status ResetPassword(const AccessContext& context, UserId user,
                               const std::string& password_hash) = 0;
  /// Admin only, never on their own account: removes another account's second factor and ends
  /// all its login sessions. NotFound for a missing account. Audited.
  virtual Status ResetTotp(const AccessContext& context, UserId user) = 0;
  /// Admin only: ties a client account to its client record (the only record it can read).
  virtual Status LinkClientAccount(const AccessContext& context, UserId user, ClientId client) = 0;

  /// Login sessions. AlreadyExists for a duplicate hash.
  virtual Status InsertLoginSession(const LoginSession& session) = 0;
  virtual Result<std::optional<LoginSession>> FindLoginSession(std::string_view token_hash) = 0;
  virtual Status TouchLoginSession(std::string_view token_hash, TimePoint last_seen_at) = 0;
  virtual Status RemoveLoginSession(std::string_view token_hash) = 0;
  virtual Status RemoveLoginSessionsForUser(UserId user) = 0;

  /// The login-failure counters stored under `keys` (keys without one are left out). Counters
  /// name nobody in clear and are not audited; the logins they count are (RecordLoginEvent).
  virtual Result<std::vector<LoginCounter>> FindLoginCounters(
      const std::vector<std::string>& keys) = 0;
  /// In one transaction: stores each counter (replacing the one under its key; 0 failures
  /// removes it), then removes every counter whose last failure is before `forget_before`.
  virtual Status SaveLoginCounters(const std::vector<LoginCounter>& counters,
                                   TimePoint forget_before) = 0;
  /// Whether a successful login was remembered under `source_key` at or after `since`.
  virtual Result<bool> IsKnownLoginSource(std::string_view source_key, TimePoint since) = 0;
  /// Appends a login, logout or failed login to the audit chain: `account` is the actor of a
  /// login or logout and the record of a failed login of a known account (the actor of a
  /// failure is unknown; an unknown username is recorded without a record id, never by name).
  /// A kLogin with a non-empty `source_key` also remembers that source as of now, in the same
  /// transaction.
  virtual Status RecordLoginEvent(LoginEvent event, std::optional<UserId> account,
                                  std::string_view source_key) = 0;

  /// Clinicians and supervisors: opens `client` to the actor for `duration` (at most 12 h)
  /// with a reason (at least 10 characters). Audited as a break-glass entry and raises a
  /// "break_glass" alert on the client, in the same transaction. NotFound for a missing client.
  virtual Result<BreakGlassGrant> BreakGlass(const AccessContext& context, ClientId client,
                                             const std::string& reason,
                                             std::chrono::seconds duration) = 0;
};

}  // namespace tessera
