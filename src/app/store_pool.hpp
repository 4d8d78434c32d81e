#pragma once
// A fixed set of store connections shared by the server's threads. A Store is one connection
// and may be used by one thread at a time (core/repositories.hpp); a handler leases one for
// the length of its use case and gives it back when the lease ends.
//
//   TRY_ASSIGN(auto pool, StorePool::Create(open, 2));
//   StorePool::Lease lease = pool->Acquire();
//   TRY(SubmitAdministration(lease.store(), ...));

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "core/result.hpp"
#include "core/store.hpp"

namespace tessera::app {

class StorePool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Store>>()>;

  /// Opens `connections` (>= 1) connections with `open`; the first failure is returned.
  static Result<std::unique_ptr<StorePool>> Create(const Opener& open, int connections);

  /// Exclusive use of one connection until destroyed. Movable, not copyable.
  class Lease {
   public:
    Lease(Lease&& other) noexcept : pool_(other.pool_), store_(other.store_) {
      other.pool_ = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Store& store() { return *store_; }

   private:
    friend class StorePool;
    Lease(StorePool* pool, Store* store) : pool_(pool), store_(store) {}
    StorePool* pool_;
    Store* store_;
  };

  /// Waits until a connection is free. The pool must outlive every lease.
  Lease Acquire();

 private:
  StorePool() = default;
  void Release(Store* store);

  std::vector<std::unique_ptr<Store>> connections_;
  std::vector<Store*> idle_;
  std::mutex mutex_;
  std::condition_variable released_;
};

}  // namespace tessera::app
