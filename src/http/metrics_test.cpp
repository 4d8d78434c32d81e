#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace tessera::http {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MetricsRegistry, CountsRequestsByRouteAndStatus) {
  MetricsRegistry metrics;
  metrics.ObserveRequest("GET /api/v1/me", 200, 0.002);
  metrics.ObserveRequest("GET /api/v1/me", 200, 0.02);
  metrics.ObserveRequest("GET /api/v1/me", 401, 0.0001);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(
      Contains(text, "tessera_http_requests_total{route=\"GET /api/v1/me\",status=\"200\"} 2\n"));
  EXPECT_TRUE(
      Contains(text, "tessera_http_requests_total{route=\"GET /api/v1/me\",status=\"401\"} 1\n"));
  EXPECT_TRUE(Contains(text, "# TYPE tessera_http_request_duration_seconds histogram\n"));
}

TEST(MetricsRegistry, HistogramBucketsAreCumulative) {
  MetricsRegistry metrics;
  metrics.ObserveRequest("GET /healthz", 200, 0.0004);  // <= 0.0005
  metrics.ObserveRequest("GET /healthz", 200, 0.003);   // <= 0.005
  metrics.ObserveRequest("GET /healthz", 200, 7.0);     // only +Inf
  const std::string text = metrics.RenderPrometheus();
  const std::string prefix =
      "tessera_http_request_duration_seconds_bucket{route=\"GET /healthz\",le=";
  EXPECT_TRUE(Contains(text, prefix + "\"0.0005\"} 1\n"));
  EXPECT_TRUE(Contains(text, prefix + "\"0.0025\"} 1\n"));
  EXPECT_TRUE(Contains(text, prefix + "\"0.005\"} 2\n"));
  EXPECT_TRUE(Contains(text, prefix + "\"5\"} 2\n"));
  EXPECT_TRUE(Contains(text, prefix + "\"+Inf\"} 3\n"));
  EXPECT_TRUE(
      Contains(text, "tessera_http_request_duration_seconds_count{route=\"GET /healthz\"} 3\n"));
}

TEST(MetricsRegistry, NamedCountersCanBeIncrementedByOtherModules) {
  MetricsRegistry metrics;
  MetricsCounter& alerts = metrics.Counter("tessera_alerts_raised_total", "Alerts raised.");
  alerts.Increment();
  alerts.Increment(2);
  EXPECT_EQ(&metrics.Counter("tessera_alerts_raised_total", "ignored"), &alerts);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# HELP tessera_alerts_raised_total Alerts raised.\n"));
  EXPECT_TRUE(Contains(text, "# TYPE tessera_alerts_raised_total counter\n"));
  EXPECT_TRUE(Contains(text, "\ntessera_alerts_raised_total 3\n"));
}

TEST(MetricsRegistry, EscapesLabelValues) {
  MetricsRegistry metrics;
  metrics.ObserveRequest("GET /a\"b\\c", 200, 0.001);
  EXPECT_TRUE(Contains(metrics.RenderPrometheus(), "route=\"GET /a\\\"b\\\\c\""));
}

}  // namespace
}  // namespace tessera::http

namespace tessera::http {
namespace {

// Modules below http (store, monitor) only see core's MetricsSink.
void CommitTwice(MetricsSink& sink) {
  sink.Increment("tessera_store_commits_total");
  sink.Increment("tessera_store_commits_total");
  sink.ObserveSeconds("tessera_store_commit_seconds", 0.002);
}

TEST(MetricsRegistry, ModulesReportThroughTheCoreSinkInterface) {
  MetricsRegistry metrics;
  metrics.Describe("tessera_store_commit_seconds", "Store commit time.");
  CommitTwice(metrics);
  const std::string text = metrics.RenderPrometheus();
  EXPECT_TRUE(Contains(text,
                       "# TYPE tessera_store_commits_total counter\n"
                       "tessera_store_commits_total 2\n"));
  EXPECT_TRUE(Contains(text,
                       "# HELP tessera_store_commit_seconds Store commit time.\n"
                       "# TYPE tessera_store_commit_seconds histogram\n"));
  EXPECT_TRUE(Contains(text, "tessera_store_commit_seconds_bucket{le=\"0.001\"} 0\n"));
  EXPECT_TRUE(Contains(text, "tessera_store_commit_seconds_bucket{le=\"0.0025\"} 1\n"));
  EXPECT_TRUE(Contains(text, "tessera_store_commit_seconds_count 1\n"));
  NullMetricsSink discard;
  CommitTwice(discard);  // compiles and does nothing: tools run without a server
}

}  // namespace
}  // namespace tessera::http
