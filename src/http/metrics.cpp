#include "http/metrics.hpp"

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

void MetricsRegistry::Histogram::Observe(double seconds) {
  ++count;
  sum_seconds += seconds;
  for (std::size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
    if (seconds <= kLatencyBuckets[bucket_idx]) ++bucket_counts[bucket_idx];
  }
}

void MetricsRegistry::Describe(std::string_view name, std::string_view help) {
  std::lock_guard lock(mutex_);
  help_[std::string(name)] = std::string(help);
}

MetricsCounter& MetricsRegistry::Counter(std::string_view name, std::string_view help) {
  assert(IsMetricName(name));
  std::lock_guard lock(mutex_);
  if (!help.empty() && !help_.contains(name)) help_.emplace(std::string(name), std::string(help));
  auto found = counters_.find(name);
  if (found == counters_.end()) {
    found = counters_.emplace(std::string(name), std::make_unique<MetricsCounter>()).first;
  }
  return *found->second;
}

void MetricsRegistry::Increment(std::string_view counter_name, std::uint64_t by) {
  Counter(counter_name, {}).Increment(by);
}

void MetricsRegistry::ObserveSeconds(std::string_view histogram_name, double seconds) {
  assert(IsMetricName(histogram_name));
  std::lock_guard lock(mutex_);
  auto found = histograms_.find(histogram_name);
  if (found == histograms_.end()) {
    found = histograms_.emplace(std::string(histogram_name), Histogram{}).first;
  }
  found->second.Observe(seconds);
}

void MetricsRegistry::ObserveRequest(std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto found = routes_.find(route);
  if (found == routes_.end()) found = routes_.emplace(std::string(route), RouteStatistics{}).first;
  ++found->second.count_by_status[status];
  found->second.latency.Observe(seconds);
}

namespace {

// Buckets are cumulative: each count already includes every faster observation.
template <class Histogram>
void RenderHistogram(std::ostringstream& text, const std::string& name, const std::string& labels,
                     const Histogram& histogram) {
  const std::string separator = labels.empty() ? "" : ",";
  for (std::size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
    text << name << "_bucket{" << labels << separator << "le=\"" << kLatencyBuckets[bucket_idx]
         << "\"} " << histogram.bucket_counts[bucket_idx] << '\n';
  }
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  text << name << "_bucket{" << labels << separator << "le=\"+Inf\"} " << histogram.count << '\n'
       << name << "_sum" << braces << ' ' << histogram.sum_seconds << '\n'
       << name << "_count" << braces << ' ' << histogram.count << '\n';
}

}  // namespace

std::string MetricsRegistry::RenderPrometheus() const {
  std::ostringstream text;
  std::lock_guard lock(mutex_);
  const auto help_of = [this](const std::string& name) {
    const auto found = help_.find(name);
    return found == help_.end() ? name : found->second;
  };
  text << "# HELP tessera_http_requests_total HTTP requests by route and status.\n"
          "# TYPE tessera_http_requests_total counter\n";
  for (const auto& [route, statistics] : routes_) {
    for (const auto& [status, count] : statistics.count_by_status) {
      text << "tessera_http_requests_total{route=\"" << EscapeLabel(route) << "\",status=\""
           << status << "\"} " << count << '\n';
    }
  }
  text << "# HELP tessera_http_request_duration_seconds Time from request parsed to response "
          "ready, by route.\n"
          "# TYPE tessera_http_request_duration_seconds histogram\n";
  for (const auto& [route, statistics] : routes_) {
    RenderHistogram(text, "tessera_http_request_duration_seconds",
                    "route=\"" + EscapeLabel(route) + "\"", statistics.latency);
  }
  for (const auto& [name, counter] : counters_) {
    text << "# HELP " << name << ' ' << help_of(name) << "\n# TYPE " << name << " counter\n"
         << name << ' ' << counter->value() << '\n';
  }
  for (const auto& [name, histogram] : histograms_) {
    text << "# HELP " << name << ' ' << help_of(name) << "\n# TYPE " << name << " histogram\n";
    RenderHistogram(text, name, "", histogram);
  }
  return text.str();
}

}  // namespace tessera::http
