#!/bin/sh
# Installs the web app's packages from the committed lockfile (`npm ci`) unless node_modules
# already matches it. No browser is downloaded: the tests use Debian's Chromium.
set -eu
cd "$(dirname "$0")/.."
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; then
  exit 0
fi
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
