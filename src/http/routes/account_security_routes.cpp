// Passwords and second factors after enrolment. The caller proves the current password or
// TOTP code, and every such check counts against the login rate limiter (by account and by
// source address), so a stolen session cannot be used to guess the password faster than a
// login could. Admin resets work on other accounts only and end all their sessions at once.
// Argon2id work is done without holding a store connection.

#include "app/random_token.hpp"
#include "http/json_body.hpp"
#include "http/routes/note_keys.hpp"
#include "http/routes/route_support.hpp"
#include "http/security/totp.hpp"

namespace tessera::http {
namespace {

using nlohmann::json;

// The same rule as account creation (docs/store.md: at least 12 characters).
constexpr std::size_t kShortestPassword = 12;
constexpr std::size_t kLongestPassword = 1024;

// The store has deleted the account's login sessions; the session manager's cache must forget
// them too, or they would live on until their next store check (memory only: no connection).
// Call it only once the deletion is committed: a request checked before the commit still finds
// the session in the store and may cache it, and only a later forget removes that copy.
void ForgetSessions(SessionManager* sessions, UserId user) {
  if (sessions != nullptr) sessions->ForgetUser(user);
}

Result<Account> CallerAccount(StorePool& pool, const Principal& principal) {
  auto store = pool.Acquire();
  TRY_ASSIGN(std::optional<Account> account, store->FindAccountById(principal.user_id));
  if (!account) return Unauthenticated("session expired or not valid");
  return *account;
}

// Runs `check` as one rate-limited attempt of the caller: refused with 429 before any work
// once the account or the address is at its limit; a failed check stays counted.
Status LimitedCheck(LoginRateLimiter& limiter, const HandlerContext& context,
                    const std::function<Status()>& check) {
  const std::string& account = context.principal->username;
  const std::string& address = context.request.source_address;
  TRY(limiter.Admit(account, address));
  TRY(check());
  return limiter.RecordSuccess(account, address);
}

struct NoteKeyRewrap {
  NoteKeyState state = NoteKeyState::kNotAnAuthor;
  UnlockedNoteKey key;  // null: nothing to re-wrap
  std::string wrap;     // the key under the new password
};

// The caller's note key wrapped under the new password: the key this session holds, or the one
// the current password opens. None when the account has no key, or when it needs the recovery
// code (an admin reset the password): a password change does not open it.
Result<NoteKeyRewrap> RewrapForNewPassword(const StoreRoutes& routes,
                                           const AccountSecurity& security,
                                           const Principal& principal,
                                           std::string_view current_password,
                                           std::string_view new_password) {
  std::optional<StoredNoteKey> stored;
  {
    auto store = routes.store.Acquire();
    TRY_ASSIGN(stored, store->FindNoteKey(principal.user_id));
  }
  if (!stored) return NoteKeyRewrap{};
  NoteKeyRewrap rewrap{NoteKeyState::kNeedsRecovery, nullptr, ""};
  if (routes.sessions != nullptr)
    rewrap.key = routes.sessions->note_keys().Find(principal.session_token_hash);
  if (!rewrap.key && !stored->password_wrap.empty()) {
    auto opened = UnwrapNoteKey(stored->password_wrap, stored->public_key, current_password,
                                principal.user_id);
    if (opened) rewrap.key = std::move(*opened);
  }
  if (!rewrap.key) return rewrap;
  TRY_ASSIGN(rewrap.wrap, WrapNoteKey(*rewrap.key, new_password, principal.user_id,
                                      CostOf(security.hasher.parameters())));
  rewrap.state = NoteKeyState::kUnlocked;
  return rewrap;
}

Result<Response> ChangeOwnPassword(const StoreRoutes& routes, const AccountSecurity& security,
                                   const HandlerContext& context) {
  StorePool& pool = routes.store;
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"current_password", "new_password"}));
  TRY_ASSIGN(std::string current_password, RequireString(body, "current_password"));
  TRY_ASSIGN(std::string new_password, RequireString(body, "new_password"));
  if (new_password.size() < kShortestPassword || new_password.size() > kLongestPassword)
    return InvalidArgument("field 'new_password' must be 12 to 1024 characters");
  if (new_password == current_password)
    return InvalidArgument("field 'new_password' must differ from the current password");
  const Principal& principal = *context.principal;
  TRY_ASSIGN(Account account, CallerAccount(pool, principal));
  TRY(LimitedCheck(security.limiter, context, [&]() -> Status {
    if (security.hasher.Verify(current_password, account.user.password_hash) !=
        PasswordCheck::kMatches)
      return InvalidArgument("field 'current_password' is not this account's password");
    return Ok();
  }));
  TRY_ASSIGN(std::string hash, security.hasher.Hash(new_password));
  // The note key is re-wrapped under the new password in the same transaction (decision 0131).
  TRY_ASSIGN(NoteKeyRewrap note_key,
             RewrapForNewPassword(routes, security, principal, current_password, new_password));
  TRY(pool.Run([&](Store& store) -> Status {
    // This session stays; every other session of the account ends in the same transaction.
    TRY(store.ChangeOwnPassword(ContextOf(principal), hash, principal.session_token_hash));
    if (note_key.key) TRY(store.SetNoteKeyWraps(ContextOf(principal), note_key.wrap, ""));
    return Ok();
  }));
  // This session stays in the store, so forgetting it from the cache only costs a reload; its
  // note key (dropped with the other sessions' keys) is held again.
  ForgetSessions(routes.sessions, principal.user_id);
  if (note_key.key && routes.sessions != nullptr)
    routes.sessions->note_keys().Put(principal.session_token_hash, principal.user_id, note_key.key);
  return JsonReply(200, {{"password_changed", true},
                         {"other_sessions_ended", true},
                         {"note_key", NoteKeyStateName(note_key.state)}});
}

Result<Response> RecoverNoteKey(const StoreRoutes& routes, const AccountSecurity& security,
                                const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"recovery_code", "password"}));
  TRY_ASSIGN(std::string code, RequireString(body, "recovery_code"));
  TRY_ASSIGN(std::string password, RequireString(body, "password"));
  const Principal& principal = *context.principal;
  TRY_ASSIGN(Account account, CallerAccount(routes.store, principal));
  std::optional<StoredNoteKey> stored;
  {
    auto store = routes.store.Acquire();
    TRY_ASSIGN(stored, store->FindNoteKey(principal.user_id));
  }
  if (!stored) return NotFound("this account has no note key; it is made at login");
  // Both secrets are checked as one rate-limited attempt: a wrong one counts like a wrong
  // password at login.
  UnlockedNoteKey key;
  TRY(LimitedCheck(security.limiter, context, [&]() -> Status {
    if (security.hasher.Verify(password, account.user.password_hash) != PasswordCheck::kMatches)
      return InvalidArgument("field 'password' is not this account's password");
    auto opened = UnwrapNoteKey(stored->recovery_wrap, stored->public_key,
                                NormaliseRecoveryCode(code), principal.user_id);
    if (!opened && opened.error().code() == ErrorCode::kPermissionDenied)
      return InvalidArgument("field 'recovery_code' does not open this account's note key");
    TRY(opened);
    key = std::move(*opened);
    return Ok();
  }));
  // The used code is replaced: it has been typed somewhere, and is shown afresh once.
  const std::string new_code = NewRecoveryCode();
  const KeyDerivationCost cost = CostOf(security.hasher.parameters());
  TRY_ASSIGN(std::string password_wrap, WrapNoteKey(*key, password, principal.user_id, cost));
  TRY_ASSIGN(std::string recovery_wrap,
             WrapNoteKey(*key, NormaliseRecoveryCode(new_code), principal.user_id, cost));
  TRY(routes.store.Run([&](Store& store) -> Status {
    return store.SetNoteKeyWraps(ContextOf(principal), password_wrap, recovery_wrap);
  }));
  if (routes.sessions != nullptr)
    routes.sessions->note_keys().Put(principal.session_token_hash, principal.user_id, key);
  return JsonReply(
      200, {{"note_key", NoteKeyStateName(NoteKeyState::kUnlocked)}, {"recovery_code", new_code}});
}

Result<Response> RemoveOwnTotp(StorePool& pool, const AccountSecurity& security, const Clock& clock,
                               const HandlerContext& context) {
  const json& body = *context.body;
  TRY(RequireOnlyFields(body, {"code"}));
  TRY_ASSIGN(std::string code, RequireString(body, "code"));
  const Principal& principal = *context.principal;
  if (principal.role == Role::kAdmin && security.admin_totp == AdminTotpPolicy::kRequired)
    return PermissionDenied(
        "security.require_totp_for_admins is on: an admin cannot remove their own second "
        "factor (another admin can reset it)");
  TRY_ASSIGN(Account account, CallerAccount(pool, principal));
  if (account.totp_secret_base32.empty())
    return InvalidArgument("no second factor is enrolled on this account");
  TRY_ASSIGN(std::vector<std::uint8_t> secret, DecodeBase32(account.totp_secret_base32));
  TRY(LimitedCheck(security.limiter, context, [&]() -> Status {
    if (!MatchTotp(secret, code, clock.Now()))
      return InvalidArgument("field 'code' is not the current code of the enrolled factor");
    return Ok();
  }));
  auto store = pool.Acquire();
  TRY(store->SetTotpSecret(ContextOf(principal), ""));
  return JsonReply(200, {{"totp_enrolled", false}});
}

Result<Response> ResetPassword(const StoreRoutes& routes, const AccountSecurity& security,
                               const HandlerContext& context) {
  TRY_ASSIGN(std::int64_t user, PathId(context.path_params, "user_id"));
  // 128 random bits, like the accounts an admin creates without a password.
  const std::string password = app::RandomToken();
  TRY_ASSIGN(std::string hash, security.hasher.Hash(password));
  {
    auto store = routes.store.Acquire();
    TRY(store->ResetPassword(ContextOf(*context.principal), UserId(user), hash));
  }
  ForgetSessions(routes.sessions, UserId(user));
  // Shown once, to the admin who reset it; the account's sessions have ended.
  return JsonReply(200, {{"id", user}, {"password", password}, {"sessions_ended", true}});
}

}  // namespace

Status AddAccountSecurityRoutes(RouteTable& table, const StoreRoutes& routes,
                                const AccountSecurity& security) {
  StorePool& pool = routes.store;
  const Clock& clock = routes.clock;
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/me/password",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "Change your own password (current one required; your other "
                            "sessions end; counts against the login rate limit)",
                 .body = RequestBody::kJson,
                 .handler =
                     [routes, security](const HandlerContext& context) {
                       return ChangeOwnPassword(routes, security, context);
                     },
                 .request_schema = "PasswordChangeRequest",
                 .responses = {Reply(200, "PasswordChanged")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/me/note-key/recovery",
                 .roles = {Role::kClinician, Role::kSupervisor},
                 .summary = "Open your psychotherapy-note key with your recovery code after an "
                            "admin reset your password; wraps it under your current password "
                            "and issues a new recovery code, shown once (counts against the "
                            "login rate limit)",
                 .body = RequestBody::kJson,
                 .handler =
                     [routes, security](const HandlerContext& context) {
                       return RecoverNoteKey(routes, security, context);
                     },
                 .request_schema = "NoteKeyRecoveryRequest",
                 .responses = {Reply(200, "NoteKeyRecovered")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/me/totp/removal",
                 .roles = {std::begin(kAllRoles), std::end(kAllRoles)},
                 .summary = "Remove your own TOTP second factor with its current code (not for "
                            "admins when security.require_totp_for_admins is on)",
                 .body = RequestBody::kJson,
                 .handler =
                     [&pool, &clock, security](const HandlerContext& context) {
                       return RemoveOwnTotp(pool, security, clock, context);
                     },
                 .request_schema = "TotpRemovalRequest",
                 .responses = {Reply(200, "TotpState")}}));
  TRY(table.Add({.method = Method::kPost,
                 .pattern = "/api/v1/users/{user_id}/password-reset",
                 .roles = {Role::kAdmin},
                 .summary = "Reset another account's password to a generated one, shown once; "
                            "its sessions end (admin)",
                 .handler =
                     [routes, security](const HandlerContext& context) {
                       return ResetPassword(routes, security, context);
                     },
                 .responses = {Reply(200, "PasswordReset")}}));
  TRY(table.Add(
      {.method = Method::kPost,
       .pattern = "/api/v1/users/{user_id}/totp-reset",
       .roles = {Role::kAdmin},
       .summary = "Remove another account's TOTP second factor; its sessions end "
                  "(admin)",
       .handler = [&pool,
                   sessions = routes.sessions](const HandlerContext& context) -> Result<Response> {
         TRY_ASSIGN(std::int64_t user, PathId(context.path_params, "user_id"));
         Result<Response> answer = RunOnStore(pool, [&](Store& store) -> Result<Response> {
           TRY(store.ResetTotp(ContextOf(*context.principal), UserId(user)));
           return JsonReply(200,
                            {{"id", user}, {"totp_enrolled", false}, {"sessions_ended", true}});
         });
         // After the commit (see ForgetSessions), whatever the outcome.
         ForgetSessions(sessions, UserId(user));
         return answer;
       },
       .responses = {Reply(200, "TotpReset")}}));
  return Ok();
}

}  // namespace tessera::http
