-- wrk script for tessera's HTTP benchmarks: a GET of TESSERA_BENCH_PATH (default /healthz),
-- authenticated with TESSERA_BENCH_TOKEN as a bearer token when set. Prints one machine-readable
-- RESULT line with throughput and latency percentiles at the end.
--
--   TESSERA_BENCH_TOKEN=... TESSERA_BENCH_PATH=/api/v1/me wrk -t2 -c64 -d10s -s get.lua URL

local token = os.getenv("TESSERA_BENCH_TOKEN")
wrk.method = "GET"
wrk.path = os.getenv("TESSERA_BENCH_PATH") or "/healthz"
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout
  io.write(string.format(
    "RESULT path=%s requests_per_second=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non_2xx=%d\n",
    wrk.path, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors, summary.errors.status))
end
