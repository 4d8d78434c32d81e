#pragma once
// Group commit for many threads: callers hand their store work to one writer thread, which
// owns one connection and runs whatever has queued up as one Store::RunBatch (one transaction,
// one savepoint per caller, one commit and fsync for all). Each caller blocks until the batch
// that holds its work has committed, so an answer is never given before the data is durable.
//
//   CommitQueue queue(std::move(connection), {.metrics = &metrics});
//   Status done = queue.Run([&](Store& store) -> Status {
//     TRY_ASSIGN(auto alerts, store.ListAlerts(context, client));  // audited in the batch
//     ...
//     return Ok();
//   });

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/metrics_sink.hpp"
#include "core/store.hpp"

namespace tessera::http {

class CommitQueue {
 public:
  struct Options {
    /// The most units one transaction takes; more wait for the next batch.
    std::size_t max_batch_units = 256;
    /// Receives tessera_store_batch_seconds (whole batch: units and commit),
    /// tessera_store_queue_wait_seconds (per unit, queued to batch start),
    /// tessera_store_batches_total and tessera_store_batch_units_total. May be null.
    MetricsSink* metrics = nullptr;
  };

  /// Starts the writer thread; it owns `writer` (one connection, used by nothing else).
  CommitQueue(std::unique_ptr<Store> writer, Options options);
  /// Runs what is already queued, then stops the writer thread. REQUIRES: no caller is still
  /// inside Run (the server stops its handlers first).
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  /// Runs work(store) as one unit of the next batch and returns its status once that batch has
  /// committed: the unit's own error (its changes rolled back, the others' kept), Unavailable
  /// when the batch could not commit or the queue is stopping. `work` runs on the writer
  /// thread; what it captures by reference must stay alive until Run returns (it does: Run
  /// blocks). Called from inside a unit (on the writer thread) it runs work at once, in that
  /// unit.
  Status Run(const std::function<Status(Store&)>& work);

 private:
  struct Pending {
    const std::function<Status(Store&)>* work = nullptr;
    std::chrono::steady_clock::time_point queued_at{};
    Status outcome = Ok();
    bool done = false;
    std::condition_variable finished;
  };

  void WriterLoop();
  void RunBatch(const std::vector<Pending*>& batch);

  std::unique_ptr<Store> store_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable work_queued_;
  std::deque<Pending*> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace tessera::http
