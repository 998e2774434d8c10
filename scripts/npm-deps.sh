#!/usr/bin/env bash
# Installs the front end's npm packages with `npm ci` when node_modules is missing or
# package-lock.json changed since the last install (a stamp in node_modules holds its
# hash), so a re-run is quick. npm ci's postinstall (scripts/vendor.mjs) fills web/vendor/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
stamp=node_modules/.ifzo-package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "npm ci (package-lock.json is new or changed)"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
elif [ ! -f web/vendor/README.txt ]; then
  node scripts/vendor.mjs
fi
