#!/usr/bin/env bash
# HTTP throughput on loopback: the bare Beast hello-world server vs tessera's /healthz and an
# authenticated GET /api/v1/me, with wrk (64 connections, 2 threads, 10 s each by default).
# tessera runs as deployed: a SQLite store (accounts and sessions in it), the default settings
# and the default log level (info: one JSON line per request, written to a file).
# The three are run interleaved for several rounds and the median of each is reported, because
# the machine is shared and its load drifts. Prints one RESULT line per run, then the medians,
# ratios and the load average. Needs a built tree (make build) and wrk.
#
#   bench/http/run.sh [duration=10s] [connections=64] [rounds=3]
#   TESSERA_BENCH_BINARY=path/to/tessera   another build (e.g. an older commit) to compare
#   TESSERA_BENCH_STORE=memory             accounts in memory (no --db) instead of SQLite
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10s}
connections=${2:-64}
rounds=${3:-3}
build=${BUILD_DIR:-build}
source bench/http/common.sh

"$build/bench/hello_server" 0 2 > "$work/hello.out" &
pids+=($!)
hello_url=$(wait_for_banner "$work/hello.out")

binary=${TESSERA_BENCH_BINARY:-$build/tessera}
store_args=(--db "$work/bench.db")
[ "${TESSERA_BENCH_STORE:-sqlite}" = memory ] && store_args=()
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
TESSERA_SERVER_PORT=0 "$binary" serve --demo-users "${store_args[@]}" > "$work/tessera.out" \
  2> "$work/tessera.log" &
pids+=($!)
tessera_url=$(wait_for_banner "$work/tessera.out")
password=$(sed -n 's/^demo user demo-clinician (clinician) password: //p' "$work/tessera.out")
token=$(curl -sS -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo-clinician\",\"password\":\"$password\",\"credential\":\"bearer\"}" \
  "$tessera_url/api/v1/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "login failed" >&2; exit 1; }

run() {  # url path token -> requests per second (and prints the RESULT line)
  local line
  line=$(TESSERA_BENCH_PATH=$2 TESSERA_BENCH_TOKEN=$3 \
    wrk -t2 -c"$connections" -d"$duration" -s bench/http/get.lua "$1" | grep '^RESULT')
  echo "$line" >&2
  echo "$line" | sed -n 's/.*requests_per_second=\([0-9]*\).*/\1/p'
}

median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
hello_runs="" healthz_runs="" me_runs=""
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds" >&2
  hello_runs="$hello_runs $(run "$hello_url" / "")"
  healthz_runs="$healthz_runs $(run "$tessera_url" /healthz "")"
  me_runs="$me_runs $(run "$tessera_url" /api/v1/me "$token")"
done
hello=$(echo "$hello_runs" | median)
healthz=$(echo "$healthz_runs" | median)
me=$(echo "$me_runs" | median)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "request log lines written: $(grep -c '"event":"request"' "$work/tessera.log" || true)"
echo "median: hello_world_rps=$hello tessera_healthz_rps=$healthz tessera_me_rps=$me"
awk -v h="$hello" -v z="$healthz" -v m="$me" \
  'BEGIN { printf "ratio healthz/hello=%.2f me/hello=%.2f\n", z / h, m / h }'
