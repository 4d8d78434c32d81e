#include "http/store_backed/commit_queue.hpp"

#include <exception>
#include <string>
#include <vector>

namespace tessera::http {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start,
                    std::chrono::steady_clock::time_point end) {
  return std::chrono::duration<double>(end - start).count();
}

// The writer thread of the queue this thread is, if any (so work can nest without deadlock).
thread_local const void* current_writer = nullptr;

}  // namespace

CommitQueue::CommitQueue(std::unique_ptr<Store> writer, Options options)
    : store_(std::move(writer)), options_(options), writer_([this] { WriterLoop(); }) {}

CommitQueue::~CommitQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_queued_.notify_all();
  writer_.join();
}

Status CommitQueue::Run(const std::function<Status(Store&)>& work) {
  if (current_writer == this) return work(*store_);
  Pending pending;
  pending.work = &work;
  pending.queued_at = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  if (stopping_) return Unavailable("the store is shutting down");
  queue_.push_back(&pending);
  work_queued_.notify_one();
  pending.finished.wait(lock, [&pending] { return pending.done; });
  return std::move(pending.outcome);
}

void CommitQueue::WriterLoop() {
  current_writer = this;
  std::vector<Pending*> batch;
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      work_queued_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      // No waiting for a batch to fill: whatever queued while the last batch committed forms
      // the next one, so an idle server commits a lone request at once.
      while (!queue_.empty() && batch.size() < options_.max_batch_units) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void CommitQueue::RunBatch(const std::vector<Pending*>& batch) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::function<Status()>> units;
  units.reserve(batch.size());
  for (Pending* pending : batch) {
    units.push_back([this, pending]() -> Status {
      // An exception must not end the writer thread (every later caller would wait forever):
      // it fails this unit, which is rolled back alone.
      try {
        return (*pending->work)(*store_);
      } catch (const std::exception& exception) {
        return Internal(std::string("unexpected exception in store work: ") + exception.what());
      }
    });
  }
  std::vector<Status> outcomes = store_->RunBatch(units);
  const auto finished = std::chrono::steady_clock::now();
  if (options_.metrics != nullptr) {
    options_.metrics->ObserveSeconds("tessera_store_batch_seconds", SecondsSince(started, finished));
    options_.metrics->Increment("tessera_store_batches_total");
    options_.metrics->Increment("tessera_store_batch_units_total", batch.size());
    for (const Pending* pending : batch) {
      options_.metrics->ObserveSeconds("tessera_store_queue_wait_seconds",
                                       SecondsSince(pending->queued_at, started));
    }
  }
  std::lock_guard lock(mutex_);
  for (std::size_t unit_idx = 0; unit_idx < batch.size(); ++unit_idx) {
    batch[unit_idx]->outcome = std::move(outcomes[unit_idx]);
    batch[unit_idx]->done = true;
    batch[unit_idx]->finished.notify_one();
  }
}

}  // namespace tessera::http
