#!/usr/bin/env bash
# The caseload at practice size (issue 15: "fast (bench: 500 clients)"). A demo practice of
# N clients (default 500) in a temp SQLite file; the admin sees every client, a clinician her
# own. Measured with wrk on loopback, interleaved with the reference points in the same run:
#  - the bare Beast hello-world server (what the HTTP stack costs with no work at all);
#  - one client summary (GET /api/v1/clients/{id}/summary), the read a clinician made per
#    client before the caseload existed: "open every client" costs N of them.
# Reports the medians of `rounds` runs of each, at each number of concurrent connections
# (a comma-separated list: one caller alone, then eight at once).
#
#   bench/http/caseload.sh [clients=500] [duration=10s] [connections=1,8] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
clients=${1:-500}
duration=${2:-10s}
connections=${3:-1,8}
rounds=${4:-3}
build=${BUILD_DIR:-build}
source bench/http/common.sh

start=$(date +%s)
"$build/tessera" demo-practice --db "$work/bench.db" --clients "$clients" > "$work/practice.out"
echo "demo practice of $clients clients made in $(( $(date +%s) - start )) s" >&2
password_of() { sed -n "s/^demo user $1 ([a-z]*) password: //p" "$work/practice.out"; }

"$build/bench/hello_server" 0 2 > "$work/hello.out" &
pids+=($!)
hello_url=$(wait_for_banner "$work/hello.out")
TESSERA_SERVER_PORT=0 "$build/tessera" serve --db "$work/bench.db" \
  > "$work/tessera.out" 2> "$work/tessera.log" &
pids+=($!)
url=$(wait_for_banner "$work/tessera.out")
token_of() {
  curl -sS -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$(password_of "$1")\",\"credential\":\"bearer\"}" \
    "$url/api/v1/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
admin=$(token_of demo-admin)
ana=$(token_of demo-ana)
[ -n "$admin" ] && [ -n "$ana" ] || { echo "login failed" >&2; exit 1; }

# How many clients each caller's caseload holds (paging through it once).
count_caseload() {
  local token=$1 cursor="" total=0 page
  while :; do
    page=$(curl -sS -H "Authorization: Bearer $token" "$url/api/v1/caseload?limit=200${cursor:+&cursor=$cursor}")
    total=$(( total + $(echo "$page" | grep -o '"client_id"' | wc -l) ))
    cursor=$(echo "$page" | sed -n 's/.*"next_cursor":"\([^"]*\)".*/\1/p')
    [ -n "$cursor" ] || break
  done
  echo "$total"
}
echo "caseload sizes: admin $(count_caseload "$admin"), demo-ana $(count_caseload "$ana")"

# One request at a time: the median of 5 calls of the admin's first page (curl's total time),
# and the audit entries one call appends (the verification's count before and after, less the
# verification's own entry).
single=$(for _ in 1 2 3 4 5; do
  curl -sS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $admin" \
    "$url/api/v1/caseload?limit=50"
done | sort -n | sed -n 3p)
echo "one request at a time (admin, first page of 50): median of 5 = ${single} s"
audit_count() {
  curl -sS -H "Authorization: Bearer $admin" "$url/api/v1/audit/verification" |
    sed -n 's/.*"entries_checked":\([0-9]*\).*/\1/p'
}
before=$(audit_count)
curl -sS -o /dev/null -H "Authorization: Bearer $admin" "$url/api/v1/caseload?limit=50"
after=$(audit_count)
echo "audit entries appended by one caseload call (admin): $(( after - before - 1 ))"

run() {  # label connections token url path -> RESULT line
  TESSERA_BENCH_TOKEN=$3 TESSERA_BENCH_PATH=$5 \
    wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"$duration" -s bench/http/get.lua "$4" | grep '^RESULT' |
    sed "s/^RESULT/RESULT $1_c$2/"
}
labels=()
for round in $(seq 1 "$rounds"); do
  for c in ${connections//,/ }; do
    run hello "$c" "" "$hello_url" /
    run caseload_admin_first_page "$c" "$admin" "$url" "/api/v1/caseload?limit=50"
    run caseload_admin_page_of_200 "$c" "$admin" "$url" "/api/v1/caseload?limit=200"
    run caseload_ana_first_page "$c" "$ana" "$url" "/api/v1/caseload?limit=50"
    run client_summary "$c" "$admin" "$url" "/api/v1/clients/1/summary"
  done
done > "$work/results.txt"
for c in ${connections//,/ }; do
  for label in hello caseload_admin_first_page caseload_admin_page_of_200 caseload_ana_first_page \
    client_summary; do labels+=("${label}_c$c"); done
done
cat "$work/results.txt"

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo
echo "| request | requests/s (median) | p50 ms (median) | p99 ms (median) |"
echo "|---|---|---|---|"
for label in "${labels[@]}"; do
  rps=$(grep "RESULT $label " "$work/results.txt" | sed 's/.*requests_per_second=\([0-9.]*\).*/\1/' | median)
  p50=$(grep "RESULT $label " "$work/results.txt" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/' | median)
  p99=$(grep "RESULT $label " "$work/results.txt" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/' | median)
  echo "| $label | $rps | $p50 | $p99 |"
done
summary_p50=$(grep "RESULT client_summary_c${connections%%,*} " "$work/results.txt" | sed 's/.*p50_ms=\([0-9.]*\).*/\1/' | median)
echo
echo "opening every client one by one instead: $clients x $summary_p50 ms = $(awk "BEGIN { printf \"%.0f\", $clients * $summary_p50 }") ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
