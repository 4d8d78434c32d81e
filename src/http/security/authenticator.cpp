#include "http/security/authenticator.hpp"

#include "http/security/totp.hpp"

namespace tessera::http {

Result<LoginOutcome> Authenticator::Login(const LoginAttempt& attempt) {
  TRY_ASSIGN(std::optional<LoginDelay> delay,
             parts_.limiter.BeginAttempt(attempt.username, attempt.source_address));
  if (delay) return LoginOutcome(std::move(*delay));
  TRY_ASSIGN(std::optional<UserAccount> account, parts_.users.FindByUsername(attempt.username));
  // Always one full argon2id verification, whether or not the user exists.
  const std::string& stored_hash = account ? account->password_hash : parts_.dummy_hash;
  const PasswordCheck check = parts_.verifier.Verify(attempt.password, stored_hash);
  const std::optional<UserId> who = account ? std::optional(account->id) : std::nullopt;
  if (!account || check != PasswordCheck::kMatches || account->status != AccountStatus::kActive) {
    TRY(parts_.history.Record(LoginEvent::kLoginFailure, who, ""));
    return Unauthenticated(std::string(kLoginFailedMessage));
  }
  if (Status factor = CheckSecondFactor(*account, attempt.totp_code); !factor) {
    TRY(parts_.history.Record(LoginEvent::kLoginFailure, who, ""));
    return Propagate(std::move(factor).error());
  }
  TRY(parts_.limiter.RecordSuccess(attempt.username, attempt.source_address));
  TRY(parts_.history.Record(
      LoginEvent::kLogin, who,
      LoginRateLimiter::KnownSourceKey(attempt.username, attempt.source_address)));
  TRY_ASSIGN(NewSession session, parts_.sessions.Open(account->id));
  return LoginOutcome(
      LoginSuccess{std::move(session), account->id, account->username, account->role});
}

Status Authenticator::RecordLogout(UserId user) {
  return parts_.history.Record(LoginEvent::kLogout, user, "");
}

Status Authenticator::CheckSecondFactor(const UserAccount& account, const std::string& code) {
  if (account.totp_secret_base32.empty()) {
    if (account.role == Role::kAdmin && parts_.admin_totp == AdminTotpPolicy::kRequired) {
      return PermissionDenied(
          "admin accounts must enrol a TOTP second factor before they can log in");
    }
    return Ok();
  }
  if (code.empty()) return Unauthenticated("field 'totp_code' is required for this account");
  const auto secret = DecodeBase32(account.totp_secret_base32);
  if (!secret) return DataLoss("stored TOTP secret of a user is not valid base32");
  const std::optional<std::int64_t> step = MatchTotp(*secret, code, parts_.clock.Now());
  std::lock_guard lock(totp_mutex_);
  auto& last_step = last_totp_step_[account.id.value()];
  if (!step || *step <= last_step) {
    return Unauthenticated("one-time code is wrong or was already used");
  }
  last_step = *step;
  return Ok();
}

}  // namespace tessera::http
