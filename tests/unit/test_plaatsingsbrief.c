/*
 * test_plaatsingsbrief.c - the content of the placement letter (core/plaatsingsbrief.h):
 * no letter without a decision, and with one every fact in its block in the fixed order, in
 * Dutch, with code-list labels and Dutch dates; the file name from the decision number.
 */
#include "core/plaatsingsbrief.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK, "%s", s);
    return d;
}

static plaatsingsverzoek pv;
static ifzo_justitiabele client;
static ifzo_zorglocatie loc;
static ifzo_zorgaanbieder za;
static plaatsingsbrief_gegevens g;
static plaatsingsbrief *brief;

static void setup(void)
{
    memset(&pv, 0, sizeof pv);
    pv.id = 5;
    pv.justitiabele_id = 3;
    pv.status = PV_BESLOTEN;
    snprintf(pv.zorgtype, sizeof pv.zorgtype, "ABH");
    snprintf(pv.besluit_zorgtype, sizeof pv.besluit_zorgtype, "ABH");
    snprintf(pv.zorgtitel, sizeof pv.zorgtitel, "08");
    pv.titel_start = D("2025-05-01");
    pv.titel_eind = D("2026-05-01");
    snprintf(pv.besluitnummer, sizeof pv.besluitnummer, "PB/2025/001");
    pv.besluitdatum = D("2025-06-02");
    pv.verwachte_startdatum = D("2025-06-09");
    pv.startdatum = IFZO_NO_DATE;
    memset(&client, 0, sizeof client);
    snprintf(client.achternaam, sizeof client.achternaam, "Bakker");
    snprintf(client.voornamen, sizeof client.voornamen, "Anna");
    snprintf(client.bsn, sizeof client.bsn, "123456782");
    client.geboortedatum = D("1990-03-04");
    memset(&loc, 0, sizeof loc);
    snprintf(loc.naam, sizeof loc.naam, "De Ooievaar");
    snprintf(loc.agb, sizeof loc.agb, "11111114");
    snprintf(loc.adres, sizeof loc.adres, "Laan 1");
    snprintf(loc.postcode, sizeof loc.postcode, "3011AB");
    snprintf(loc.plaats, sizeof loc.plaats, "Rotterdam");
    memset(&za, 0, sizeof za);
    snprintf(za.naam, sizeof za.naam, "Zorggroep Maas");
    snprintf(za.agb, sizeof za.agb, "11111113");
    g = (plaatsingsbrief_gegevens){&pv, &client, &loc, &za, "3RO Rotterdam"};
    brief = calloc(1, sizeof *brief);
    cr_assert_not_null(brief);
}

static void teardown(void)
{
    free(brief);
}

TestSuite(plaatsingsbrief, .init = setup, .fini = teardown);

/* The value of the first VELD with this label; fails when there is none. */
static const char *veld(const char *label)
{
    for (size_t i = 0; i < brief->n; i++)
        if (brief->blokken[i].soort == BRIEF_VELD && strcmp(brief->blokken[i].label, label) == 0)
            return brief->blokken[i].tekst;
    cr_assert_fail("no field %s", label);
    return NULL;
}

static size_t index_of(brief_bloksoort soort, const char *tekst)
{
    for (size_t i = 0; i < brief->n; i++)
        if (brief->blokken[i].soort == soort && strcmp(brief->blokken[i].tekst, tekst) == 0)
            return i;
    cr_assert_fail("no block '%s'", tekst);
    return 0;
}

Test(plaatsingsbrief, no_letter_without_a_decision)
{
    core_error e = {0};
    pv.besluitnummer[0] = '\0';
    pv.status = PV_OPEN;
    brief->n = 99;
    cr_assert_not(plaatsingsbrief_opstellen(&g, brief, &e));
    cr_assert_str_eq(e.code, "geen_besluit");
    cr_assert_str_eq(e.field, "status", "status: the API answers 409");
    cr_assert_eq(brief->n, 99, "output untouched");
    /* withdrawn requests never had a decision either */
    pv.status = PV_INGETROKKEN;
    cr_assert_not(plaatsingsbrief_opstellen(&g, brief, &e));
}

Test(plaatsingsbrief, every_fact_of_the_decision_in_its_place)
{
    core_error e = {0};
    cr_assert(plaatsingsbrief_opstellen(&g, brief, &e), "%s", e.code);
    cr_assert_str_eq(brief->besluitnummer, "PB/2025/001");
    cr_assert_str_eq(brief->titel, "Plaatsingsbesluit PB/2025/001");
    cr_assert_str_eq(veld("Besluitnummer"), "PB/2025/001");
    cr_assert_str_eq(veld("Datum"), "2 juni 2025");
    cr_assert_str_eq(veld("Naam"), "Anna Bakker");
    cr_assert_str_eq(veld("Geboortedatum"), "4 maart 1990");
    cr_assert_str_eq(veld("BSN"), "123456782");
    cr_assert_str_eq(veld("Zorglocatie"), "De Ooievaar (AGB 11111114)");
    cr_assert_str_eq(veld("Adres"), "Laan 1, 3011 AB Rotterdam");
    cr_assert_str_eq(veld("Zorgaanbieder"), "Zorggroep Maas (AGB 11111113)");
    cr_assert_str_eq(veld("Zorgtype"), "Ambulante behandeling (ABH)");
    cr_assert_str_eq(veld("Forensische titel"),
                     "Voorwaardelijke veroordeling (08), van 1 mei 2025 tot en met 1 mei 2026");
    cr_assert_str_eq(veld("Verwachte startdatum"), "9 juni 2025");
    cr_assert_str_eq(veld("Plaatser"), "3RO Rotterdam");

    /* The order of a letter: sender, addressee, title, reference, salutation, body, closing. */
    size_t afz = index_of(BRIEF_AFZENDER, "3RO Rotterdam");
    size_t adres = index_of(BRIEF_ADRES, "Zorggroep Maas");
    size_t tav = index_of(BRIEF_ADRES, "t.a.v. zorglocatie De Ooievaar");
    size_t pc = index_of(BRIEF_ADRES, "3011 AB  Rotterdam");
    size_t titel = index_of(BRIEF_TITEL, "Plaatsingsbesluit");
    size_t aanhef = index_of(BRIEF_ALINEA, "Geachte heer, mevrouw,");
    size_t kop1 = index_of(BRIEF_KOP, "Justitiabele");
    size_t kop2 = index_of(BRIEF_KOP, "Plaatsing");
    size_t groet = index_of(BRIEF_SLOT, "Met vriendelijke groet,");
    cr_assert(afz < adres && adres < tav && tav < pc && pc < titel && titel < aanhef &&
              aanhef < kop1 && kop1 < kop2 && kop2 < groet);
    cr_assert_eq(brief->blokken[brief->n - 1].soort, BRIEF_SLOT);
    cr_assert_eq(brief->blokken[brief->n - 2].soort, BRIEF_SLOT);
    cr_assert_str_eq(brief->blokken[brief->n - 2].tekst, "3RO Rotterdam", "signed by the placer");
    for (size_t i = 0; i < brief->n; i++) {
        cr_assert_neq(brief->blokken[i].tekst[0], '\0', "block %zu empty", i);
        cr_assert_eq(brief->blokken[i].label[0] != '\0', brief->blokken[i].soort == BRIEF_VELD,
                     "block %zu: only fields have labels", i);
    }
    /* What the provider must do next: start (FZ823) and end within 10 days (FZ825). */
    bool start = false, einde = false;
    for (size_t i = 0; i < brief->n; i++) {
        start = start || strstr(brief->blokken[i].tekst, "FZ823") != NULL;
        einde = einde || strstr(brief->blokken[i].tekst, "10 kalenderdagen") != NULL;
    }
    cr_assert(start && einde);
}

Test(plaatsingsbrief, the_same_decision_gives_the_same_letter)
{
    plaatsingsbrief *second = calloc(1, sizeof *second);
    cr_assert_not_null(second);
    core_error e = {0};
    cr_assert(plaatsingsbrief_opstellen(&g, brief, &e));
    pv.status = PV_GEPLAATST; /* later statuses keep the decision and its letter */
    pv.startdatum = D("2025-06-10");
    cr_assert(plaatsingsbrief_opstellen(&g, second, &e));
    cr_assert_eq(memcmp(brief, second, sizeof *brief), 0);
    free(second);
}

Test(plaatsingsbrief, optional_parts_and_unknown_codes)
{
    core_error e = {0};
    client.voornamen[0] = '\0';
    pv.zorgtitel[0] = '\0';
    snprintf(pv.besluit_zorgtype, sizeof pv.besluit_zorgtype, "XYZ");
    snprintf(loc.postcode, sizeof loc.postcode, "3011");
    pv.verwachte_startdatum = IFZO_NO_DATE;
    cr_assert(plaatsingsbrief_opstellen(&g, brief, &e));
    cr_assert_str_eq(veld("Naam"), "Bakker", "no leading space without first names");
    cr_assert_str_eq(veld("Zorgtype"), "XYZ", "an unknown code shown as it is");
    cr_assert_str_eq(veld("Adres"), "Laan 1, 3011 Rotterdam");
    cr_assert_str_eq(veld("Verwachte startdatum"), "onbekend");
    for (size_t i = 0; i < brief->n; i++)
        cr_assert_str_neq(brief->blokken[i].label, "Forensische titel", "no title: no row");
}

Test(plaatsingsbrief, dutch_dates_and_the_file_name)
{
    char buf[BRIEF_DATUM_BUF];
    brief_datum(D("2024-12-31"), buf, sizeof buf);
    cr_assert_str_eq(buf, "31 december 2024");
    brief_datum(D("2025-01-01"), buf, sizeof buf);
    cr_assert_str_eq(buf, "1 januari 2025");
    brief_datum(IFZO_NO_DATE, buf, sizeof buf);
    cr_assert_str_eq(buf, "onbekend");
    core_error e = {0};
    cr_assert(plaatsingsbrief_opstellen(&g, brief, &e));
    char name[80];
    brief_bestandsnaam(brief, name, sizeof name);
    cr_assert_str_eq(name, "plaatsingsbesluit-PB-2025-001.pdf", "no '/' in a file name");
}
