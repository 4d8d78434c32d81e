#!/bin/sh
# The end-to-end tests: build the app with the given tessera binary's OpenAPI document into
# OUT_DIR, then run web/e2e (Playwright, Debian's /usr/bin/chromium) against that binary
# serving it.   usage: test-e2e.sh TESSERA_BINARY OUT_DIR
set -eu
cd "$(dirname "$0")/.."
binary=$1
out=$2
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || {
  echo "test-e2e.sh: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (run scripts/install-deps)" >&2
  exit 1
}
TESSERA_BIN=$binary sh scripts/openapi.sh
npm run --silent typecheck
npx --no-install vite build --logLevel warn --emptyOutDir --outDir "$out"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 TESSERA_BIN="$binary" TESSERA_E2E_WEB_ROOT="$out"
export TESSERA_E2E_OUTPUT="$out/../e2e-results"
exec npx --no-install playwright test -c e2e/playwright.config.ts
