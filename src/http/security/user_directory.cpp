#include "http/security/user_directory.hpp"

namespace tessera::http {

Result<UserId> InMemoryUserDirectory::Add(std::string username, Role role,
                                          std::string password_hash,
                                          std::string totp_secret_base32) {
  if (username.empty()) return InvalidArgument("username must not be empty");
  std::lock_guard lock(mutex_);
  if (ids_by_username_.contains(username)) {
    return AlreadyExists("username '" + username + "' is taken");
  }
  const UserId id(static_cast<std::int64_t>(accounts_.size()) + 1);
  ids_by_username_.emplace(username, id.value());
  accounts_.emplace(id.value(), UserAccount{id, std::move(username), role, std::move(password_hash),
                                            AccountStatus::kActive, std::move(totp_secret_base32)});
  return id;
}

Status InMemoryUserDirectory::SetStatus(UserId id, AccountStatus status) {
  std::lock_guard lock(mutex_);
  const auto found = accounts_.find(id.value());
  if (found == accounts_.end())
    return NotFound("user " + std::to_string(id.value()) + " not found");
  found->second.status = status;
  return Ok();
}

Result<std::optional<UserAccount>> InMemoryUserDirectory::FindByUsername(
    std::string_view username) const {
  std::lock_guard lock(mutex_);
  const auto found = ids_by_username_.find(username);
  if (found == ids_by_username_.end()) return std::optional<UserAccount>();
  return std::optional<UserAccount>(accounts_.at(found->second));
}

Result<std::optional<UserAccount>> InMemoryUserDirectory::FindById(UserId id) const {
  std::lock_guard lock(mutex_);
  const auto found = accounts_.find(id.value());
  if (found == accounts_.end()) return std::optional<UserAccount>();
  return std::optional<UserAccount>(found->second);
}

}  // namespace tessera::http
