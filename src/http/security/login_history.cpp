#include "http/security/login_history.hpp"

namespace tessera::http {

Result<std::vector<LoginCounter>> InMemoryLoginHistory::FindCounters(
    const std::vector<std::string>& keys) {
  std::lock_guard lock(mutex_);
  std::vector<LoginCounter> found;
  for (const std::string& key : keys) {
    if (auto counter = counters_.find(key); counter != counters_.end()) {
      found.push_back(counter->second);
    }
  }
  return found;
}

Status InMemoryLoginHistory::SaveCounters(const std::vector<LoginCounter>& counters,
                                          TimePoint forget_before) {
  std::lock_guard lock(mutex_);
  for (const LoginCounter& counter : counters) {
    if (counter.failures <= 0) {
      counters_.erase(counter.key);
    } else {
      counters_.insert_or_assign(counter.key, counter);
    }
  }
  std::erase_if(counters_,
                [&](const auto& entry) { return entry.second.last_failure < forget_before; });
  return Ok();
}

Result<bool> InMemoryLoginHistory::IsKnownSource(std::string_view source_key, TimePoint since) {
  std::lock_guard lock(mutex_);
  const auto found = known_sources_.find(source_key);
  return found != known_sources_.end() && found->second >= since;
}

Status InMemoryLoginHistory::Record(LoginEvent event, std::optional<UserId> account,
                                    std::string_view source_key) {
  std::lock_guard lock(mutex_);
  if (event == LoginEvent::kLogin && !source_key.empty()) {
    known_sources_.insert_or_assign(std::string(source_key), clock_.Now());
  }
  events_.push_back({event, account});
  return Ok();
}

std::vector<InMemoryLoginHistory::Event> InMemoryLoginHistory::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

}  // namespace tessera::http
