#pragma once
// The finished Bulk Data exports a server holds until they are fetched (docs/fhir.md, "Bulk
// export"; decision record 0200): in memory, for the account that started each one only, for
// an hour at most and at most kMaxJobs at a time (the oldest goes first). Client data never
// lands in a file on the server's disk; a restart forgets the jobs (the client starts again).

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"

namespace tessera::http {

struct ExportFile {
  std::string type;               // "Patient"
  std::string ndjson;             // one resource a line
  std::size_t count = 0;          // lines
  std::vector<ClientId> clients;  // whose data it holds (each download is audited per client)
};

struct ExportJob {
  UserId owner;
  TimePoint started;
  std::string transaction_time;   // FHIR instant
  std::string request;            // the kick-off URL
  std::vector<ExportFile> files;  // only types with resources
};

class ExportJobs {
 public:
  static constexpr std::size_t kMaxJobs = 4;
  static constexpr std::chrono::hours kLifetime{1};

  explicit ExportJobs(const Clock& clock) : clock_(clock) {}
  /// Keeps `job` under a new random id (returned), dropping expired jobs and the oldest beyond
  /// kMaxJobs.
  std::string Add(ExportJob job);
  /// The job `id` if `owner` started it and it has not expired; null otherwise.
  std::shared_ptr<const ExportJob> Find(const std::string& id, UserId owner);
  /// Forgets the job; false when Find would not have found it.
  bool Remove(const std::string& id, UserId owner);

 private:
  void DropExpired();  // REQUIRES: mutex_ held

  const Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const ExportJob>> jobs_;
};

}  // namespace tessera::http
