#include "http/security/login_rate_limiter.hpp"

#include <algorithm>
#include <cctype>

#include "http/security/trusted_proxies.hpp"

namespace tessera::http {
namespace {

constexpr std::chrono::hours kWindow{1};
// Sweep idle keys now and then so a spray of random usernames cannot grow memory forever.
constexpr std::size_t kAttemptsBetweenPrunes = 1024;

// Usernames are case-insensitive for limiting, so "Ana" and "ana" share one budget.
std::string AccountKey(std::string_view account) {
  std::string key(account);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char symbol) { return static_cast<char>(std::tolower(symbol)); });
  return key;
}

// One budget per IPv4 address but per IPv6 /64: a single host usually holds a whole /64 and
// could otherwise rotate through addresses to get a fresh budget for each. Text that is not an
// IP literal is its own key.
std::string AddressKey(std::string_view source_address) {
  std::optional<IpAddress> address = IpAddress::Parse(source_address);
  if (!address) return std::string(source_address);
  if (address->family == IpAddress::Family::kIpv4) return address->ToString();
  std::fill(address->bytes.begin() + 8, address->bytes.end(), std::uint8_t{0});
  return address->ToString() + "/64";
}

void DropExpired(std::deque<TimePoint>& window, TimePoint now) {
  while (!window.empty() && window.front() <= now - kWindow) window.pop_front();
}

}  // namespace

Result<std::unique_ptr<LoginRateLimiter>> LoginRateLimiter::Create(const Clock& clock,
                                                                   LoginRateLimits limits) {
  for (const auto& [name, value] :
       {std::pair{"per-account", limits.max_failures_per_account},
        std::pair{"per-address", limits.max_failures_per_address}}) {
    if (value == 0 || value > kMaxFailuresPerHourCeiling) {
      return InvalidArgument(std::string("login failure limit ") + name +
                             " must be from 1 to " + std::to_string(kMaxFailuresPerHourCeiling) +
                             " per hour, got " + std::to_string(value));
    }
  }
  return std::unique_ptr<LoginRateLimiter>(new LoginRateLimiter(clock, limits));
}

Status LoginRateLimiter::BeginAttempt(std::string_view account, std::string_view source_address) {
  const TimePoint now = clock_.Now();
  std::lock_guard lock(mutex_);
  if (++attempts_since_prune_ >= kAttemptsBetweenPrunes) Prune(now);
  Window& account_window = by_account_[AccountKey(account)];
  Window& address_window = by_address_[AddressKey(source_address)];
  DropExpired(account_window, now);
  DropExpired(address_window, now);
  if (account_window.size() >= limits_.max_failures_per_account ||
      address_window.size() >= limits_.max_failures_per_address) {
    return ResourceExhausted("too many failed logins; try again later");
  }
  account_window.push_back(now);
  address_window.push_back(now);
  return Ok();
}

void LoginRateLimiter::RecordSuccess(std::string_view account, std::string_view source_address) {
  std::lock_guard lock(mutex_);
  if (auto found = by_account_.find(AccountKey(account));
      found != by_account_.end() && !found->second.empty()) {
    found->second.pop_back();
  }
  if (auto found = by_address_.find(AddressKey(source_address));
      found != by_address_.end() && !found->second.empty()) {
    found->second.pop_back();
  }
}

std::size_t LoginRateLimiter::CountRecent(const std::unordered_map<std::string, Window>& windows,
                                          const std::string& key) const {
  const auto found = windows.find(key);
  if (found == windows.end()) return 0;
  const TimePoint now = clock_.Now();
  return static_cast<std::size_t>(
      std::count_if(found->second.begin(), found->second.end(),
                    [&](TimePoint when) { return when > now - kWindow; }));
}

std::size_t LoginRateLimiter::FailuresForAccount(std::string_view account) const {
  std::lock_guard lock(mutex_);
  return CountRecent(by_account_, AccountKey(account));
}

std::size_t LoginRateLimiter::FailuresForAddress(std::string_view source_address) const {
  std::lock_guard lock(mutex_);
  return CountRecent(by_address_, AddressKey(source_address));
}

void LoginRateLimiter::Prune(TimePoint now) {
  attempts_since_prune_ = 0;
  for (auto* windows : {&by_account_, &by_address_}) {
    for (auto entry = windows->begin(); entry != windows->end();) {
      DropExpired(entry->second, now);
      entry = entry->second.empty() ? windows->erase(entry) : std::next(entry);
    }
  }
}

}  // namespace tessera::http
