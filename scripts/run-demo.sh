#!/usr/bin/env bash
# The run command of the README: installs what is missing, builds, creates and migrates a
# SQLite database with the demo data, and serves http://127.0.0.1:8080 until Ctrl-C.
#   IFZO_LISTEN=0.0.0.0:8080 scripts/run-demo.sh   to listen elsewhere
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh
bash scripts/npm-deps.sh

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIFZO_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target ifzo

mkdir -p var
db="sqlite:$root/var/demo.db"
./build/ifzo migrate --db "$db"
# Demo data (docs/demo-data.md); --if-empty leaves a database that already has data alone.
# The data are dated around 2025-06-02, so the server runs with that day as "today".
export IFZO_TODAY=${IFZO_TODAY:-2025-06-02}
./build/ifzo seed-demo --if-empty --db "$db"

listen=${IFZO_LISTEN:-127.0.0.1:8080}
cat <<MSG

  openifzo is running at http://${listen}/  (open it in a browser)
    health:  curl -s http://${listen}/healthz
    API:     http://${listen}/api/openapi.json
    travel:  curl -s 'http://${listen}/api/geo/reistijd?van=2511&naar=3011'
    (today is ${IFZO_TODAY} for every rule)
  Demo logins (made by ifzo seed-demo; demo passwords, no second factor needed:
  the seed switched DJI's TOTP requirement off):
    demo-indiceerder     demo-indiceerder-wachtwoord     indiceerder, Reclassering Nederland (3RO)
    demo-plaatser        demo-plaatser-wachtwoord        plaatser, DJI (FPL)
    demo-zorgaanbieder   demo-zorgaanbieder-wachtwoord   zorgaanbieder, the first demo provider
    demo-beheer          demo-beheer-wachtwoord          functioneel_beheer, DJI
    demo-beleid          demo-beleid-wachtwoord          beleid, DJI
  Stop with Ctrl-C.

MSG
exec ./build/ifzo serve --db "$db" --listen "$listen" --web-root "$root/web"
