# Shared by the HTTP benchmark scripts (sourced, not run): a temp work dir, the background
# servers to stop on exit, and waiting for a server's "listening on" banner.
#   source bench/http/common.sh    # sets: work, pids; defines wait_for_banner
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_for_banner() {  # file -> prints the URL once "listening on" appears (at most 20 s)
  for _ in $(seq 1 400); do
    if grep -q "listening on" "$1" 2>/dev/null; then
      grep -o "http://[0-9.:]*" "$1" | head -1
      return 0
    fi
    sleep 0.05
  done
  echo "server did not start: $(cat "$1")" >&2
  return 1
}
