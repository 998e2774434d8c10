#!/usr/bin/env bash
# The test command of the README: installs what is missing, builds with AddressSanitizer and
# UndefinedBehaviorSanitizer, starts a PostgreSQL cluster of its own, and runs every suite
# (unit, store on SQLite and PostgreSQL, API against the real server, the front end's modules
# and the browser tests in Chromium) with CTest.
# Ends with CTest's summary; exits non-zero when anything failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/deps.sh test
bash scripts/npm-deps.sh

build=${IFZO_TEST_BUILD:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DIFZO_SANITIZE=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

pgdir=$(mktemp -d /tmp/ifzo-pg-XXXXXX)
cleanup() { bash "$root/scripts/pg-cluster.sh" stop "$pgdir"; }
trap cleanup EXIT
IFZO_TEST_PG=$(bash scripts/pg-cluster.sh start "$pgdir")
export IFZO_TEST_PG
# LeakSanitizer needs ptrace-like access that some sandboxes refuse; leaks are still checked
# where it works. Abort on the first sanitizer report so a test cannot pass over one.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
