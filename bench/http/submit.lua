-- wrk script: authenticated PHQ-9 submissions (item answers) through
-- POST /api/v1/clients/{client_id}/sessions/{session_id}/measures, round-robin over the
-- "client:session" pairs in TESSERA_BENCH_TARGETS, with TESSERA_BENCH_TOKEN as bearer token.
-- Each acknowledged (201) request is one durable transaction: scored, stored with its answers,
-- monitored, alerts raised. Prints one RESULT line like get.lua.
--
--   TESSERA_BENCH_TOKEN=... TESSERA_BENCH_TARGETS=1:3,4:17 wrk -t2 -c64 -d10s -s submit.lua URL

local token = os.getenv("TESSERA_BENCH_TOKEN")
local targets = {}
for client, session in string.gmatch(os.getenv("TESSERA_BENCH_TARGETS") or "", "(%d+):(%d+)") do
  targets[#targets + 1] = "/api/v1/clients/" .. client .. "/sessions/" .. session .. "/measures"
end
local counter = 0
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (token or "")}

function request()
  counter = counter + 1
  local path = targets[(counter % #targets) + 1]
  local a = counter % 4
  local body = string.format(
    '{"instrument":"phq9","answers":{"1":%d,"2":%d,"3":%d,"4":%d,"5":%d,"6":%d,"7":%d,"8":%d,"9":0}}',
    a, (a + 1) % 4, (a + 2) % 4, a, 1, 2, (a + 3) % 4, 1)
  return wrk.format("POST", path, headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout
  io.write(string.format(
    "RESULT path=submit requests_per_second=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non_2xx=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors, summary.errors.status))
end
