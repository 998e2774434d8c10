/*
 * test_workflow.c - FZ822, FZ823 and FZ825 messages run the placement transitions
 * (msg/workflow.h) on SQLite and PostgreSQL: a reaction and a start of care by message, the
 * end-of-care table shared with the API test (fz825_cases.h), a sender that does not own the
 * attempt, and an unknown decision.
 */
#include "fz825_cases.h"
#include "msg/workflow.h"
#include "store/plaatsing.h"
#include "storefix.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS            "http://www.openifzo.nl/fz/2_2/"
#define TODAY         "2025-06-02"
#define AGB_LOCATIE   "41123457"
#define AGB_AANBIEDER "41123456"

static testdb tdb;
static store *db;
static msg_ctx *ctx;

static void setup(void)
{
    storefix_open(&tdb, &db);
    msg_apply table;
    msg_workflow_apply(db, &table);
    cr_assert_eq(msg_ctx_new(db, &table, &ctx), MSG_OK);
}

static void teardown(void)
{
    msg_ctx_free(ctx);
    storefix_close(&tdb, &db);
}

TestSuite(workflow, .init = setup, .fini = teardown);

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

/* A request with one attempt (aangemeld) to a location with AGB_LOCATIE; returns its id. */
static int64_t referred(int64_t *poging)
{
    store_organisation o = {.name = "DIZ", .kind = "diz"}, oo;
    cr_assert_eq(store_organisation_create(db, &o, &oo), STORE_OK);
    ifzo_zorgaanbieder z = {.naam = "Kliniek", .agb = AGB_AANBIEDER, .toelating = true};
    store_zorgaanbieder zo;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &zo), STORE_OK);
    ifzo_zorglocatie l = {.zorgaanbieder_id = zo.v.id,
                          .naam = "Locatie",
                          .agb = AGB_LOCATIE,
                          .adres = "Laan 1",
                          .postcode = "3011AB",
                          .plaats = "Rotterdam",
                          .arrondissement = "RTD",
                          .lat = 51.9,
                          .lon = 4.5,
                          .beveiligingsniveau = "1"};
    store_zorglocatie lo;
    cr_assert_eq(store_zorglocatie_create(db, STORE_SCOPE_EVERYTHING, &l, &lo), STORE_OK);
    ifzo_justitiabele j = {
        .achternaam = "Bakker", .bsn = "123456782", .geslacht = "2", .postcode = "3011AB"};
    j.geboortedatum = D("1990-03-04");
    store_justitiabele jo;
    cr_assert_eq(store_justitiabele_create(db, STORE_SCOPE_EVERYTHING, &j, audit(), &jo), STORE_OK);
    ifzo_indicatie in = {.status = IFZO_IND_DEFINITIEF,
                         .justitiabele_id = jo.v.id,
                         .zorgtype = "ABH",
                         .zorgtitel = "08",
                         .aanmelddatum = D("2025-04-29"),
                         .onderbouwing = "x"};
    in.titel_start = D("2025-05-01");
    in.titel_eind = D("2026-05-01");
    store_indicatie io;
    cr_assert_eq(store_indicatie_create(db, STORE_SCOPE_EVERYTHING, &in, audit(), &io), STORE_OK);
    plaatsingsverzoek pv;
    cr_assert(plaatsing_aanmaken(&io.v, oo.id, D("2025-05-01"), &pv, NULL));
    store_plaatsing p, after, out;
    cr_assert_eq(store_plaatsing_create(db, &pv, NULL, &p), STORE_OK);
    after = p;
    after.pogingen = calloc(1, sizeof *after.pogingen);
    cr_assert(plaatsing_aanmelden(&p.v, NULL, 0, lo.v.id, false, D("2025-05-01"),
                                  &after.pogingen[0].v, NULL));
    after.n = 1;
    store_plaatsing_stap st = {.stap = "aanmelden", .poging_id = -1, .datum = IFZO_NO_DATE};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    *poging = out.pogingen[0].v.id;
    int64_t id = p.v.id;
    free(after.pogingen);
    store_plaatsing_free(&p);
    store_plaatsing_free(&out);
    return id;
}

static void decide(int64_t id, int64_t poging, const char *nummer)
{
    store_plaatsing p, out;
    cr_assert_eq(store_plaatsing_get(db, id, &p), STORE_OK);
    store_plaatsing after = p;
    after.pogingen = malloc(p.n * sizeof *after.pogingen);
    memcpy(after.pogingen, p.pogingen, p.n * sizeof *after.pogingen);
    toeleidingspoging tp = p.pogingen[0].v;
    cr_assert_eq(tp.id, poging);
    cr_assert(plaatsing_besluiten(&after.v, &tp, 1, 0, nummer, "ABH", D("2025-05-05"),
                                  D("2025-05-02"), NULL));
    store_plaatsing_stap st = {.stap = "besluiten", .datum = IFZO_NO_DATE};
    cr_assert_eq(store_plaatsing_save(db, &p, &after, &st, NULL, &out), STORE_OK);
    free(after.pogingen);
    store_plaatsing_free(&p);
    store_plaatsing_free(&out);
}

static char *message(int code, const char *afzender, int serial, const char *record)
{
    char *buf = malloc(4096);
    const char *kind = code == 822 ? "fz822" : code == 823 ? "fz823" : "fz825";
    snprintf(buf, 4096,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bericht xmlns=\"" NS "%s/schema\">"
             "<Header><BerichtCode>%d</BerichtCode><BerichtVersie>2</BerichtVersie>"
             "<BerichtSubversie>2</BerichtSubversie><Afzender>%s</Afzender>"
             "<Ontvanger>99000001</Ontvanger><BerichtIdentificatie><Identificatie>M%d"
             "</Identificatie><Dagtekening>" TODAY "</Dagtekening></BerichtIdentificatie>"
             "<XsdVersie><BasisschemaXsdVersie>1.0.0</BasisschemaXsdVersie><BerichtXsdVersie>"
             "1.0.0</BerichtXsdVersie></XsdVersie></Header><Client><Clientnummer>100234"
             "</Clientnummer>%s</Client></Bericht>",
             kind, code, afzender, serial, record);
    return buf;
}

/* Processes a message; returns the retour's RetourCode values joined by ",". */
static void process(const char *xml, char *codes, size_t cap)
{
    char *retour = NULL;
    size_t len = 0;
    int rc = msg_process(ctx, xml, strlen(xml), TODAY, &retour, &len);
    cr_assert_eq(rc, MSG_OK, "%s", msg_rc_name(rc));
    codes[0] = '\0';
    for (const char *p = retour; (p = strstr(p, "<RetourCode>")) != NULL;) {
        p += strlen("<RetourCode>");
        const char *e = strstr(p, "</RetourCode>");
        size_t n = strlen(codes);
        snprintf(codes + n, cap - n, "%s%.*s", n ? "," : "", (int)(e - p), p);
        p = e;
    }
    free(retour);
}

/* The record's codes: what follows the header's and the client's code. */
static const char *last_code(const char *codes)
{
    const char *c = strchr(codes, ',');
    c = c ? strchr(c + 1, ',') : NULL;
    return c ? c + 1 : codes;
}

static store_plaatsing state(int64_t id)
{
    store_plaatsing p;
    cr_assert_eq(store_plaatsing_get(db, id, &p), STORE_OK);
    return p;
}

Test(workflow, reaction_start_and_the_shared_end_of_care_table_by_message)
{
    int64_t poging;
    int64_t id = referred(&poging);
    char rec[512], codes[256];
    int serial = 1;

    /* Another sender cannot answer this attempt: 9063, nothing changes. */
    snprintf(rec, sizeof rec,
             "<Reactie><Toeleidingspogingnummer>%lld</Toeleidingspogingnummer>"
             "<Reactiemogelijkheid>01</Reactiemogelijkheid><Reactiedatum>2025-05-02"
             "</Reactiedatum></Reactie>",
             (long long)poging);
    char *xml = message(822, "51123456", serial++, rec);
    process(xml, codes, sizeof codes);
    free(xml);
    cr_assert_str_eq(last_code(codes), "9063", "%s", codes);
    store_plaatsing p = state(id);
    cr_assert_eq(p.pogingen[0].v.status, TP_AANGEMELD);
    store_plaatsing_free(&p);

    /* The location accepts; a second reaction is 9074. */
    xml = message(822, AGB_LOCATIE, serial++, rec);
    process(xml, codes, sizeof codes);
    free(xml);
    cr_assert_str_eq(last_code(codes), "0200", "%s", codes);
    p = state(id);
    cr_assert_eq(p.pogingen[0].v.status, TP_GEACCEPTEERD);
    store_plaatsing_free(&p);
    xml = message(822, AGB_AANBIEDER, serial++, rec);
    process(xml, codes, sizeof codes);
    free(xml);
    cr_assert_str_eq(last_code(codes), "9074", "%s", codes);

    decide(id, poging, "7781");
    /* Start of care for an unknown decision: 9063; then for 7781. */
    xml = message(823, AGB_LOCATIE, serial++,
                  "<StartZorg><Plaatsingsbesluitnummer>7782</Plaatsingsbesluitnummer>"
                  "<Begindatum>2025-05-05</Begindatum></StartZorg>");
    process(xml, codes, sizeof codes);
    free(xml);
    cr_assert_str_eq(last_code(codes), "9063", "%s", codes);
    xml = message(823, AGB_LOCATIE, serial++,
                  "<StartZorg><Plaatsingsbesluitnummer>7781</Plaatsingsbesluitnummer>"
                  "<Begindatum>2025-05-05</Begindatum></StartZorg>");
    process(xml, codes, sizeof codes);
    free(xml);
    cr_assert_str_eq(last_code(codes), "0200", "%s", codes);
    p = state(id);
    cr_assert_eq(p.v.status, PV_GEPLAATST);
    cr_assert_eq(p.v.startdatum, D("2025-05-05"));
    store_plaatsing_free(&p);

    for (size_t i = 0; i < FZ825_NCASES; i++) {
        const fz825_case *c = &fz825_cases[i];
        char mr[64] = "";
        if (c->reden)
            snprintf(mr, sizeof mr, "<Mutatiereden>%s</Mutatiereden>", c->reden);
        /* A withdrawal carries the date it withdraws; the API needs none. */
        snprintf(rec, sizeof rec,
                 "<EindeZorg><Plaatsingsbesluitnummer>7781</Plaatsingsbesluitnummer>"
                 "<Einddatum>%s</Einddatum>%s<Meldingsdatum>" TODAY "</Meldingsdatum>"
                 "<StatusAanlevering>%d</StatusAanlevering></EindeZorg>",
                 c->einddatum ? c->einddatum : "2025-05-25", mr, c->status);
        xml = message(825, AGB_LOCATIE, serial++, rec);
        process(xml, codes, sizeof codes);
        free(xml);
        /* A late first report also carries FZ08 next to its own code. */
        cr_assert_not_null(strstr(last_code(codes), c->retour), "case %zu: %s", i, codes);
        p = state(id);
        cr_assert_str_eq(plaatsing_status_name(p.v.status), c->status_na, "case %zu", i);
        if (c->eind_na)
            cr_assert_eq(p.v.einddatum, D(c->eind_na), "case %zu", i);
        else
            cr_assert_eq(p.v.einddatum, IFZO_NO_DATE, "case %zu", i);
        store_plaatsing_free(&p);
    }

    /* The events carry the sender. */
    store_plaatsing_event *ev;
    size_t n;
    cr_assert_eq(store_plaatsing_events(db, id, &ev, &n), STORE_OK);
    cr_assert_str_eq(ev[2].stap, "accepteren");
    cr_assert_str_eq(ev[2].username, "bericht:" AGB_LOCATIE);
    cr_assert_str_eq(ev[2].role, "zorgaanbieder");
    cr_assert_str_eq(ev[n - 1].stap, "intrekking_einde_zorg");
    free(ev);
}
