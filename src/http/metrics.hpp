#pragma once
// Prometheus metrics: request counts and latency histograms by route, plus named counters and
// histograms any module can feed. Modules below http see only core's MetricsSink interface;
// code that holds the registry can keep a counter handle for a lock-free hot path:
//
//   MetricsCounter& alerts = metrics.Counter("tessera_alerts_raised_total", "Alerts raised.");
//   alerts.Increment();                                       // lock-free; any thread
//   sink.ObserveSeconds("tessera_store_commit_seconds", 0.003);   // through MetricsSink
//
// Rendered in the Prometheus text exposition format (version 0.0.4) at /metrics.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "core/metrics_sink.hpp"

namespace tessera::http {

class MetricsCounter {
 public:
  void Increment(std::uint64_t by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

/// Upper bounds (seconds) of the latency histogram buckets; +Inf is implicit.
inline constexpr std::array<double, 12> kLatencyBuckets = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

/// A latency histogram updated without locks: one atomic increment per bucket hit plus the
/// sum in nanoseconds. Counts are stored per bucket and made cumulative when rendered.
class LatencyHistogram {
 public:
  void Observe(double seconds);
  struct Snapshot {
    std::array<std::uint64_t, kLatencyBuckets.size()> cumulative{};  // observations <= bound
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  Snapshot Read() const;

 private:
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> sum_nanoseconds_{0};
};

/// One route's request counts by status and its latency histogram; lock-free to update.
class RequestMetrics {
 public:
  /// `status` outside 100..599 is counted as 599 (never happens: statuses come from the code).
  void Observe(int status, double seconds);

 private:
  friend class MetricsRegistry;
  static constexpr int kFirstStatus = 100;
  std::array<std::atomic<std::uint64_t>, 500> count_by_status_{};
  LatencyHistogram latency_;
};

class MetricsRegistry final : public MetricsSink {
 public:
  /// Sets the HELP text of a counter or histogram fed by name through MetricsSink.
  void Describe(std::string_view name, std::string_view help);
  /// The counter with this name, created on first use (`help` is kept from the first call
  /// that gives one); the reference stays valid for the registry's lifetime. REQUIRES: name matches
  /// [a-zA-Z_:][a-zA-Z0-9_:]* (a programmer error otherwise, asserted).
  MetricsCounter& Counter(std::string_view name, std::string_view help);

  /// The statistics of one route, created on first use; the reference stays valid for the
  /// registry's lifetime, so a caller can keep it and update it without any lookup or lock.
  /// `route` is the route pattern with its method (e.g. "GET /api/v1/me") or "unmatched":
  /// never a raw path, so label cardinality stays bounded.
  RequestMetrics& Route(std::string_view route);

  /// Records one finished request: Route(route).Observe(status, seconds).
  void ObserveRequest(std::string_view route, int status, double seconds);

  // MetricsSink: counters and histograms are created on first use; updates after that take
  // only a shared (reader) lock for the lookup.
  void Increment(std::string_view counter_name, std::uint64_t by = 1) override;
  void ObserveSeconds(std::string_view histogram_name, double seconds) override;

  /// Every metric in the Prometheus text format.
  std::string RenderPrometheus() const;

 private:
  // Guards the maps' shapes (entries are created under a unique lock, looked up under a
  // shared one); the values themselves are atomics and never move.
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::unique_ptr<RequestMetrics>, std::less<>> routes_;
  std::map<std::string, std::unique_ptr<MetricsCounter>, std::less<>> counters_;
  std::map<std::string, std::unique_ptr<LatencyHistogram>, std::less<>> histograms_;
  std::map<std::string, std::string, std::less<>> help_;
};

}  // namespace tessera::http
