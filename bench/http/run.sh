#!/usr/bin/env bash
# bench/http: requests/s and p99 latency of `ifzo serve` against nginx serving the same
# bytes, measured in the same run on the same machine (wrk on loopback only).
#   /api/version  a small static JSON route: compared with nginx serving the identical bytes
#   /healthz      a route that round-trips to the database (SQLite), for reference
# Target (foundation issue): ifzo reaches at least 0.5 of nginx's requests/s on the static
# JSON route. Settings: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_THREADS (2).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash scripts/deps.sh bench
secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
workers=${BENCH_THREADS:-2}

cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DIFZO_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target ifzo >/dev/null

tmp=$(mktemp -d /tmp/ifzo-bench-XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

ifzo_port=18080
nginx_port=18081
./build-bench/ifzo serve --db "sqlite:$tmp/bench.db" --listen 127.0.0.1:$ifzo_port \
  --threads "$workers" --log-level error 2>"$tmp/ifzo.log" &
pids+=($!)
for _ in $(seq 100); do curl -sf "127.0.0.1:$ifzo_port/healthz" >/dev/null && break; sleep 0.1; done

# nginx serves byte-identical copies of both answers.
mkdir -p "$tmp/www/api"
curl -sf "127.0.0.1:$ifzo_port/api/version" >"$tmp/www/api/version"
curl -sf "127.0.0.1:$ifzo_port/healthz" >"$tmp/www/healthz"
chmod -R a+rX "$tmp/www"
cat >"$tmp/nginx.conf" <<CONF
worker_processes $workers;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    default_type application/json;
  }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp" &
pids+=($!)
for _ in $(seq 100); do curl -sf "127.0.0.1:$nginx_port/api/version" >/dev/null && break; sleep 0.1; done
cmp <(curl -s "127.0.0.1:$ifzo_port/api/version") <(curl -s "127.0.0.1:$nginx_port/api/version")

# wrk prints "Requests/sec: N" and, with --latency, a "99%" line in ms/us/s.
measure() {
  local out rps p99
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$1")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  echo "$rps $p99"
}

printf '%-34s %12s %10s\n' "target" "requests/s" "p99 ms"
read -r n_rps n_p99 < <(measure "http://127.0.0.1:$nginx_port/api/version")
printf '%-34s %12.0f %10.2f\n' "nginx  /api/version (baseline)" "$n_rps" "$n_p99"
read -r i_rps i_p99 < <(measure "http://127.0.0.1:$ifzo_port/api/version")
printf '%-34s %12.0f %10.2f\n' "ifzo   /api/version" "$i_rps" "$i_p99"
read -r nh_rps nh_p99 < <(measure "http://127.0.0.1:$nginx_port/healthz")
printf '%-34s %12.0f %10.2f\n' "nginx  /healthz bytes (baseline)" "$nh_rps" "$nh_p99"
read -r ih_rps ih_p99 < <(measure "http://127.0.0.1:$ifzo_port/healthz")
printf '%-34s %12.0f %10.2f\n' "ifzo   /healthz (SQLite round trip)" "$ih_rps" "$ih_p99"

ratio=$(awk -v a="$i_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a / b}')
ratio_h=$(awk -v a="$ih_rps" -v b="$nh_rps" 'BEGIN {printf "%.2f", a / b}')
echo "ratio ifzo/nginx, static JSON route: $ratio (target >= 0.50)"
echo "ratio ifzo/nginx, /healthz:          $ratio_h"
awk -v r="$ratio" 'BEGIN {exit !(r >= 0.5)}' && echo "target met" || { echo "target NOT met"; exit 1; }
