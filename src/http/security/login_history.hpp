#pragma once
// What the login limits remember, as a small interface: failure counters and the sources each
// account logged in from (under keys the limiter hashes), and the audit record of every login,
// logout and failed login. The store implements it (store_backed/store_accounts.hpp), so the
// limits survive a restart and hold for every server on one store; InMemoryLoginHistory backs
// unit tests and the store-less demo server.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace tessera::http {

class LoginHistory {
 public:
  virtual ~LoginHistory() = default;
  /// The counters stored under `keys`; keys without one are left out.
  virtual Result<std::vector<LoginCounter>> FindCounters(const std::vector<std::string>& keys) = 0;
  /// Stores each counter (0 failures removes it) and forgets counters whose last failure is
  /// before `forget_before`.
  virtual Status SaveCounters(const std::vector<LoginCounter>& counters,
                              TimePoint forget_before) = 0;
  /// Whether a login succeeded from the source under `source_key` at or after `since`.
  virtual Result<bool> IsKnownSource(std::string_view source_key, TimePoint since) = 0;
  /// Records a login (remembering `source_key` as a known source), logout or failed login;
  /// with a store, as an entry of the audit chain.
  virtual Status Record(LoginEvent event, std::optional<UserId> account,
                        std::string_view source_key) = 0;
};

/// Thread-safe, in memory; forgets everything when the process ends.
class InMemoryLoginHistory final : public LoginHistory {
 public:
  explicit InMemoryLoginHistory(const Clock& clock) : clock_(clock) {}
  Result<std::vector<LoginCounter>> FindCounters(const std::vector<std::string>& keys) override;
  Status SaveCounters(const std::vector<LoginCounter>& counters, TimePoint forget_before) override;
  Result<bool> IsKnownSource(std::string_view source_key, TimePoint since) override;
  Status Record(LoginEvent event, std::optional<UserId> account,
                std::string_view source_key) override;

  struct Event {
    LoginEvent event;
    std::optional<UserId> account;
  };
  std::vector<Event> events() const;

 private:
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, LoginCounter, std::less<>> counters_;
  std::map<std::string, TimePoint, std::less<>> known_sources_;
  std::vector<Event> events_;
};

}  // namespace tessera::http
