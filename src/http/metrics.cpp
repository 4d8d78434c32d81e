#include "http/metrics.hpp"

#include <algorithm>
#include <cassert>
#include <sstream>

namespace tessera::http {
namespace {

[[maybe_unused]] bool IsMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t index = 0; index < name.size(); ++index) {
    const char symbol = name[index];
    const bool letter = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
                        symbol == '_' || symbol == ':';
    const bool digit = symbol >= '0' && symbol <= '9';
    if (!letter && !(digit && index > 0)) return false;
  }
  return true;
}

// Label values escape backslash, double quote and newline (exposition format).
std::string EscapeLabel(std::string_view value) {
  std::string escaped;
  for (char symbol : value) {
    if (symbol == '\\' || symbol == '"') escaped.push_back('\\');
    if (symbol == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped.push_back(symbol);
  }
  return escaped;
}

}  // namespace

void LatencyHistogram::Observe(double seconds) {
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  const double nanoseconds = seconds > 0 ? seconds * 1e9 : 0.0;
  sum_nanoseconds_.fetch_add(static_cast<std::uint64_t>(nanoseconds), std::memory_order_relaxed);
}

LatencyHistogram::Snapshot LatencyHistogram::Read() const {
  Snapshot snapshot;
  std::uint64_t running = 0;
  for (std::size_t bucket = 0; bucket < kLatencyBuckets.size(); ++bucket) {
    running += buckets_[bucket].load(std::memory_order_relaxed);
    snapshot.cumulative[bucket] = running;
  }
  snapshot.count = running + buckets_.back().load(std::memory_order_relaxed);
  snapshot.sum_seconds =
      static_cast<double>(sum_nanoseconds_.load(std::memory_order_relaxed)) / 1e9;
  return snapshot;
}

void RequestMetrics::Observe(int status, double seconds) {
  const int index = std::clamp(status, kFirstStatus, kFirstStatus + 499) - kFirstStatus;
  count_by_status_[static_cast<std::size_t>(index)].fetch_add(1, std::memory_order_relaxed);
  latency_.Observe(seconds);
}

void MetricsRegistry::Describe(std::string_view name, std::string_view help) {
  std::unique_lock lock(mutex_);
  help_[std::string(name)] = std::string(help);
}

namespace {

// The entry named `name`, created by `make` on first use: a shared lock for the common case
// (it exists), a unique lock only to create it.
template <class Map, class Make>
auto& FindOrCreate(std::shared_mutex& mutex, Map& map, std::string_view name, Make make) {
  {
    std::shared_lock lock(mutex);
    const auto found = map.find(name);
    if (found != map.end()) return *found->second;
  }
  std::unique_lock lock(mutex);
  auto found = map.find(name);
  if (found == map.end()) found = map.emplace(std::string(name), make()).first;
  return *found->second;
}

}  // namespace

MetricsCounter& MetricsRegistry::Counter(std::string_view name, std::string_view help) {
  assert(IsMetricName(name));
  if (!help.empty()) {
    std::unique_lock lock(mutex_);
    if (!help_.contains(name)) help_.emplace(std::string(name), std::string(help));
  }
  return FindOrCreate(mutex_, counters_, name, [] { return std::make_unique<MetricsCounter>(); });
}

void MetricsRegistry::Increment(std::string_view counter_name, std::uint64_t by) {
  Counter(counter_name, {}).Increment(by);
}

void MetricsRegistry::ObserveSeconds(std::string_view histogram_name, double seconds) {
  assert(IsMetricName(histogram_name));
  FindOrCreate(mutex_, histograms_, histogram_name, [] {
    return std::make_unique<LatencyHistogram>();
  }).Observe(seconds);
}

RequestMetrics& MetricsRegistry::Route(std::string_view route) {
  return FindOrCreate(mutex_, routes_, route, [] { return std::make_unique<RequestMetrics>(); });
}

void MetricsRegistry::ObserveRequest(std::string_view route, int status, double seconds) {
  Route(route).Observe(status, seconds);
}

namespace {

// Buckets are cumulative: each count already includes every faster observation.
void RenderHistogram(std::ostringstream& text, const std::string& name, const std::string& labels,
                     const LatencyHistogram& source) {
  const LatencyHistogram::Snapshot histogram = source.Read();
  const std::string separator = labels.empty() ? "" : ",";
  for (std::size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
    text << name << "_bucket{" << labels << separator << "le=\"" << kLatencyBuckets[bucket_idx]
         << "\"} " << histogram.cumulative[bucket_idx] << '\n';
  }
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  text << name << "_bucket{" << labels << separator << "le=\"+Inf\"} " << histogram.count << '\n'
       << name << "_sum" << braces << ' ' << histogram.sum_seconds << '\n'
       << name << "_count" << braces << ' ' << histogram.count << '\n';
}

}  // namespace

std::string MetricsRegistry::RenderPrometheus() const {
  std::ostringstream text;
  std::shared_lock lock(mutex_);
  const auto help_of = [this](const std::string& name) {
    const auto found = help_.find(name);
    return found == help_.end() ? name : found->second;
  };
  text << "# HELP tessera_http_requests_total HTTP requests by route and status.\n"
          "# TYPE tessera_http_requests_total counter\n";
  for (const auto& [route, statistics] : routes_) {
    for (std::size_t index = 0; index < statistics->count_by_status_.size(); ++index) {
      const std::uint64_t count =
          statistics->count_by_status_[index].load(std::memory_order_relaxed);
      if (count == 0) continue;
      text << "tessera_http_requests_total{route=\"" << EscapeLabel(route) << "\",status=\""
           << index + RequestMetrics::kFirstStatus << "\"} " << count << '\n';
    }
  }
  text << "# HELP tessera_http_request_duration_seconds Time from request parsed to response "
          "ready, by route.\n"
          "# TYPE tessera_http_request_duration_seconds histogram\n";
  for (const auto& [route, statistics] : routes_) {
    RenderHistogram(text, "tessera_http_request_duration_seconds",
                    "route=\"" + EscapeLabel(route) + "\"", statistics->latency_);
  }
  for (const auto& [name, counter] : counters_) {
    text << "# HELP " << name << ' ' << help_of(name) << "\n# TYPE " << name << " counter\n"
         << name << ' ' << counter->value() << '\n';
  }
  for (const auto& [name, histogram] : histograms_) {
    text << "# HELP " << name << ' ' << help_of(name) << "\n# TYPE " << name << " histogram\n";
    RenderHistogram(text, name, "", *histogram);
  }
  return text.str();
}

}  // namespace tessera::http
