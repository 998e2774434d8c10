#!/usr/bin/env bash
# bench/match: time per match of the in-memory index against the same match as one SQL query
# in SQLite, same data, same run (see bench_match.c). Builds core in Release (no sanitizers)
# in build-bench, compiles the bench against it, runs it on one core.
# Arguments (all optional): locations (10000) max_offers (20) queries (10000) sql_queries (200).
# Targets (issue 5): p99 <= 100 us per match; at least 100x faster than the SQL query.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${BENCH_BUILD:-build-bench}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DIFZO_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target ifzo_core >/dev/null
cc -std=c17 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -I src -I "$build/generated" \
  bench/match/bench_match.c "$build/libifzo_core.a" $(pkg-config --cflags --libs sqlite3) -lm \
  -o "$build/bench_match"
cpu=${BENCH_CPU:-0}
if command -v taskset >/dev/null; then
  exec taskset -c "$cpu" "$build/bench_match" "$@"
fi
exec "$build/bench_match" "$@"
