// Account state, login sessions and break-glass grants (schema version 2).

#include "core/records/names.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sql/time_text.hpp"

namespace tessera::store {
namespace {

constexpr std::string_view kAccountColumns =
    "SELECT id, username, role, password_hash, created_at, status, totp_secret, client_id, "
    "email FROM users ";

Result<Account> AccountFromRow(const SqlRow& row) {
  Account account;
  account.user.id = UserId(row.Int(0));
  account.user.username = row.Text(1);
  TRY_ASSIGN(account.user.role, ParseRole(row.Text(2)));
  account.user.password_hash = row.Text(3);
  account.user.created_at = ParseUtc(row.Text(4)).value_or(TimePoint{});
  account.status = row.Text(5) == "disabled" ? AccountStatus::kDisabled : AccountStatus::kActive;
  account.totp_secret_base32 = row.Text(6);
  if (auto client = row.OptionalInt(7)) account.client = ClientId(*client);
  account.email = row.Text(8);
  return account;
}

Result<std::optional<Account>> FirstAccount(const SqlRows& rows) {
  if (rows.empty()) return std::optional<Account>();
  TRY_ASSIGN(Account account, AccountFromRow(rows[0]));
  return std::optional<Account>(std::move(account));
}

// The longest break-glass grant: one working day, like the absolute session limit.
constexpr std::chrono::seconds kLongestBreakGlass = std::chrono::hours(12);
constexpr std::size_t kShortestBreakGlassReason = 10;

}  // namespace

Result<std::optional<Account>> SqlStore::FindAccountByName(std::string_view username) {
  TRY_ASSIGN(SqlRows rows, database_->Query(std::string(kAccountColumns) + "WHERE username = ?",
                                            {std::string(username)}));
  return FirstAccount(rows);
}

Result<std::optional<Account>> SqlStore::FindAccountById(UserId id) {
  TRY_ASSIGN(SqlRows rows,
             database_->Query(std::string(kAccountColumns) + "WHERE id = ?", {id.value()}));
  return FirstAccount(rows);
}

Result<std::vector<Account>> SqlStore::ListAccounts(const AccessContext& context) {
  return Transact([&]() -> Result<std::vector<Account>> {
    TRY(RequireRole(context, {Role::kAdmin}, "list accounts"));
    TRY_ASSIGN(SqlRows rows, database_->Query(std::string(kAccountColumns) + "ORDER BY id", {}));
    std::vector<Account> accounts;
    for (const SqlRow& row : rows) {
      TRY_ASSIGN(Account account, AccountFromRow(row));
      account.user.password_hash.clear();
      account.totp_secret_base32.clear();
      accounts.push_back(std::move(account));
    }
    TRY(Audit(context, std::nullopt, AuditAction::kRead, "user", "", Sensitivity::kAdministrative));
    return accounts;
  });
}

Status SqlStore::SetAccountStatus(const AccessContext& context, UserId user, AccountStatus status) {
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "change account status"));
    if (context.actor && *context.actor == user && status == AccountStatus::kDisabled)
      return InvalidArgument("an admin cannot disable their own account");
    TRY_ASSIGN(SqlRows rows, database_->Query("SELECT id FROM users WHERE id = ?", {user.value()}));
    if (rows.empty()) return NotFound("account " + std::to_string(user.value()) + " not found");
    TRY(database_->Execute(
        "UPDATE users SET status = ? WHERE id = ?",
        {std::string(status == AccountStatus::kDisabled ? "disabled" : "active"), user.value()}));
    // Revocation is part of the same transaction: no request can use a session of a disabled
    // account once this commits.
    if (status == AccountStatus::kDisabled)
      TRY(database_->Execute("DELETE FROM login_sessions WHERE user_id = ?", {user.value()}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "user_status",
                 std::to_string(user.value()), Sensitivity::kAdministrative);
  });
}

Status SqlStore::SetAccountEmail(const AccessContext& context, UserId user,
                                 const std::string& email) {
  TRY(ValidateEmailAddress(email));
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "set account email addresses"));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT role FROM users WHERE id = ?", {user.value()}));
    if (rows.empty()) return NotFound("account " + std::to_string(user.value()) + " not found");
    if (rows[0].Text(0) == "client" && !email.empty())
      return InvalidArgument(
          "email: only staff accounts have one here; a client's address is their reminder "
          "contact, given with their consent");
    TRY(database_->Execute("UPDATE users SET email = ? WHERE id = ?", {email, user.value()}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "user_email",
                 std::to_string(user.value()), Sensitivity::kAdministrative);
  });
}

Status SqlStore::SetTotpSecret(const AccessContext& context, const std::string& secret_base32) {
  return Transact([&]() -> Status {
    TRY(ActorRole(context));
    TRY(database_->Execute("UPDATE users SET totp_secret = ? WHERE id = ?",
                           {secret_base32, context.actor->value()}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "user_second_factor",
                 std::to_string(context.actor->value()), Sensitivity::kAdministrative);
  });
}

Status SqlStore::LinkClientAccount(const AccessContext& context, UserId user, ClientId client) {
  return Transact([&]() -> Status {
    TRY(RequireRole(context, {Role::kAdmin}, "link client accounts"));
    TRY(RequireClientAccess(context, client));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT role FROM users WHERE id = ?", {user.value()}));
    if (rows.empty()) return NotFound("account " + std::to_string(user.value()) + " not found");
    if (rows[0].Text(0) != "client")
      return InvalidArgument("account " + std::to_string(user.value()) +
                             ": only client accounts can be linked to a client record");
    TRY(database_->Execute("UPDATE users SET client_id = ? WHERE id = ?",
                           {client.value(), user.value()}));
    return Audit(context, client, AuditAction::kAmend, "client_account",
                 std::to_string(user.value()), Sensitivity::kIdentifying);
  });
}

Status SqlStore::ChangeOwnPassword(const AccessContext& context, const std::string& password_hash,
                                   std::string_view keep_session_hash) {
  if (password_hash.empty()) return InvalidArgument("password hash: must not be empty");
  return Transact([&]() -> Status {
    TRY(ActorRole(context));
    const SqlValue actor = context.actor->value();
    TRY(database_->Execute("UPDATE users SET password_hash = ? WHERE id = ?",
                           {password_hash, actor}));
    // Whoever else holds a session of this account (perhaps with the old password) is out.
    TRY(database_->Execute("DELETE FROM login_sessions WHERE user_id = ? AND token_hash <> ?",
                           {actor, std::string(keep_session_hash)}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "user_password",
                 std::to_string(context.actor->value()), Sensitivity::kAdministrative);
  });
}

// For the admin resets: the account must exist and must not be the admin's own.
Status SqlStore::RequireOtherAccount(const AccessContext& context, UserId user,
                                     std::string_view doing) {
  TRY(RequireRole(context, {Role::kAdmin}, doing));
  if (*context.actor == user)
    return InvalidArgument("an admin cannot " + std::string(doing) +
                           " of their own account; use the /api/v1/me routes");
  TRY_ASSIGN(SqlRows rows, database_->Query("SELECT id FROM users WHERE id = ?", {user.value()}));
  if (rows.empty()) return NotFound("account " + std::to_string(user.value()) + " not found");
  return Ok();
}

Status SqlStore::ResetPassword(const AccessContext& context, UserId user,
                               const std::string& password_hash) {
  if (password_hash.empty()) return InvalidArgument("password hash: must not be empty");
  return Transact([&]() -> Status {
    TRY(RequireOtherAccount(context, user, "reset the password"));
    TRY(database_->Execute("UPDATE users SET password_hash = ? WHERE id = ?",
                           {password_hash, user.value()}));
    // The admin now knows the password, so it must not open the account's psychotherapy-note
    // key: that stays sealed until its owner uses their recovery code (decision 0131).
    TRY(database_->Execute("UPDATE note_keys SET password_wrap = '' WHERE user_id = ?",
                           {user.value()}));
    TRY(database_->Execute("DELETE FROM login_sessions WHERE user_id = ?", {user.value()}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "user_password",
                 std::to_string(user.value()), Sensitivity::kAdministrative);
  });
}

Status SqlStore::ResetTotp(const AccessContext& context, UserId user) {
  return Transact([&]() -> Status {
    TRY(RequireOtherAccount(context, user, "reset the second factor"));
    TRY(database_->Execute("UPDATE users SET totp_secret = '' WHERE id = ?", {user.value()}));
    TRY(database_->Execute("DELETE FROM login_sessions WHERE user_id = ?", {user.value()}));
    return Audit(context, std::nullopt, AuditAction::kAmend, "user_second_factor",
                 std::to_string(user.value()), Sensitivity::kAdministrative);
  });
}

Status SqlStore::InsertLoginSession(const LoginSession& session) {
  return database_->Execute(
      "INSERT INTO login_sessions (token_hash, user_id, created_at, last_seen_at, csrf_token) "
      "VALUES (?, ?, ?, ?, ?)",
      {session.token_hash, session.user.value(), FormatUtc(ToStoredPrecision(session.created_at)),
       FormatUtc(ToStoredPrecision(session.last_seen_at)), session.csrf_token});
}

Result<std::optional<LoginSession>> SqlStore::FindLoginSession(std::string_view token_hash) {
  TRY_ASSIGN(SqlRows rows,
             database_->Query("SELECT token_hash, user_id, created_at, last_seen_at, csrf_token "
                              "FROM login_sessions WHERE token_hash = ?",
                              {std::string(token_hash)}));
  if (rows.empty()) return std::optional<LoginSession>();
  const SqlRow& row = rows[0];
  auto created = ParseUtc(row.Text(2));
  auto seen = ParseUtc(row.Text(3));
  if (!created || !seen) return DataLoss("a login session has a corrupt time");
  return std::optional<LoginSession>(
      LoginSession{row.Text(0), UserId(row.Int(1)), *created, *seen, row.Text(4)});
}

Status SqlStore::TouchLoginSession(std::string_view token_hash, TimePoint last_seen_at) {
  return database_->Execute("UPDATE login_sessions SET last_seen_at = ? WHERE token_hash = ?",
                            {FormatUtc(ToStoredPrecision(last_seen_at)), std::string(token_hash)});
}

Status SqlStore::RemoveLoginSession(std::string_view token_hash) {
  return database_->Execute("DELETE FROM login_sessions WHERE token_hash = ?",
                            {std::string(token_hash)});
}

Status SqlStore::RemoveLoginSessionsForUser(UserId user) {
  return database_->Execute("DELETE FROM login_sessions WHERE user_id = ?", {user.value()});
}

Result<BreakGlassGrant> SqlStore::BreakGlass(const AccessContext& context, ClientId client,
                                             const std::string& reason,
                                             std::chrono::seconds duration) {
  if (reason.size() < kShortestBreakGlassReason)
    return InvalidArgument("reason: must be at least " + std::to_string(kShortestBreakGlassReason) +
                           " characters");
  if (duration <= std::chrono::seconds(0) || duration > kLongestBreakGlass)
    return InvalidArgument("duration_minutes: must be between 1 and 720");
  return Transact([&]() -> Result<BreakGlassGrant> {
    TRY(RequireRole(context, {Role::kClinician, Role::kSupervisor}, "break the glass"));
    TRY_ASSIGN(SqlRows rows,
               database_->Query("SELECT id FROM clients WHERE id = ?", {client.value()}));
    if (rows.empty()) return NotFound("client " + std::to_string(client.value()) + " not found");
    BreakGlassGrant grant;
    grant.user = *context.actor;
    grant.client = client;
    grant.reason = reason;
    grant.granted_at = ToStoredPrecision(clock_.Now());
    grant.expires_at = grant.granted_at + duration;
    TRY_ASSIGN(grant.id,
               InsertReturningId("INSERT INTO break_glass_grants (user_id, client_id, reason, "
                                 "granted_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                                 {grant.user.value(), client.value(), reason,
                                  FormatUtc(grant.granted_at), FormatUtc(grant.expires_at)}));
    TRY(Audit(context, client, AuditAction::kCreate, "break_glass", std::to_string(grant.id),
              Sensitivity::kClinical));
    // The alert carries who and until when, never the reason (it may hold clinical detail).
    Alert alert;
    alert.client = client;
    alert.kind = "break_glass";
    alert.raised_at = grant.granted_at;
    alert.detail = "break-glass access by account " + std::to_string(grant.user.value()) +
                   " until " + FormatUtc(grant.expires_at);
    TRY(RaiseAlert(context, alert));
    return grant;
  });
}

}  // namespace tessera::store
