#pragma once
// Group commit for many threads: callers hand their store work to one writer thread, which
// owns one connection and runs whatever has queued up as one Store::RunBatch (one transaction,
// one savepoint per unit, one commit and fsync for all). A unit's completion is called only
// after the batch that holds it has committed, so an answer is never given before the data is
// durable.
//
//   CommitQueue queue(std::move(connection), {.metrics = &metrics});
//   queue.Submit([&](Store& store) -> Status {                 // on the writer thread
//                  TRY_ASSIGN(auto alerts, store.ListAlerts(context, client));  // audited
//                  ...
//                  return Ok();
//                },
//                [responder](Status committed) { ... });       // after the commit
//   Status done = queue.Run(work);                             // the same, blocking

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/metrics_sink.hpp"
#include "core/store.hpp"

namespace tessera::store {

class CommitQueue {
 public:
  /// A unit's store work; runs on the writer thread.
  using Work = std::function<Status(Store&)>;
  /// Told the unit's outcome once its batch has committed (or failed). Runs on the queue's
  /// teller thread, which calls a batch's completions in order, batch after batch, while the
  /// writer already runs the next batch: the writer's serial time goes to store work only.
  /// A completion must be short and must not block (nor call Run): hand anything else
  /// (rendering, sending) to another thread. It may Submit more work. An exception it throws
  /// is swallowed (the teller carries on).
  using Completion = std::function<void(Status)>;

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
  /// Runs what is already queued (every completion is called), then stops the writer and
  /// teller threads.
  /// REQUIRES: no other thread submits any more.
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  /// Queues work(store) as one unit of the next batch and returns at once; `done` is called
  /// with the unit's status once that batch has committed: Ok, the unit's own error (its
  /// changes rolled back, the others' kept; Internal when it threw), or Unavailable when the
  /// batch could not commit. When the queue is stopping, `done(Unavailable)` is called at once
  /// on this thread. Called from inside a unit (on the writer thread), work runs at once in
  /// that unit and `done` is called after the enclosing batch commits, with the enclosing
  /// unit's outcome (or work's own error).
  void Submit(Work work, Completion done);

  /// Submit, waiting for the outcome: returns the unit's status once its batch has committed.
  /// What `work` captures by reference stays alive (Run blocks). From inside a unit it runs
  /// work at once, in that unit.
  Status Run(const Work& work);

 private:
  struct Pending {
    Work work;
    Completion done;
    std::chrono::steady_clock::time_point queued_at{};
  };
  // What nested Submits inside one unit left to be told after the commit.
  struct Nested {
    Completion done;
    Status own_outcome = Ok();  // work's own error, which wins over the unit's outcome
  };

  struct Told {
    Completion done;
    Status outcome = Ok();
  };

  void WriterLoop();
  void RunBatch(std::vector<Pending>& batch);
  void TellerLoop();
  /// Hands a committed batch's completions to the teller thread.
  void HandOver(std::vector<Told> told);

  std::unique_ptr<Store> store_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable work_queued_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  // The writer sleeps on work_queued_ only when it found nothing to do; while it is busy a
  // submitter just queues (no wake-up: the writer takes everything queued for its next batch).
  bool writer_waiting_ = false;
  // Writer thread only: completions of nested Submits by unit index of the running batch.
  std::vector<std::vector<Nested>> nested_;
  std::size_t running_unit_ = 0;
  // Completions waiting for the teller thread, batch by batch.
  std::mutex told_mutex_;
  std::condition_variable told_ready_;
  std::deque<std::vector<Told>> to_tell_;
  bool teller_stopping_ = false;
  bool teller_waiting_ = false;
  // Started before the writer and stopped after it, so every batch's completions are told.
  std::thread teller_;
  std::thread writer_;
};

}  // namespace tessera::store
