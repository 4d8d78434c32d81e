#pragma once
// What the server needs to know about user accounts, as a small interface. The store module
// implements it over its user tables (an adapter of a few lines); InMemoryUserDirectory backs
// unit tests and `tessera serve --demo-users`.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/accounts.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "http/security/principal.hpp"

namespace tessera::http {

using AccountStatus = tessera::AccountStatus;

struct UserAccount {
  UserId id;
  std::string username;
  Role role = Role::kClient;
  std::string password_hash;  // argon2id PHC string (password_hasher.hpp)
  AccountStatus status = AccountStatus::kActive;
  std::string totp_secret_base32;  // empty: no second factor enrolled
};

class UserDirectory {
 public:
  virtual ~UserDirectory() = default;
  /// The account with this username (exact match), nullopt when there is none. kUnavailable
  /// when the store cannot be reached.
  virtual Result<std::optional<UserAccount>> FindByUsername(std::string_view username) const = 0;
  /// The account with this id, nullopt when there is none.
  virtual Result<std::optional<UserAccount>> FindById(UserId id) const = 0;
};

/// Thread-safe, in memory; ids are numbered from 1.
class InMemoryUserDirectory final : public UserDirectory {
 public:
  /// kAlreadyExists when the username is taken; kInvalidArgument when it is empty.
  Result<UserId> Add(std::string username, Role role, std::string password_hash,
                     std::string totp_secret_base32 = {});
  /// kNotFound for an unknown id. Callers also revoke the user's sessions.
  Status SetStatus(UserId id, AccountStatus status);

  Result<std::optional<UserAccount>> FindByUsername(std::string_view username) const override;
  Result<std::optional<UserAccount>> FindById(UserId id) const override;

 private:
  mutable std::mutex mutex_;
  std::map<std::int64_t, UserAccount> accounts_;
  std::map<std::string, std::int64_t, std::less<>> ids_by_username_;
};

}  // namespace tessera::http
