/*
 * test_monitor.c - the capacity monitor over HTTP on both backends (issue 10): a history of
 * nine placement requests built through the real workflow API on three days, and the exact
 * figure of every monitor route computed by hand below, small-cell suppression included;
 * CSV; the filter errors; and that no monitor answer to beleid holds a client-identifying
 * key or value.
 *
 * The history (client arrondissement RTD, indicated security level 1, care type ABH, whose
 * answer term is 14 calendar days; location A in RTD at level 1, capacity 10, waiting list
 * 7; location B in DHA at level 2, capacity 4, waiting list 2):
 *   2025-06-02  requests R1..R8; R1..R6 and R7 referred to A resp. B, R8 to B
 *   2025-06-04  A accepts R1..R6 (code 01), B declines R7 (16), the placer cancels R7's
 *               attempt (ZA02); decisions R1..R6 for A; start of care R1..R3 on 06-03 and
 *               R4..R6 on 06-04
 *   2025-06-30  end of care R1 06-10 (07, reported 20 days late), R2 06-25 (07) corrected to
 *               06-26, R3 06-28 (03: overplaatsing); R9 for R3's client: referred to B,
 *               accepted, decided and started on 06-30 (a move: doorstroom); R8's referral
 *               has had no answer since 06-02 (term ended 06-16).
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static server srv;
static client_auth fb, ind, pl, za, bel;

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    as_role(&srv, "beleid", "dji", 0, &bel);
}
static server later; /* the same database on a later "today" (day()) */
static const server *cur = &srv;
static void stop(void)
{
    if (cur != &srv)
        server_stop(&later);
    cur = &srv;
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(monitor, .init = start, .fini = stop, .timeout = 240);

static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(cur, who, method, path, body, if_match, r);
}

/* A step on a request; returns the request's new version. */
static long long step(const client_auth *who, const char *path, const char *body, long long v)
{
    response r;
    long st = call(who, "POST", path, body, v, &r);
    cr_assert(st == 200 || st == 201, "%s %s: %ld %s", path, body ? body : "", st, r.body);
    long long nv = json_num(r.json, "version");
    response_free(&r);
    return nv;
}

static long long location(const char *agb_provider, const char *agb_location, const char *postcode,
                          const char *level, int capaciteit, int wachtlijst, int wachttijd)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"naam\":\"Zorg %s\",\"agb\":\"%s\",\"toelating\":true,\"organisation_id\":%lld}",
             agb_provider, agb_provider, za.organisation_id);
    long long zid = post_created(cur, &fb, "/api/zorgaanbieders", body);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"Locatie\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"%s\",\"plaats\":\"Stad\",\"beveiligingsniveau\":\"%s\"}",
             zid, agb_location, postcode, level);
    long long lid = post_created(cur, &za, "/api/zorglocaties", body);
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"zorgtype\":\"ABH\",\"criteria\":{\"arrondissement\":"
             "[\"RTD\",\"DHA\"],\"geslacht\":[\"1\",\"2\"],\"aard_zorgvraag\":[\"BEH\"],"
             "\"dominante_zorgvraag\":[\"VERSL\"],\"bijkomende_problematiek\":[\"GEEN\"],"
             "\"bereik\":[\"LOK\"],\"outreach\":[\"N\"]},\"capaciteit\":%d,\"bezet\":0,"
             "\"wachtlijst\":%d,\"wachttijd_dagen\":%d}",
             lid, capaciteit, wachtlijst, wachttijd);
    post_created(cur, &za, "/api/zorgaanbod", body);
    return lid;
}

/* The k-th valid BSN (eleven test) from 100000000 upwards. */
static void bsn(int k, char out[16])
{
    for (long n = 10000000;; n++) {
        long s = 0, m = n;
        for (int w = 2; w <= 9; w++, m /= 10)
            s += (m % 10) * w;
        long check = s % 11;
        if (check == 10)
            continue;
        if (k-- == 0) {
            snprintf(out, 16, "%08ld%ld", n % 100000000, check % 10);
            return;
        }
    }
}

static const char *const NAMES[] = {"Bakker", "Jansen", "Visser", "Smit",    "Mulder",
                                    "Bos",    "Vos",    "Peters", "Hendriks"};

static long long client(int k)
{
    char body[512], b[16];
    bsn(k, b);
    snprintf(body, sizeof body,
             "{\"achternaam\":\"%s\",\"voornamen\":\"Anna\",\"geboortedatum\":\"1990-03-04\","
             "\"bsn\":\"%s\",\"geslacht\":\"2\",\"postcode\":\"3011 ab\"}",
             NAMES[k], b);
    return post_created(cur, &ind, "/api/justitiabelen", body);
}

static long long request_for(long long cid)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"justitiabele_id\":%lld,\"indicerende_organisatie_id\":%lld,\"zorgtype\":\"ABH\","
             "\"criteria\":{\"arrondissement\":\"RTD\",\"geslacht\":\"2\",\"aard_zorgvraag\":"
             "\"BEH\",\"dominante_zorgvraag\":\"VERSL\",\"bijkomende_problematiek\":\"GEEN\","
             "\"bereik\":\"LOK\",\"outreach\":\"N\"},\"zorgtitel\":\"08\",\"titel_start\":"
             "\"2025-05-01\",\"titel_eind\":\"2026-05-01\",\"urgentie\":\"SPOED\","
             "\"beveiligingsniveau\":\"1\",\"aanmelddatum\":\"2025-04-29\",\"onderbouwing\":"
             "\"Ambulant.\",\"status\":\"definitief\"}",
             cid, ind.organisation_id);
    long long iid = post_created(cur, &ind, "/api/indicaties", body);
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", iid);
    return post_created(cur, &pl, "/api/plaatsingsverzoeken", body);
}

typedef struct {
    long long id, v, poging;
    char path[96];
} req;

/* Refers from a fresh proposal of the given mode; the proposal's mode is what
 * plaatsingen-soort counts for the decided referral (decision 73). */
static void refer(req *q, long long loc, const char *modus)
{
    char path[160], body[512];
    response r;
    referral_body(&srv, &pl, q->path, modus, loc, false, body, sizeof body);
    snprintf(path, sizeof path, "%s/pogingen", q->path);
    q->v = step(&pl, path, body, q->v);
    cr_assert_eq(call(&pl, "GET", q->path, NULL, 0, &r), 200);
    json_t *ps = json_object_get(r.json, "pogingen");
    q->poging = json_num(json_array_get(ps, json_array_size(ps) - 1), "id");
    response_free(&r);
}

static void react(req *q, const char *code)
{
    char path[128], body[96];
    snprintf(path, sizeof path, "/api/toeleidingspogingen/%lld/reactie", q->poging);
    snprintf(body, sizeof body, "{\"reactie\":\"%s\"}", code);
    q->v = step(&za, path, body, q->v);
}

static void decide_and_start(req *q, const char *nummer, const char *startdatum)
{
    char path[160], body[256];
    snprintf(path, sizeof path, "%s/besluit", q->path);
    snprintf(body, sizeof body,
             "{\"poging_id\":%lld,\"besluitnummer\":\"%s\",\"zorgtype\":\"ABH\","
             "\"verwachte_startdatum\":\"%s\"}",
             q->poging, nummer, startdatum);
    q->v = step(&pl, path, body, q->v);
    snprintf(path, sizeof path, "%s/start-zorg", q->path);
    snprintf(body, sizeof body, "{\"startdatum\":\"%s\"}", startdatum);
    q->v = step(&za, path, body, q->v);
}

static void end_care(req *q, const char *body)
{
    char path[160];
    snprintf(path, sizeof path, "%s/einde-zorg", q->path);
    q->v = step(&za, path, body, q->v);
}

/* Runs the rest of the test on a server for another "today" on the same database. */
static void day(const char *today)
{
    if (cur != &srv)
        cr_assert_eq(server_stop(&later), 0);
    setenv("IFZO_TODAY", today, 1);
    server_start_shared(&later, &srv, NULL);
    cur = &later;
}

static long long locA, locB;

static void build_history(void)
{
    locA = location("11111111", "11111112", "3011AB", "1", 10, 7, 21);
    locB = location("22222221", "22222222", "2511AB", "2", 4, 2, 30);
    req q[10];
    memset(q, 0, sizeof q);
    long long cids[9];
    for (int i = 1; i <= 8; i++) {
        cids[i] = client(i - 1);
        q[i].id = request_for(cids[i]);
        q[i].v = 1;
        snprintf(q[i].path, sizeof q[i].path, "/api/plaatsingsverzoeken/%lld", q[i].id);
        /* modes by hand: 1-5 regulier, 6 overbrugging, 7-8 second_best (8 is never decided) */
        refer(&q[i], i <= 6 ? locA : locB,
              i <= 5   ? "regulier"
              : i == 6 ? "overbrugging"
                       : "second_best");
    }
    day("2025-06-04");
    for (int i = 1; i <= 6; i++)
        react(&q[i], "01");
    react(&q[7], "16");
    char path[128];
    snprintf(path, sizeof path, "/api/toeleidingspogingen/%lld/annulering", q[7].poging);
    q[7].v = step(&pl, path,
                  "{\"op_verzoek\":\"ZA\",\"reden\":\"ZA02\",\"motivatie\":\"Geheime motivatie.\"}",
                  q[7].v);
    for (int i = 1; i <= 6; i++) {
        char nr[16];
        snprintf(nr, sizeof nr, "MB-%d", i);
        decide_and_start(&q[i], nr, i <= 3 ? "2025-06-03" : "2025-06-04");
    }
    day("2025-06-30");
    end_care(&q[1], "{\"status\":1,\"einddatum\":\"2025-06-10\",\"mutatiereden\":\"07\"}");
    end_care(&q[2], "{\"status\":1,\"einddatum\":\"2025-06-25\",\"mutatiereden\":\"07\"}");
    end_care(&q[2], "{\"status\":2,\"einddatum\":\"2025-06-26\",\"mutatiereden\":\"07\","
                    "\"corrigeert\":\"2025-06-25\"}");
    end_care(&q[3], "{\"status\":1,\"einddatum\":\"2025-06-28\",\"mutatiereden\":\"03\"}");
    q[9].id = request_for(cids[3]);
    q[9].v = 1;
    snprintf(q[9].path, sizeof q[9].path, "/api/plaatsingsverzoeken/%lld", q[9].id);
    refer(&q[9], locB, "second_best");
    react(&q[9], "01");
    decide_and_start(&q[9], "MB-9", "2025-06-30");
}

/* GET as beleid, 200 and JSON. */
static json_t *get(const char *path)
{
    response r;
    cr_assert_eq(call(&bel, "GET", path, NULL, 0, &r), 200, "%s: %s", path, r.body);
    json_t *j = json_incref(r.json);
    response_free(&r);
    return j;
}

/* The row's "waarden" and "totaal" as text "k=v,k=v|totaal" (values: numbers or <5). */
static void render_value(const json_t *v, char *out, size_t cap)
{
    if (json_is_string(v))
        snprintf(out, cap, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    else
        snprintf(out, cap, "null");
}

static void row_text(const json_t *row, char *out, size_t cap)
{
    out[0] = '\0';
    const char *k;
    json_t *v;
    size_t len = 0;
    char b[32];
    /* keys sorted: jansson keeps insertion order, which is the sorted column order */
    json_object_foreach((json_t *)json_object_get(row, "waarden"), k, v)
    {
        render_value(v, b, sizeof b);
        len += (size_t)snprintf(out + len, cap - len, "%s%s=%s", len ? "," : "", k, b);
    }
    render_value(json_object_get(row, "totaal"), b, sizeof b);
    snprintf(out + len, cap - len, "|%s", b);
}

static void expect_rows(const char *path, const char *const *want, size_t n, const char *total)
{
    json_t *j = get(path);
    json_t *rows = json_object_get(j, "rijen");
    cr_assert_eq(json_array_size(rows), n, "%s: %zu rows", path, json_array_size(rows));
    char got[512];
    for (size_t i = 0; i < n; i++) {
        row_text(json_array_get(rows, i), got, sizeof got);
        cr_assert_str_eq(got, want[i], "%s row %zu", path, i);
    }
    row_text(json_object_get(j, "totaal"), got, sizeof got);
    cr_assert_str_eq(got, total, "%s totaal", path);
    json_decref(j);
}

#define JUNE "van=2025-06-01&tot=2025-06-30"

static void expect_month(const char *route, const char *query, const char *row)
{
    char path[256];
    int n = snprintf(path, sizeof path, "/api/monitor/%s?" JUNE "%s", route, query);
    cr_assert(n > 0 && (size_t)n < sizeof path, "path too long: %s", route);
    const char *want[] = {row};
    expect_rows(path, want, 1, row);
}

/* No key or string value anywhere in j that identifies a client. */
static void no_client_data(const json_t *j, const char *where)
{
    static const char *const keys[] = {
        "naam",          "achternaam",      "voornamen",   "bsn",
        "geboortedatum", "postcode",        "toelichting", "motivatie",
        "tekst",         "justitiabele_id", "username"};
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)j, k, v)
        {
            for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
                cr_assert(strcmp(k, keys[i]) != 0, "%s: key %s", where, k);
            no_client_data(v, where);
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) no_client_data(v, where);
    } else if (json_is_string(j)) {
        const char *s = json_string_value(j);
        for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
            cr_assert(strstr(s, NAMES[i]) == NULL, "%s: %s", where, s);
        char b[16];
        for (int k = 0; k < 9; k++) {
            bsn(k, b);
            cr_assert(strstr(s, b) == NULL, "%s: %s", where, s);
        }
        cr_assert(strstr(s, "1990-03-04") == NULL, "%s: %s", where, s);
        cr_assert(strstr(s, "Geheime") == NULL, "%s: %s", where, s);
        cr_assert(strstr(s, "Anna") == NULL, "%s: %s", where, s);
    }
}

Test(monitor, every_figure_of_a_hand_built_history)
{
    build_history();
    char q[256], a[24], b[24], row[160];
    snprintf(a, sizeof a, "%lld", locA);
    snprintf(b, sizeof b, "%lld", locB);

    /* aanvragen: R1..R9, all ABH. */
    expect_month("aanvragen", "", "ABH=9|9");
    /* instroom: 7 starts (A 6, B 1). Per location: B's 1 is hidden, so its row's other cell
     * (6) too; the total 7 stays (two unknowns). */
    expect_month("instroom", "", "ABH=7|7");
    snprintf(row, sizeof row, "%s=<5,%s=<5|7", a, b);
    expect_month("instroom", "&per=zorglocatie", row);
    /* doorstroom: R9 followed R3 (ended 2 days before, reason 03) */
    expect_month("doorstroom", "", "03=<5|<5");
    /* uitstroom: 07 twice (R2's correction moved it, not doubled), 03 once */
    expect_month("uitstroom", "", "03=<5,07=<5|<5");
    /* reactions: 01 seven times, 16 once: 16 hidden, so 01 too; total 8 shown */
    expect_month("reacties", "", "01=<5,16=<5|8");
    /* all 8 within the 14-day term */
    expect_month("reactietermijnen", "", "binnen=8|8");
    expect_month("annuleringen", "", "ZA02=<5|<5");
    /* R9 at B: another arrondissement (DHA) and a higher security level */
    expect_month("plaatsingen-regio", "", "buiten_regio=<5,in_regio=<5|7");
    /* decided: q1-q5 from a regular proposal, q6 bridging, q9 second best */
    expect_month("plaatsingen-soort", "", "overbrugging=<5,regulier=5,second_best=<5|7");
    /* R1 reported 20 days after its end */
    expect_month("late-meldingen", "", "op_tijd=<5,te_laat=<5|<5");

    /* By week (June 1st is the Sunday of week 22): 6 starts in week 23, R9 in week 27.
     * Week 27's 1 is hidden; the column would then give it away (7 - 6), so week 23's 6 is
     * hidden too, and with it its row total. */
    {
        const char *want[] = {"ABH=0|0", "ABH=<5|<5", "ABH=0|0", "ABH=0|0", "ABH=0|0", "ABH=<5|<5"};
        expect_rows("/api/monitor/instroom?periode=week&" JUNE, want, 6, "ABH=7|7");
    }

    /* Occupancy per location at the end of each week (06-30 for week 27): A 6, 5 (R1 ended
     * 06-10), 5, 3 (R2 06-26, R3 06-28), 3; B 1 from 06-30. Capacity A 10, B 4. */
    snprintf(q, sizeof q, "/api/monitor/bezetting?periode=week&van=2025-06-02&tot=2025-06-30");
    json_t *j = get(q);
    json_t *rows = json_object_get(j, "rijen");
    cr_assert_eq(json_array_size(rows), 5);
    char want[5][160];
    snprintf(want[0], 160, "%s=6,%s=0|6", a, b);
    snprintf(want[1], 160, "%s=5,%s=0|5", a, b);
    snprintf(want[2], 160, "%s=5,%s=0|5", a, b);
    snprintf(want[3], 160, "%s=<5,%s=0|<5", a, b);
    snprintf(want[4], 160, "%s=<5,%s=<5|<5", a, b);
    static const long long graad_a[] = {60, 50, 50, -1, -1}, graad_t[] = {43, 36, 36, -1, -1};
    for (size_t i = 0; i < 5; i++) {
        json_t *r = json_array_get(rows, i);
        row_text(r, row, sizeof row);
        cr_assert_str_eq(row, want[i], "bezetting week %zu", i);
        json_t *g = json_object_get(r, "bezettingsgraad");
        json_t *ga = json_object_get(g, a), *gt = json_object_get(g, "totaal");
        if (graad_a[i] < 0) {
            cr_assert(json_is_null(ga) && json_is_null(gt), "hidden: no percentage, week %zu", i);
        } else {
            cr_assert_eq(json_integer_value(ga), graad_a[i], "week %zu", i);
            cr_assert_eq(json_integer_value(gt), graad_t[i], "week %zu", i);
        }
    }
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 0), "periode")),
                     "2025-W23");
    cr_assert_eq(json_num(json_object_get(j, "capaciteit"), a), 10);
    cr_assert_eq(json_num(json_object_get(j, "capaciteit"), b), 4);
    cr_assert_eq(json_num(j, "capaciteit_totaal"), 14);
    json_decref(j);
    /* From week 24 on: the 6 starts of week 23 come from before the range (the year's
     * daily rows before van), less R1's end on 06-10. */
    j = get("/api/monitor/bezetting?periode=week&van=2025-06-09&tot=2025-06-15");
    row_text(json_array_get(json_object_get(j, "rijen"), 0), row, sizeof row);
    char w24[64];
    snprintf(w24, sizeof w24, "%s=5|5", a); /* B has no row yet: no column */
    cr_assert_str_eq(row, w24);
    json_decref(j);

    /* Waiting times in June: to the first referral 9 x 0 days; to acceptance 0 (R9) and
     * 6 x 2 days: median rank 4 -> 2, p80 rank 6 -> 2; to start 0, 1,1,1, 2,2,2: median 1,
     * p80 2. Every one within its norm. */
    j = get("/api/monitor/wachttijden?" JUNE);
    json_t *f = json_object_get(json_array_get(json_object_get(j, "rijen"), 0), "fasen");
    static const struct {
        const char *fase;
        long long n, med, p80, norm;
    } w[] = {{"aanmelding", 9, 0, 0, 5}, {"acceptatie", 7, 2, 2, 10}, {"start", 7, 1, 2, 20}};
    for (size_t i = 0; i < 3; i++) {
        json_t *o = json_object_get(f, w[i].fase);
        cr_assert_eq(json_num(o, "aantal"), w[i].n, "%s", w[i].fase);
        cr_assert_eq(json_num(o, "mediaan_dagen"), w[i].med, "%s", w[i].fase);
        cr_assert_eq(json_num(o, "p80_dagen"), w[i].p80, "%s", w[i].fase);
        cr_assert_eq(json_num(o, "norm_werkdagen"), w[i].norm, "%s", w[i].fase);
        cr_assert_eq(json_num(o, "binnen_norm_procent"), 100, "%s", w[i].fase);
    }
    json_decref(j);
    /* week 27 alone: R9 only: 1 observation per stage -> "<5", no median */
    j = get("/api/monitor/wachttijden?periode=week&van=2025-06-30&tot=2025-06-30");
    json_t *o = json_object_get(
        json_object_get(json_array_get(json_object_get(j, "rijen"), 0), "fasen"), "start");
    cr_assert_str_eq(json_string_value(json_object_get(o, "aantal")), "<5");
    cr_assert(json_is_null(json_object_get(o, "mediaan_dagen")));
    cr_assert(json_is_null(json_object_get(o, "binnen_norm_procent")));
    json_decref(j);

    /* Waiting lists as reported: A 7, B 2: B hidden, so A too; total 9. */
    j = get("/api/monitor/wachtlijsten");
    rows = json_object_get(j, "rijen");
    cr_assert_eq(json_array_size(rows), 2);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 0), "aantal")), "<5");
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(rows, 1), "aantal")), "<5");
    cr_assert_eq(json_num(json_array_get(rows, 0), "capaciteit"), 10);
    cr_assert_eq(json_num(json_array_get(rows, 1), "wachttijd_dagen"), 30);
    cr_assert_eq(json_integer_value(json_object_get(j, "totaal")), 9);
    json_decref(j);

    /* R8's referral is overdue on 06-30, not on 06-16 (the deadline day). */
    j = get("/api/monitor/reacties-te-laat?tot=2025-06-30");
    cr_assert_str_eq(json_string_value(json_object_get(j, "totaal")), "<5");
    json_decref(j);
    j = get("/api/monitor/reacties-te-laat?van=2025-06-01&tot=2025-06-16");
    cr_assert_eq(json_integer_value(json_object_get(j, "totaal")), 0);
    json_decref(j);

    /* Filters: only location B; only another care type. */
    snprintf(q, sizeof q, "&zorglocatie=%s", b);
    expect_month("instroom", q, "ABH=<5|<5");
    {
        const char *none[] = {"|0"};
        expect_rows("/api/monitor/instroom?" JUNE "&zorgtype=KLIN", none, 1, "|0");
        expect_rows("/api/monitor/instroom?" JUNE "&arrondissement=DHA", none, 1, "|0");
    }
    expect_month("instroom", "&arrondissement=RTD&beveiligingsniveau=1", "ABH=7|7");

    /* CSV: Dutch column names, ';', UTF-8 with BOM, the same cells. */
    response r;
    const char *csvh[] = {"Accept: text/csv", NULL};
    http_as(cur, &bel, "GET", "/api/monitor/instroom?" JUNE, csvh, NULL, &r);
    cr_assert_eq(r.status, 200);
    char ct[64];
    cr_assert_not_null(response_header(&r, "Content-Type", ct, sizeof ct));
    cr_assert_str_eq(ct, "text/csv; charset=utf-8");
    cr_assert_str_eq(r.body, "\xEF\xBB\xBF"
                             "periode;categorie;omschrijving;aantal\r\n"
                             "2025-06;ABH;Ambulante behandeling;7\r\n"
                             "2025-06;totaal;;7\r\n"
                             "totaal;ABH;Ambulante behandeling;7\r\n"
                             "totaal;totaal;;7\r\n");
    response_free(&r);
    http_as(cur, &bel, "GET", "/api/monitor/uitstroom?" JUNE "&formaat=csv", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert(strstr(r.body, "2025-06;03;Overplaatsing naar andere zorgaanbieder door plaatsende "
                             "instantie;<5\r\n") != NULL,
              "%s", r.body);
    response_free(&r);

    /* No monitor answer to beleid holds a client-identifying key or value, in any layout. */
    static const char *const routes[] = {"aanvragen",         "instroom",      "doorstroom",
                                         "uitstroom",         "bezetting",     "wachttijden",
                                         "wachtlijsten",      "reacties",      "reactietermijnen",
                                         "reacties-te-laat",  "annuleringen",  "plaatsingen-regio",
                                         "plaatsingen-soort", "late-meldingen"};
    static const char *const pers[] = {"", "&per=zorgtype", "&per=zorglocatie",
                                       "&per=arrondissement", "&periode=week"};
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        for (size_t k = 0; k < sizeof pers / sizeof pers[0]; k++) {
            snprintf(q, sizeof q, "/api/monitor/%s?" JUNE "%s", routes[i], pers[k]);
            call(&bel, "GET", q, NULL, 0, &r);
            cr_assert(r.status == 200 || r.status == 400, "%s: %ld", q, r.status);
            if (r.status == 200)
                no_client_data(r.json, q);
            response_free(&r);
            snprintf(q, sizeof q, "/api/monitor/%s?" JUNE "%s&formaat=csv", routes[i], pers[k]);
            call(&bel, "GET", q, NULL, 0, &r);
            if (r.status == 200) {
                json_t *s = json_string(r.body);
                no_client_data(s, q);
                json_decref(s);
            }
            response_free(&r);
        }
    cr_assert_eq(server_stop(&later), 0);
    cur = &srv;
}

Test(monitor, filter_errors_and_access)
{
    static const struct {
        const char *query, *code, *field;
    } cases[] = {
        {"instroom?periode=dag", "monitor_periode_onbekend", "periode"},
        {"instroom?van=2025-07-01&tot=2025-06-01", "monitor_bereik_ongeldig", "van"},
        {"instroom?van=2025-13-01", "invalid_query", "van"},
        {"instroom?per=bsn", "monitor_indeling_onbekend", "per"},
        {"bezetting?per=code", "monitor_indeling_onbekend", "per"},
        {"wachttijden?per=zorglocatie", "monitor_indeling_onbekend", "per"},
        {"instroom?periode=week&van=2000-01-01&tot=2025-01-01", "monitor_bereik_te_groot", "van"},
        {"instroom?zorgtype=A%27B", "invalid_query", "zorgtype"},
        {"instroom?zorglocatie=abc", "invalid_query", "zorglocatie"},
        {"instroom?formaat=xls", "invalid_query", "formaat"},
    };
    response r;
    char path[160];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "/api/monitor/%s", cases[i].query);
        cr_assert_eq(call(&bel, "GET", path, NULL, 0, &r), 400, "%s: %s", path, r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "%s", path);
        cr_assert_str_eq(error_field(&r), cases[i].field, "%s", path);
        response_free(&r);
    }
    /* functioneel beheer may, the workflow roles may not */
    cr_assert_eq(call(&fb, "GET", "/api/monitor/instroom", NULL, 0, &r), 200);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/monitor/instroom", NULL, 0, &r), 403);
    response_free(&r);
    cr_assert_eq(call(&za, "GET", "/api/monitor/bezetting", NULL, 0, &r), 403);
    response_free(&r);
}
