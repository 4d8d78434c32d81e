#pragma once
// Login limits that slow password guessing without letting a stranger lock a clinician out
// (docs/decisions/0140-login-limits.md; OWASP ASVS 5.0 chapter V6, NIST SP 800-63B 5.2.2):
//
// - per account and source address: 5 failures, then a wait after each failure that doubles
//   from 1 s up to 15 minutes; a success from that source clears it;
// - per source address, over every account: at most max_failures_per_address an hour;
// - per account, over every source: at most max_failures_per_account an hour. Past that
//   ceiling only sources the account logged in from before (in the last 90 days) may still
//   try, each at most once every 10 s (and after its own waits): the owner is slowed, not
//   locked out, while guesses from anywhere else wait until the hour is over.
//
// Refused attempts are answered with how long to wait (HTTP Retry-After) and are not counted.
// Counters live in a LoginHistory (the store), so they survive a restart. Usernames are
// case-insensitive here; unknown accounts are counted like known ones, so the limits reveal
// nothing about which usernames exist. An IPv6 client's whole /64 counts as one source.

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/security/login_history.hpp"

namespace tessera::http {

struct LoginRateLimits {
  std::size_t max_failures_per_account = 100;  // per hour, every source; at most 100
  std::size_t max_failures_per_address = 100;  // per hour, every account; at most 100
};
inline constexpr std::size_t kMaxFailuresPerHourCeiling = 100;

/// An attempt refused for now: wait `retry_after`, then try again.
struct LoginDelay {
  std::chrono::seconds retry_after;
  std::string reason;  // names which limit, for the person refused
};

class LoginRateLimiter {
 public:
  /// kInvalidArgument naming the limit when a limit is 0 or above the ceiling. `clock` and
  /// `history` must outlive the limiter.
  static Result<std::unique_ptr<LoginRateLimiter>> Create(const Clock& clock,
                                                          LoginRateLimits limits,
                                                          LoginHistory& history);

  /// Reserves one attempt: counts it as a failure now (so concurrent guesses cannot overshoot
  /// a limit) unless RecordSuccess withdraws it. A LoginDelay when a limit says wait (nothing
  /// is counted then). Errors: the history's (e.g. the store is unavailable).
  Result<std::optional<LoginDelay>> BeginAttempt(std::string_view account,
                                                 std::string_view source_address);
  /// BeginAttempt as a Status: kResourceExhausted naming the limit and the wait.
  Status Admit(std::string_view account, std::string_view source_address);

  /// Withdraws the attempt BeginAttempt counted, after it succeeded, and clears the waits of
  /// this account from this source.
  Status RecordSuccess(std::string_view account, std::string_view source_address);

  /// The key under which a successful login marks this source as known for this account
  /// (LoginHistory::Record).
  static std::string KnownSourceKey(std::string_view account, std::string_view source_address);

  /// Failures counted in the current hour (for tests).
  std::size_t FailuresForAccount(std::string_view account) const;
  std::size_t FailuresForAddress(std::string_view source_address) const;

 private:
  LoginRateLimiter(const Clock& clock, LoginRateLimits limits, LoginHistory& history)
      : clock_(clock), limits_(limits), history_(history) {}
  std::size_t CountInWindow(const std::string& key) const;

  const Clock& clock_;
  LoginRateLimits limits_;
  LoginHistory& history_;
  // One decision at a time in this process, so that reading and raising a counter cannot
  // interleave. (Servers sharing a store can each let one concurrent attempt past a limit.)
  mutable std::mutex mutex_;
};

}  // namespace tessera::http
