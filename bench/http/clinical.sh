#!/usr/bin/env bash
# Clinical API benchmarks on loopback with wrk (needs a built tree and wrk):
#  1. authenticated PHQ-9 submissions (bench/http/submit.lua), each one durable transaction
#     (scored, stored with item answers, monitored, alerts raised), at 64 connections;
#  2. authenticated reads of a client summary (GET /api/v1/clients/{id}/summary: name,
#     current episode, first and latest score per instrument, open alerts, plan; an audited
#     read, group-committed like every store call) of a client that run 1 submitted to,
#     interleaved with the bare Beast hello-world server, reporting the medians and the ratio.
# The server runs at its default logging level (one JSON line per request).
# The database is a fresh demo practice in a temp dir (SQLite, WAL, synchronous=FULL).
#
#   bench/http/clinical.sh [duration=10s] [connections=64] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10s}
connections=${2:-64}
rounds=${3:-5}
build=${BUILD_DIR:-build}
source bench/http/common.sh

"$build/tessera" demo-practice --db "$work/bench.db" --clients 24 > "$work/practice.out"
password=$(sed -n 's/^demo user demo-ana (clinician) password: //p' "$work/practice.out")

"$build/bench/hello_server" 0 2 > "$work/hello.out" &
pids+=($!)
hello_url=$(wait_for_banner "$work/hello.out")
TESSERA_SERVER_PORT=0 "$build/tessera" serve --db "$work/bench.db" \
  > "$work/tessera.out" 2> "$work/tessera.log" &
pids+=($!)
url=$(wait_for_banner "$work/tessera.out")
token=$(curl -sS -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo-ana\",\"password\":\"$password\",\"credential\":\"bearer\"}" \
  "$url/api/v1/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "login failed" >&2; exit 1; }

# Ana's clients and a session of each, from the measures she can read.
targets="" summary_client=""
for client in $(seq 1 24); do
  reply=$(curl -sS -H "Authorization: Bearer $token" "$url/api/v1/clients/$client/measures?limit=1")
  session=$(echo "$reply" | sed -n 's/.*"session_id":\([0-9]*\).*/\1/p')
  if [ -n "$session" ]; then
    targets="$targets${targets:+,}$client:$session"
    summary_client=${summary_client:-$client}
  fi
done
echo "submission targets (client:session): $targets" >&2

submit_line=$(TESSERA_BENCH_TOKEN=$token TESSERA_BENCH_TARGETS=$targets \
  wrk -t2 -c"$connections" -d"$duration" -s bench/http/submit.lua "$url" | grep '^RESULT')
echo "$submit_line"
echo "load average after submissions: $(cut -d' ' -f1-3 /proc/loadavg)"
# Group commit at work: batches, units (units / batches = mean batch size), batch time.
curl -sS "$url/metrics" | grep -E '^tessera_(store_batch(es|_units)_total|store_batch_seconds_(sum|count)|store_queue_wait_seconds_(sum|count)|alerts_raised_total)' || true
administrations=$(sqlite3 "$work/bench.db" 'SELECT COUNT(*) FROM measure_administrations' 2>/dev/null || echo "?")
echo "administrations in the database afterwards: $administrations"

run() {  # url path token -> requests per second (and prints the RESULT line)
  local line
  line=$(TESSERA_BENCH_PATH=$2 TESSERA_BENCH_TOKEN=$3 \
    wrk -t2 -c"$connections" -d"$duration" -s bench/http/get.lua "$1" | grep '^RESULT')
  echo "$line" >&2
  echo "$line" | sed -n 's/.*requests_per_second=\([0-9]*\).*/\1/p'
}
median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
summary_path="/api/v1/clients/$summary_client/summary"
curl -sS -H "Authorization: Bearer $token" "$url$summary_path" | head -c 600 >&2
echo >&2
hello_runs="" summary_runs=""
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds" >&2
  hello_rps=$(run "$hello_url" / "")
  summary_rps=$(run "$url" "$summary_path" "$token")
  hello_runs="$hello_runs $hello_rps"
  summary_runs="$summary_runs $summary_rps"
  # Each round's own ratio too: on this shared VM the hello-world server alone swings between
  # ~75,000 and ~190,000 requests/s from run to run, so the medians hide a wide spread.
  awk -v r="$round" -v h="$hello_rps" -v s="$summary_rps" \
    'BEGIN { printf "round %d: hello_world_rps=%d client_summary_rps=%d ratio=%.2f\n", r, h, s, s / h }'
done
hello=$(echo "$hello_runs" | median)
summary=$(echo "$summary_runs" | median)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "median: hello_world_rps=$hello client_summary_rps=$summary"
awk -v h="$hello" -v s="$summary" 'BEGIN { printf "ratio client_summary/hello=%.2f\n", s / h }'
