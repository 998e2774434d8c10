#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests, on a unix socket in a temporary folder.
#   scripts/pg-cluster.sh start DIR   initdb (as an unprivileged system user: initdb refuses
#                                      root) and start; prints the libpq URL to use
#   scripts/pg-cluster.sh stop DIR    stop it and remove DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?directory}
bin=/usr/lib/postgresql/15/bin
run_as=postgres
id "$run_as" >/dev/null 2>&1 || run_as=nobody
as_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$run_as" -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown "$run_as" "$dir"
    chmod 700 "$dir"
    as_user "$bin/initdb" -D "$dir/data" -U ifzo -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses='' -k $dir -p 5432 -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://ifzo@/postgres?host=$dir&port=5432"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
