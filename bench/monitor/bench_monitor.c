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
static const char *const MAAT[] = {
    "verzoek",          "instroom",        "uitstroom",     "bezetting",      "wacht_aanmelding",
    "wacht_acceptatie", "wacht_start",     "reactie",       "reactietermijn", "annulering",
    "plaatsing_regio",  "plaatsing_soort", "einde_melding", "bezetting_jaar"};
enum {
    M_VERZOEK,
    M_IN,
    M_UIT,
    M_BEZ,
    M_WA,
    M_WAC,
    M_WS,
    M_RE,
    M_RT,
    M_AN,
    M_PR,
    M_PS,
    M_EM,
    M_BEZJ
};
/* sleutel codes: index into SL */
static const char *const SL[] = {"",          "binnen",  "buiten",   "01",           "02",
                                 "03",        "04",      "05",       "06",           "07",
                                 "16",        "ZA02",    "in_regio", "buiten_regio", "passend",
                                 "afwijkend", "op_tijd", "te_laat"};
enum {
    S_NONE,
    S_BIN,
    S_BUI,
    S_01,
    S_07 = 9,
    S_16 = 10,
    S_ZA02,
    S_INR,
    S_BUR,
    S_PAS,
    S_AFW,
    S_OPT,
    S_LAAT
};

#define NLOC  200
#define NPROV 20
#define DAYS  3652 /* 2016-01-01 .. 2025-12-31 */

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* fact key: day 12 | maat 4 | zt 2 | bev 2 | arr 4 | loc 8 | sleutel 5 | waarde 10 | neg 1 */
static uint64_t key(int day, int maat, int zt, int bev, int arr, int loc, int sl, int waarde,
                    int neg)
{
    return ((uint64_t)day << 48) | ((uint64_t)maat << 44) | ((uint64_t)zt << 42) |
           ((uint64_t)bev << 40) | ((uint64_t)arr << 36) | ((uint64_t)loc << 28) |
           ((uint64_t)sl << 23) | ((uint64_t)waarde << 13) | (uint64_t)neg;
}

static uint64_t *facts;
static size_t nfacts, capfacts;
static void fact(int day, int maat, int zt, int bev, int arr, int loc, int sl, int waarde, int neg)
{
    if (nfacts == capfacts) {
        capfacts = capfacts ? capfacts * 2 : 1 << 20;
        facts = realloc(facts, capfacts * sizeof *facts);
        if (facts == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    facts[nfacts++] = key(day, maat, zt, bev, arr, loc, sl, waarde > 1023 ? 1023 : waarde, neg);
}

/* the day offset of January 1st of the year of day offset d */
static ifzo_date day0;
static int jan1(int d)
{
    ifzo_date s;
    monitor_periode_van(MON_JAAR, day0 + d, &s, NULL, NULL);
    return (int)(s - day0);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
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

/* ---- bulk insert: one cached multi-row statement per table ----------------------------- */

#define BATCH 100
typedef struct {
    const char *table, *cols;
    int ncols;
    char sql[BATCH * 200 + 512];
    db_param p[BATCH * 16];
    char text[BATCH * 16][24]; /* owned copies of text params */
    int rows;
} bulk;

static void bulk_init(bulk *b, const char *table, const char *cols, int ncols)
{
    b->table = table;
    b->cols = cols;
    b->ncols = ncols;
    b->rows = 0;
}

static int bulk_flush(db_conn *c, bulk *b)
{
    if (b->rows == 0)
        return STORE_OK;
    size_t len =
        (size_t)snprintf(b->sql, sizeof b->sql, "INSERT INTO %s (%s) VALUES ", b->table, b->cols);
    int k = 1;
    for (int r = 0; r < b->rows; r++) {
        len += (size_t)snprintf(b->sql + len, sizeof b->sql - len, "%s(", r ? ", " : "");
        for (int j = 0; j < b->ncols; j++)
            len += (size_t)snprintf(b->sql + len, sizeof b->sql - len, "%s$%d", j ? ", " : "", k++);
        len += (size_t)snprintf(b->sql + len, sizeof b->sql - len, ")");
    }
    int rc = db_exec(c, b->sql, b->p, b->rows * b->ncols, NULL);
    b->rows = 0;
    return rc;
}

/* add one row: values as "i:123" (int), "t:text", "n" (null) */
static int bulk_row(db_conn *c, bulk *b, const char *const *vals)
{
    for (int j = 0; j < b->ncols; j++) {
        int at = b->rows * b->ncols + j;
        const char *v = vals[j];
        if (v[0] == 'i')
            b->p[at] = dbp_int(strtoll(v + 2, NULL, 10));
        else if (v[0] == 'n')
            b->p[at] = dbp_null();
        else {
            snprintf(b->text[at], sizeof b->text[at], "%s", v + 2);
            b->p[at] = dbp_text(b->text[at]);
        }
    }
    if (++b->rows == BATCH)
        return bulk_flush(c, b);
    return STORE_OK;
}

typedef struct {
    long n;
    bool pg;
} gen_ctx;

static bulk ev, pv, ft;
static char v[16][32];

static int event(db_conn *c, long verzoek, int loc, const char *stap, int day, const char *code,
                 int te_laat)
{
    char d[IFZO_DATE_BUFSIZE];
    fmt(day, d);
    snprintf(v[0], 32, "i:%ld", verzoek);
    snprintf(v[1], 32, loc ? "i:%d" : "n", loc);
    snprintf(v[2], 32, "t:%s", stap);
    snprintf(v[3], 32, "t:%s", d);
    snprintf(v[4], 32, "t:%s", code);
    snprintf(v[5], 32, "i:%d", te_laat);
    const char *vals[] = {v[0], v[1], v[2], "t:-",     "t:-",        v[3],
                          v[4], "t:", v[5], "t:bench", "t:plaatser", "t:2026-01-01T00:00:00Z"};
    return bulk_row(c, &ev, vals);
}

static int gen_tx(db_conn *c, void *vctx)
{
    gen_ctx *x = vctx;
    int rc;
    if (x->pg && (rc = db_exec(c, "SET LOCAL session_replication_role = replica", NULL, 0, NULL)) !=
                     STORE_OK)
        return rc;
    /* providers, locations (200: provider i % 20, type i % 4, level, arrondissement), offer */
    for (int i = 1; i <= NPROV; i++) {
        char sql[256];
        snprintf(sql, sizeof sql,
                 "INSERT INTO zorgaanbieder (id, naam, agb, toelating, version, created_at, "
                 "updated_at) VALUES (%d, 'Aanbieder %d', '%08d', 1, 1, 'x', 'x')",
                 i, i, 90000000 + i);
        if ((rc = db_exec(c, sql, NULL, 0, NULL)) != STORE_OK)
            return rc;
    }
    for (int i = 1; i <= NLOC; i++) {
        char sql[512];
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
    bulk_init(&pv, "plaatsingsverzoek",
              "id, indicatie_id, justitiabele_id, plaatser_organisatie_id, zorgtype, zorgtitel, "
              "status, aangemaakt_op, created_at, updated_at",
              10);
    bulk_init(&ev, "plaatsing_gebeurtenis",
              "verzoek_id, zorglocatie_id, stap, status_van, status_naar, datum, code, tekst, "
              "te_laat, username, role, at",
              12);
    for (long i = 1; i <= x->n; i++) {
        int d0 = (int)(i * (DAYS - 400) / x->n);
        int zt = (int)(rnd() % 4), arr = (int)(rnd() % 11);
        int loc = (int)(rnd() % (NLOC / 4)) * 4 + (zt == 0 ? 4 : zt); /* a location of type zt */
        if (loc > NLOC)
            loc -= 4;
        int bev = loc % 4 + 1 - 1, larr = loc % 11;
        int a = (int)(rnd() % 10), b = a + 1 + (int)(rnd() % 14), s = b + (int)(rnd() % 30);
        char d[IFZO_DATE_BUFSIZE];
        fmt(d0, d);
        snprintf(v[0], 32, "i:%ld", i);
        snprintf(v[1], 32, "t:%s", ZT[zt]);
        snprintf(v[2], 32, "t:%s", d);
        const char *pvals[] = {"i:1",  "i:1",         "i:1", "i:1", v[1],
                               "t:08", "t:geplaatst", v[2],  "t:x", "t:x"};
        pvals[0] = v[0];
        if ((rc = bulk_row(c, &pv, pvals)) != STORE_OK)
            return rc;
        if ((rc = event(c, i, 0, "aanmaken", d0, "", 0)) != STORE_OK)
            return rc;
        fact(d0, M_VERZOEK, zt, bev, arr, 0, S_NONE, 0, 0);
        int first = loc;
        bool declined = rnd() % 10 < 3;
        if (declined)
            first = loc % NLOC + 1;
        if ((rc = event(c, i, first, "aanmelden", d0 + a, "", 0)) != STORE_OK)
            return rc;
        fact(d0 + a, M_WA, zt, bev, arr, first, a <= 5 ? S_BIN : S_BUI, a, 0);
        if (declined) {
            if ((rc = event(c, i, first, "afwijzen", d0 + a + 2, "16", 0)) != STORE_OK ||
                (rc = event(c, i, first, "annuleren", d0 + a + 3, "ZA02", 0)) != STORE_OK ||
                (rc = event(c, i, loc, "aanmelden", d0 + a + 3, "", 0)) != STORE_OK)
                return rc;
            fact(d0 + a + 2, M_RE, zt, bev, arr, first, S_16, 0, 0);
            fact(d0 + a + 2, M_RT, zt, bev, arr, first, S_BIN, 2, 0);
            fact(d0 + a + 3, M_AN, zt, bev, arr, first, S_ZA02, 0, 0);
        }
        if ((rc = event(c, i, loc, "accepteren", d0 + b, "01", 0)) != STORE_OK)
            return rc;
        fact(d0 + b, M_RE, zt, bev, arr, loc, S_01, 0, 0);
        fact(d0 + b, M_RT, zt, bev, arr, loc, b - a <= 7 ? S_BIN : S_BUI, b - a, 0);
        fact(d0 + b, M_WAC, zt, bev, arr, loc, b <= 14 ? S_BIN : S_BUI, b, 0);
        if ((rc = event(c, i, loc, "besluiten", d0 + b, "", 0)) != STORE_OK)
            return rc;
        fact(d0 + b, M_PR, zt, bev, arr, loc, arr == larr ? S_INR : S_BUR, 0, 0);
        fact(d0 + b, M_PS, zt, bev, arr, loc, rnd() % 10 ? S_PAS : S_AFW, 0, 0);
        if ((rc = event(c, i, loc, "start_zorg", d0 + s, "", 0)) != STORE_OK)
            return rc;
        fact(d0 + s, M_IN, zt, bev, arr, loc, S_NONE, 0, 0);
        fact(d0 + s, M_BEZ, zt, bev, larr, loc, S_NONE, 0, 0);
        fact(jan1(d0 + s), M_BEZJ, zt, bev, larr, loc, S_NONE, 0, 0);
        fact(d0 + s, M_WS, zt, bev, arr, loc, s <= 28 ? S_BIN : S_BUI, s, 0);
        int end = d0 + s + 30 + (int)(rnd() % 700);
        if (end < DAYS && rnd() % 5) {
            int reden = (int)(rnd() % 7), late = rnd() % 10 == 0;
            char code[4];
            snprintf(code, sizeof code, "%02d", reden + 1);
            if ((rc = event(c, i, loc, "einde_zorg", end, code, late)) != STORE_OK)
                return rc;
            fact(end, M_UIT, zt, bev, arr, loc, S_01 + reden, 0, 0);
            fact(end, M_BEZ, zt, bev, larr, loc, S_NONE, 0, 1);
            fact(jan1(end), M_BEZJ, zt, bev, larr, loc, S_NONE, 0, 1);
            fact(end, M_EM, zt, bev, arr, loc, late ? S_LAAT : S_OPT, 0, 0);
        }
    }
    if ((rc = bulk_flush(c, &pv)) != STORE_OK || (rc = bulk_flush(c, &ev)) != STORE_OK)
        return rc;
    /* the facts: sort, merge equal keys (+ and - of one occupancy key are neighbours) */
    qsort(facts, nfacts, sizeof *facts, cmp_u64);
    bulk_init(&ft, "monitor_feit",
              "maat, dag, week, maand, kwartaal, jaar, zorgtype, beveiligingsniveau, "
              "arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal",
              14);
    size_t rows = 0;
    for (size_t i = 0; i < nfacts;) {
        uint64_t k = facts[i] & ~(uint64_t)1;
        long cnt = 0;
        while (i < nfacts && (facts[i] & ~(uint64_t)1) == k)
            cnt += (facts[i++] & 1) ? -1 : 1;
        int day = (int)(k >> 48), maat = (int)(k >> 44) & 15, zt = (int)(k >> 42) & 3,
            bev = (int)(k >> 40) & 3, arr = (int)(k >> 36) & 15, loc = (int)(k >> 28) & 255,
            sl = (int)(k >> 23) & 31, waarde = (int)(k >> 13) & 1023;
        char d[IFZO_DATE_BUFSIZE], lbl[4][MONITOR_LABEL_BUF];
        fmt(day, d);
        for (int p = 0; p < 4; p++)
            monitor_periode_van((monitor_periode)p, day0 + day, NULL, NULL, lbl[p]);
        char f[14][64];
        snprintf(f[0], 64, "t:%s", MAAT[maat]);
        snprintf(f[1], 64, "t:%s", d);
        for (int p = 0; p < 4; p++)
            snprintf(f[2 + p], 64, "t:%s", lbl[p]);
        snprintf(f[6], 64, "t:%s", ZT[zt]);
        snprintf(f[7], 64, "t:%d", bev + 1);
        snprintf(f[8], 64, "t:%s", ARR[arr]);
        snprintf(f[9], 64, "i:%d", loc ? (loc - 1) % NPROV + 1 : 0);
        snprintf(f[10], 64, "i:%d", loc);
        snprintf(f[11], 64, "t:%s", SL[sl]);
        snprintf(f[12], 64, "i:%d", waarde);
        snprintf(f[13], 64, "i:%ld", cnt);
        const char *vals[14];
        for (int j = 0; j < 14; j++)
            vals[j] = f[j];
        if ((rc = bulk_row(c, &ft, vals)) != STORE_OK)
            return rc;
        rows++;
    }
    fprintf(stderr, "  %zu fact rows from %zu facts\n", rows, nfacts);
    return bulk_flush(c, &ft);
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
    printf("%-34s %12s %13s %10s\n", "query (2025, per month)", "monitor", "scan of events",
           "ratio");

    store_monitor_filter f = {.periode = MON_MAAND};
    ifzo_date_from_ymd(2025, 1, 1, &f.van);
    ifzo_date_from_ymd(2025, 12, 31, &f.tot);
    db_param p[] = {dbp_text("2025-01-01"), dbp_text("2025-12-31")};
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
            a = now_ms();
            if (store_tx(s, false, scan_tx, &x) != STORE_OK)
                return 1;
            double sc = now_ms() - a;
            ts = x.total;
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
            a = now_ms();
            if (store_tx(s, false, scan_tx, &x) != STORE_OK)
                return 1;
            double sc = now_ms() - a;
            ts = x.rows;
            best_m = m < best_m ? m : best_m;
            best_s = sc < best_s ? sc : best_s;
        }
        line("wachttijd tot start (mediaan)", best_m, best_s, tm, ts);
    }

    /* occupancy per location at each month end of 2025 vs. counting starts minus ends */
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
                if (strcmp(rows[i].periode, "2025-12") == 0)
                    tm += rows[i].aantal;
            free(rows);
            a = now_ms();
            for (int month = 1; month <= 12; month++) {
                char last[IFZO_DATE_BUFSIZE];
                ifzo_date d;
                if (month == 12)
                    ifzo_date_from_ymd(2025, 12, 31, &d);
                else {
                    ifzo_date_from_ymd(2025, month + 1, 1, &d);
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
            double sc = now_ms() - a;
            best_m = m < best_m ? m : best_m;
            best_s = sc < best_s ? sc : best_s;
        }
        line("bezetting per locatie (12 peildata)", best_m, best_s, tm, ts);
    }
    store_close(s);
    free(facts);
    return 0;
}
