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
#include "core/plaatsing.h"
#include "store/catalog_internal.h"
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
    FACT("einde_melding", "e", "arr", "loc", "CASE WHEN laat = 1 THEN 'te_laat' ELSE 'op_tijd' END", "0", "1", "WHERE e >= 0") \
    " UNION ALL SELECT 'doorstroom', p.d0 + p.s, p.zt, p.loc % 4, p.arr, p.loc, q.sleutel, 0, 1 FROM bench_p p JOIN bench_pair q ON q.door = p.i"
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
        /* doorstroom: one in ten pairs of placements (lo = 2k - 1, hi = 2k) belongs
         * to one client; the one that starts later is the doorstroom, filed under
         * the earlier one's mutatiereden when that had ended before (decision 70's
         * rule; the earlier one always ends after the later start minus 30 days).
         * Pairs starting on the same day, or whose end falls on the later start,
         * are left out: the event order would decide. */
        "CREATE TABLE bench_pair AS SELECT a.i AS lo, b.i AS hi, CASE WHEN b.d0 + "
        "b.s > a.d0 + "
        "a.s THEN b.i ELSE a.i END AS door, CASE WHEN b.d0 + b.s > a.d0 + a.s THEN "
        "CASE WHEN "
        "a.e >= 0 AND a.e < b.d0 + b.s THEN '0' || CAST(a.reden AS TEXT) ELSE '' "
        "END ELSE CASE "
        "WHEN b.e >= 0 AND b.e < a.d0 + a.s THEN '0' || CAST(b.reden AS TEXT) ELSE "
        "'' END END "
        "AS sleutel FROM bench_p a JOIN bench_p b ON b.i = a.i + 1 WHERE b.i % 2 = "
        "0 AND (b.i / "
        "2) % 10 = 3 AND b.d0 + b.s <> a.d0 + a.s AND a.e <> b.d0 + b.s AND b.e <> "
        "a.d0 + a.s",
        "INSERT INTO plaatsingsverzoek (id, indicatie_id, justitiabele_id, "
        "plaatser_organisatie_id, zorgtype, zorgtitel, status, aangemaakt_op, "
        "created_at, "
        "updated_at) SELECT p.i, 1, COALESCE(q.lo, p.i), 1, CASE p.zt WHEN 0 THEN "
        "'KLIN' WHEN 1 "
        "THEN 'TBS' WHEN 2 THEN 'BW' ELSE 'ABH' END, '08', 'geplaatst', d.dag, "
        "'x', 'x' FROM "
        "bench_p p JOIN bench_dag d ON d.d = p.d0 LEFT JOIN bench_pair q ON q.hi = "
        "p.i",
        /* the attempts: the declined first one, and the accepted one; one in 1,000
         * of the latter still open (reacties-te-laat reads the attempts' current
         * status) */
        "INSERT INTO toeleidingspoging (verzoek_id, zorglocatie_id, status, "
        "parallel, "
        "aanmelddatum, verlengd, created_at, updated_at) SELECT p.i, p.eerst, "
        "'geannuleerd', 0, "
        "d.dag, 0, 'x', 'x' FROM bench_p p JOIN bench_dag d ON d.d = p.d0 + p.a "
        "WHERE p.dec = 1",
        "INSERT INTO toeleidingspoging (verzoek_id, zorglocatie_id, status, "
        "parallel, "
        "aanmelddatum, verlengd, created_at, updated_at) SELECT p.i, p.loc, CASE "
        "WHEN p.i % 1000 "
        "= 7 THEN 'aangemeld' ELSE 'geaccepteerd' END, 0, d.dag, 0, 'x', 'x' FROM "
        "bench_p p "
        "JOIN bench_dag d ON d.d = p.d0 + p.a + 3 * p.dec",
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
        "INSERT INTO monitor_feit (maat, dag, week, maand, kwartaal, jaar, "
        "zorgtype, "
        "beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, "
        "sleutel, waarde, "
        "aantal) SELECT f.maat, d.dag, d.week, d.maand, d.kwartaal, d.jaar, CASE "
        "f.zt WHEN 0 THEN "
        "'KLIN' WHEN 1 THEN 'TBS' WHEN 2 THEN 'BW' ELSE 'ABH' END, CAST(f.bev + 1 "
        "AS TEXT), "
        "SUBSTR('AMSDHAGLDLIMMNENHONNEOBROVERTDZWB', CAST(f.arr * 3 + 1 AS "
        "INTEGER), 3), "
        "CASE WHEN f.loc = 0 THEN 0 ELSE (f.loc - 1) % 20 + 1 END, f.loc, "
        "f.sleutel, f.waarde, "
        "f.n FROM (SELECT maat, d, zt, bev, arr, loc, sleutel, waarde, SUM(n) AS n "
        "FROM (" FACTS ") u GROUP BY maat, d, zt, bev, arr, loc, sleutel, waarde) f "
        "JOIN bench_dag d ON d.d = f.d ORDER BY f.maat, d.dag",
    };
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
        if ((rc = run(c, steps[k])) != STORE_OK)
            return rc;
    /* and the period rows (migration 0010): the day rows summed per week, month, quarter
     * and year, with no dimension and with each one of the five kept, as the hook adds to
     * them. The same rows as the migration's one SELECT (which groups 264 million rows
     * here), made in steps: per week and month, the day rows without provider and location
     * (bench_x, small) give the rows of no dimension, care type, level and arrondissement,
     * two groupings of the day rows those of provider and location; quarters are summed
     * from the month rows, years from the quarters. */
    static const char *const dim[] = {
        "", "zorgtype", "beveiligingsniveau", "arrondissement", "zorgaanbieder", "zorglocatie"};
    static const char *const col[] = {"",
                                      "zorgtype",
                                      "beveiligingsniveau",
                                      "arrondissement",
                                      "zorgaanbieder_id",
                                      "zorglocatie_id"};
    static const char *const none[] = {"", "''", "''", "''", "0", "0"};
    static const char *const soort[] = {"week", "maand"};
#define INS_PERIODE                                                                                \
    "INSERT INTO monitor_feit_periode (maat, soort, dimensie, periode, zorgtype, "                 \
    "beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, "      \
    "aantal) "
    for (int k = 0; k < 2; k++) {
        snprintf(sql, sizeof sql,
                 "CREATE TABLE bench_x AS SELECT maat, %s AS periode, zorgtype, "
                 "beveiligingsniveau, arrondissement, sleutel, waarde, SUM(aantal) AS aantal FROM "
                 "monitor_feit GROUP BY maat, %s, zorgtype, beveiligingsniveau, arrondissement, "
                 "sleutel, waarde",
                 soort[k], soort[k]);
        if ((rc = run(c, sql)) != STORE_OK)
            return rc;
        for (int d = 0; d < 6; d++) {
            size_t len =
                (size_t)snprintf(sql, sizeof sql, INS_PERIODE "SELECT maat, '%s', '%s', %s",
                                 soort[k], dim[d], d < 4 ? "periode" : soort[k]);
            for (int e = 1; e < 6; e++)
                len += (size_t)snprintf(sql + len, sizeof sql - len, ", %s",
                                        e == d ? col[e] : none[e]);
            snprintf(
                sql + len, sizeof sql - len,
                ", sleutel, waarde, SUM(aantal) FROM %s GROUP BY maat, %s%s%s, sleutel, waarde",
                d < 4 ? "bench_x" : "monitor_feit", d < 4 ? "periode" : soort[k], d ? ", " : "",
                col[d]);
            if ((rc = run(c, sql)) != STORE_OK)
                return rc;
        }
        if ((rc = run(c, "DROP TABLE bench_x")) != STORE_OK)
            return rc;
    }
    if ((rc = run(c, INS_PERIODE
                  "SELECT maat, 'kwartaal', dimensie, SUBSTR(periode, 1, 4) || '-K' || CAST(("
                  "CAST(SUBSTR(periode, 6, 2) AS INTEGER) + 2) / 3 AS TEXT) AS q, zorgtype, "
                  "beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, "
                  "waarde, SUM(aantal) FROM monitor_feit_periode WHERE soort = 'maand' GROUP BY "
                  "maat, dimensie, q, zorgtype, beveiligingsniveau, arrondissement, "
                  "zorgaanbieder_id, zorglocatie_id, sleutel, waarde")) != STORE_OK ||
        (rc = run(c, INS_PERIODE
                  "SELECT maat, 'jaar', dimensie, SUBSTR(periode, 1, 4) AS j, zorgtype, "
                  "beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, "
                  "waarde, SUM(aantal) FROM monitor_feit_periode WHERE soort = 'kwartaal' GROUP "
                  "BY maat, dimensie, j, zorgtype, beveiligingsniveau, arrondissement, "
                  "zorgaanbieder_id, zorglocatie_id, sleutel, waarde")) != STORE_OK)
        return rc;
#undef INS_PERIODE
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
    long (*row)(db_rows *r); /* what a row adds to the total; NULL: its third column */
    long total;
} scan_ctx;

static int scan_tx(db_conn *c, void *vctx)
{
    scan_ctx *x = vctx;
    db_rows *r;
    int rc = db_query(c, x->sql, x->p, x->np, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    x->total = 0;
    while ((step = db_rows_next(r)) == 1)
        x->total += x->row ? x->row(r) : db_col_int(r, 2);
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

static long split[2]; /* binnen / buiten of the last classifying scan, so the work is done */
static ifzo_date peildatum;

/* a reaction (month, referral date, reaction date, zorgtype): within the answer term? */
static long row_termijn(db_rows *r)
{
    plaatsingsverzoek pv;
    toeleidingspoging tp;
    memset(&pv, 0, sizeof pv);
    memset(&tp, 0, sizeof tp);
    db_col_copy(r, 3, pv.zorgtype, sizeof pv.zorgtype);
    tp.aanmelddatum = store_col_date(r, 1);
    ifzo_date deadline;
    if (plaatsing_termijn(&pv, &tp, &deadline))
        split[store_col_date(r, 2) <= deadline ? 0 : 1]++;
    return 1;
}

/* a start with another start of the same client on or before it (month, start, the other's
 * end or NULL): doorstroom when the other still ran or ended at most 30 days before */
static long row_door(db_rows *r)
{
    ifzo_date s = store_col_date(r, 1), e = store_col_date(r, 2);
    return e == IFZO_NO_DATE || e >= s - 30 ? 1 : 0;
}

/* an attempt (referral date, zorgtype, status): open and past its answer term? */
static long row_te_laat(db_rows *r)
{
    if (strcmp(db_col_text(r, 2), "aangemeld") != 0)
        return 0;
    plaatsingsverzoek pv;
    toeleidingspoging tp;
    memset(&pv, 0, sizeof pv);
    memset(&tp, 0, sizeof tp);
    tp.status = TP_AANGEMELD;
    tp.aanmelddatum = store_col_date(r, 0);
    db_col_copy(r, 1, pv.zorgtype, sizeof pv.zorgtype);
    return plaatsing_te_laat(&pv, &tp, peildatum) ? 1 : 0;
}

static long sum_rows(const store_monitor_rij *rows, size_t n)
{
    long s = 0;
    for (size_t i = 0; i < n; i++)
        s += rows[i].aantal;
    return s;
}

/* ---- the dashboard's queries ----------------------------------------------------------- */

typedef enum { FIG_TELLING, FIG_WACHT, FIG_BEZETTING, FIG_WACHTLIJST, FIG_TE_LAAT } fig_kind;

/* One figure as its /api/monitor route asks the store for it; returns the total the scan
 * is compared with, -1 on failure. */
static long monitor_figure(store *s, fig_kind kind, const char *maat, store_monitor_per per,
                           const store_monitor_filter *f)
{
    store_monitor_rij *rows = NULL;
    size_t nr = 0;
    long total = 0;
    switch (kind) {
    case FIG_TELLING:
        if (store_monitor_tellingen(s, maat, f, per, &rows, &nr) != STORE_OK)
            return -1;
        total = sum_rows(rows, nr);
        break;
    case FIG_WACHT: { /* the three stages, and the median of each (h_monitor_wachttijden) */
        static const char *const fase[] = {"wacht_aanmelding", "wacht_acceptatie", "wacht_start"};
        for (int k = 0; k < 3; k++) {
            if (store_monitor_tellingen(s, fase[k], f, MON_PER_CODE, &rows, &nr) != STORE_OK)
                return -1;
            monitor_bin *bins = calloc(nr + 1, sizeof *bins);
            if (bins == NULL)
                return -1;
            for (size_t i = 0; i < nr; i++)
                bins[i] = (monitor_bin){rows[i].waarde, rows[i].aantal};
            int64_t med;
            monitor_percentiel(bins, nr, 50, &med);
            free(bins);
            total += sum_rows(rows, nr);
            free(rows);
            rows = NULL;
        }
        break;
    }
    case FIG_BEZETTING: { /* occupancy and the capacity beside it (h_monitor_bezetting) */
        store_monitor_aanbod *ab;
        size_t na;
        if (store_monitor_bezetting(s, f, per, &rows, &nr) != STORE_OK ||
            store_monitor_aanbod_lijst(s, f, per, &ab, &na) != STORE_OK)
            return -1;
        free(ab);
        /* the occupancy of the range's last period, compared with the scan up to tot */
        for (size_t i = 0; i < nr; i++)
            if (strcmp(rows[i].periode, rows[nr - 1].periode) == 0)
                total += rows[i].aantal;
        break;
    }
    case FIG_WACHTLIJST: {
        store_monitor_aanbod *ab;
        size_t na;
        if (store_monitor_aanbod_lijst(s, f, per, &ab, &na) != STORE_OK)
            return -1;
        for (size_t i = 0; i < na; i++)
            total += ab[i].wachtlijst;
        free(ab);
        break;
    }
    case FIG_TE_LAAT:
        if (store_monitor_te_laat_open(s, f, per, f->tot, &rows, &nr) != STORE_OK)
            return -1;
        total = sum_rows(rows, nr);
        break;
    }
    free(rows);
    return total;
}

/* the scan of a flow: events of `stap` in the range per month and category */
#define FLOW(stap, col, join)                                                                      \
    "SELECT SUBSTR(e.datum, 1, 7), " col ", COUNT(*) FROM plaatsing_gebeurtenis e JOIN "           \
    "plaatsingsverzoek v ON v.id = e.verzoek_id " join " WHERE e.stap IN " stap                    \
    " AND e.datum >= $1 AND e.datum <= $2 GROUP BY 1, 2"
/* the scan of a waiting time: the first event of `stap` per request against the request */
#define EERSTE(stap)                                                                               \
    "SELECT f.d, a.datum, 1 FROM (SELECT verzoek_id, MIN(datum) AS d FROM plaatsing_gebeurtenis "  \
    "WHERE stap = '" stap "' GROUP BY verzoek_id) f JOIN plaatsing_gebeurtenis a ON a.verzoek_id " \
    "= f.verzoek_id AND a.stap = 'aanmaken' WHERE f.d >= $1 AND f.d <= $2"

typedef struct {
    const char *name, *route;
    fig_kind kind;
    const char *maat;
    store_monitor_per per;
    const char *scan[3]; /* summed; NULL: no scan of the events gives this figure */
    long (*row)(db_rows *r);
} figure;

/* The dashboard (web/js/screens/monitor.js) asks for bezetting per zorglocatie, wachttijden
 * and nine flows with the breakdown given there; aanvragen, wachtlijsten and
 * reacties-te-laat it does not show, so they are timed with the route's default breakdown.
 * "instroom per zorglocatie" is the widest breakdown a user can pick (200 columns). */
static const figure FIGS[] = {
    {"aanvragen per zorgtype",
     "aanvragen",
     FIG_TELLING,
     "verzoek",
     MON_PER_ZORGTYPE,
     {FLOW("('aanmaken')", "v.zorgtype", "")},
     NULL},
    {"instroom per zorgtype",
     "instroom",
     FIG_TELLING,
     "instroom",
     MON_PER_ZORGTYPE,
     {FLOW("('start_zorg')", "v.zorgtype", "")},
     NULL},
    {"instroom per zorglocatie",
     "instroom",
     FIG_TELLING,
     "instroom",
     MON_PER_ZORGLOCATIE,
     {FLOW("('start_zorg')", "CAST(e.zorglocatie_id AS TEXT)", "")},
     NULL},
    {"doorstroom per mutatiereden",
     "doorstroom",
     FIG_TELLING,
     "doorstroom",
     MON_PER_CODE,
     {"SELECT SUBSTR(e.datum, 1, 7), e.datum, x.datum FROM plaatsing_gebeurtenis e JOIN "
      "plaatsingsverzoek v ON v.id = e.verzoek_id JOIN plaatsingsverzoek w ON w.justitiabele_id "
      "= v.justitiabele_id AND w.id <> v.id JOIN plaatsing_gebeurtenis a ON a.verzoek_id = w.id "
      "AND a.stap = 'start_zorg' AND a.datum <= e.datum LEFT JOIN plaatsing_gebeurtenis x ON "
      "x.verzoek_id = w.id AND x.stap = 'einde_zorg' WHERE e.stap = 'start_zorg' AND e.datum >= "
      "$1 AND e.datum <= $2"},
     row_door},
    {"uitstroom per mutatiereden",
     "uitstroom",
     FIG_TELLING,
     "uitstroom",
     MON_PER_CODE,
     {FLOW("('einde_zorg')", "e.code", "")},
     NULL},
    {"bezetting per zorglocatie",
     "bezetting",
     FIG_BEZETTING,
     NULL,
     MON_PER_ZORGLOCATIE,
     {"SELECT zorglocatie_id, 0, SUM(CASE WHEN stap = 'start_zorg' THEN 1 ELSE -1 END) FROM "
      "plaatsing_gebeurtenis WHERE stap IN ('start_zorg', 'einde_zorg') AND datum <= $2 AND "
      "CAST($1 AS TEXT) IS NOT NULL GROUP BY zorglocatie_id"},
     NULL},
    {"wachttijden (3 fasen, mediaan)",
     "wachttijden",
     FIG_WACHT,
     NULL,
     MON_PER_CODE,
     {EERSTE("aanmelden"), EERSTE("accepteren"),
      "SELECT s.datum, a.datum, 1 FROM plaatsing_gebeurtenis s JOIN plaatsing_gebeurtenis a ON "
      "a.verzoek_id = s.verzoek_id AND a.stap = 'aanmaken' WHERE s.stap = 'start_zorg' AND "
      "s.datum >= $1 AND s.datum <= $2"},
     NULL},
    {"wachtlijsten per zorglocatie",
     "wachtlijsten",
     FIG_WACHTLIJST,
     NULL,
     MON_PER_ZORGLOCATIE,
     {NULL},
     NULL},
    {"reacties per reactiemogelijkheid",
     "reacties",
     FIG_TELLING,
     "reactie",
     MON_PER_CODE,
     {FLOW("('accepteren', 'afwijzen')", "e.code", "")},
     NULL},
    {"reactietermijnen binnen / buiten",
     "reactietermijnen",
     FIG_TELLING,
     "reactietermijn",
     MON_PER_CODE,
     {"SELECT SUBSTR(e.datum, 1, 7), a.datum, e.datum, v.zorgtype FROM plaatsing_gebeurtenis e "
      "JOIN plaatsingsverzoek v ON v.id = e.verzoek_id JOIN plaatsing_gebeurtenis a ON "
      "a.verzoek_id = e.verzoek_id AND a.stap = 'aanmelden' AND a.zorglocatie_id = "
      "e.zorglocatie_id WHERE e.stap IN ('accepteren', 'afwijzen') AND e.datum >= $1 AND "
      "e.datum <= $2"},
     row_termijn},
    {"reacties te laat (open, op tot)",
     "reacties-te-laat",
     FIG_TE_LAAT,
     NULL,
     MON_PER_GEEN,
     {"SELECT t.aanmelddatum, v.zorgtype, t.status FROM toeleidingspoging t JOIN "
      "plaatsingsverzoek v ON v.id = t.verzoek_id WHERE CAST($1 AS TEXT) IS NOT NULL AND "
      "CAST($2 AS TEXT) IS NOT NULL"},
     row_te_laat},
    {"annuleringen per reden",
     "annuleringen",
     FIG_TELLING,
     "annulering",
     MON_PER_CODE,
     {FLOW("('annuleren')", "e.code", "")},
     NULL},
    {"plaatsingen in / buiten regio",
     "plaatsingen-regio",
     FIG_TELLING,
     "plaatsing_regio",
     MON_PER_CODE,
     {FLOW("('besluiten')", "l.arrondissement", "JOIN zorglocatie l ON l.id = e.zorglocatie_id")},
     NULL},
    {"plaatsingen regulier / overbrugging",
     "plaatsingen-soort",
     FIG_TELLING,
     "plaatsing_soort",
     MON_PER_CODE,
     {FLOW("('besluiten')", "e.code", "")},
     NULL},
    {"late meldingen einde zorg",
     "late-meldingen",
     FIG_TELLING,
     "einde_melding",
     MON_PER_CODE,
     {FLOW("('einde_zorg')", "CASE WHEN e.te_laat = 1 THEN 'te_laat' ELSE 'op_tijd' END", "")},
     NULL},
};

/* Best of `repeat` runs of one figure under f, in ms; *total its total. */
static double time_figure(store *s, const figure *g, const store_monitor_filter *f, int repeat,
                          long *total)
{
    double best = 1e18;
    for (int k = 0; k < repeat; k++) {
        double a = now_ms();
        *total = monitor_figure(s, g->kind, g->maat, g->per, f);
        double m = now_ms() - a;
        if (*total < 0)
            return -1;
        best = m < best ? m : best;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_monitor DB_URL PLACEMENTS [REPEAT]\n"
                        "  BENCH_REUSE=1: the database holds a generated history already\n");
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
    const char *reuse = getenv("BENCH_REUSE");
    int rc;
    db_conn *c = store_conn(s, &rc);
    if (c == NULL) {
        fprintf(stderr, "bench_monitor: no connection\n");
        return 1;
    }
    if (!pg)
        db_exec(c, "PRAGMA foreign_keys=OFF", NULL, 0, NULL);
    /* SQLite: sort the load's groupings in memory (1 GB page cache), as PostgreSQL's
     * work_mem does; reset before the timed queries */
    if (!pg && (reuse == NULL || strcmp(reuse, "1") != 0)) {
        db_exec(c, "PRAGMA temp_store=MEMORY", NULL, 0, NULL);
        db_exec(c, "PRAGMA cache_size=-1000000", NULL, 0, NULL);
    }
    if (reuse == NULL || strcmp(reuse, "1") != 0) {
        double t0 = now_ms();
        gen_ctx g = {n, pg};
        if ((rc = store_tx(s, true, gen_tx, &g)) != STORE_OK) {
            fprintf(stderr, "bench_monitor: generating failed (%d): %s\n", rc, db_errmsg(c));
            return 1;
        }
        /* PostgreSQL: VACUUM as autovacuum would after a load, so that the visibility map
         * lets index-only scans skip the heap */
        db_exec(c, pg ? "VACUUM ANALYZE" : "ANALYZE", NULL, 0, NULL);
        printf("generated %ld placements in %.1f s (%s)\n", n, (now_ms() - t0) / 1e3,
               pg ? "PostgreSQL" : "SQLite");
        if (!pg) {
            db_exec(c, "PRAGMA temp_store=DEFAULT", NULL, 0, NULL);
            db_exec(c, "PRAGMA cache_size=-2000", NULL, 0, NULL);
        }
    }
    int64_t nev = 0, nfeit = 0, nper = 0;
    store_query_int(c, "SELECT COUNT(*) FROM plaatsing_gebeurtenis", NULL, 0, &nev);
    store_query_int(c, "SELECT COUNT(*) FROM monitor_feit", NULL, 0, &nfeit);
    store_query_int(c, "SELECT COUNT(*) FROM monitor_feit_periode", NULL, 0, &nper);
    printf("%lld events, %lld day rows, %lld period rows\n", (long long)nev, (long long)nfeit,
           (long long)nper);
    /* the timed range: the busiest year of the history (most starts, ends and reactions) */
    int64_t year = 2025;
    store_query_int(c,
                    "SELECT CAST(periode AS INTEGER) FROM monitor_feit_periode WHERE soort = "
                    "'jaar' AND dimensie = '' AND maat IN ('instroom', 'uitstroom', 'reactie') "
                    "GROUP BY periode "
                    "ORDER BY SUM(aantal) DESC, periode LIMIT 1",
                    NULL, 0, &year);
    char y0[16], y1[16], title[64];
    snprintf(y0, sizeof y0, "%04d-01-01", (int)year);
    snprintf(y1, sizeof y1, "%04d-12-31", (int)year);
    store_monitor_filter f = {.periode = MON_MAAND};
    ifzo_date_from_ymd((int)year, 1, 1, &f.van);
    ifzo_date_from_ymd((int)year, 12, 31, &f.tot);
    peildatum = f.tot;
    /* the dashboard's default range: the 365 days up to today, here up to the 14th of June
     * of the next year, so that the first and last months are partial */
    store_monitor_filter w = f;
    ifzo_date_from_ymd((int)year + 1, 6, 14, &w.tot);
    w.van = w.tot - 364;
    char w0[IFZO_DATE_BUFSIZE], w1[IFZO_DATE_BUFSIZE];
    ifzo_date_format(w.van, w0);
    ifzo_date_format(w.tot, w1);
    snprintf(title, sizeof title, "query (%d, per month)", (int)year);
    printf("%-36s %10s %12s %9s %17s %10s\n", title, "monitor", "scan", "ratio", "total",
           "365 days*");
    db_param p[] = {dbp_text(y0), dbp_text(y1)};
    for (size_t q = 0; q < sizeof FIGS / sizeof FIGS[0]; q++) {
        const figure *g = &FIGS[q];
        long tm = 0, tw = 0;
        double m = time_figure(s, g, &f, repeat, &tm);
        double mw = time_figure(s, g, &w, repeat, &tw);
        if (m < 0 || mw < 0) {
            fprintf(stderr, "bench_monitor: %s failed\n", g->route);
            return 1;
        }
        /* the scan runs once: at 1,000,000 placements each takes seconds */
        double sc = 0;
        long ts = 0;
        for (int k = 0; k < 3 && g->scan[k]; k++) {
            scan_ctx x = {g->scan[k], p, 2, g->row, 0};
            double a = now_ms();
            if (store_tx(s, false, scan_tx, &x) != STORE_OK) {
                fprintf(stderr, "bench_monitor: scan of %s failed: %s\n", g->route, db_errmsg(c));
                return 1;
            }
            sc += now_ms() - a;
            ts += x.total;
        }
        if (g->scan[0])
            printf("%-36s %7.1f ms %9.1f ms %8.1f x %9ld %-7s %7.1f ms\n", g->name, m, sc,
                   sc / (m > 0 ? m : 1e-3), tm, tm == ts ? "equal" : "DIFFERS", mw);
        else
            printf("%-36s %7.1f ms %12s %10s %9ld %-7s %7.1f ms\n", g->name, m, "-", "-", tm, "",
                   mw);
        fflush(stdout);
    }
    printf("* the same query over %s .. %s (partial first and last month)\n", w0, w1);
    store_close(s);
    return 0;
}
