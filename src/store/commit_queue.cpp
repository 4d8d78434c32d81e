#include "store/commit_queue.hpp"

#include <exception>
#include <future>
#include <string>

namespace tessera::store {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start,
                    std::chrono::steady_clock::time_point end) {
  return std::chrono::duration<double>(end - start).count();
}

// The queue whose unit this thread is running, if any (so work can nest without deadlock).
// Set only while a unit runs: a completion (on the teller thread) submits like anyone else.
thread_local const void* queue_of_running_unit = nullptr;

void Tell(const CommitQueue::Completion& done, Status outcome) {
  try {
    done(std::move(outcome));
  } catch (...) {
    // Completions only hand the outcome on; one that throws (anything) must not end the
    // teller thread (every later caller would wait forever). Its request is answered by its
    // own safety net.
  }
}

}  // namespace

CommitQueue::CommitQueue(std::unique_ptr<Store> writer, Options options)
    : store_(std::move(writer)),
      options_(options),
      teller_([this] { TellerLoop(); }),
      writer_([this] { WriterLoop(); }) {}

CommitQueue::~CommitQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_queued_.notify_all();
  writer_.join();
  {
    std::lock_guard lock(told_mutex_);
    teller_stopping_ = true;
  }
  told_ready_.notify_all();
  teller_.join();
}

void CommitQueue::HandOver(std::vector<Told> told) {
  bool wake = false;
  {
    std::lock_guard lock(told_mutex_);
    to_tell_.push_back(std::move(told));
    wake = teller_waiting_;
    teller_waiting_ = false;
  }
  if (wake) told_ready_.notify_one();
}

void CommitQueue::TellerLoop() {
  std::deque<std::vector<Told>> batches;
  while (true) {
    {
      std::unique_lock lock(told_mutex_);
      while (!teller_stopping_ && to_tell_.empty()) {
        teller_waiting_ = true;
        told_ready_.wait(lock);
      }
      teller_waiting_ = false;
      if (to_tell_.empty()) return;  // stopping, and everything told
      batches.swap(to_tell_);
    }
    for (std::vector<Told>& told : batches)
      for (Told& each : told) Tell(each.done, std::move(each.outcome));
    batches.clear();
  }
}

void CommitQueue::Submit(Work work, Completion done) {
  if (queue_of_running_unit == this) {
    // Inside a unit: the work belongs to it (one savepoint); its answer waits for the commit.
    Status own = Ok();
    try {
      own = work(*store_);
    } catch (const std::exception& exception) {
      own = Internal(std::string("unexpected exception in store work: ") + exception.what());
    } catch (...) {
      own = Internal("unexpected exception in store work");
    }
    nested_[running_unit_].push_back({std::move(done), std::move(own)});
    return;
  }
  Pending pending{std::move(work), std::move(done), std::chrono::steady_clock::now()};
  bool queued = false;
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(std::move(pending));
      queued = true;
      wake = writer_waiting_;
      writer_waiting_ = false;
    }
  }
  if (!queued) return Tell(pending.done, Unavailable("the store is shutting down"));
  if (wake) work_queued_.notify_one();
}

Status CommitQueue::Run(const Work& work) {
  if (queue_of_running_unit == this) return work(*store_);
  // The promise's shared state outlives whichever side finishes last, so the writer may still
  // be inside set_value when this thread has its answer and returns.
  std::promise<Status> outcome;
  std::future<Status> answer = outcome.get_future();
  Submit([&work](Store& store) { return work(store); },
         [&outcome](Status status) { outcome.set_value(std::move(status)); });
  return answer.get();
}

void CommitQueue::WriterLoop() {
  std::vector<Pending> batch;
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      while (!stopping_ && queue_.empty()) {
        writer_waiting_ = true;
        work_queued_.wait(lock);
      }
      writer_waiting_ = false;
      if (queue_.empty()) return;  // stopping, and nothing left to run
      // No waiting for a batch to fill: whatever queued while the last batch committed forms
      // the next one, so an idle server commits a lone request at once.
      while (!queue_.empty() && batch.size() < options_.max_batch_units) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

void CommitQueue::RunBatch(std::vector<Pending>& batch) {
  const auto started = std::chrono::steady_clock::now();
  nested_.assign(batch.size(), {});
  std::vector<std::function<Status()>> units;
  units.reserve(batch.size());
  for (std::size_t unit_idx = 0; unit_idx < batch.size(); ++unit_idx) {
    units.push_back([this, &batch, unit_idx]() -> Status {
      running_unit_ = unit_idx;
      queue_of_running_unit = this;
      Status outcome = Ok();
      // An exception must not end the writer thread (every later caller would wait forever):
      // it fails this unit, which is rolled back alone.
      try {
        outcome = batch[unit_idx].work(*store_);
      } catch (const std::exception& exception) {
        outcome = Internal(std::string("unexpected exception in store work: ") + exception.what());
      } catch (...) {
        outcome = Internal("unexpected exception in store work");
      }
      queue_of_running_unit = nullptr;
      return outcome;
    });
  }
  std::vector<Status> outcomes = store_->RunBatch(units);
  const auto finished = std::chrono::steady_clock::now();
  // Counted before anyone is told, so that an answered request is already in the metrics.
  if (options_.metrics != nullptr) {
    options_.metrics->ObserveSeconds("tessera_store_batch_seconds",
                                     SecondsSince(started, finished));
    options_.metrics->Increment("tessera_store_batches_total");
    options_.metrics->Increment("tessera_store_batch_units_total", batch.size());
    for (const Pending& pending : batch) {
      options_.metrics->ObserveSeconds("tessera_store_queue_wait_seconds",
                                       SecondsSince(pending.queued_at, started));
    }
  }
  // Told after the commit, by the teller thread: the writer goes on to the next batch.
  std::vector<Told> told;
  told.reserve(batch.size());
  for (std::size_t unit_idx = 0; unit_idx < batch.size(); ++unit_idx) {
    for (Nested& nested : nested_[unit_idx]) {
      told.push_back({std::move(nested.done),
                      nested.own_outcome ? outcomes[unit_idx] : std::move(nested.own_outcome)});
    }
    told.push_back({std::move(batch[unit_idx].done), std::move(outcomes[unit_idx])});
  }
  HandOver(std::move(told));
}

}  // namespace tessera::store
