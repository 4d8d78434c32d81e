#include "http/security/session_store.hpp"

#include <iterator>

namespace tessera::http {

Status InMemorySessionStore::Insert(const StoredSession& session) {
  std::lock_guard lock(mutex_);
  if (!sessions_.emplace(session.token_hash, session).second) {
    return AlreadyExists("session already exists");
  }
  return Ok();
}

Result<std::optional<StoredSession>> InMemorySessionStore::Find(std::string_view token_hash) const {
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(token_hash);
  if (found == sessions_.end()) return std::optional<StoredSession>();
  return std::optional<StoredSession>(found->second);
}

Status InMemorySessionStore::Touch(std::string_view token_hash, TimePoint last_seen_at) {
  std::lock_guard lock(mutex_);
  if (const auto found = sessions_.find(token_hash); found != sessions_.end()) {
    found->second.last_seen_at = last_seen_at;
  }
  return Ok();
}

Status InMemorySessionStore::Remove(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  if (const auto found = sessions_.find(token_hash); found != sessions_.end()) {
    sessions_.erase(found);
  }
  return Ok();
}

Status InMemorySessionStore::RemoveAllForUser(UserId user) {
  std::lock_guard lock(mutex_);
  for (auto entry = sessions_.begin(); entry != sessions_.end();) {
    entry = entry->second.user_id == user ? sessions_.erase(entry) : std::next(entry);
  }
  return Ok();
}

std::size_t InMemorySessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace tessera::http
