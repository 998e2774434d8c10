/*
 * test_voorstel.c - proposals, the weighing of a referral and a client's contra-indications
 * in the store (store/voorstel.h) on SQLite and PostgreSQL: volgnummers per request, the
 * rendered text kept verbatim, the outcome lookup for the referral rule, the event on the
 * timeline, the weighing rows of a new attempt, versions of the contra-indications.
 */
#include "store/voorstel.h"
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

TestSuite(voorstel_store, .init = setup, .fini = teardown);

/* The access-log entry of the fixture's writes. */
static store_access_entry *audit(void)
{
    return storefix_audit("plaatser");
}

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK);
    return d;
}

typedef struct {
    int64_t loc1, loc2, client;
    store_plaatsing pv;
} world;

static void make_world(world *w)
{
    store_organisation o = {0}, oo;
    snprintf(o.name, sizeof o.name, "DIZ");
    snprintf(o.kind, sizeof o.kind, "diz");
    cr_assert_eq(store_organisation_create(db, &o, &oo), STORE_OK);
    ifzo_zorgaanbieder z = {.toelating = true};
    snprintf(z.naam, sizeof z.naam, "Kliniek Noord");
    snprintf(z.agb, sizeof z.agb, "12345678");
    store_zorgaanbieder zo;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &zo), STORE_OK);
    int64_t *locs[] = {&w->loc1, &w->loc2};
    const char *agbs[] = {"22345678", "32345678"};
    const char *names[] = {"Huis Een", "Huis Twee"};
    for (int i = 0; i < 2; i++) {
        ifzo_zorglocatie l = {.zorgaanbieder_id = zo.v.id,
                              .adres = "Laan 1",
                              .postcode = "3011AB",
                              .plaats = "Rotterdam",
                              .arrondissement = "RTD",
                              .lat = 51.92,
                              .lon = 4.48,
                              .beveiligingsniveau = "3",
                              .landelijke_functie = i == 1};
        snprintf(l.naam, sizeof l.naam, "%s", names[i]);
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
    w->client = jo.v.id;
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
    core_error e = {0};
    cr_assert(plaatsing_aanmaken(&io.v, oo.id, D("2025-04-01"), &pv, &e), "%s", e.code);
    cr_assert_eq(store_plaatsing_create(db, &pv, audit(), &w->pv), STORE_OK);
}

/* The render callback: a text that shows the store's volgnummer and time. */
static char *render(const store_voorstel *v, void *ctx)
{
    (void)ctx;
    char buf[256];
    snprintf(buf, sizeof buf, "{\"volgnummer\":%d,\"aangemaakt_op\":\"%s\",\"x\":\"é\"}",
             v->volgnummer, v->aangemaakt_op);
    return strdup(buf);
}

static store_voorstel new_proposal(const world *w, const char *modus)
{
    store_voorstel in = {.verzoek_id = w->pv.v.id,
                         .indicatie_id = w->pv.v.indicatie_id,
                         .indicatie_versie = 1,
                         .buiten_regio = true,
                         .catalogus_versie = 42,
                         .aantal_voorgesteld = 1,
                         .aangemaakt_door_naam = "pl"};
    in.peildatum = D("2025-04-02");
    snprintf(in.zorgtype, sizeof in.zorgtype, "KLIN");
    snprintf(in.modus, sizeof in.modus, "%s", modus);
    char crit[] = "{\"geslacht\":\"1\"}";
    in.criteria = crit;
    store_voorstel_locatie locs[] = {{w->loc1, "voorgesteld"}, {w->loc2, "bijna"}};
    store_voorstel out;
    cr_assert_eq(store_voorstel_create(db, &in, locs, 2, render, NULL, audit(), &out), STORE_OK);
    return out;
}

Test(voorstel_store, proposals_numbered_per_request_and_kept_verbatim)
{
    world w;
    make_world(&w);
    store_voorstel a = new_proposal(&w, "regulier");
    store_voorstel b = new_proposal(&w, "overbrugging");
    cr_assert_eq(a.volgnummer, 1);
    cr_assert_eq(b.volgnummer, 2);
    char expect[256];
    snprintf(expect, sizeof expect, "{\"volgnummer\":1,\"aangemaakt_op\":\"%s\",\"x\":\"é\"}",
             a.aangemaakt_op);
    cr_assert_str_eq(a.inhoud, expect);
    store_voorstel g;
    cr_assert_eq(store_voorstel_get(db, w.pv.v.id, 1, &g), STORE_OK);
    cr_assert_str_eq(g.inhoud, expect);
    cr_assert_str_eq(g.criteria, "{\"geslacht\":\"1\"}");
    cr_assert_eq(g.catalogus_versie, 42);
    cr_assert_eq(g.peildatum, D("2025-04-02"));
    cr_assert(g.buiten_regio);
    cr_assert_str_eq(g.modus, "regulier");
    cr_assert_str_eq(g.aangemaakt_door_naam, "pl");
    store_voorstel_free(&g);
    cr_assert_eq(store_voorstel_get(db, w.pv.v.id, 3, &g), STORE_NOT_FOUND);
    store_voorstel *items;
    size_t n;
    cr_assert_eq(store_voorstel_list(db, w.pv.v.id, &items, &n), STORE_OK);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(items[1].modus, "overbrugging");
    cr_assert_null(items[1].inhoud);
    store_voorstel_list_free(items, n);

    /* the referral rule's lookup */
    int64_t vid = 0;
    char uit[16];
    cr_assert_eq(store_voorstel_uitkomst(db, w.pv.v.id, 1, w.loc1, &vid, uit), STORE_OK);
    cr_assert_eq(vid, a.id);
    cr_assert_str_eq(uit, "voorgesteld");
    cr_assert_eq(store_voorstel_uitkomst(db, w.pv.v.id, 1, w.loc2, &vid, uit), STORE_OK);
    cr_assert_str_eq(uit, "bijna");
    cr_assert_eq(store_voorstel_uitkomst(db, w.pv.v.id, 1, 999999, &vid, uit), STORE_OK);
    cr_assert_str_eq(uit, "");
    cr_assert_eq(store_voorstel_uitkomst(db, w.pv.v.id, 9, w.loc1, &vid, uit), STORE_NOT_FOUND);

    /* each proposal is an event on the request's timeline */
    store_plaatsing_event *ev;
    cr_assert_eq(store_plaatsing_events(db, w.pv.v.id, &ev, &n), STORE_OK);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(ev[1].stap, "voorstel");
    cr_assert_str_eq(ev[1].code, "1");
    cr_assert_str_eq(ev[2].code, "2");
    cr_assert_str_eq(ev[1].status_van, "open");
    free(ev);

    /* an unknown request */
    store_voorstel in = {.verzoek_id = 999999, .indicatie_id = w.pv.v.indicatie_id};
    char crit[] = "{}";
    in.criteria = crit;
    cr_assert_eq(store_voorstel_create(db, &in, NULL, 0, render, NULL, audit(), &g), STORE_INVALID);
    store_voorstel_free(&g);

    store_locatie_naam names[2];
    int64_t ids[] = {w.loc2, 999999};
    cr_assert_eq(store_locatie_namen(db, ids, 2, names), STORE_OK);
    cr_assert_str_eq(names[0].naam, "Huis Twee");
    cr_assert_str_eq(names[0].aanbieder, "Kliniek Noord");
    cr_assert_str_eq(names[0].arrondissement, "RTD");
    cr_assert(names[0].landelijke_functie);
    cr_assert_eq(names[1].zorglocatie_id, 0);
    store_voorstel_free(&a);
    store_voorstel_free(&b);
    store_plaatsing_free(&w.pv);
}

Test(voorstel_store, a_referral_keeps_its_proposal_weighing_and_deviation)
{
    world w;
    make_world(&w);
    store_voorstel a = new_proposal(&w, "regulier");
    store_plaatsing after = w.pv;
    after.pogingen = calloc(1, sizeof *after.pogingen);
    cr_assert_not_null(after.pogingen);
    core_error e = {0};
    cr_assert(plaatsing_aanmelden(&w.pv.v, NULL, 0, w.loc2, false, D("2025-04-17"),
                                  &after.pogingen[0].v, &e),
              "%s", e.code);
    after.n = 1;
    store_poging_keuze k = {.voorstel_id = a.id,
                            .weging = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "Tien."},
                            .afwijking_code = "SLACHT",
                            .afwijking_tekst = "Slachtoffer in de buurt."};
    store_plaatsing_stap st = {.stap = "aanmelden",
                               .poging_id = -1,
                               .datum = D("2025-04-17"),
                               .code = "SLACHT",
                               .keuze = &k};
    store_plaatsing out;
    cr_assert_eq(store_plaatsing_save(db, &w.pv, &after, &st, NULL, &out), STORE_OK);
    free(after.pogingen);
    cr_assert_eq(out.n, 1);
    cr_assert_eq(out.pogingen[0].voorstel_volgnummer, 1);
    cr_assert_str_eq(out.pogingen[0].afwijking_code, "SLACHT");
    cr_assert_str_eq(out.pogingen[0].afwijking_tekst, "Slachtoffer in de buurt.");
    store_weging *wg;
    size_t n;
    cr_assert_eq(store_weging_list(db, w.pv.v.id, &wg, &n), STORE_OK);
    cr_assert_eq(n, 10);
    cr_assert_eq(wg[0].poging_id, out.pogingen[0].v.id);
    cr_assert_str_eq(wg[0].code, "01");
    cr_assert_str_eq(wg[9].code, "10");
    cr_assert_str_eq(wg[9].tekst, "Tien.");
    free(wg);
    /* the work list reads the same columns */
    store_poging_item *items;
    cr_assert_eq(store_poging_list(db, 0, 0, NULL, 10, &items, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(items[0].p.voorstel_volgnummer, 1);
    cr_assert_str_eq(items[0].zorgtype, "KLIN");
    cr_assert_eq(items[0].justitiabele_id, w.client);
    free(items);
    store_plaatsing_free(&out);
    store_voorstel_free(&a);
    store_plaatsing_free(&w.pv);
}

Test(voorstel_store, contra_indications_replace_under_the_clients_version)
{
    world w;
    make_world(&w);
    store_contra c;
    cr_assert_eq(store_contra_get(db, w.client, &c), STORE_OK);
    cr_assert_eq(c.n, 0);
    store_justitiabele j;
    cr_assert_eq(store_justitiabele_get(db, STORE_SCOPE_EVERYTHING, w.client, &j), STORE_OK);
    const char *codes[] = {"WACHT", "GEBV"};
    int64_t nv = 0;
    cr_assert_eq(store_contra_set(db, w.client, j.m.version, codes, 2, audit(), &nv), STORE_OK);
    cr_assert_eq(nv, j.m.version + 1);
    cr_assert_eq(store_contra_get(db, w.client, &c), STORE_OK);
    cr_assert_eq(c.n, 2);
    cr_assert_str_eq(c.code[0], "GEBV");
    cr_assert_str_eq(c.code[1], "WACHT");
    /* stale: nothing changes */
    cr_assert_eq(store_contra_set(db, w.client, j.m.version, codes, 1, audit(), &nv),
                 STORE_CONFLICT);
    cr_assert_eq(store_contra_get(db, w.client, &c), STORE_OK);
    cr_assert_eq(c.n, 2);
    cr_assert_eq(store_contra_set(db, 999999, 1, codes, 1, audit(), &nv), STORE_NOT_FOUND);
    cr_assert_eq(store_contra_set(db, w.client, j.m.version + 1, codes, 2, NULL, &nv),
                 STORE_INVALID);
    cr_assert_eq(store_contra_set(db, w.client, j.m.version + 1, NULL, 0, audit(), &nv), STORE_OK);
    cr_assert_eq(store_contra_get(db, w.client, &c), STORE_OK);
    cr_assert_eq(c.n, 0);
    store_plaatsing_free(&w.pv);
}
