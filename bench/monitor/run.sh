#!/usr/bin/env bash
# bench/monitor: the capacity monitor's dashboard queries on a generated history of N
# placements (default 1,000,000) on SQLite and on PostgreSQL (a throwaway cluster of
# scripts/pg-cluster.sh), each against the same figure by a plain scan of the event table.
# Builds the store in Release (no sanitizers) in build-bench-mon. Target (issue 10): every
# dashboard query under 200 ms on 1,000,000 placements.
# Usage: bench/monitor/run.sh [PLACEMENTS] [REPEAT]   (BENCH_ONLY=sqlite|postgres to pick one)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
n=${1:-1000000}
repeat=${2:-3}
build=${BENCH_BUILD:-build-bench-mon}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DIFZO_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target ifzo_store >/dev/null
cc -std=c17 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -I src -I "$build/generated" \
  bench/monitor/bench_monitor.c "$build/libifzo_store.a" "$build/libifzo_core.a" \
  $(pkg-config --libs sqlite3 libpq libsodium liboath) -lpthread -lm -o "$build/bench_monitor"
tmp=$(mktemp -d /tmp/ifzo-bench-monitor-XXXXXX)
chmod 711 "$tmp" # the cluster runs as an unprivileged user (scripts/pg-cluster.sh)
pgdir="$tmp/pg"
cleanup() {
  if [ -d "$pgdir" ]; then bash scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${BENCH_ONLY:-sqlite}" != postgres ]; then
  echo "== SQLite"
  "$build/bench_monitor" "sqlite:$tmp/bench.db" "$n" "$repeat"
fi
if [ "${BENCH_ONLY:-postgres}" != sqlite ]; then
  echo "== PostgreSQL"
  url=$(bash scripts/pg-cluster.sh start "$pgdir")
  "$build/bench_monitor" "$url" "$n" "$repeat"
fi
