#pragma once
// For tests only: keeps a commit queue's writer thread inside a unit of its own until
// Release(), so that whatever is submitted meanwhile waits for the next batch (no timing).

#include <condition_variable>
#include <latch>
#include <mutex>

#include "core/result.hpp"
#include "core/store.hpp"

namespace tessera::store::testing {

class WriterHold {
 public:
  /// Returns once the writer is inside the holding unit. `queue`: a CommitQueue or a
  /// StorePool with one (anything with Submit(work, done)).
  template <class Queue>
  explicit WriterHold(Queue& queue) {
    queue.Submit(
        [this](Store&) -> Status {
          entered_.count_down();
          std::unique_lock lock(mutex_);
          released_changed_.wait(lock, [this] { return released_; });
          return Ok();
        },
        [](Status) {});
    entered_.wait();
  }
  ~WriterHold() { Release(); }
  WriterHold(const WriterHold&) = delete;
  WriterHold& operator=(const WriterHold&) = delete;

  /// Lets the writer finish the holding unit's batch and go on. Idempotent.
  void Release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    released_changed_.notify_all();
  }

 private:
  std::latch entered_{1};
  std::mutex mutex_;
  std::condition_variable released_changed_;
  bool released_ = false;
};

}  // namespace tessera::store::testing
