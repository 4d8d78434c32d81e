#pragma once
// The server's UserDirectory and SessionStore over the clinical store's account tables
// (schema version 2): accounts, their state and second factor, and login sessions stored only
// as token hashes. Each call borrows a connection from the pool.

#include "http/security/login_history.hpp"
#include "http/security/session_store.hpp"
#include "http/security/user_directory.hpp"
#include "http/store_backed/store_pool.hpp"

namespace tessera::http {

class StoreUserDirectory final : public UserDirectory {
 public:
  /// `pool` must outlive the directory.
  explicit StoreUserDirectory(StorePool& pool) : pool_(pool) {}
  Result<std::optional<UserAccount>> FindByUsername(std::string_view username) const override;
  Result<std::optional<UserAccount>> FindById(UserId id) const override;

 private:
  StorePool& pool_;
};

class StoreSessionStore final : public SessionStore {
 public:
  /// `pool` must outlive the session store.
  explicit StoreSessionStore(StorePool& pool) : pool_(pool) {}
  Status Insert(const StoredSession& session) override;
  Result<std::optional<StoredSession>> Find(std::string_view token_hash) const override;
  Status Touch(std::string_view token_hash, TimePoint last_seen_at) override;
  Status Remove(std::string_view token_hash) override;
  Status RemoveAllForUser(UserId user) override;

 private:
  StorePool& pool_;
};

/// The login limits' counters and known sources in the store (schema version 6), and logins,
/// logouts and failed logins as audit entries. Reads borrow a connection; writes go through
/// StorePool::Run (the commit queue), so the caller must not be a commit-queue unit itself.
class StoreLoginHistory final : public LoginHistory {
 public:
  /// `pool` must outlive the history.
  explicit StoreLoginHistory(StorePool& pool) : pool_(pool) {}
  Result<std::vector<LoginCounter>> FindCounters(const std::vector<std::string>& keys) override;
  Status SaveCounters(const std::vector<LoginCounter>& counters, TimePoint forget_before) override;
  Result<bool> IsKnownSource(std::string_view source_key, TimePoint since) override;
  Status Record(LoginEvent event, std::optional<UserId> account,
                std::string_view source_key) override;

 private:
  StorePool& pool_;
};

}  // namespace tessera::http
