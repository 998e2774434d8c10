/*
 * test_plaatsing.c - the placement workflow in the store (store/plaatsing.h) on SQLite and
 * PostgreSQL: a request loaded and saved as one value, every kind of row written once, the
 * event table, versions (a stale save changes nothing), unique decision numbers, lists.
 */
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

TestSuite(plaatsing_store, .init = setup, .fini = teardown);

/* An access-log entry for the client writes of the fixtures (required by the store). */
/* The access-log entry of the fixture's writes. */
static store_access_entry *audit(void)
{
    return storefix_audit("indiceerder");
}

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK);
    return d;
}

static int64_t organisation(const char *name, const char *kind)
{
    store_organisation in = {0}, out;
    snprintf(in.name, sizeof in.name, "%s", name);
    snprintf(in.kind, sizeof in.kind, "%s", kind);
    cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    return out.id;
}

typedef struct {
    int64_t plaatser, aanbieder_org, loc1, loc2, indicatie;
} world;

static world make_world(void)
{
    world w;
    w.plaatser = organisation("DIZ", "diz");
    w.aanbieder_org = organisation("Kliniek", "zorgaanbieder");
    ifzo_zorgaanbieder z = {.toelating = true, .organisation_id = w.aanbieder_org};
    snprintf(z.naam, sizeof z.naam, "Kliniek");
    snprintf(z.agb, sizeof z.agb, "12345678");
    store_zorgaanbieder zo;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &zo), STORE_OK);
    int64_t *locs[] = {&w.loc1, &w.loc2};
    const char *agbs[] = {"22345678", "32345678"};
    for (int i = 0; i < 2; i++) {
        ifzo_zorglocatie l = {.zorgaanbieder_id = zo.v.id,
                              .naam = "Locatie",
                              .adres = "Laan 1",
                              .postcode = "3011AB",
                              .plaats = "Rotterdam",
                              .arrondissement = "RTD",
                              .lat = 51.92,
                              .lon = 4.48,
                              .beveiligingsniveau = "2"};
        snprintf(l.agb, sizeof l.agb, "%s", agbs[i]);
        store_zorglocatie lo;
        cr_assert_eq(store_zorglocatie_create(db, STORE_SCOPE_EVERYTHING, &l, &lo), STORE_OK);
        *locs[i] = lo.v.id;
    }
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
    w.indicatie = io.v.id;
    return w;
}

static store_plaatsing create(const world *w)
{
    store_indicatie ind;
    cr_assert_eq(store_indicatie_get(db, STORE_SCOPE_EVERYTHING, w->indicatie, 0, &ind), STORE_OK);
    plaatsingsverzoek pv;
    core_error e = {0};
    cr_assert(plaatsing_aanmaken(&ind.v, w->plaatser, D("2025-04-01"), &pv, &e), "%s", e.code);
    store_plaatsing out;
    store_access_entry log = {.user_id = 0,
                              .username = "tester",
                              .role = "plaatser",
                              .client_id = ind.v.justitiabele_id,
                              .object_type = "plaatsingsverzoek",
                              .action = "create"};
    cr_assert_eq(store_plaatsing_create(db, &pv, &log, &out), STORE_OK);
    return out;
}

/* A copy with its own attempt array, room for one more attempt. */
static store_plaatsing copy(const store_plaatsing *p)
{
    store_plaatsing c = *p;
    c.pogingen = calloc(p->n + 1, sizeof *c.pogingen);
    cr_assert_not_null(c.pogingen);
    if (p->n)
        memcpy(c.pogingen, p->pogingen, p->n * sizeof *c.pogingen);
    return c;
}

static void aanmelden(store_plaatsing *cur, int64_t loc, bool parallel)
{
    store_plaatsing after = copy(cur);
    toeleidingspoging all[8];
    for (size_t i = 0; i < cur->n; i++)
        all[i] = cur->pogingen[i].v;
    core_error e = {0};
    cr_assert(plaatsing_aanmelden(&cur->v, all, cur->n, loc, parallel, D("2025-04-17"),
                                  &after.pogingen[after.n].v, &e),
              "%s", e.code);
    after.n++;
    store_plaatsing_stap st = {.stap = "aanmelden", .poging_id = -1, .datum = D("2025-04-17")};
    store_plaatsing out;
    cr_assert_eq(store_plaatsing_save(db, cur, &after, &st, NULL, &out), STORE_OK);
    free(after.pogingen);
    store_plaatsing_free(cur);
    *cur = out;
}

static void reageren(store_plaatsing *cur, size_t idx, const char *code)
{
    store_plaatsing after = copy(cur);
    core_error e = {0};
    cr_assert(plaatsing_reageren(&after.pogingen[idx].v, code, "toelichting", D("2025-04-18"), &e));
    store_plaatsing_stap st = {
        .stap = codelist_reactie_accepts(codelist_lookup_in(CODELIST_REACTIEMOGELIJKHEID, code))
                    ? "accepteren"
                    : "afwijzen",
        .poging_id = cur->pogingen[idx].v.id,
        .datum = D("2025-04-18"),
        .code = code,
        .tekst = "toelichting"};
    store_plaatsing out;
    cr_assert_eq(store_plaatsing_save(db, cur, &after, &st, NULL, &out), STORE_OK);
    free(after.pogingen);
    store_plaatsing_free(cur);
    *cur = out;
}

Test(plaatsing_store, create_get_and_the_first_event)
{
    world w = make_world();
    store_plaatsing p = create(&w);
    cr_assert_gt(p.v.id, 0);
    cr_assert_eq(p.v.status, PV_OPEN);
    cr_assert_eq(p.m.version, 1);
    cr_assert_eq(p.n, 0);
    cr_assert_str_eq(p.v.zorgtype, "KLIN");
    cr_assert_eq(p.v.titel_start, D("2025-01-01"));
    cr_assert_eq(p.v.titel_eind, IFZO_NO_DATE);
    cr_assert_eq(p.v.startdatum, IFZO_NO_DATE);
    store_plaatsing g;
    cr_assert_eq(store_plaatsing_get(db, p.v.id, &g), STORE_OK);
    cr_assert_eq(g.v.indicatie_id, w.indicatie);
    cr_assert_eq(g.v.plaatser_organisatie_id, w.plaatser);
    cr_assert_eq(store_plaatsing_get(db, p.v.id + 100, &g), STORE_NOT_FOUND);
    store_plaatsing_event *ev;
    size_t n;
    cr_assert_eq(store_plaatsing_events(db, p.v.id, &ev, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(ev[0].stap, "aanmaken");
    cr_assert_str_eq(ev[0].status_van, "-");
    cr_assert_str_eq(ev[0].status_naar, "open");
    cr_assert_str_eq(ev[0].username, "tester");
    cr_assert_str_eq(ev[0].role, "plaatser");
    free(ev);
    /* The access log entry was written in the same transaction. */
    store_access_entry *log;
    cr_assert_eq(store_access_log_list(db, p.v.justitiabele_id, 0, 10, &log, &n), STORE_OK);
    /* the fixture's client and indication writes, then the request */
    cr_assert_eq(n, 3);
    cr_assert_str_eq(log[2].object_type, "plaatsingsverzoek");
    cr_assert_eq(log[2].object_id, p.v.id);
    cr_assert_str_eq(log[2].action, "create");
    free(log);
    store_plaatsing_free(&p);
}

Test(plaatsing_store, unknown_parents_are_invalid)
{
    world w = make_world();
    store_indicatie ind;
    cr_assert_eq(store_indicatie_get(db, STORE_SCOPE_EVERYTHING, w.indicatie, 0, &ind), STORE_OK);
    plaatsingsverzoek pv;
    cr_assert(plaatsing_aanmaken(&ind.v, w.plaatser + 1000, D("2025-04-01"), &pv, NULL));
    store_plaatsing out;
    cr_assert_eq(store_plaatsing_create(db, &pv, NULL, &out), STORE_INVALID);
    store_plaatsing p = create(&w);
    store_plaatsing after = copy(&p);
    cr_assert(plaatsing_aanmelden(&p.v, NULL, 0, w.loc2 + 1000, false, D("2025-04-17"),
                                  &after.pogingen[0].v, NULL));
    after.n = 1;
    store_plaatsing_stap st = {.stap = "aanmelden", .poging_id = -1, .datum = IFZO_NO_DATE};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_INVALID);
    cr_assert_eq(store_plaatsing_get(db, p.v.id, &out), STORE_OK);
    cr_assert_eq(out.n, 0, "nothing half-written");
    cr_assert_eq(out.m.version, 1);
    free(after.pogingen);
    store_plaatsing_free(&out);
    store_plaatsing_free(&p);
}

Test(plaatsing_store, the_whole_path_is_stored_with_rows_and_events)
{
    world w = make_world();
    store_plaatsing p = create(&w);
    aanmelden(&p, w.loc1, false);
    cr_assert_eq(p.n, 1);
    cr_assert_eq(p.m.version, 2);
    cr_assert_eq(p.pogingen[0].v.status, TP_AANGEMELD);
    cr_assert_eq(p.pogingen[0].aanbieder_organisatie_id, w.aanbieder_org);
    cr_assert_eq(p.pogingen[0].v.aanmelddatum, D("2025-04-17"));
    reageren(&p, 0, "16");
    cr_assert_eq(p.pogingen[0].v.status, TP_AFGEWEZEN);
    cr_assert_str_eq(p.pogingen[0].v.reactie, "16");
    cr_assert_str_eq(p.pogingen[0].v.reactie_toelichting, "toelichting");
    cr_assert_eq(p.pogingen[0].m.version, 2);

    /* Cancel the declined attempt (Te betwisten, with motivation). */
    store_plaatsing after = copy(&p), out;
    toeleidingspoging tp[2] = {p.pogingen[0].v};
    cr_assert(
        plaatsing_annuleren(&after.v, tp, 1, 0, "ZA", "ZA02", "Onterecht", D("2025-04-19"), NULL));
    after.pogingen[0].v = tp[0];
    store_plaatsing_stap st = {.stap = "annuleren",
                               .poging_id = p.pogingen[0].v.id,
                               .datum = D("2025-04-19"),
                               .code = "ZA02",
                               .tekst = "Onterecht"};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.pogingen[0].v.status, TP_GEANNULEERD);
    cr_assert_str_eq(out.pogingen[0].v.op_verzoek, "ZA");
    cr_assert_str_eq(out.pogingen[0].v.annuleringsreden, "ZA02");
    cr_assert_str_eq(out.pogingen[0].v.motivatie, "Onterecht");
    cr_assert_eq(out.pogingen[0].v.annuleringsdatum, D("2025-04-19"));
    free(after.pogingen);
    store_plaatsing_free(&p);
    p = out;

    aanmelden(&p, w.loc2, false);
    reageren(&p, 1, "01");
    cr_assert_eq(p.pogingen[1].v.status, TP_GEACCEPTEERD);

    /* Decision, start, end, correction, withdrawal. */
    after = copy(&p);
    toeleidingspoging all[2] = {p.pogingen[0].v, p.pogingen[1].v};
    cr_assert(plaatsing_besluiten(&after.v, all, 2, 1, "PB-2025-1", "TBS", D("2025-05-01"),
                                  D("2025-04-22"), NULL));
    st = (store_plaatsing_stap){.stap = "besluiten", .datum = D("2025-04-22"), .code = "PB-2025-1"};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.v.status, PV_BESLOTEN);
    cr_assert_str_eq(out.v.besluitnummer, "PB-2025-1");
    cr_assert_eq(out.v.besluit_poging_id, p.pogingen[1].v.id);
    cr_assert_eq(out.v.besluit_zorglocatie_id, w.loc2);
    cr_assert_str_eq(out.v.besluit_zorgtype, "TBS");
    cr_assert_eq(out.v.verwachte_startdatum, D("2025-05-01"));
    cr_assert_eq(out.v.besluitdatum, D("2025-04-22"));
    free(after.pogingen);
    store_plaatsing_free(&p);
    p = out;

    after = copy(&p);
    cr_assert(plaatsing_start_zorg(&after.v, D("2025-05-01"), D("2025-05-02"), NULL));
    st = (store_plaatsing_stap){.stap = "start_zorg", .datum = D("2025-05-01")};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.v.status, PV_GEPLAATST);
    cr_assert_eq(out.v.startdatum, D("2025-05-01"));
    free(after.pogingen);
    store_plaatsing_free(&p);
    p = out;

    einde_zorg_melding m = {.einddatum = D("2025-06-01"),
                            .mutatiereden = "07",
                            .meldingsdatum = D("2025-06-12"),
                            .status = 1};
    after = copy(&p);
    cr_assert(plaatsing_einde_zorg(&after.v, &m, IFZO_NO_DATE, D("2025-06-12"), NULL));
    st = (store_plaatsing_stap){
        .stap = "einde_zorg", .datum = m.einddatum, .code = "07", .te_laat = after.v.einde_te_laat};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.v.status, PV_ZORG_BEEINDIGD);
    cr_assert_eq(out.v.einddatum, D("2025-06-01"));
    cr_assert_str_eq(out.v.mutatiereden, "07");
    cr_assert_eq(out.v.meldingsdatum, D("2025-06-12"));
    cr_assert(out.v.einde_te_laat);
    free(after.pogingen);
    store_plaatsing_free(&p);
    p = out;

    m = (einde_zorg_melding){.einddatum = D("2025-06-03"),
                             .mutatiereden = "07",
                             .meldingsdatum = D("2025-06-13"),
                             .status = 2};
    after = copy(&p);
    cr_assert(plaatsing_einde_zorg(&after.v, &m, IFZO_NO_DATE, D("2025-06-13"), NULL));
    st = (store_plaatsing_stap){.stap = "correctie_einde_zorg", .datum = m.einddatum, .code = "07"};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.v.einddatum, D("2025-06-03"));
    free(after.pogingen);
    store_plaatsing_free(&p);
    p = out;

    m = (einde_zorg_melding){
        .einddatum = IFZO_NO_DATE, .meldingsdatum = D("2025-06-14"), .status = 3};
    after = copy(&p);
    cr_assert(plaatsing_einde_zorg(&after.v, &m, IFZO_NO_DATE, D("2025-06-14"), NULL));
    st = (store_plaatsing_stap){.stap = "intrekking_einde_zorg", .datum = IFZO_NO_DATE};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.v.status, PV_GEPLAATST);
    cr_assert_eq(out.v.einddatum, IFZO_NO_DATE);
    cr_assert_str_eq(out.v.mutatiereden, "");
    cr_assert_not(out.v.einde_te_laat);
    cr_assert_eq(out.v.startdatum, D("2025-05-01"));
    free(after.pogingen);
    store_plaatsing_free(&p);
    p = out;

    store_plaatsing_event *ev;
    size_t n;
    cr_assert_eq(store_plaatsing_events(db, p.v.id, &ev, &n), STORE_OK);
    const char *want[][3] = {{"aanmaken", "-", "open"},
                             {"aanmelden", "-", "aangemeld"},
                             {"afwijzen", "aangemeld", "afgewezen"},
                             {"annuleren", "afgewezen", "geannuleerd"},
                             {"aanmelden", "-", "aangemeld"},
                             {"accepteren", "aangemeld", "geaccepteerd"},
                             {"besluiten", "open", "besloten"},
                             {"start_zorg", "besloten", "geplaatst"},
                             {"einde_zorg", "geplaatst", "zorg_beeindigd"},
                             {"correctie_einde_zorg", "zorg_beeindigd", "zorg_beeindigd"},
                             {"intrekking_einde_zorg", "zorg_beeindigd", "geplaatst"}};
    cr_assert_eq(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(ev[i].stap, want[i][0], "event %zu", i);
        cr_assert_str_eq(ev[i].status_van, want[i][1], "event %zu", i);
        cr_assert_str_eq(ev[i].status_naar, want[i][2], "event %zu", i);
    }
    cr_assert_eq(ev[3].zorglocatie_id, w.loc1);
    cr_assert_str_eq(ev[3].code, "ZA02");
    cr_assert_str_eq(ev[3].tekst, "Onterecht");
    cr_assert_eq(ev[6].zorglocatie_id, w.loc2);
    cr_assert_str_eq(ev[6].code, "PB-2025-1");
    cr_assert_eq(ev[7].datum, D("2025-05-01"));
    cr_assert_eq(ev[7].zorglocatie_id, w.loc2);
    cr_assert_eq(ev[8].datum, D("2025-06-01"));
    cr_assert_str_eq(ev[8].code, "07");
    cr_assert(ev[8].te_laat);
    cr_assert_eq(p.m.version, 11, "one raise per step");
    free(ev);
    store_plaatsing_free(&p);
}

Test(plaatsing_store, a_stale_save_is_a_conflict_and_writes_nothing)
{
    world w = make_world();
    store_plaatsing p = create(&w);
    aanmelden(&p, w.loc1, false);
    /* Two changes from the same state: a cancellation and an acceptance. */
    store_plaatsing a = copy(&p), b = copy(&p), out, out2;
    toeleidingspoging tp[1] = {p.pogingen[0].v};
    cr_assert(plaatsing_annuleren(&a.v, tp, 1, 0, "PL", "PL04", NULL, D("2025-04-25"), NULL));
    a.pogingen[0].v = tp[0];
    cr_assert(plaatsing_reageren(&b.pogingen[0].v, "01", NULL, D("2025-04-25"), NULL));
    store_plaatsing_stap sa = {.stap = "annuleren",
                               .poging_id = p.pogingen[0].v.id,
                               .datum = D("2025-04-25"),
                               .code = "PL04"};
    store_plaatsing_stap sb = {.stap = "accepteren",
                               .poging_id = p.pogingen[0].v.id,
                               .datum = D("2025-04-25"),
                               .code = "01"};
    cr_assert_eq(store_plaatsing_save(db, &p, &a, &sa, NULL, &out), STORE_OK);
    cr_assert_eq(store_plaatsing_save(db, &p, &b, &sb, NULL, &out2), STORE_CONFLICT);
    store_plaatsing g;
    cr_assert_eq(store_plaatsing_get(db, p.v.id, &g), STORE_OK);
    cr_assert_eq(g.pogingen[0].v.status, TP_GEANNULEERD);
    cr_assert_str_eq(g.pogingen[0].v.reactie, "", "no reaction row");
    store_plaatsing_event *ev;
    size_t n;
    cr_assert_eq(store_plaatsing_events(db, p.v.id, &ev, &n), STORE_OK);
    cr_assert_eq(n, 3);
    free(ev);
    free(a.pogingen);
    free(b.pogingen);
    store_plaatsing_free(&out);
    store_plaatsing_free(&out2);
    store_plaatsing_free(&g);
    store_plaatsing_free(&p);
}

Test(plaatsing_store, withdrawal_cancels_the_others_with_their_events)
{
    world w = make_world();
    store_plaatsing p = create(&w);
    aanmelden(&p, w.loc1, false);
    aanmelden(&p, w.loc2, true);
    cr_assert(p.pogingen[1].v.parallel);
    store_plaatsing a = copy(&p), out;
    toeleidingspoging tp[2] = {p.pogingen[0].v, p.pogingen[1].v};
    cr_assert(plaatsing_annuleren(&a.v, tp, 2, 0, "PL", "PL12", NULL, D("2025-04-25"), NULL));
    a.pogingen[0].v = tp[0];
    a.pogingen[1].v = tp[1];
    store_plaatsing_stap st = {.stap = "annuleren",
                               .poging_id = p.pogingen[0].v.id,
                               .datum = D("2025-04-25"),
                               .code = "PL12"};
    cr_assert_eq(store_plaatsing_save(db, &p, &a, &st, NULL, &out), STORE_OK);
    cr_assert_eq(out.v.status, PV_INGETROKKEN);
    cr_assert_eq(out.pogingen[0].v.status, TP_GEANNULEERD);
    cr_assert_eq(out.pogingen[1].v.status, TP_GEANNULEERD);
    cr_assert_str_eq(out.pogingen[1].v.annuleringsreden, "PL12");
    store_plaatsing_event *ev;
    size_t n;
    cr_assert_eq(store_plaatsing_events(db, p.v.id, &ev, &n), STORE_OK);
    cr_assert_eq(n, 6);
    cr_assert_str_eq(ev[3].stap, "annuleren");
    cr_assert_eq(ev[3].poging_id, p.pogingen[1].v.id, "the cascaded cancellation first");
    cr_assert_str_eq(ev[4].stap, "annuleren");
    cr_assert_eq(ev[4].poging_id, p.pogingen[0].v.id);
    cr_assert_str_eq(ev[5].stap, "intrekken");
    cr_assert_str_eq(ev[5].status_naar, "ingetrokken");
    free(ev);
    free(a.pogingen);
    store_plaatsing_free(&out);
    store_plaatsing_free(&p);
}

Test(plaatsing_store, besluitnummer_is_unique_and_lists_filter)
{
    world w = make_world();
    int64_t ids[2];
    for (int k = 0; k < 2; k++) {
        store_plaatsing p = create(&w);
        aanmelden(&p, k == 0 ? w.loc1 : w.loc2, false);
        reageren(&p, 0, "01");
        store_plaatsing a = copy(&p), out;
        toeleidingspoging tp[1] = {p.pogingen[0].v};
        cr_assert(plaatsing_besluiten(&a.v, tp, 1, 0, "PB-1", "KLIN", D("2025-05-01"),
                                      D("2025-04-22"), NULL));
        store_plaatsing_stap st = {.stap = "besluiten", .code = "PB-1", .datum = IFZO_NO_DATE};
        cr_assert_eq(store_plaatsing_save(db, &p, &a, &st, NULL, &out),
                     k == 0 ? STORE_OK : STORE_DUPLICATE);
        ids[k] = p.v.id;
        free(a.pogingen);
        store_plaatsing_free(&out);
        store_plaatsing_free(&p);
    }
    store_plaatsing g;
    cr_assert_eq(store_plaatsing_get(db, ids[1], &g), STORE_OK);
    cr_assert_eq(g.v.status, PV_OPEN, "the duplicate changed nothing");
    cr_assert_eq(g.m.version, 3);
    store_plaatsing_free(&g);

    store_plaatsing *items;
    size_t n;
    cr_assert_eq(store_plaatsing_list(db, w.plaatser, NULL, 100, &items, &n), STORE_OK);
    cr_assert_eq(n, 2);
    cr_assert_eq(items[0].v.id, ids[1], "newest first");
    cr_assert_eq(items[0].n, 1);
    store_plaatsing_list_free(items, n);
    cr_assert_eq(store_plaatsing_list(db, w.plaatser, "besloten", 100, &items, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(items[0].v.id, ids[0]);
    store_plaatsing_list_free(items, n);
    cr_assert_eq(store_plaatsing_list(db, w.plaatser + 99, NULL, 100, &items, &n), STORE_OK);
    cr_assert_eq(n, 0);
    store_plaatsing_list_free(items, n);

    store_poging_item *tp;
    cr_assert_eq(store_poging_list(db, w.aanbieder_org, 0, "geaccepteerd", 100, &tp, &n), STORE_OK);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(tp[0].zorgtype, "KLIN");
    cr_assert_eq(tp[0].plaatser_organisatie_id, w.plaatser);
    free(tp);
    cr_assert_eq(store_poging_list(db, w.aanbieder_org + 99, 0, NULL, 100, &tp, &n), STORE_OK);
    cr_assert_eq(n, 0);
    free(tp);
    int64_t vid = 0;
    cr_assert_eq(store_poging_verzoek(db, 999999, &vid), STORE_NOT_FOUND);
}
