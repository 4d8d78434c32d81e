#pragma once
// The server's live connections, so that a shutdown can drain them (server.cpp). Plain C++:
// no Beast or Asio here.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tessera::http {

// What a shutdown asks of a live connection: finish the request in hand, then close; close at
// once when idle.
class Drainable {
 public:
  virtual ~Drainable() = default;
  virtual void Drain() = 0;
};

// The live connections, so that a shutdown can drain them. Entries expire on their own.
class ConnectionRegistry {
 public:
  void Add(const std::shared_ptr<Drainable>& connection) {
    std::lock_guard lock(mutex_);
    std::erase_if(connections_, [](const auto& entry) { return entry.expired(); });
    connections_.push_back(connection);
  }
  // Counted separately from the list (which is pruned lazily) so that accepting is cheap.
  void Opened() { open_count_.fetch_add(1, std::memory_order_relaxed); }
  void Closed() { open_count_.fetch_sub(1, std::memory_order_relaxed); }
  std::size_t OpenCount() const { return open_count_.load(std::memory_order_relaxed); }
  // Open connections per source (ClientKey), so that one client cannot take every connection
  // (one holding 520 half-sent requests made every new connection fail). Reserve before the
  // connection exists; the connection releases its reservation when it ends.
  bool ReserveForSource(const std::string& source, std::size_t cap) {
    std::lock_guard lock(mutex_);
    std::size_t& open = per_source_[source];
    if (open >= cap) return false;
    ++open;
    return true;
  }
  void ReleaseForSource(const std::string& source) {
    std::lock_guard lock(mutex_);
    const auto found = per_source_.find(source);
    if (found == per_source_.end()) return;
    if (--found->second == 0) per_source_.erase(found);
  }
  std::vector<std::shared_ptr<Drainable>> Live() {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<Drainable>> live;
    for (const auto& entry : connections_) {
      if (auto connection = entry.lock()) live.push_back(std::move(connection));
    }
    return live;
  }

 private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<Drainable>> connections_;
  std::unordered_map<std::string, std::size_t> per_source_;
  std::atomic<std::size_t> open_count_{0};
};

}  // namespace tessera::http
