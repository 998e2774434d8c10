/*
 * match.c - `ifzo match --indication ID [--outside-region] [--mode M] [--db URL]
 * [--today YYYY-MM-DD]`: the proposal for an indication as a readable table, from the
 * terminal (issue 5 item 8).
 *
 * Why: operators and functional managers must be able to answer "why was location X (not)
 * proposed" without the browser, and a table in the terminal is the quickest check of the
 * offer after an import. It runs the same index and explanation as the server
 * (core/match_index.h) on a consistent snapshot of the offer, and stores nothing. The read
 * of the client's indication is written to the access log as user "cli".
 */
#include "cli/cli.h"
#include "core/codelist.h"
#include "core/match_index.h"
#include "core/voorstel.h"
#include "store/catalog.h"
#include "store/voorstel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int usage_match(FILE *out)
{
    fprintf(out,
            "usage: ifzo match --indication ID [--outside-region] [--mode MODE] [--db URL]\n"
            "                  [--today YYYY-MM-DD]\n\n"
            "Prints the matching proposal for the current version of a definitive indication:\n"
            "every proposed location (in the region first, nearest first), what a search\n"
            "outside the region would add, and the near misses with the one criterion they\n"
            "fail. Nothing is stored; the server's POST …/voorstellen stores proposals.\n\n"
            "  --indication ID   the indication (id of /api/indicaties)\n"
            "  --outside-region  also propose locations outside the client's region\n"
            "  --mode MODE       regulier (default), overbrugging or second_best\n"
            "  --db URL          sqlite:PATH or postgres://... (IFZO_DB, default "
            "sqlite:ifzo.db)\n"
            "  --today DATE      the day to match on (IFZO_TODAY, default: today, UTC)\n\n"
            "IFZO_STALE_DAYS (default 30) marks figures older than that many days as stale;\n"
            "IFZO_TRAVEL=FILE replaces the travel-time model.\n");
    return out == stdout ? 0 : 2;
}

static const ifzo_zorglocatie *find_loc(const store_catalog_snapshot *s, int64_t id)
{
    for (size_t i = 0; i < s->n_zorglocaties; i++)
        if (s->zorglocaties[i].id == id)
            return &s->zorglocaties[i];
    return NULL;
}

static const ifzo_zorgaanbieder *find_prov(const store_catalog_snapshot *s, int64_t id)
{
    for (size_t i = 0; i < s->n_zorgaanbieders; i++)
        if (s->zorgaanbieders[i].id == id)
            return &s->zorgaanbieders[i];
    return NULL;
}

/* "geslacht: 2 ≠ 1" for a near miss; "" otherwise. */
static void failing(const match_location *m, const char *zorgtype, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (m->status != MATCH_NEAR_MISS)
        return;
    for (int i = 0; i < m->n_checks; i++)
        if (m->checks[i].id == m->failed) {
            char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
            if (match_check_format(&m->checks[i], zorgtype, ind, sizeof ind, off, sizeof off))
                snprintf(buf, cap, "%s: geïndiceerd %s, aangeboden %s", match_check_name(m->failed),
                         ind, off[0] ? off : "-");
            else
                snprintf(buf, cap, "%s", match_check_name(m->failed));
            return;
        }
    snprintf(buf, cap, "%s", match_check_name(m->failed));
}

/* Cuts s to at most n bytes on a UTF-8 boundary, into buf. */
static const char *cut(const char *s, size_t n, char *buf, size_t cap)
{
    size_t len = strlen(s);
    if (n >= cap)
        n = cap - 1;
    if (len <= n)
        return s;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

static void print_table(const match_result *res, const store_catalog_snapshot *snap,
                        const char *zorgtype)
{
    printf("%-3s %-12s %-7s %-32s %-28s %8s %-9s %s\n", "#", "uitkomst", "id", "locatie",
           "zorgaanbieder", "reistijd", "regio", "faalt");
    for (size_t i = 0; i < res->n_items; i++) {
        const match_location *m = &res->items[i];
        const ifzo_zorglocatie *l = find_loc(snap, m->zorglocatie_id);
        const ifzo_zorgaanbieder *z = find_prov(snap, m->zorgaanbieder_id);
        char fail[2 * MATCH_VALUE_BUF + 64], a[64], b[64];
        failing(m, zorgtype, fail, sizeof fail);
        printf("%-3zu %-12s %-7lld %-32s %-28s %4d min %-3s %-5s %s\n", i + 1,
               match_status_name(m->status), (long long)m->zorglocatie_id,
               cut(l ? l->naam : "?", 32, a, sizeof a), cut(z ? z->naam : "?", 28, b, sizeof b),
               m->reistijd_min, l ? l->arrondissement : "?", m->in_region ? "in" : "buiten", fail);
    }
}

int cmd_match(int argc, char **argv)
{
    const char *url = NULL, *mode_s = "regulier", *today_s = NULL;
    int64_t ind_id = 0;
    bool outside = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return usage_match(stdout);
        if (strcmp(a, "--outside-region") == 0)
            outside = true;
        else if (strcmp(a, "--indication") == 0 && i + 1 < argc) {
            char *end;
            long long v = strtoll(argv[++i], &end, 10);
            if (*end != '\0' || v <= 0)
                return fprintf(stderr, "ifzo: --indication wants a positive id\n"), 2;
            ind_id = v;
        } else if (strcmp(a, "--mode") == 0 && i + 1 < argc)
            mode_s = argv[++i];
        else if (strcmp(a, "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(a, "--today") == 0 && i + 1 < argc)
            today_s = argv[++i];
        else
            return usage_match(stderr);
    }
    if (ind_id == 0)
        return usage_match(stderr);
    match_mode mode;
    if (!voorstel_modus_from_name(mode_s, &mode))
        return fprintf(stderr, "ifzo: --mode is regulier, overbrugging or second_best\n"), 2;
    if (today_s == NULL && getenv("IFZO_TODAY") && *getenv("IFZO_TODAY"))
        today_s = getenv("IFZO_TODAY");
    ifzo_date today;
    if (today_s != NULL) {
        if (ifzo_date_parse(today_s, &today) != IFZO_CAL_OK)
            return fprintf(stderr, "ifzo: --today wants YYYY-MM-DD\n"), 2;
    } else {
        char buf[16];
        time_t t = time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
        if (ifzo_date_parse(buf, &today) != IFZO_CAL_OK)
            return fprintf(stderr, "ifzo: the clock gives no valid date\n"), 1;
    }
    match_config cfg;
    match_config_default(&cfg);
    const char *stale = getenv("IFZO_STALE_DAYS");
    if (stale && *stale) {
        char *end;
        long v = strtol(stale, &end, 10);
        if (*end != '\0' || v < 0 || v > 3650)
            return fprintf(stderr, "ifzo: IFZO_STALE_DAYS must be 0 to 3650 days\n"), 2;
        cfg.stale_days = (int)v;
    }
    const char *travel = getenv("IFZO_TRAVEL");
    if (travel && *travel) {
        char terr[256];
        if (cli_travel_load(travel, &cfg.travel, terr, sizeof terr) != 0)
            return fprintf(stderr, "ifzo: IFZO_TRAVEL: %s\n", terr), 1;
    }
    core_error e = {0};
    if (!match_config_check(&cfg, &e))
        return fprintf(stderr, "ifzo: %s (%s)\n", e.message, e.field ? e.field : ""), 2;
    if (url == NULL)
        url = getenv("IFZO_DB") && *getenv("IFZO_DB") ? getenv("IFZO_DB") : "sqlite:ifzo.db";

    store *db;
    if (cli_open_db(url, &db) != 0)
        return 1;
    int status = 1;
    store_indicatie ind;
    store_justitiabele client;
    store_contra contra;
    store_catalog_snapshot snap;
    memset(&snap, 0, sizeof snap);
    int rc = store_indicatie_get(db, STORE_SCOPE_EVERYTHING, ind_id, 0, &ind);
    if (rc == STORE_OK)
        rc = store_justitiabele_get(db, STORE_SCOPE_EVERYTHING, ind.v.justitiabele_id, &client);
    if (rc == STORE_OK)
        rc = store_contra_get(db, ind.v.justitiabele_id, &contra);
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: indication %lld: %s\n", (long long)ind_id,
                rc == STORE_NOT_FOUND ? "not found" : store_rc_name(rc));
        store_close(db);
        return 1;
    }
    store_access_entry log = {.client_id = ind.v.justitiabele_id, .object_id = ind_id};
    snprintf(log.username, sizeof log.username, "cli");
    snprintf(log.role, sizeof log.role, "cli");
    snprintf(log.object_type, sizeof log.object_type, "indicatiestelling");
    snprintf(log.action, sizeof log.action, "match");
    rc = store_access_log_append(db, &log);
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: the access log is unavailable (%s)\n", store_rc_name(rc));
        store_close(db);
        return 1;
    }
    match_query q;
    if (!match_query_from_indicatie(&ind.v, &client.v, today, mode, outside, &q, &e)) {
        fprintf(stderr, "ifzo: indication %lld cannot be matched: %s\n", (long long)ind_id,
                e.message);
        store_close(db);
        return 1;
    }
    rc = store_catalog_load(db, &snap);
    store_close(db);
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: reading the offer failed: %s\n", store_rc_name(rc));
        store_catalog_snapshot_free(&snap);
        return 1;
    }
    match_catalog cat = {snap.zorgaanbieders, snap.n_zorgaanbieders, snap.contracts,
                         snap.n_contracts,    snap.zorglocaties,     snap.n_zorglocaties,
                         snap.zorgaanbod,     snap.n_zorgaanbod};
    match_index *ix = match_index_build(&cat, snap.version, &e);
    match_result res;
    match_result_init(&res);
    if (ix == NULL || !match_index_run(ix, &cfg, &q, &res, &e)) {
        fprintf(stderr, "ifzo: matching failed: %s\n", e.message);
    } else {
        char day[IFZO_DATE_BUFSIZE];
        ifzo_date_format(today, day);
        const char *arr = ifzo_codeset_first(IFZO_CRIT_ARRONDISSEMENT,
                                             ind.v.criteria.set[IFZO_CRIT_ARRONDISSEMENT]);
        printf("indicatie %lld versie %d  zorgtype %s  modus %s%s  peildatum %s  "
               "catalogusversie %lld\n",
               (long long)ind_id, ind.v.versie, ind.v.zorgtype, voorstel_modus_name(mode),
               outside ? "  buiten de regio" : "", day, (long long)snap.version);
        printf("regio: postcode %.4s, arrondissement %s\n", client.v.postcode, arr ? arr : "-");
        printf("contra-indicaties:");
        for (size_t i = 0; i < contra.n; i++) {
            const codelist_entry *ce =
                codelist_lookup_in(CODELIST_CONTRA_INDICATIE, contra.code[i]);
            printf("%s %s", i ? ";" : "", ce ? ce->label : contra.code[i]);
        }
        printf("%s\n\n", contra.n ? "" : " geen");
        print_table(&res, &snap, q.zorgtype);
        printf("\n%zu voorgesteld (%zu in de regio), %zu bijna", res.n_proposed, res.n_in_region,
               res.n_near_total);
        if (res.region_empty)
            printf("; niets in de regio: buiten de regio komen er %zu bij", res.n_widened_total);
        printf(".\n");
        status = 0;
    }
    match_result_free(&res);
    if (ix)
        match_index_unref(ix);
    store_catalog_snapshot_free(&snap);
    return status;
}
