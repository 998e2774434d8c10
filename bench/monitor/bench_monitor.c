/*
 * bench_monitor.c - the capacity monitor's dashboard queries on a generated history of N
 * placements (issue 10), timed against the same figure computed by a plain scan of the
 * event table, on the database named by the first argument (sqlite:PATH or postgres://).
 *
 * Why generated in bulk: through the API a million placements take hours. The generator
 * writes plaatsingsverzoek and plaatsing_gebeurtenis rows as the workflow would (aanmaken,
 * aanmelden, an optional declined and cancelled first attempt, accepteren, besluiten,
 * start_zorg, einde_zorg) and monitor_feit as the store's hook would for those events
 * (aggregated in memory by one sort instead of one upsert per event; the store tests prove
 * the hook and a rebuild agree). monitor_traject is not filled: no dashboard query reads it.
 *
 * Deterministic (fixed LCG seed). Foreign keys are switched off for the bulk load (no
 * indications or clients are generated). Prints one line per query: monitor ms, scan ms,
 * ratio, and whether both gave the same total.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/monitor.h"
#include "store/db.h"
#include "store/monitor.h"
#include "store/store_internal.h"

static const char *const ZT[] = {"KLIN", "TBS", "BW", "ABH"};
static const char *const ARR[] = {"AMS", "DHA", "GLD", "LIM", "MNE", "NHO",
                                  "NNE", "OBR", "OVE", "RTD", "ZWB"};
#define NLOC  200
#define NPROV 20
#define DAYS  3652 /* 2016-01-01 .. 2025-12-31 */

/* the day offset of January 1st of the year of day offset d */
static ifzo_date day0;
static int jan1(int d)
{
    ifzo_date s;
    monitor_periode_van(MON_JAAR, day0 + d, &s, NULL, NULL);
    return (int)(s - day0);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void fmt(int day, char out[IFZO_DATE_BUFSIZE])
{
    ifzo_date_format(day0 + day, out);
}

/* ---- generation: set-based SQL inside the database ------------------------------------ */

/* Why set-based: binding 25 million values one by one through the store's db_exec cost
 * 470 s for 100,000 placements on the loaded machine. Here the database computes every
 * placement from its number with two multiplicative hashes (same integers on both
 * engines: products stay below 2^53), so the load is a handful of INSERT ... SELECT
 * statements. The helper tables bench_p (one row per placement) and bench_dag (day offset
 * -> date and period labels, filled from core/monitor.h) stay in the bench database. */

typedef struct {
    long n;
    bool pg;
} gen_ctx;

static int run(db_conn *c, const char *sql)
{
    double t = now_ms();
    int rc = db_exec(c, sql, NULL, 0, NULL);
    if (rc != STORE_OK)
        fprintf(stderr, "bench_monitor: %s\n  failed: %s\n", sql, db_errmsg(c));
    else
        fprintf(stderr, "  %.1f s  %.60s\n", (now_ms() - t) / 1e3, sql);
    return rc;
}

/* one placement's event of stap on day column dcol at location column lcol */
#define EVENT(stap, lcol, dcol, code, late, where)                                                 \
    "INSERT INTO plaatsing_gebeurtenis (verzoek_id, zorglocatie_id, stap, status_van, "            \
    "status_naar, datum, code, tekst, te_laat, username, role, at) SELECT p.i, " lcol ", '" stap   \
    "', '-', '-', d.dag, " code ", '', " late ", 'bench', 'plaatser', '2026-01-01T00:00:00Z' "     \
    "FROM bench_p p JOIN bench_dag d ON d.d = " dcol " " where

/* one fact: maat, day, dims (zt, bev, arr, loc), sleutel, waarde, +1/-1 */
#define FACT(maat, dcol, arr, loc, sl, w, n, where)                                                \
    "SELECT '" maat "' AS maat, " dcol " AS d, zt, loc % 4 AS bev, " arr " AS arr, " loc           \
    " AS loc, " sl " AS sleutel, " w " AS waarde, " n " AS n FROM bench_p " where

/* The facts the store's hook writes for the events above, one SELECT per kind of fact. */
/* clang-format off */
#define FACTS \
    FACT("verzoek", "d0", "arr", "0", "''", "0", "1", "") " UNION ALL " \
    FACT("wacht_aanmelding", "d0 + a", "arr", "eerst", "CASE WHEN a <= 5 THEN 'binnen' ELSE 'buiten' END", "a", "1", "") " UNION ALL " \
    FACT("reactie", "d0 + a + 2", "arr", "eerst", "'16'", "0", "1", "WHERE dec = 1") " UNION ALL " \
    FACT("reactietermijn", "d0 + a + 2", "arr", "eerst", "'binnen'", "2", "1", "WHERE dec = 1") " UNION ALL " \
    FACT("annulering", "d0 + a + 3", "arr", "eerst", "'ZA02'", "0", "1", "WHERE dec = 1") " UNION ALL " \
    FACT("reactie", "d0 + b", "arr", "loc", "'01'", "0", "1", "") " UNION ALL " \
    FACT("reactietermijn", "d0 + b", "arr", "loc", "CASE WHEN b - a <= 7 THEN 'binnen' ELSE 'buiten' END", "b - a", "1", "") " UNION ALL " \
    FACT("wacht_acceptatie", "d0 + b", "arr", "loc", "CASE WHEN b <= 14 THEN 'binnen' ELSE 'buiten' END", "b", "1", "") " UNION ALL " \
    FACT("plaatsing_regio", "d0 + b", "arr", "loc", "CASE WHEN arr = loc % 11 THEN 'in_regio' ELSE 'buiten_regio' END", "0", "1", "") " UNION ALL " \
    FACT("plaatsing_soort", "d0 + b", "arr", "loc", "CASE WHEN pas = 1 THEN 'regulier' ELSE 'overbrugging' END", "0", "1", "") " UNION ALL " \
    FACT("instroom", "d0 + s", "arr", "loc", "''", "0", "1", "") " UNION ALL " \
    FACT("bezetting", "d0 + s", "loc % 11", "loc", "''", "0", "1", "") " UNION ALL " \
    FACT("bezetting_jaar", "(SELECT jan1 FROM bench_dag WHERE d = d0 + s)", "loc % 11", "loc", "''", "0", "1", "") " UNION ALL " \
    FACT("wacht_start", "d0 + s", "arr", "loc", "CASE WHEN s <= 28 THEN 'binnen' ELSE 'buiten' END", "s", "1", "") " UNION ALL " \
    FACT("uitstroom", "e", "arr", "loc", "'0' || CAST(reden AS TEXT)", "0", "1", "WHERE e >= 0") " UNION ALL " \
    FACT("bezetting", "e", "loc % 11", "loc", "''", "0", "-1", "WHERE e >= 0") " UNION ALL " \
    FACT("bezetting_jaar", "(SELECT jan1 FROM bench_dag WHERE d = e)", "loc % 11", "loc", "''", "0", "-1", "WHERE e >= 0") " UNION ALL " \
    FACT("einde_melding", "e", "arr", "loc", "CASE WHEN laat = 1 THEN 'te_laat' ELSE 'op_tijd' END", "0", "1", "WHERE e >= 0")
/* clang-format on */

static int gen_tx(db_conn *c, void *vctx)
{
    gen_ctx *x = vctx;
    int rc;
    char sql[4096];
    if (x->pg && ((rc = run(c, "SET LOCAL session_replication_role = replica")) != STORE_OK ||
                  (rc = run(c, "SET LOCAL work_mem = '256MB'")) != STORE_OK))
        return rc;
    /* providers, locations (200: provider i % 20, type i % 4, level, arrondissement), offer */
    for (int i = 1; i <= NPROV; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO zorgaanbieder (id, naam, agb, toelating, version, created_at, "
                 "updated_at) VALUES (%d, 'Aanbieder %d', '%08d', 1, 1, 'x', 'x')",
                 i, i, 90000000 + i);
        if ((rc = db_exec(c, sql, NULL, 0, NULL)) != STORE_OK)
            return rc;
    }
    for (int i = 1; i <= NLOC; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO zorglocatie (id, zorgaanbieder_id, naam, agb, adres, postcode, "
                 "plaats, arrondissement, lat, lon, beveiligingsniveau, landelijke_functie, "
                 "version, created_at, updated_at) VALUES (%d, %d, 'Locatie %d', '%08d', 'a', "
                 "'1000AA', 'p', '%s', 52, 5, '%d', 0, 1, 'x', 'x')",
                 i, (i - 1) % NPROV + 1, i, 80000000 + i, ARR[i % 11], i % 4 + 1);
        if ((rc = db_exec(c, sql, NULL, 0, NULL)) != STORE_OK)
            return rc;
        snprintf(sql, sizeof sql,
                 "INSERT INTO zorgaanbod (zorglocatie_id, zorgtype, criteria, leeftijd_min, "
                 "leeftijd_max, capaciteit, bezet, wachtlijst, wachttijd_dagen, opnamestop, "
                 "bijgewerkt_op, version, created_at, updated_at) VALUES (%d, '%s', '{}', 18, "
                 "99, %d, 0, %d, %d, 0, '2025-12-31', 1, 'x', 'x')",
                 i, ZT[i % 4], 300 + i % 50, i % 9, 10 + i % 40);
        if ((rc = db_exec(c, sql, NULL, 0, NULL)) != STORE_OK)
            return rc;
    }
    /* days: date text, the four period labels and the offset of January 1st */
    if ((rc = run(c, "CREATE TABLE bench_dag (d INTEGER PRIMARY KEY, dag TEXT, week TEXT, "
                     "maand TEXT, kwartaal TEXT, jaar TEXT, jan1 INTEGER)")) != STORE_OK)
        return rc;
    for (int d = 0; d < DAYS + 100;) {
        size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO bench_dag VALUES ");
        for (int k = 0; k < 20 && d < DAYS + 100; k++, d++) {
            char dag[IFZO_DATE_BUFSIZE], lbl[4][MONITOR_LABEL_BUF];
            fmt(d, dag);
            for (int p = 0; p < 4; p++)
                monitor_periode_van((monitor_periode)p, day0 + d, NULL, NULL, lbl[p]);
            len += (size_t)snprintf(sql + len, sizeof sql - len,
                                    "%s(%d, '%s', '%s', '%s', '%s', '%s', %d)", k ? ", " : "", d,
                                    dag, lbl[0], lbl[1], lbl[2], lbl[3], jan1(d));
        }
        if ((rc = db_exec(c, sql, NULL, 0, NULL)) != STORE_OK)
            return rc;
    }
    /* the placements: requests spread evenly over the ten years */
    const char *series = x->pg ? "SELECT generate_series(CAST(1 AS BIGINT), %ld) AS i"
                               : "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s "
                                 "WHERE i < %ld) SELECT i FROM s";
    char ser[256];
    snprintf(ser, sizeof ser, series, x->n);
    snprintf(
        sql, sizeof sql,
        "CREATE TABLE bench_p AS SELECT i, d0, zt, arr, loc, CASE WHEN dec = 1 THEN loc %% %d + 1 "
        "ELSE loc END AS eerst, dec, a, b, s, CASE WHEN heeft_einde = 1 AND d0 + s + 30 + eo < "
        "%d THEN d0 + s + 30 + eo ELSE -1 END AS e, reden, laat, pas FROM (SELECT i, d0, zt, "
        "arr, slot * 4 + CASE WHEN zt = 0 THEN 4 ELSE zt END AS loc, dec, a, a + 1 + bb AS b, a "
        "+ 1 + bb + ss AS s, eo, heeft_einde, reden, laat, pas FROM (SELECT i, (i - 1) * %d / "
        "%ld AS d0, h1 %% 4 AS zt, (h1 / 4) %% 11 AS arr, (h1 / 44) %% 50 AS slot, (h1 / 2200) "
        "%% 10 AS a, (h1 / 22000) %% 14 AS bb, (h1 / 308000) %% 30 AS ss, CASE WHEN (h1 / "
        "9240000) %% 10 < 3 THEN 1 ELSE 0 END AS dec, CASE WHEN (h1 / 92400000) %% 10 <> 0 "
        "THEN 1 ELSE 0 END AS pas, h2 %% 700 AS eo, CASE WHEN (h2 / 700) %% 5 <> 0 THEN 1 ELSE "
        "0 END AS heeft_einde, (h2 / 3500) %% 7 + 1 AS reden, CASE WHEN (h2 / 24500) %% 10 = 0 "
        "THEN 1 ELSE 0 END AS laat FROM (SELECT i, (i * 2654435761) %% 4294967291 AS h1, (i * "
        "2246822519 + 3266489917) %% 4294967279 AS h2 FROM (%s) g) h) q) r",
        NLOC, DAYS, DAYS - 60, x->n, ser);
    if ((rc = run(c, sql)) != STORE_OK)
        return rc;
    static const char *const steps[] = {
        "INSERT INTO plaatsingsverzoek (id, indicatie_id, justitiabele_id, "
        "plaatser_organisatie_id, zorgtype, zorgtitel, status, aangemaakt_op, created_at, "
        "updated_at) SELECT p.i, 1, 1, 1, CASE p.zt WHEN 0 THEN 'KLIN' WHEN 1 THEN 'TBS' WHEN 2 "
        "THEN 'BW' ELSE 'ABH' END, '08', 'geplaatst', d.dag, 'x', 'x' FROM bench_p p JOIN "
        "bench_dag d ON d.d = p.d0",
        EVENT("aanmaken", "NULL", "p.d0", "''", "0", ""),
        EVENT("aanmelden", "p.eerst", "p.d0 + p.a", "''", "0", ""),
        EVENT("afwijzen", "p.eerst", "p.d0 + p.a + 2", "'16'", "0", "WHERE p.dec = 1"),
        EVENT("annuleren", "p.eerst", "p.d0 + p.a + 3", "'ZA02'", "0", "WHERE p.dec = 1"),
        EVENT("aanmelden", "p.loc", "p.d0 + p.a + 3", "''", "0", "WHERE p.dec = 1"),
        EVENT("accepteren", "p.loc", "p.d0 + p.b", "'01'", "0", ""),
        EVENT("besluiten", "p.loc", "p.d0 + p.b", "''", "0", ""),
        EVENT("start_zorg", "p.loc", "p.d0 + p.s", "''", "0", ""),
        EVENT("einde_zorg", "p.loc", "p.e", "'0' || CAST(p.reden AS TEXT)", "p.laat",
              "WHERE p.e >= 0"),
        /* the facts the store's hook writes for those events, merged per key */
        "INSERT INTO monitor_feit (maat, dag, week, maand, kwartaal, jaar, zorgtype, "
        "beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, "
        "aantal) SELECT f.maat, d.dag, d.week, d.maand, d.kwartaal, d.jaar, CASE f.zt WHEN 0 THEN "
        "'KLIN' WHEN 1 THEN 'TBS' WHEN 2 THEN 'BW' ELSE 'ABH' END, CAST(f.bev + 1 AS TEXT), "
        "SUBSTR('AMSDHAGLDLIMMNENHONNEOBROVERTDZWB', CAST(f.arr * 3 + 1 AS INTEGER), 3), "
        "CASE WHEN f.loc = 0 THEN 0 ELSE (f.loc - 1) % 20 + 1 END, f.loc, f.sleutel, f.waarde, "
        "f.n FROM (SELECT maat, d, zt, bev, arr, loc, sleutel, waarde, SUM(n) AS n FROM (" FACTS
        ") u GROUP BY maat, d, zt, bev, arr, loc, sleutel, waarde) f "
        "JOIN bench_dag d ON d.d = f.d ORDER BY f.maat, d.dag",
    };
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        if ((rc = run(c, steps[k])) != STORE_OK)
            return rc;
    int64_t rows = 0;
    store_query_int(c, "SELECT COUNT(*) FROM monitor_feit", NULL, 0, &rows);
    fprintf(stderr, "  %lld fact rows\n", (long long)rows);
    return STORE_OK;
}

/* ---- the plain scans ------------------------------------------------------------------- */

typedef struct {
    const char *sql;
    const db_param *p;
    int np;
    long total; /* sum of the last column */
    long rows;
} scan_ctx;

static int scan_tx(db_conn *c, void *vctx)
{
    scan_ctx *x = vctx;
    db_rows *r;
    int rc = db_query(c, x->sql, x->p, x->np, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    x->total = x->rows = 0;
    while ((step = db_rows_next(r)) == 1) {
        x->rows++;
        x->total += db_col_int(r, 2);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

static long sum_rows(const store_monitor_rij *rows, size_t n)
{
    long s = 0;
    for (size_t i = 0; i < n; i++)
        s += rows[i].aantal;
    return s;
}

static void line(const char *name, double mon, double scan, long a, long b)
{
    printf("%-34s %9.1f ms %10.1f ms %8.1f x  %s\n", name, mon, scan, scan / (mon > 0 ? mon : 1e-3),
           a == b ? "equal" : "DIFFERENT");
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_monitor DB_URL PLACEMENTS [REPEAT]\n");
        return 2;
    }
    const char *url = argv[1];
    long n = atol(argv[2]);
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    ifzo_date_from_ymd(2016, 1, 1, &day0);
    store *s;
    char err[256];
    int applied;
    if (store_open(url, &s, err, sizeof err) != STORE_OK ||
        store_migrate(s, &applied, err, sizeof err) != STORE_OK) {
        fprintf(stderr, "bench_monitor: %s\n", err);
        return 1;
    }
    bool pg = strncmp(url, "postgres", 8) == 0;
    int rc;
    db_conn *c = store_conn(s, &rc);
    if (!pg && c)
        db_exec(c, "PRAGMA foreign_keys=OFF", NULL, 0, NULL);
    double t0 = now_ms();
    gen_ctx g = {n, pg};
    if ((rc = store_tx(s, true, gen_tx, &g)) != STORE_OK) {
        fprintf(stderr, "bench_monitor: generating failed (%d): %s\n", rc, c ? db_errmsg(c) : "");
        return 1;
    }
    if (c)
        db_exec(c, pg ? "ANALYZE" : "ANALYZE", NULL, 0, NULL);
    printf("generated %ld placements in %.1f s (%s)\n", n, (now_ms() - t0) / 1e3,
           pg ? "PostgreSQL" : "SQLite");
    /* the timed range: the busiest year of the history (most starts, ends and reactions) */
    int64_t year = 2025;
    if (c)
        store_query_int(c,
                        "SELECT CAST(jaar AS INTEGER) FROM monitor_feit WHERE maat IN ('instroom', "
                        "'uitstroom', 'reactie') GROUP BY jaar ORDER BY SUM(aantal) DESC, jaar "
                        "LIMIT 1",
                        NULL, 0, &year);
    char y0[16], y1[16], title[64];
    snprintf(y0, sizeof y0, "%04d-01-01", (int)year);
    snprintf(y1, sizeof y1, "%04d-12-31", (int)year);
    snprintf(title, sizeof title, "query (%d, per month)", (int)year);
    printf("%-34s %12s %13s %10s\n", title, "monitor", "scan of events", "ratio");

    store_monitor_filter f = {.periode = MON_MAAND};
    ifzo_date_from_ymd((int)year, 1, 1, &f.van);
    ifzo_date_from_ymd((int)year, 12, 31, &f.tot);
    db_param p[] = {dbp_text(y0), dbp_text(y1)};
    static const struct {
        const char *name, *maat, *stap, *col;
        store_monitor_per per;
    } flows[] = {
        {"instroom per zorgtype", "instroom", "('start_zorg')", "v.zorgtype", MON_PER_ZORGTYPE},
        {"uitstroom per mutatiereden", "uitstroom", "('einde_zorg')", "e.code", MON_PER_CODE},
        {"reacties per reactiemogelijkheid", "reactie", "('accepteren', 'afwijzen')", "e.code",
         MON_PER_CODE},
        {"annuleringen per reden", "annulering", "('annuleren')", "e.code", MON_PER_CODE},
        {"instroom per zorglocatie", "instroom", "('start_zorg')", "CAST(e.zorglocatie_id AS TEXT)",
         MON_PER_ZORGLOCATIE},
        {"aanvragen per zorgtype", "verzoek", "('aanmaken')", "v.zorgtype", MON_PER_ZORGTYPE},
        {"meldingen einde zorg op tijd / te laat", "einde_melding", "('einde_zorg')",
         "CASE WHEN e.te_laat = 1 THEN 'te_laat' ELSE 'op_tijd' END", MON_PER_CODE},
    };
    for (size_t q = 0; q < sizeof flows / sizeof flows[0]; q++) {
        double best_m = 1e18, best_s = 1e18;
        long tm = 0, ts = 0;
        char sql[512];
        snprintf(sql, sizeof sql,
                 "SELECT SUBSTR(e.datum, 1, 7), %s, COUNT(*) FROM plaatsing_gebeurtenis e JOIN "
                 "plaatsingsverzoek v ON v.id = e.verzoek_id WHERE e.stap IN %s AND e.datum >= $1 "
                 "AND e.datum <= $2 GROUP BY 1, 2",
                 flows[q].col, flows[q].stap);
        for (int k = 0; k < repeat; k++) {
            store_monitor_rij *rows;
            size_t nr;
            double a = now_ms();
            if (store_monitor_tellingen(s, flows[q].maat, &f, flows[q].per, &rows, &nr) != STORE_OK)
                return 1;
            double m = now_ms() - a;
            tm = sum_rows(rows, nr);
            free(rows);
            scan_ctx x = {sql, p, 2, 0, 0};
            double sc = 1e18;
            if (k == 0) { /* the scans run once: at 1,000,000 placements each takes seconds */
                a = now_ms();
                if (store_tx(s, false, scan_tx, &x) != STORE_OK)
                    return 1;
                sc = now_ms() - a;
                ts = x.total;
            }
            best_m = m < best_m ? m : best_m;
            best_s = sc < best_s ? sc : best_s;
        }
        line(flows[q].name, best_m, best_s, tm, ts);
    }

    /* waiting time to start: facts by day count vs. a self-join of the events */
    {
        double best_m = 1e18, best_s = 1e18;
        long tm = 0, ts = 0;
        for (int k = 0; k < repeat; k++) {
            store_monitor_rij *rows;
            size_t nr;
            double a = now_ms();
            if (store_monitor_tellingen(s, "wacht_start", &f, MON_PER_CODE, &rows, &nr) != STORE_OK)
                return 1;
            monitor_bin *bins = calloc(nr + 1, sizeof *bins);
            for (size_t i = 0; i < nr; i++)
                bins[i] = (monitor_bin){rows[i].waarde, rows[i].aantal};
            int64_t med;
            monitor_percentiel(bins, nr, 50, &med);
            free(bins);
            double m = now_ms() - a;
            tm = sum_rows(rows, nr);
            free(rows);
            scan_ctx x = {"SELECT s.datum, a.datum, 1 FROM plaatsing_gebeurtenis s JOIN "
                          "plaatsing_gebeurtenis a ON a.verzoek_id = s.verzoek_id AND a.stap = "
                          "'aanmaken' WHERE s.stap = 'start_zorg' AND s.datum >= $1 AND s.datum "
                          "<= $2",
                          p, 2, 0, 0};
            double sc = 1e18;
            if (k == 0) { /* the scans run once: at 1,000,000 placements each takes seconds */
                a = now_ms();
                if (store_tx(s, false, scan_tx, &x) != STORE_OK)
                    return 1;
                sc = now_ms() - a;
                ts = x.rows;
            }
            best_m = m < best_m ? m : best_m;
            best_s = sc < best_s ? sc : best_s;
        }
        line("wachttijd tot start (mediaan)", best_m, best_s, tm, ts);
    }

    /* occupancy per location at each month end of the year vs. counting starts minus ends at
     * the year end only (one scan of the history; the monitor answers all twelve) */
    {
        double best_m = 1e18, best_s = 1e18;
        long tm = 0, ts = 0;
        for (int k = 0; k < repeat; k++) {
            store_monitor_rij *rows;
            size_t nr;
            double a = now_ms();
            if (store_monitor_bezetting(s, &f, MON_PER_ZORGLOCATIE, &rows, &nr) != STORE_OK)
                return 1;
            double m = now_ms() - a;
            tm = 0;
            for (size_t i = 0; i < nr; i++)
                if (strncmp(rows[i].periode, y0, 4) == 0 && strcmp(rows[i].periode + 4, "-12") == 0)
                    tm += rows[i].aantal;
            free(rows);
            a = now_ms();
            for (int month = 12; month <= 12 && k == 0; month++) {
                char last[IFZO_DATE_BUFSIZE];
                ifzo_date d;
                if (month == 12)
                    ifzo_date_from_ymd((int)year, 12, 31, &d);
                else {
                    ifzo_date_from_ymd((int)year, month + 1, 1, &d);
                    d -= 1;
                }
                ifzo_date_format(d, last);
                db_param pm[] = {dbp_text(last)};
                scan_ctx x = {"SELECT zorglocatie_id, 0, SUM(CASE WHEN stap = 'start_zorg' THEN "
                              "1 ELSE -1 END) FROM plaatsing_gebeurtenis WHERE stap IN "
                              "('start_zorg', 'einde_zorg') AND datum <= $1 GROUP BY "
                              "zorglocatie_id",
                              pm, 1, 0, 0};
                if (store_tx(s, false, scan_tx, &x) != STORE_OK)
                    return 1;
                ts = x.total;
            }
            double sc = k == 0 ? now_ms() - a : 1e18;
            best_m = m < best_m ? m : best_m;
            best_s = sc < best_s ? sc : best_s;
        }
        line("bezetting per locatie (12 peildata)*", best_m, best_s, tm, ts);
    }
    store_close(s);
    return 0;
}
