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

MetricsCounter& MetricsRegistry::Counter(std::string_view name, std::string_view help) {
  assert(IsMetricName(name));
  std::lock_guard lock(mutex_);
  auto found = counters_.find(name);
  if (found == counters_.end()) {
    found = counters_
                .emplace(std::string(name),
                         NamedCounter{std::string(help), std::make_unique<MetricsCounter>()})
                .first;
  }
  return *found->second.counter;
}

void MetricsRegistry::ObserveRequest(std::string_view route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto found = routes_.find(route);
  if (found == routes_.end()) found = routes_.emplace(std::string(route), RouteStatistics{}).first;
  RouteStatistics& statistics = found->second;
  ++statistics.count_by_status[status];
  ++statistics.count;
  statistics.sum_seconds += seconds;
  for (std::size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
    if (seconds <= kLatencyBuckets[bucket_idx]) ++statistics.bucket_counts[bucket_idx];
  }
}

std::string MetricsRegistry::RenderPrometheus() const {
  std::ostringstream text;
  std::lock_guard lock(mutex_);
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
    const std::string label = "route=\"" + EscapeLabel(route) + "\"";
    // Buckets are cumulative: each count already includes every faster request.
    for (std::size_t bucket_idx = 0; bucket_idx < kLatencyBuckets.size(); ++bucket_idx) {
      text << "tessera_http_request_duration_seconds_bucket{" << label << ",le=\""
           << kLatencyBuckets[bucket_idx] << "\"} " << statistics.bucket_counts[bucket_idx]
           << '\n';
    }
    text << "tessera_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
         << statistics.count << '\n'
         << "tessera_http_request_duration_seconds_sum{" << label << "} "
         << statistics.sum_seconds << '\n'
         << "tessera_http_request_duration_seconds_count{" << label << "} " << statistics.count
         << '\n';
  }
  for (const auto& [name, counter] : counters_) {
    text << "# HELP " << name << ' ' << counter.help << "\n# TYPE " << name << " counter\n"
         << name << ' ' << counter.counter->value() << '\n';
  }
  return text.str();
}

}  // namespace tessera::http
