#pragma once
// The server's UserDirectory and SessionStore over the clinical store's account tables
// (schema version 2): accounts, their state and second factor, and login sessions stored only
// as token hashes. Each call borrows a connection from the pool.

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

}  // namespace tessera::http
