#!/bin/sh
# Writes src/api/openapi.json (the server's OpenAPI document) and src/api/schema.d.ts (its
# TypeScript types, openapi-typescript), so the typed client breaks the build when the API
# changes under a page. The document comes from `tessera openapi` when the binary has that
# command; otherwise from a server started on a throwaway SQLite file and a free loopback port.
#   TESSERA_BIN=/path/to/tessera npm run api      (default: ../build/tessera)
set -eu
cd "$(dirname "$0")/.."
bin=${TESSERA_BIN:-../build/tessera}
out=src/api/openapi.json
[ -x "$bin" ] || { echo "openapi.sh: no tessera binary at $bin (build it, or set TESSERA_BIN)" >&2; exit 1; }

if "$bin" openapi > "$out.tmp" 2>/dev/null && [ -s "$out.tmp" ]; then
  mv "$out.tmp" "$out"
else
  rm -f "$out.tmp"
  scratch=$(mktemp -d)
  server_pid=
  cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$scratch"
  }
  trap cleanup EXIT INT TERM
  TESSERA_SERVER_PORT=0 "$bin" serve --db "$scratch/openapi.db" > "$scratch/out" 2> "$scratch/err" &
  server_pid=$!
  url=
  tries=0
  while [ -z "$url" ]; do
    url=$(sed -n 's/^tessera: listening on \(http:[^ ]*\).*/\1/p' "$scratch/out" | head -n 1)
    [ -n "$url" ] && break
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$server_pid" 2>/dev/null; then
      echo "openapi.sh: the server did not start:" >&2
      cat "$scratch/err" >&2
      exit 1
    fi
    sleep 0.1
  done
  node -e '
    fetch(process.argv[1] + "/api/v1/openapi.json")
      .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then((text) => require("fs").writeFileSync(process.argv[2], text))
      .catch((e) => { console.error("openapi.sh: " + e.message); process.exit(1); });
  ' "$url" "$out"
fi
npx --no-install openapi-typescript "$out" -o src/api/schema.d.ts --alphabetize > /dev/null
echo "openapi.sh: src/api/schema.d.ts from $(basename "$bin")'s OpenAPI document"
