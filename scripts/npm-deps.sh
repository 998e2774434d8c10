#!/usr/bin/env bash
# Installs the front end's npm packages with `npm ci` when node_modules is missing or
# package-lock.json changed since the last install (a stamp in node_modules holds its
# hash), so a re-run is quick. npm ci's postinstall (scripts/vendor.mjs) fills web/vendor/;
# since web/vendor/ifzo.css keeps only the classes web/ uses, it is made again whenever a
# file of web/ or the vendor scripts changed (a stamp in web/vendor holds their hash).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
stamp=node_modules/.ifzo-package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
vstamp=web/vendor/.sources.sha256
vwant() {
  find scripts/vendor.mjs scripts/css-subset.mjs web -path web/vendor -prune -o -type f \
    \( -name '*.html' -o -name '*.js' -o -name '*.mjs' -o -name '*.css' \) -print |
    LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
}
if [ ! -d node_modules ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "npm ci (package-lock.json is new or changed)"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
  vwant >"$vstamp"
elif [ "$(cat "$vstamp" 2>/dev/null)" != "$(vwant)" ]; then
  node scripts/vendor.mjs
  vwant >"$vstamp"
fi
