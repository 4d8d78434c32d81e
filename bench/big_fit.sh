#!/usr/bin/env bash
# The scale target: 1,000,000 clients x 10 sessions (every session attended: 10,000,000 rows)
# fitted from CSV, with wall time and peak memory from /usr/bin/time -v.
#   bench/big_fit.sh [clients=1000000] [sessions=10]
set -euo pipefail
clients=${1:-1000000}
sessions=${2:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
tessera=${TESSERA:-$root/build/tessera}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tessera" simulate --clients "$clients" --sessions "$sessions" --seed 1 --full-attendance \
  --out "$work/practice.csv" >&2
echo "CSV: $(du -h "$work/practice.csv" | cut -f1), $(($(wc -l < "$work/practice.csv") - 1)) rows"
/usr/bin/time -v "$tessera" fit growth --input "$work/practice.csv" --id client_id \
  --time session --y phq9 --covariate intake_phq9 > "$work/fit.json" 2> "$work/time.txt"
grep -E '"(seconds|fit_seconds|converged|iterations|evaluations|n_clients|n_obs)"' "$work/fit.json"
grep -E 'Elapsed \(wall|Maximum resident' "$work/time.txt"
