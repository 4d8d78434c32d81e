#include "http/security/login_rate_limiter.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "http/security/trusted_proxies.hpp"

namespace tessera::http {
namespace {

using std::chrono::seconds;

// The limits' constants; why these values: docs/decisions/0140-login-limits.md.
constexpr std::chrono::hours kWindow{1};       // of the account and address ceilings
constexpr std::int64_t kFreePairFailures = 5;  // per account and source, before waits
constexpr seconds kLongestPairWait{15 * 60};   // the doubling waits stop growing here
constexpr std::chrono::hours kPairMemory{24};  // a pair's failures are forgotten after
constexpr seconds kKnownSourceSpacing{10};     // past the account ceiling
constexpr std::chrono::hours kKnownSourceLifetime{24 * 90};

// Usernames are case-insensitive for limiting, so "Ana" and "ana" share one budget.
std::string AccountText(std::string_view account) {
  std::string key(account);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
  return key;
}

// One budget per IPv4 address but per IPv6 /64 (ClientKey).
std::string AddressText(std::string_view source_address) { return ClientKey(source_address); }

// The stored key: a BLAKE2b-256 hash, so the store holds no username or address in clear.
// Each part is length-prefixed, so no two (kind, account, address) give the same text.
std::string Key(std::string_view kind, std::string_view account, std::string_view address) {
  std::string text(kind);
  for (std::string_view part : {account, address}) {
    text += ':' + std::to_string(part.size()) + ':';
    text += part;
  }
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data());
}

struct Keys {
  std::string account, address, pair;
  Keys(std::string_view account_name, std::string_view source_address) {
    const std::string who = AccountText(account_name);
    const std::string where = AddressText(source_address);
    account = Key("account", who, "");
    address = Key("address", "", where);
    pair = Key("pair", who, where);
  }
};

// The counter under `key` as it stands at `now`: a fresh one when there is none or when its
// window (or, for a pair, its memory) has passed.
LoginCounter Current(const std::vector<LoginCounter>& found, const std::string& key, TimePoint now,
                     bool is_pair) {
  for (const LoginCounter& counter : found) {
    if (counter.key != key) continue;
    const bool expired =
        is_pair ? now - counter.last_failure >= kPairMemory : now - counter.window_start >= kWindow;
    if (!expired) return counter;
  }
  return LoginCounter{key, 0, now, now};
}

// How long a pair must wait after its last failure: nothing for the first few, then 1 s,
// 2 s, 4 s, ... up to kLongestPairWait.
seconds PairWait(std::int64_t failures) {
  if (failures < kFreePairFailures) return seconds(0);
  const std::int64_t doublings = failures - kFreePairFailures;
  if (doublings >= 10) return kLongestPairWait;
  return std::min(seconds(std::int64_t{1} << doublings), kLongestPairWait);
}

// Whole seconds until `when`, rounded up, at least 1 (Retry-After is in whole seconds).
seconds Until(TimePoint when, TimePoint now) {
  const auto left = std::chrono::ceil<seconds>(when - now);
  return std::max(left, seconds(1));
}

std::string WaitText(seconds wait) {
  return "try again in " + std::to_string(wait.count()) +
         (wait.count() == 1 ? " second" : " seconds");
}

}  // namespace

Result<std::unique_ptr<LoginRateLimiter>> LoginRateLimiter::Create(const Clock& clock,
                                                                   LoginRateLimits limits,
                                                                   LoginHistory& history) {
  for (const auto& [name, value] : {std::pair{"per-account", limits.max_failures_per_account},
                                    std::pair{"per-address", limits.max_failures_per_address}}) {
    if (value == 0 || value > kMaxFailuresPerHourCeiling) {
      return InvalidArgument(std::string("login failure limit ") + name + " must be from 1 to " +
                             std::to_string(kMaxFailuresPerHourCeiling) + " per hour, got " +
                             std::to_string(value));
    }
  }
  return std::unique_ptr<LoginRateLimiter>(new LoginRateLimiter(clock, limits, history));
}

std::string LoginRateLimiter::KnownSourceKey(std::string_view account,
                                             std::string_view source_address) {
  return Key("known", AccountText(account), AddressText(source_address));
}

Result<std::optional<LoginDelay>> LoginRateLimiter::BeginAttempt(std::string_view account_name,
                                                                 std::string_view source_address) {
  const TimePoint now = clock_.Now();
  const Keys keys(account_name, source_address);
  std::lock_guard lock(mutex_);
  TRY_ASSIGN(const std::vector<LoginCounter> found,
             history_.FindCounters({keys.account, keys.address, keys.pair}));
  LoginCounter account = Current(found, keys.account, now, false);
  LoginCounter address = Current(found, keys.address, now, false);
  LoginCounter pair = Current(found, keys.pair, now, true);
  const auto delay = [now](TimePoint until, std::string why) -> std::optional<LoginDelay> {
    const seconds wait = Until(until, now);
    return LoginDelay{wait, why + "; " + WaitText(wait)};
  };
  if (address.failures >= static_cast<std::int64_t>(limits_.max_failures_per_address)) {
    return delay(address.window_start + kWindow, "too many failed logins from this address");
  }
  if (now < pair.last_failure + PairWait(pair.failures)) {
    return delay(pair.last_failure + PairWait(pair.failures),
                 "too many failed logins for this account from this address");
  }
  if (account.failures >= static_cast<std::int64_t>(limits_.max_failures_per_account)) {
    TRY_ASSIGN(const bool known,
               history_.IsKnownSource(KnownSourceKey(account_name, source_address),
                                      now - kKnownSourceLifetime));
    if (!known) {
      return delay(account.window_start + kWindow,
                   "too many failed logins for this account; addresses it has logged in from "
                   "before may still try");
    }
    if (pair.failures > 0 && now < pair.last_failure + kKnownSourceSpacing) {
      return delay(pair.last_failure + kKnownSourceSpacing,
                   "too many failed logins for this account; from this address one attempt "
                   "per " +
                       std::to_string(kKnownSourceSpacing.count()) + " seconds");
    }
  }
  for (LoginCounter* counter : {&account, &address, &pair}) {
    ++counter->failures;
    counter->last_failure = now;
  }
  TRY(history_.SaveCounters({account, address, pair}, now - kPairMemory));
  return std::optional<LoginDelay>();
}

Status LoginRateLimiter::Admit(std::string_view account, std::string_view source_address) {
  TRY_ASSIGN(const std::optional<LoginDelay> delay, BeginAttempt(account, source_address));
  if (delay) return ResourceExhausted(delay->reason);
  return Ok();
}

Status LoginRateLimiter::RecordSuccess(std::string_view account_name,
                                       std::string_view source_address) {
  const TimePoint now = clock_.Now();
  const Keys keys(account_name, source_address);
  std::lock_guard lock(mutex_);
  TRY_ASSIGN(const std::vector<LoginCounter> found,
             history_.FindCounters({keys.account, keys.address, keys.pair}));
  LoginCounter account = Current(found, keys.account, now, false);
  LoginCounter address = Current(found, keys.address, now, false);
  account.failures = std::max<std::int64_t>(account.failures - 1, 0);
  address.failures = std::max<std::int64_t>(address.failures - 1, 0);
  const LoginCounter cleared_pair{keys.pair, 0, now, now};
  return history_.SaveCounters({account, address, cleared_pair}, now - kPairMemory);
}

std::size_t LoginRateLimiter::CountInWindow(const std::string& key) const {
  std::lock_guard lock(mutex_);
  const Result<std::vector<LoginCounter>> found = history_.FindCounters({key});
  if (!found) return 0;
  return static_cast<std::size_t>(Current(*found, key, clock_.Now(), false).failures);
}

std::size_t LoginRateLimiter::FailuresForAccount(std::string_view account) const {
  return CountInWindow(Keys(account, "").account);
}

std::size_t LoginRateLimiter::FailuresForAddress(std::string_view source_address) const {
  return CountInWindow(Keys("", source_address).address);
}

}  // namespace tessera::http
