#pragma once
// How domain modules report operational numbers (store timings, alerts raised) without
// depending on the HTTP server: they are handed a MetricsSink at wiring time. The server's
// MetricsRegistry (src/http/metrics.hpp) implements it and exposes the values at /metrics.
//
//   sink.Increment("tessera_alerts_raised_total");
//   sink.ObserveSeconds("tessera_store_commit_seconds", elapsed);

#include <cstdint>
#include <string_view>

namespace tessera {

class MetricsSink {
 public:
  virtual ~MetricsSink() = default;
  /// Adds `by` to a counter. REQUIRES: name matches [a-zA-Z_:][a-zA-Z0-9_:]* and ends in
  /// "_total" by Prometheus convention. Thread-safe.
  virtual void Increment(std::string_view counter_name, std::uint64_t by = 1) = 0;
  /// Records one duration in a histogram. REQUIRES: name as above, ending in "_seconds".
  virtual void ObserveSeconds(std::string_view histogram_name, double seconds) = 0;
};

/// Discards everything: for tests and tools that run without a server.
class NullMetricsSink final : public MetricsSink {
 public:
  void Increment(std::string_view, std::uint64_t) override {}
  void ObserveSeconds(std::string_view, double) override {}
};

}  // namespace tessera
