#!/usr/bin/env bash
# What one audited client-summary read costs the server, from the CPU's counters (perf stat):
# user and kernel instructions and cycles per read, while wrk reads at 64 connections. The VM
# this project is measured on switches between a fast and a slow mode, so requests/s (and
# clinical.sh's ratio) jump between runs of the same code; instructions per read do not, which
# makes this the script for comparing two builds. Rounds interleave the binaries.
#
#   bench/http/read_cost.sh [tessera binary...]     (default: build/tessera; 2 rounds)
#
# Needs perf with hardware counters (`perf stat -e instructions` must work) and wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build}
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=("$build/tessera")
rounds=${ROUNDS:-2}
source bench/http/common.sh

"${binaries[0]}" demo-practice --db "$work/base.db" --clients 24 > "$work/practice.out"
password=$(sed -n 's/^demo user demo-ana (clinician) password: //p' "$work/practice.out")

summary_requests() {  # url -> summary requests counted so far (from /metrics)
  curl -sS "$1/metrics" |
    awk '/^tessera_http_requests_total/ && /summary/ { total += $NF } END { print total + 0 }'
}

for round in $(seq 1 "$rounds"); do
  for binary in "${binaries[@]}"; do
    cp "$work/base.db" "$work/run.db"
    TESSERA_SERVER_PORT=0 "$binary" serve --db "$work/run.db" > "$work/serve.out" 2>/dev/null &
    server=$!
    url=$(wait_for_banner "$work/serve.out")
    token=$(curl -sS -X POST -H 'Content-Type: application/json' \
      -d "{\"username\":\"demo-ana\",\"password\":\"$password\",\"credential\":\"bearer\"}" \
      "$url/api/v1/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
    TESSERA_BENCH_PATH=/api/v1/clients/1/summary TESSERA_BENCH_TOKEN=$token \
      wrk -t2 -c64 -d4s -s bench/http/get.lua "$url" > "$work/wrk.out" &
    load=$!
    sleep 0.5
    before=$(summary_requests "$url")
    perf stat -x, -e instructions:u,instructions:k,cycles -p "$server" -- sleep 3 2> "$work/perf.out"
    after=$(summary_requests "$url")
    wait "$load"
    kill "$server"
    wait "$server" 2>/dev/null || true
    awk -F, -v reads=$((after - before)) -v binary="$binary" \
      -v rps="$(sed -n 's/.*requests_per_second=\([0-9]*\).*/\1/p' "$work/wrk.out")" '
      /instructions:u/ { user = $1 } /instructions:k/ { kernel = $1 } /cycles/ { cycles = $1 }
      END { printf "round %d %s: %s reads/s, per read: %.1fk user instructions, %.1fk kernel, %.1fk cycles\n",
                   '"$round"', binary, rps, user / reads / 1000, kernel / reads / 1000, cycles / reads / 1000 }' \
      "$work/perf.out"
  done
done
