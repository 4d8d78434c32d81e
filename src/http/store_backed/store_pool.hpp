#pragma once
// A fixed set of store connections shared by the server's threads. A tessera::Store is one
// connection and may be used by one thread at a time, so every handler borrows one for the
// duration of its call (a Lease) and gives it back on scope exit.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "core/access.hpp"
#include "core/result.hpp"
#include "core/store.hpp"
#include "http/security/principal.hpp"

namespace tessera::http {

class StorePool {
 public:
  /// kInvalidArgument when `connections` is empty or holds a null store.
  static Result<std::unique_ptr<StorePool>> Create(std::vector<std::unique_ptr<Store>> connections);

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
  explicit StorePool(std::vector<std::unique_ptr<Store>> connections);
  void Return(std::unique_ptr<Store> store);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Store>> idle_;
  std::size_t size_;
};

/// The store's view of the signed-in caller: every handler passes this to the store, which
/// checks object-level access and audits the call in the same transaction.
inline AccessContext ContextOf(const Principal& principal) {
  return AccessContext::For(principal.user_id);
}

}  // namespace tessera::http
