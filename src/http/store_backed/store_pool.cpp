#include "http/store_backed/store_pool.hpp"

namespace tessera::http {

Result<std::unique_ptr<StorePool>> StorePool::Create(
    std::vector<std::unique_ptr<Store>> connections, std::unique_ptr<store::CommitQueue> queue) {
  if (connections.empty()) return InvalidArgument("a store pool needs at least one connection");
  for (const auto& connection : connections)
    if (!connection) return InvalidArgument("a store pool connection is missing");
  return std::unique_ptr<StorePool>(new StorePool(std::move(connections), std::move(queue)));
}

StorePool::StorePool(std::vector<std::unique_ptr<Store>> connections,
                     std::unique_ptr<store::CommitQueue> queue)
    : idle_(std::move(connections)), size_(idle_.size()), queue_(std::move(queue)) {}

Status StorePool::Run(const std::function<Status(Store&)>& work) {
  if (queue_) return queue_->Run(work);
  auto store = Acquire();
  return work(*store);
}

void StorePool::Submit(store::CommitQueue::Work work, store::CommitQueue::Completion done) {
  if (queue_) return queue_->Submit(std::move(work), std::move(done));
  Status outcome = Ok();
  {
    auto store = Acquire();
    outcome = work(*store);
  }
  done(std::move(outcome));
}

StorePool::Lease StorePool::Acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !idle_.empty(); });
  std::unique_ptr<Store> store = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(store));
}

void StorePool::Return(std::unique_ptr<Store> store) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(store));
  }
  available_.notify_one();
}

StorePool::Lease::~Lease() {
  if (store_) pool_->Return(std::move(store_));
}

}  // namespace tessera::http
