#pragma once
// The unlocked psychotherapy-note keys of the logged-in authors, by login session, in this
// process's memory only (decision 0131). A key is put here at login (unwrapped with the
// password) or after a recovery, and dropped when its session ends: logout, revocation, an
// admin reset, account disabled, or the session's idle or absolute time-out (checked on every
// use, like the session itself). A restart drops them all: sessions survive in the store, but
// their authors must log in again to read their notes.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/records/note_key.hpp"

namespace tessera::http {

class NoteKeyring {
 public:
  /// `clock` must outlive the keyring.
  NoteKeyring(const Clock& clock, std::chrono::seconds idle, std::chrono::seconds absolute)
      : clock_(clock), idle_(idle), absolute_(absolute) {}

  /// Holds `key` for the session `token_hash` of `user` (replacing one held already).
  void Put(const std::string& token_hash, UserId user, UnlockedNoteKey key);
  /// The key held for the session, or null (none, or the session has timed out).
  UnlockedNoteKey Find(const std::string& token_hash);
  /// The session was used now (restarts its idle clock, as the session manager does).
  void Touch(const std::string& token_hash);
  void DropSession(const std::string& token_hash);
  void DropUser(UserId user);
  /// How many keys are held (for tests and metrics).
  std::size_t size();

 private:
  struct Held {
    UserId user;
    UnlockedNoteKey key;
    TimePoint put_at;
    TimePoint last_seen;
  };
  void DropExpired(TimePoint now);  // REQUIRES: mutex_ held

  const Clock& clock_;
  std::chrono::seconds idle_;
  std::chrono::seconds absolute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Held> held_;
};

}  // namespace tessera::http
