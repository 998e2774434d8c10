#!/usr/bin/env bash
# Installs what openifzo needs on Debian 12, and only what is missing, so that a re-run is
# quick and a fresh machine works. Run as root (or with sudo available).
#   scripts/deps.sh           build and run (cairo and the Liberation fonts draw the
#                             placement letter as PDF; libcurl for `ifzo msg send`;
#                             xmllint for bench/msg)
#   scripts/deps.sh test      also what the test suites need (PostgreSQL server, Criterion,
#                             Chromium for the browser tests, clang with libFuzzer for
#                             tests/fuzz, poppler-utils to read the letter's PDF back)
#   scripts/deps.sh bench     also the benchmark tools (wrk, nginx)
set -euo pipefail

pkgs=(build-essential cmake pkg-config git ca-certificates
      libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev libxml2-dev
      liboath-dev libqrencode-dev sqlite3 curl
      libcairo2-dev fonts-liberation libcurl4-openssl-dev libxml2-utils)
for extra in "$@"; do
  case "$extra" in
    test)  pkgs+=(postgresql-15 postgresql-client-15 libcriterion-dev
                 chromium clang libclang-rt-14-dev
                 poppler-utils) ;;
    bench) pkgs+=(wrk nginx-light) ;;
    *) echo "deps.sh: unknown set '$extra'" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js and npm for the front end (npm ci) and its tests: Debian's packages, unless a
# node and npm are already there (another source's nodejs bundles npm; Debian's npm would
# conflict with it).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# Debian's postgresql package would start a cluster of its own; the tests start theirs.
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
