#!/usr/bin/env bash
# bench/msg: FZ messages over HTTP. 10,000 messages (5,000 FZ823 start zorg, then 5,000 FZ825
# einde zorg on the same 5,000 placement decisions) posted to POST /api/berichten by several
# clients at once (bench_msg.c: libcurl multi, keep-alive), each applied through the whole
# pipeline (hardened parse, XSD, technical rules, claim, workflow transition with its event
# and access-log entry, retour stored), on SQLite and on PostgreSQL (a throw-away cluster,
# scripts/pg-cluster.sh). Prints messages/s, p50/p99 latency and the ratio to plain XSD
# validation of the same 10,000 files with `xmllint --schema`, measured in the same run.
# Settings: BENCH_MESSAGES (10000, even), BENCH_CONNECTIONS (8), BENCH_THREADS (4 server
# threads), BENCH_BUILD (an existing build directory to use instead of a Release build in
# build-bench-msg; for a quick check of this script with a few messages). Loopback only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
n_total=${BENCH_MESSAGES:-10000}
conns=${BENCH_CONNECTIONS:-8}
threads=${BENCH_THREADS:-4}
n=$((n_total / 2))

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
build=${BENCH_BUILD:-}
if [ -z "$build" ]; then
  build=$root/build-bench-msg
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DIFZO_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target ifzo >/dev/null
fi
ifzo=$build/ifzo
xsd=$build/generated/xsd

tmp=$(mktemp -d /tmp/ifzo-bench-msg-XXXXXX)
chmod 755 "$tmp" # the cluster runs as an unprivileged user
pgdir=$tmp/pg
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash "$root/scripts/pg-cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

cc -std=c17 -D_POSIX_C_SOURCE=200809L -O2 -o "$tmp/bench_msg" bench/msg/bench_msg.c \
  $(pkg-config --cflags --libs libcurl)

# ---- the messages: FZ823 i and FZ825 i for decision i, from `ifzo msg example` ----------
mkdir -p "$tmp/m"
"$ifzo" msg example FZ823 --afzender 41000001 --client 888888888 --nummer 999999999 \
  --id IDPLACEHOLDER --today 2025-06-02 >"$tmp/t823.xml"
"$ifzo" msg example FZ825 --status 1 --afzender 41000001 --client 888888888 \
  --nummer 999999999 --id IDPLACEHOLDER --today 2025-06-02 >"$tmp/t825.xml"
gen() { # template prefix
  awk -v n="$n" -v out="$tmp/m/$2" 'BEGIN { RS = "^$" } { t = $0 } END {
    for (i = 1; i <= n; i++) {
      m = t; gsub(/999999999/, i, m); gsub(/888888888/, i, m); gsub(/IDPLACEHOLDER/, "B-" i, m)
      f = sprintf("%s-%05d.xml", out, i); printf "%s", m > f; close(f)
    } }' "$1"
}
gen "$tmp/t823.xml" fz823
gen "$tmp/t825.xml" fz825
ls "$tmp"/m/fz823-*.xml >"$tmp/list823"
ls "$tmp"/m/fz825-*.xml >"$tmp/list825"

# ---- baseline: plain XSD validation of the same files ------------------------------------
t0=$(date +%s.%N)
xmllint --noout --schema "$xsd/fz823.xsd" "$tmp"/m/fz823-*.xml 2>"$tmp/xmllint.log"
xmllint --noout --schema "$xsd/fz825.xsd" "$tmp"/m/fz825-*.xml 2>>"$tmp/xmllint.log"
t1=$(date +%s.%N)
valid=$(grep -c ' validates$' "$tmp/xmllint.log" || true)
[ "$valid" -eq "$n_total" ] || { echo "xmllint: only $valid of $n_total validate" >&2; exit 1; }
x_rate=$(awk -v a="$t0" -v b="$t1" -v n="$n_total" 'BEGIN {printf "%.1f", n / (b - a)}')

# ---- the data: n placement decisions in status 'besloten' at one provider ----------------
seed_sql() {
  cat <<SQL
INSERT INTO organisation (id, name, kind, version, created_at, updated_at) VALUES
  (900001, 'Bench Zorg', 'zorgaanbieder', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
  (900002, 'Bench 3RO', '3ro', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO zorgaanbieder (id, naam, agb, toelating, organisation_id, version, created_at, updated_at)
  VALUES (900001, 'Bench Zorg', '41000001', 1, 900001, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO zorglocatie (id, zorgaanbieder_id, naam, agb, adres, postcode, plaats, arrondissement,
  lat, lon, beveiligingsniveau, landelijke_functie, version, created_at, updated_at)
  VALUES (900001, 900001, 'Bench Locatie', '41000002', 'Laan 1', '3011AB', 'Rotterdam', 'RTD',
  51.92, 4.48, '1', 0, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
INSERT INTO justitiabele (id, achternaam, voornamen, geboortedatum, bsn, geslacht, postcode,
  version, created_at, updated_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, 'Bench', 'Client', '1990-01-01', CAST(100000000 + i AS TEXT), '1', '3011AB', 1,
  '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM k;
INSERT INTO indicatie (id, justitiabele_id, huidige_versie, status, zorgtype, version, created_at,
  updated_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, i, 1, 'definitief', 'ABH', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM k;
INSERT INTO indicatie_versie (indicatie_id, versie, status, indicerende_organisatie_id, zorgtype,
  criteria, zorgtitel, titel_start, titel_eind, beveiligingsniveau, urgentie, aanmelddatum,
  onderbouwing, created_at, updated_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, 1, 'definitief', 900002, 'ABH', '', '08', '2025-05-01', '2026-05-01', '1', 'SPOED',
  '2025-04-29', 'Bench.', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM k;
INSERT INTO plaatsingsverzoek (id, indicatie_id, justitiabele_id, plaatser_organisatie_id,
  zorgtype, zorgtitel, titel_start, titel_eind, status, aangemaakt_op, mutatiereden,
  einde_te_laat, version, created_at, updated_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, i, i, 900002, 'ABH', '08', '2025-05-01', '2026-05-01', 'besloten', '2025-05-02', '',
  0, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM k;
INSERT INTO toeleidingspoging (id, verzoek_id, zorglocatie_id, status, parallel, aanmelddatum,
  verlengd, version, created_at, updated_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, i, 900001, 'geaccepteerd', 0, '2025-05-02', 0, 1, '2025-01-01T00:00:00Z',
  '2025-01-01T00:00:00Z' FROM k;
INSERT INTO reactie (poging_id, code, accepteert, toelichting, datum, created_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, '01', 1, '', '2025-05-03', '2025-01-01T00:00:00Z' FROM k;
INSERT INTO plaatsingsbesluit (verzoek_id, poging_id, besluitnummer, zorglocatie_id, zorgtype,
  verwachte_startdatum, besluitdatum, created_at)
  WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
  SELECT i, i, CAST(i AS TEXT), 900001, 'ABH', '2025-05-05', '2025-05-04',
  '2025-01-01T00:00:00Z' FROM k;
SQL
}

# run BACKEND URL: migrate, seed, serve, post, check, print one result line
run() {
  local backend=$1 url=$2 port=$3
  "$ifzo" migrate --db "$url" >/dev/null
  if [ "$backend" = sqlite ]; then
    seed_sql | sqlite3 "${url#sqlite:}"
  else
    seed_sql | psql -q -v ON_ERROR_STOP=1 "$url" >/dev/null
  fi
  local token
  token=$("$ifzo" token create --db "$url" --organisation 900001 --name bench | awk '{print $3}')
  IFZO_TODAY=2025-06-02 "$ifzo" serve --db "$url" --listen 127.0.0.1:"$port" \
    --threads "$threads" --log-level error 2>"$tmp/serve-$backend.log" &
  local pid=$!
  pids+=("$pid")
  for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local out
  out=$("$tmp/bench_msg" "http://127.0.0.1:$port/api/berichten" "$token" "$conns" "$tmp/list823" "$tmp/list825")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$out"
}

line() { # backend "key=value ..." line
  local rate p50 p99 applied
  rate=$(sed -E 's/.*per_second=([0-9.]+).*/\1/' <<<"$2")
  p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$2")
  p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$2")
  applied=$(sed -E 's/.*applied=([0-9]+).*/\1/' <<<"$2")
  printf '%-28s %12s %9s %9s %10s %8s\n' "ifzo $1" "$rate" "$p50" "$p99" "$applied" \
    "$(awk -v a="$rate" -v b="$x_rate" 'BEGIN {printf "%.3f", a / b}')"
  [ "$applied" -eq "$n_total" ] || { echo "not every message was applied" >&2; exit 1; }
}

r_sqlite=$(run sqlite "sqlite:$tmp/bench.db" 18090)
pg_url=$(bash scripts/pg-cluster.sh start "$pgdir")
r_pg=$(run postgres "$pg_url" 18091)

echo "messages: $n FZ823 + $n FZ825 = $n_total, $conns client connections, $threads server threads"
printf '%-28s %12s %9s %9s %10s %8s\n' "" "messages/s" "p50 ms" "p99 ms" "applied" "ratio"
printf '%-28s %12s %9s %9s %10s %8s\n' "xmllint --schema (baseline)" "$x_rate" "-" "-" "-" "1"
line sqlite "$r_sqlite"
line postgres "$r_pg"
echo "ratio = ifzo messages/s over HTTP, applied, / xmllint XSD validations/s (one process)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
