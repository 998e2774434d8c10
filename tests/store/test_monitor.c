/*
 * test_monitor.c - the capacity monitor's derived tables (store/monitor.h) on SQLite and
 * PostgreSQL: one request's whole path through store_plaatsing_save leaves exactly the
 * counts computed by hand below; a failed save leaves none (same transaction); and a
 * rebuild from the event table alone gives the same table (the counts are a function of the
 * events, never a separate counter).
 */
#include "store/monitor.h"
#include "store/plaatsing.h"
#include "storefix.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static testdb tdb;
static store *db;

static void setup(void)
{
    storefix_open(&tdb, &db);
}

static void teardown(void)
{
    storefix_close(&tdb, &db);
}

TestSuite(monitor_store, .init = setup, .fini = teardown);

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK);
    return d;
}

/* The access-log entry of the fixture's writes. */
static store_access_entry *audit(void)
{
    return storefix_audit("indiceerder");
}

static int64_t zid, loc;

static store_plaatsing world_and_request(void)
{
    store_organisation o = {0}, oo;
    snprintf(o.name, sizeof o.name, "DIZ");
    snprintf(o.kind, sizeof o.kind, "diz");
    cr_assert_eq(store_organisation_create(db, &o, &oo), STORE_OK);
    ifzo_zorgaanbieder z = {.toelating = true};
    snprintf(z.naam, sizeof z.naam, "Kliniek");
    snprintf(z.agb, sizeof z.agb, "12345678");
    store_zorgaanbieder zo;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &zo), STORE_OK);
    zid = zo.v.id;
    ifzo_zorglocatie l = {.zorgaanbieder_id = zo.v.id,
                          .naam = "Locatie",
                          .agb = "22345678",
                          .adres = "Laan 1",
                          .postcode = "3011AB",
                          .plaats = "Rotterdam",
                          .arrondissement = "RTD",
                          .lat = 51.92,
                          .lon = 4.48,
                          .beveiligingsniveau = "2"};
    store_zorglocatie lo;
    cr_assert_eq(store_zorglocatie_create(db, STORE_SCOPE_EVERYTHING, &l, &lo), STORE_OK);
    loc = lo.v.id;
    ifzo_justitiabele j = {
        .achternaam = "Jansen", .bsn = "123456782", .geslacht = "1", .postcode = "3011AB"};
    j.geboortedatum = D("1990-01-01");
    store_justitiabele jo;
    cr_assert_eq(store_justitiabele_create(db, STORE_SCOPE_EVERYTHING, &j, audit(), &jo), STORE_OK);
    ifzo_indicatie in = {.status = IFZO_IND_DEFINITIEF,
                         .justitiabele_id = jo.v.id,
                         .zorgtype = "KLIN",
                         .zorgtitel = "08",
                         .titel_start = D("2025-01-01"),
                         .titel_eind = IFZO_NO_DATE,
                         .aanmelddatum = D("2025-01-02"),
                         .onderbouwing = "x"};
    store_indicatie io;
    cr_assert_eq(store_indicatie_create(db, STORE_SCOPE_EVERYTHING, &in, audit(), &io), STORE_OK);
    plaatsingsverzoek pv;
    cr_assert(plaatsing_aanmaken(&io.v, oo.id, D("2025-04-01"), &pv, NULL));
    store_plaatsing out;
    store_access_entry log = {.username = "t",
                              .role = "plaatser",
                              .client_id = jo.v.id,
                              .object_type = "plaatsingsverzoek",
                              .action = "create"};
    cr_assert_eq(store_plaatsing_create(db, &pv, &log, &out), STORE_OK);
    return out;
}

static store_plaatsing copy(const store_plaatsing *p)
{
    store_plaatsing c = *p;
    c.pogingen = calloc(p->n + 1, sizeof *c.pogingen);
    cr_assert_not_null(c.pogingen);
    if (p->n)
        memcpy(c.pogingen, p->pogingen, p->n * sizeof *c.pogingen);
    return c;
}

static void save(store_plaatsing *p, store_plaatsing *after, store_plaatsing_stap st)
{
    store_plaatsing out;
    cr_assert_eq(store_plaatsing_save(db, p, after, &st, NULL, &out), STORE_OK, "%s", st.stap);
    free(after->pogingen);
    store_plaatsing_free(p);
    *p = out;
}

static char *dump(void)
{
    char *d = NULL;
    cr_assert_eq(store_monitor_dump(db, &d), STORE_OK);
    return d;
}

/* The period rows (migration 0010) as maintained, or summed from the day rows. */
static char *dump_perioden(bool uit_dagen)
{
    char *d = NULL;
    cr_assert_eq(store_monitor_dump_perioden(db, uit_dagen, &d), STORE_OK);
    return d;
}

Test(monitor_store, one_path_gives_the_counts_computed_by_hand_and_a_rebuild_the_same)
{
    store_plaatsing p = world_and_request();
    /* referral on 2025-04-17 */
    store_plaatsing a = copy(&p);
    cr_assert(
        plaatsing_aanmelden(&p.v, NULL, 0, loc, false, D("2025-04-17"), &a.pogingen[0].v, NULL));
    a.n = 1;
    save(&p, &a,
         (store_plaatsing_stap){.stap = "aanmelden", .poging_id = -1, .datum = D("2025-04-17")});
    /* A referral to an unknown location fails and leaves no count behind. */
    char *before = dump();
    char *per_before = dump_perioden(false);
    a = copy(&p);
    toeleidingspoging all1[1] = {p.pogingen[0].v};
    cr_assert(plaatsing_aanmelden(&p.v, all1, 1, loc + 1000, true, D("2025-04-17"),
                                  &a.pogingen[1].v, NULL));
    a.n = 2;
    store_plaatsing out;
    store_plaatsing_stap bad = {.stap = "aanmelden", .poging_id = -1, .datum = D("2025-04-17")};
    cr_assert_eq(store_plaatsing_save(db, &p, &a, &bad, NULL, &out), STORE_INVALID);
    free(a.pogingen);
    char *after_bad = dump();
    cr_assert_str_eq(after_bad, before);
    free(before);
    free(after_bad);
    char *per_after_bad = dump_perioden(false);
    cr_assert_str_eq(per_after_bad, per_before);
    free(per_before);
    free(per_after_bad);
    /* acceptance on Good Friday 2025-04-18 */
    a = copy(&p);
    cr_assert(plaatsing_reageren(&a.pogingen[0].v, "01", "", D("2025-04-18"), NULL));
    save(&p, &a,
         (store_plaatsing_stap){.stap = "accepteren",
                                .poging_id = p.pogingen[0].v.id,
                                .datum = D("2025-04-18"),
                                .code = "01"});
    /* decision on 2025-04-22, start on 2025-05-01 */
    a = copy(&p);
    toeleidingspoging all[1] = {p.pogingen[0].v};
    cr_assert(plaatsing_besluiten(&a.v, all, 1, 0, "PB-1", "KLIN", D("2025-05-01"), D("2025-04-22"),
                                  NULL));
    save(&p, &a,
         (store_plaatsing_stap){.stap = "besluiten", .datum = D("2025-05-01"), .code = "PB-1"});
    a = copy(&p);
    cr_assert(plaatsing_start_zorg(&a.v, D("2025-05-01"), D("2025-05-02"), NULL));
    save(&p, &a, (store_plaatsing_stap){.stap = "start_zorg", .datum = D("2025-05-01")});
    /* end 2025-06-01 reported 06-12 (late), corrected to 06-03 */
    einde_zorg_melding m = {.einddatum = D("2025-06-01"),
                            .mutatiereden = "07",
                            .meldingsdatum = D("2025-06-12"),
                            .status = 1};
    a = copy(&p);
    cr_assert(plaatsing_einde_zorg(&a.v, &m, IFZO_NO_DATE, D("2025-06-12"), NULL));
    save(&p, &a,
         (store_plaatsing_stap){.stap = "einde_zorg",
                                .datum = m.einddatum,
                                .code = "07",
                                .te_laat = a.v.einde_te_laat});
    m.einddatum = D("2025-06-03");
    m.status = 2;
    a = copy(&p);
    cr_assert(plaatsing_einde_zorg(&a.v, &m, IFZO_NO_DATE, D("2025-06-13"), NULL));
    save(
        &p, &a,
        (store_plaatsing_stap){.stap = "correctie_einde_zorg", .datum = m.einddatum, .code = "07"});
    store_plaatsing_free(&p);

    /* By hand (maat dag zorgtype beveiligingsniveau arrondissement aanbieder locatie
     * sleutel waarde aantal; the indication has no security level, the location has 2; the
     * client's postcode and the location lie in RTD):
     * - request 04-01; referral 04-17: 16 days, 12 working days > 5: buiten;
     * - acceptance 04-18 (Good Friday): 17 days, 12 working days > 10: buiten; answer 1 day
     *   after the referral, within KLIN's 5 working days (deadline 04-28): binnen;
     * - decision 04-22 in the client's arrondissement; the referral names no stored proposal,
     *   so its mode is onbekend (the API test covers the modes of real proposals);
     * - start 05-01: 30 days, 20 working days (April 2-30 less Good Friday and Easter
     *   Monday: 19, plus May 1) <= 20: binnen; occupancy +1 on 05-01 (location dimensions);
     * - end 06-01 reported 11 days later (late), corrected to 06-03: only the 06-03 rows. */
    char want[2048];
    long long Z = (long long)zid, L = (long long)loc;
    snprintf(want, sizeof want,
             "bezetting 2025-05-01 KLIN 2 RTD %lld %lld  0 1\n"
             "bezetting 2025-06-03 KLIN 2 RTD %lld %lld  0 -1\n"
             "einde_melding 2025-06-03 KLIN  RTD %lld %lld te_laat 0 1\n"
             "instroom 2025-05-01 KLIN  RTD %lld %lld  0 1\n"
             "plaatsing_regio 2025-04-22 KLIN  RTD %lld %lld in_regio 0 1\n"
             "plaatsing_soort 2025-04-22 KLIN  RTD %lld %lld onbekend 0 1\n"
             "reactie 2025-04-18 KLIN  RTD %lld %lld 01 0 1\n"
             "reactietermijn 2025-04-18 KLIN  RTD %lld %lld binnen 1 1\n"
             "uitstroom 2025-06-03 KLIN  RTD %lld %lld 07 0 1\n"
             "verzoek 2025-04-01 KLIN  RTD 0 0  0 1\n"
             "wacht_aanmelding 2025-04-17 KLIN  RTD %lld %lld buiten 16 1\n"
             "wacht_acceptatie 2025-04-18 KLIN  RTD %lld %lld buiten 17 1\n"
             "wacht_start 2025-05-01 KLIN  RTD %lld %lld binnen 30 1\n",
             Z, L, Z, L, Z, L, Z, L, Z, L, Z, L, Z, L, Z, L, Z, L, Z, L, Z, L, Z, L);
    char *got = dump();
    cr_assert_str_eq(got, want);

    /* The period rows are the day rows summed per week, month, quarter and year, each kept
     * with no dimension and with each one of the five (the others '' and 0): 13 day rows in
     * four periods each, 52 lines, less the four of the occupancy's +1 (05-01) and -1 (06-03)
     * in the two periods they share and cancel in (2025-K2 and 2025): 48, six times. The
     * corrected end's -1 and +1 on 06-01 cancel in every period of their own. */
    char *per = dump_perioden(false), *per_from_days = dump_perioden(true);
    cr_assert_str_eq(per, per_from_days);
    char line[160];
    cr_assert(strstr(per, "instroom maand::2025-05    0 0  0 1\n") != NULL, "%s", per);
    cr_assert(strstr(per, "instroom maand:zorgtype:2025-05 KLIN   0 0  0 1\n") != NULL);
    snprintf(line, sizeof line, "instroom maand:zorglocatie:2025-05    0 %lld  0 1\n", L);
    cr_assert(strstr(per, line) != NULL);
    snprintf(line, sizeof line, "uitstroom jaar:zorgaanbieder:2025    %lld 0 07 0 1\n", Z);
    cr_assert(strstr(per, line) != NULL);
    cr_assert(strstr(per, "bezetting jaar:") == NULL, "+1 and -1 in 2025 sum to 0");
    size_t lines = 0;
    for (const char *q = per; *q; q++)
        lines += *q == '\n';
    cr_assert_eq(lines, 6 * 48, "%zu period lines:\n%s", lines, per);
    free(per_from_days);

    /* The same from the events alone. */
    cr_assert_eq(store_monitor_rebuild(db), STORE_OK);
    char *rebuilt = dump();
    cr_assert_str_eq(rebuilt, got);
    free(rebuilt);
    free(got);
    char *per_rebuilt = dump_perioden(false);
    cr_assert_str_eq(per_rebuilt, per);
    free(per_rebuilt);
    free(per);

    /* And read back per quarter: the reaction in 2025-K2 under its code. */
    store_monitor_filter f = {
        .periode = MON_KWARTAAL, .van = D("2025-01-01"), .tot = D("2025-12-31")};
    store_monitor_rij *rows;
    size_t n;
    cr_assert_eq(store_monitor_tellingen(db, "reactie", &f, MON_PER_CODE, &rows, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(rows[0].periode, "2025-K2");
    cr_assert_str_eq(rows[0].categorie, "01");
    cr_assert_eq(rows[0].aantal, 1);
    free(rows);
    snprintf(f.zorgtype, sizeof f.zorgtype, "TBS");
    cr_assert_eq(store_monitor_tellingen(db, "reactie", &f, MON_PER_CODE, &rows, &n), STORE_OK);
    cr_assert_eq(n, 0);
    free(rows);

    /* A range with partial months at both ends: March 15-31 and June 1-10 come from the day
     * rows, April and May from the month rows; each count once. */
    store_monitor_filter rf = {
        .periode = MON_MAAND, .van = D("2025-03-15"), .tot = D("2025-06-10")};
    static const struct {
        const char *maat, *periode, *sleutel;
    } want_m[] = {{"reactie", "2025-04", "01"},
                  {"instroom", "2025-05", ""},
                  {"uitstroom", "2025-06", "07"},
                  {"wacht_aanmelding", "2025-04", "buiten"}};
    for (size_t k = 0; k < sizeof want_m / sizeof want_m[0]; k++) {
        cr_assert_eq(store_monitor_tellingen(db, want_m[k].maat, &rf, MON_PER_CODE, &rows, &n),
                     STORE_OK);
        cr_assert_eq(n, 1, "%s: %zu rows", want_m[k].maat, n);
        cr_assert_str_eq(rows[0].periode, want_m[k].periode);
        cr_assert_str_eq(rows[0].categorie, want_m[k].sleutel);
        cr_assert_eq(rows[0].aantal, 1);
        free(rows);
    }
    /* the end on 06-03 lies outside a range that stops on 06-02 (the withdrawn 06-01 row
     * may be read, with 0) */
    rf.tot = D("2025-06-02");
    cr_assert_eq(store_monitor_tellingen(db, "uitstroom", &rf, MON_PER_CODE, &rows, &n), STORE_OK);
    int64_t sum = 0;
    for (size_t k = 0; k < n; k++)
        sum += rows[k].aantal;
    cr_assert_eq(sum, 0);
    free(rows);
    /* weeks: 2025-W18 (04-28 .. 05-04) whole, the start on 05-01 in it */
    rf =
        (store_monitor_filter){.periode = MON_WEEK, .van = D("2025-04-23"), .tot = D("2025-05-06")};
    cr_assert_eq(store_monitor_tellingen(db, "instroom", &rf, MON_PER_ZORGLOCATIE, &rows, &n),
                 STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(rows[0].periode, "2025-W18");
    cr_assert_eq(rows[0].aantal, 1);
    free(rows);

    /* Occupancy before a range: whole months of the year from the month rows, the rest of
     * van's month from the day rows. Occupied from 05-01 to 06-03. */
    rf = (store_monitor_filter){
        .periode = MON_MAAND, .van = D("2025-05-15"), .tot = D("2025-05-31")};
    cr_assert_eq(store_monitor_bezetting(db, &rf, MON_PER_ZORGLOCATIE, &rows, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(rows[0].periode, "2025-05");
    cr_assert_eq(rows[0].aantal, 1);
    free(rows);
    rf.van = D("2025-06-10");
    rf.tot = D("2025-07-31");
    cr_assert_eq(store_monitor_bezetting(db, &rf, MON_PER_ZORGLOCATIE, &rows, &n), STORE_OK);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(rows[0].periode, "2025-06");
    cr_assert_eq(rows[0].aantal, 0);
    cr_assert_str_eq(rows[1].periode, "2025-07");
    cr_assert_eq(rows[1].aantal, 0);
    free(rows);
    rf.van = D("2025-05-20");
    cr_assert_eq(store_monitor_bezetting(db, &rf, MON_PER_ZORGLOCATIE, &rows, &n), STORE_OK);
    cr_assert_eq(n, 3);
    cr_assert_eq(rows[0].aantal, 1, "2025-05: %lld", (long long)rows[0].aantal);
    cr_assert_eq(rows[1].aantal, 0);
    free(rows);
}
