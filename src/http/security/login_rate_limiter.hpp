#pragma once
// Caps failed logins per account and per source address in any sliding hour, so that online
// password guessing is slow whichever of the two an attacker varies. Unknown accounts are
// counted like known ones: the limiter must not reveal which usernames exist.

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace tessera::http {

struct LoginRateLimits {
  std::size_t max_failures_per_account = 100;  // per sliding hour; at most 100
  std::size_t max_failures_per_address = 100;  // per sliding hour; at most 100
};
inline constexpr std::size_t kMaxFailuresPerHourCeiling = 100;

class LoginRateLimiter {
 public:
  /// kInvalidArgument naming the limit when a limit is 0 or above the ceiling.
  /// `clock` must outlive the limiter.
  static Result<std::unique_ptr<LoginRateLimiter>> Create(const Clock& clock,
                                                          LoginRateLimits limits);

  /// Reserves one attempt: counts it as a failure now (so concurrent guesses cannot overshoot
  /// the limit) unless RecordSuccess later withdraws it. kResourceExhausted when the account or
  /// the address already has its limit of failures in the past hour; nothing is counted then.
  Status BeginAttempt(std::string_view account, std::string_view source_address);

  /// Withdraws the attempt BeginAttempt counted, after a successful login.
  void RecordSuccess(std::string_view account, std::string_view source_address);

  /// Failures counted in the past hour (for tests and metrics).
  std::size_t FailuresForAccount(std::string_view account) const;
  std::size_t FailuresForAddress(std::string_view source_address) const;

 private:
  LoginRateLimiter(const Clock& clock, LoginRateLimits limits) : clock_(clock), limits_(limits) {}
  using Window = std::deque<TimePoint>;
  std::size_t CountRecent(const std::unordered_map<std::string, Window>& windows,
                          const std::string& key) const;
  void Prune(TimePoint now);

  const Clock& clock_;
  LoginRateLimits limits_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Window> by_account_;
  std::unordered_map<std::string, Window> by_address_;
  std::size_t attempts_since_prune_ = 0;
};

}  // namespace tessera::http
