#include "http/routes/fhir_export_jobs.hpp"

#include <algorithm>

#include "app/random_token.hpp"
#include "http/security/session_manager.hpp"

namespace tessera::http {

void ExportJobs::DropExpired() {
  const TimePoint now = clock_.Now();
  std::erase_if(jobs_, [&](const auto& entry) { return entry.second->started + kLifetime <= now; });
}

std::string ExportJobs::Add(ExportJob job) {
  const std::lock_guard lock(mutex_);
  DropExpired();
  while (jobs_.size() >= kMaxJobs) {
    const auto oldest = std::min_element(
        jobs_.begin(), jobs_.end(),
        [](const auto& a, const auto& b) { return a.second->started < b.second->started; });
    jobs_.erase(oldest);
  }
  std::string id = app::RandomToken();
  jobs_.emplace(id, std::make_shared<const ExportJob>(std::move(job)));
  return id;
}

std::shared_ptr<const ExportJob> ExportJobs::Find(const std::string& id, UserId owner) {
  const std::lock_guard lock(mutex_);
  DropExpired();
  const auto found = jobs_.find(id);
  if (found == jobs_.end() || found->second->owner != owner) return nullptr;
  return found->second;
}

bool ExportJobs::Remove(const std::string& id, UserId owner) {
  const std::lock_guard lock(mutex_);
  DropExpired();
  const auto found = jobs_.find(id);
  if (found == jobs_.end() || found->second->owner != owner) return false;
  jobs_.erase(found);
  return true;
}

}  // namespace tessera::http
