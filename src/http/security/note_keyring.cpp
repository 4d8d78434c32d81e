#include "http/security/note_keyring.hpp"

namespace tessera::http {

void NoteKeyring::DropExpired(TimePoint now) {
  std::erase_if(held_, [&](const auto& entry) {
    // The key was unlocked at (or after) login, so put_at + absolute is never later than the
    // session's own absolute expiry.
    return now >= entry.second.put_at + absolute_ || now >= entry.second.last_seen + idle_;
  });
}

void NoteKeyring::Put(const std::string& token_hash, UserId user, UnlockedNoteKey key) {
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  DropExpired(now);
  held_.insert_or_assign(token_hash, Held{user, std::move(key), now, now});
}

UnlockedNoteKey NoteKeyring::Find(const std::string& token_hash) {
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  DropExpired(now);
  const auto found = held_.find(token_hash);
  if (found == held_.end()) return nullptr;
  found->second.last_seen = now;
  return found->second.key;
}

void NoteKeyring::Touch(const std::string& token_hash) {
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  const auto found = held_.find(token_hash);
  if (found != held_.end() && now < found->second.last_seen + idle_) found->second.last_seen = now;
}

void NoteKeyring::DropSession(const std::string& token_hash) {
  std::lock_guard lock(mutex_);
  held_.erase(token_hash);
}

void NoteKeyring::DropUser(UserId user) {
  std::lock_guard lock(mutex_);
  std::erase_if(held_, [user](const auto& entry) { return entry.second.user == user; });
}

std::size_t NoteKeyring::size() {
  std::lock_guard lock(mutex_);
  DropExpired(clock_.Now());
  return held_.size();
}

}  // namespace tessera::http
