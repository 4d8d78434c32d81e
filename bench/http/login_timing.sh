#!/usr/bin/env bash
# Login timing: unknown usernames vs wrong passwords vs right passwords against a real
# `tessera serve` with the default argon2id cost. Interleaves the three kinds and prints the
# median and mean time of each (curl's time_total). Stays under the rate limit of 100 failures
# per address per hour: at most 45 of each failing kind.
#
#   bench/http/login_timing.sh [attempts=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
attempts=${1:-20}
[ "$attempts" -le 45 ] || { echo "at most 45 attempts (login rate limit)" >&2; exit 2; }
build=${BUILD_DIR:-build}
work=$(mktemp -d)
TESSERA_SERVER_PORT=0 "$build/tessera" serve --demo-users > "$work/out" 2> "$work/log" &
server=$!
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do grep -qs "listening on" "$work/out" && break; sleep 0.05; done
url=$(grep -o "http://[0-9.:]*" "$work/out" | head -1)
password=$(sed -n 's/^demo user demo-clinician (clinician) password: //p' "$work/out")

login() {  # username password -> seconds
  curl -s -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\",\"credential\":\"bearer\"}" "$url/api/v1/login"
}
for attempt in $(seq 1 "$attempts"); do
  login "nobody-$attempt" "guess-$attempt" >> "$work/unknown"
  login demo-clinician "guess-$attempt" >> "$work/wrong"
  login demo-clinician "$password" >> "$work/right"
done
for kind in unknown wrong right; do
  sort -n "$work/$kind" | awk -v kind="$kind" \
    '{ v[NR] = $1; sum += $1 } END { printf "%-8s n=%d median_ms=%.1f mean_ms=%.1f\n", kind, NR, v[int((NR + 1) / 2)] * 1000, sum / NR * 1000 }'
done
