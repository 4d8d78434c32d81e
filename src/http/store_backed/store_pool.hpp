#pragma once
// A fixed set of store connections shared by the server's threads, and optionally a commit
// queue (group commit, commit_queue.hpp). A tessera::Store is one connection and may be used
// by one thread at a time: Run hands work to the commit queue, which runs it as one unit of a
// batch on its own connection; Acquire lends a connection for a call (a Lease) and takes it
// back on scope exit (for the unaudited account lookups and for callers not yet on Run).

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/access.hpp"
#include "core/result.hpp"
#include "core/store.hpp"
#include "http/security/principal.hpp"
#include "store/commit_queue.hpp"

namespace tessera::http {

class StorePool {
 public:
  /// kInvalidArgument when `connections` is empty or holds a null store. With `queue`, Run
  /// group-commits through it (the queue owns its own connection); without, Run leases one.
  static Result<std::unique_ptr<StorePool>> Create(
      std::vector<std::unique_ptr<Store>> connections,
      std::unique_ptr<store::CommitQueue> queue = nullptr);

  /// Runs work(store) and returns its status once it is durable. With a commit queue: as one
  /// unit of the next batch (its own savepoint; answered after the batch's commit; Unavailable
  /// when the commit fails). Without: on a leased connection, where every store call commits
  /// on its own as before.
  Status Run(const std::function<Status(Store&)>& work);

  /// Queues work(store) as one unit of the commit queue's next batch and returns at once;
  /// `done` gets the unit's status after that batch's commit (CommitQueue::Submit: on the
  /// writer thread, so it must only hand the outcome on). Without a commit queue: runs work on
  /// a leased connection and calls `done` before returning, on this thread.
  void Submit(store::CommitQueue::Work work, store::CommitQueue::Completion done);

  /// One borrowed connection; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(StorePool& pool, std::unique_ptr<Store> store) : pool_(&pool), store_(std::move(store)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  /// Waits until a connection is free.
  Lease Acquire();
  std::size_t size() const { return size_; }

 private:
  StorePool(std::vector<std::unique_ptr<Store>> connections,
            std::unique_ptr<store::CommitQueue> queue);
  void Return(std::unique_ptr<Store> store);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
  std::size_t size_;
  // Last, so it stops (finishing queued work) before the connections go.
  std::unique_ptr<store::CommitQueue> queue_;
};

/// The store's view of the signed-in caller: every handler passes this to the store, which
/// checks object-level access and audits the call in the same transaction.
inline AccessContext ContextOf(const Principal& principal) {
  return AccessContext::For(principal.user_id);
}

}  // namespace tessera::http
