#pragma once
// Server-side session records, as a small interface. Only a hash of each session token is
// stored, so a copy of the store does not let anyone sign in. The store module implements it
// over a sessions table; InMemorySessionStore backs unit tests and the demo server.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace tessera::http {

struct StoredSession {
  std::string token_hash;  // hex BLAKE2b-256 of the token (session_manager.hpp)
  UserId user_id;
  TimePoint created_at;
  TimePoint last_seen_at;
  std::string csrf_token;  // synchronizer token for cookie-authenticated writes
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  /// kAlreadyExists if the hash is present (a 128-bit collision: never in practice).
  virtual Status Insert(const StoredSession& session) = 0;
  virtual Result<std::optional<StoredSession>> Find(std::string_view token_hash) const = 0;
  /// Records activity; no error when the session is gone (it was revoked meanwhile).
  virtual Status Touch(std::string_view token_hash, TimePoint last_seen_at) = 0;
  /// Removes one session; no error when it is already gone.
  virtual Status Remove(std::string_view token_hash) = 0;
  /// Removes every session of a user (account disabled, password changed).
  virtual Status RemoveAllForUser(UserId user) = 0;
};

/// Thread-safe, in memory.
class InMemorySessionStore final : public SessionStore {
 public:
  Status Insert(const StoredSession& session) override;
  Result<std::optional<StoredSession>> Find(std::string_view token_hash) const override;
  Status Touch(std::string_view token_hash, TimePoint last_seen_at) override;
  Status Remove(std::string_view token_hash) override;
  Status RemoveAllForUser(UserId user) override;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, StoredSession, std::less<>> sessions_;
};

}  // namespace tessera::http
