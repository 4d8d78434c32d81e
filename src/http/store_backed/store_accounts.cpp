#include "http/store_backed/store_accounts.hpp"

namespace tessera::http {
namespace {

std::optional<UserAccount> ToUserAccount(const std::optional<Account>& account) {
  if (!account) return std::nullopt;
  return UserAccount{account->user.id,   account->user.username,
                     account->user.role, account->user.password_hash,
                     account->status,    account->totp_secret_base32};
}

}  // namespace

Result<std::optional<UserAccount>> StoreUserDirectory::FindByUsername(
    std::string_view username) const {
  auto store = pool_.Acquire();
  TRY_ASSIGN(std::optional<Account> account, store->FindAccountByName(username));
  return ToUserAccount(account);
}

Result<std::optional<UserAccount>> StoreUserDirectory::FindById(UserId id) const {
  auto store = pool_.Acquire();
  TRY_ASSIGN(std::optional<Account> account, store->FindAccountById(id));
  return ToUserAccount(account);
}

Status StoreSessionStore::Insert(const StoredSession& session) {
  auto store = pool_.Acquire();
  return store->InsertLoginSession(LoginSession{session.token_hash, session.user_id,
                                                session.created_at, session.last_seen_at,
                                                session.csrf_token});
}

Result<std::optional<StoredSession>> StoreSessionStore::Find(std::string_view token_hash) const {
  auto store = pool_.Acquire();
  TRY_ASSIGN(std::optional<LoginSession> found, store->FindLoginSession(token_hash));
  if (!found) return std::optional<StoredSession>();
  return std::optional<StoredSession>(StoredSession{
      found->token_hash, found->user, found->created_at, found->last_seen_at, found->csrf_token});
}

Status StoreSessionStore::Touch(std::string_view token_hash, TimePoint last_seen_at) {
  auto store = pool_.Acquire();
  return store->TouchLoginSession(token_hash, last_seen_at);
}

Status StoreSessionStore::Remove(std::string_view token_hash) {
  auto store = pool_.Acquire();
  return store->RemoveLoginSession(token_hash);
}

Status StoreSessionStore::RemoveAllForUser(UserId user) {
  auto store = pool_.Acquire();
  return store->RemoveLoginSessionsForUser(user);
}

Result<std::vector<LoginCounter>> StoreLoginHistory::FindCounters(
    const std::vector<std::string>& keys) {
  auto store = pool_.Acquire();
  return store->FindLoginCounters(keys);
}

Status StoreLoginHistory::SaveCounters(const std::vector<LoginCounter>& counters,
                                       TimePoint forget_before) {
  return pool_.Run([&](Store& store) { return store.SaveLoginCounters(counters, forget_before); });
}

Result<bool> StoreLoginHistory::IsKnownSource(std::string_view source_key, TimePoint since) {
  auto store = pool_.Acquire();
  return store->IsKnownLoginSource(source_key, since);
}

Status StoreLoginHistory::Record(LoginEvent event, std::optional<UserId> account,
                                 std::string_view source_key) {
  return pool_.Run(
      [&](Store& store) { return store.RecordLoginEvent(event, account, source_key); });
}

}  // namespace tessera::http
