#include "app/store_pool.hpp"

namespace tessera::app {

Result<std::unique_ptr<StorePool>> StorePool::Create(const Opener& open, int connections) {
  if (connections < 1) return InvalidArgument("a store pool needs at least one connection");
  std::unique_ptr<StorePool> pool(new StorePool());
  for (int connection_idx = 0; connection_idx < connections; ++connection_idx) {
    TRY_ASSIGN(std::unique_ptr<Store> store, open());
    pool->idle_.push_back(store.get());
    pool->connections_.push_back(std::move(store));
  }
  return pool;
}

StorePool::Lease StorePool::Acquire() {
  std::unique_lock lock(mutex_);
  released_.wait(lock, [this] { return !idle_.empty(); });
  Store* store = idle_.back();
  idle_.pop_back();
  return Lease(this, store);
}

void StorePool::Release(Store* store) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(store);
  }
  released_.notify_one();
}

StorePool::Lease::~Lease() {
  if (pool_ != nullptr) pool_->Release(store_);
}

}  // namespace tessera::app
