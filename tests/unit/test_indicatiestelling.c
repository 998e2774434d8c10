/*
 * test_indicatiestelling.c - client and indication rules and the indication life cycle
 * (core/indicatiestelling.h), valid and invalid at the boundaries.
 */
#include "core/indicatiestelling.h"

#include <criterion/criterion.h>
#include <string.h>

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK, "%s", s);
    return d;
}

static ifzo_justitiabele client(void)
{
    ifzo_justitiabele j = {.achternaam = "Jansen",
                           .voornamen = "Piet",
                           .bsn = "111222333",
                           .geslacht = "1",
                           .postcode = "3011AB"};
    j.geboortedatum = D("1990-02-28");
    return j;
}

Test(justitiabele, valid_client_and_boundaries)
{
    ifzo_justitiabele j = client();
    core_error e = {0};
    cr_assert(justitiabele_check(&j, D("2025-06-01"), &e), "%s", e.field);
    j.voornamen[0] = '\0';      /* first names may be unknown */
    strcpy(j.postcode, "3011"); /* PC4 only */
    j.geboortedatum = D("1900-01-01");
    cr_assert(justitiabele_check(&j, D("2025-06-01"), &e), "%s", e.field);
    j.geboortedatum = D("2025-06-01"); /* born today */
    cr_assert(justitiabele_check(&j, D("2025-06-01"), &e));
}

Test(justitiabele, each_invalid_field_named)
{
    static const char *fields[] = {"achternaam",    "voornamen", "geboortedatum",
                                   "geboortedatum", "bsn",       "bsn",
                                   "geslacht",      "postcode",  "postcode"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        ifzo_justitiabele j = client();
        switch (i) {
        case 0:
            strcpy(j.achternaam, "  ");
            break;
        case 1:
            strcpy(j.voornamen, "a\tb");
            break;
        case 2:
            j.geboortedatum = D("1899-12-31");
            break;
        case 3:
            j.geboortedatum = D("2025-06-02");
            break;
        case 4:
            strcpy(j.bsn, "111222334");
            break; /* fails the 11-proef */
        case 5:
            strcpy(j.bsn, "11122233");
            break;
        case 6:
            strcpy(j.geslacht, "3");
            break;
        case 7:
            strcpy(j.postcode, "0123");
            break;
        case 8:
            strcpy(j.postcode, "12345");
            break;
        }
        core_error e = {0};
        cr_assert_not(justitiabele_check(&j, D("2025-06-01"), &e), "case %zu accepted", i);
        cr_assert_str_eq(e.field, fields[i], "case %zu", i);
    }
}

Test(justitiabele, age_in_whole_years)
{
    cr_assert_eq(ifzo_age_on(D("1990-06-15"), D("2025-06-14")), 34);
    cr_assert_eq(ifzo_age_on(D("1990-06-15"), D("2025-06-15")), 35);
    cr_assert_eq(ifzo_age_on(D("2000-02-29"), D("2025-02-28")), 24);
    cr_assert_eq(ifzo_age_on(D("2000-02-29"), D("2025-03-01")), 25);
    cr_assert_eq(ifzo_age_on(D("2000-01-01"), D("2000-01-01")), 0);
    cr_assert_eq(ifzo_age_on(D("2000-01-02"), D("2000-01-01")), -1);
}

static ifzo_indicatie complete_ambulant(void)
{
    ifzo_indicatie i = {.versie = 1,
                        .status = IFZO_IND_CONCEPT,
                        .justitiabele_id = 1,
                        .indicerende_organisatie_id = 2,
                        .zorgtype = "ABH",
                        .zorgtitel = "08",
                        .titel_eind = IFZO_NO_DATE,
                        .beveiligingsniveau = "",
                        .urgentie = "REG",
                        .onderbouwing = "Behandeling nodig.\nMotivatie: ja."};
    i.titel_start = D("2025-01-01");
    i.aanmelddatum = D("2025-01-02");
    const struct {
        ifzo_crit c;
        const char *code;
    } v[] = {{IFZO_CRIT_ARRONDISSEMENT, "RTD"},
             {IFZO_CRIT_GESLACHT, "1"},
             {IFZO_CRIT_AARD_ZORGVRAAG, "BEH"},
             {IFZO_CRIT_DOMINANTE_ZORGVRAAG, "VERSL"},
             {IFZO_CRIT_BIJKOMENDE_PROBLEMATIEK, "GEEN"},
             {IFZO_CRIT_BEREIK, "LOK"},
             {IFZO_CRIT_OUTREACH, "N"}};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        cr_assert(ifzo_codeset_add(v[k].c, v[k].code, &i.criteria.set[v[k].c]));
    return i;
}

Test(indicatie, a_complete_concept_can_be_made_definitive)
{
    ifzo_indicatie i = complete_ambulant();
    core_error e = {0};
    cr_assert(ifzo_indicatie_can_finalize(&i, D("2025-01-02"), &e), "%s %s", e.code, e.field);
    cr_assert_not(ifzo_indicatie_placeable(&i));
    i.status = IFZO_IND_DEFINITIEF;
    cr_assert(ifzo_indicatie_placeable(&i));
    cr_assert_not(ifzo_indicatie_can_finalize(&i, D("2025-01-02"), &e));
    cr_assert_str_eq(e.code, "invalid_state");
    i.status = IFZO_IND_VERVANGEN;
    cr_assert_not(ifzo_indicatie_placeable(&i));
}

Test(indicatie, finalize_names_what_is_missing)
{
    static const char *fields[] = {"zorgtitel",        "titel_start",
                                   "urgentie",         "beveiligingsniveau",
                                   "onderbouwing",     "indicerende_organisatie_id",
                                   "criteria.outreach"};
    for (size_t n = 0; n < sizeof fields / sizeof fields[0]; n++) {
        ifzo_indicatie i = complete_ambulant();
        switch (n) {
        case 0:
            i.zorgtitel[0] = '\0';
            break;
        case 1:
            i.titel_start = IFZO_NO_DATE;
            i.titel_eind = IFZO_NO_DATE;
            break;
        case 2:
            i.urgentie[0] = '\0';
            break;
        case 3: /* klinisch needs a level: build a complete clinical indication without one */
            strcpy(i.zorgtype, "KLIN");
            memset(&i.criteria, 0, sizeof i.criteria);
            ifzo_codeset_add(IFZO_CRIT_ARRONDISSEMENT, "AMS", &i.criteria.set[0]);
            ifzo_codeset_add(IFZO_CRIT_GESLACHT, "2", &i.criteria.set[IFZO_CRIT_GESLACHT]);
            ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, "05",
                             &i.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP]);
            ifzo_codeset_add(IFZO_CRIT_VERSTANDELIJKE_VERMOGENS, "LVB",
                             &i.criteria.set[IFZO_CRIT_VERSTANDELIJKE_VERMOGENS]);
            ifzo_codeset_add(IFZO_CRIT_ZEDENDELICT, "N", &i.criteria.set[IFZO_CRIT_ZEDENDELICT]);
            ifzo_codeset_add(IFZO_CRIT_ZORGSETTING, "FPK", &i.criteria.set[IFZO_CRIT_ZORGSETTING]);
            ifzo_codeset_add(IFZO_CRIT_VERBLIJFSINTENSITEIT, "C",
                             &i.criteria.set[IFZO_CRIT_VERBLIJFSINTENSITEIT]);
            ifzo_codeset_add(IFZO_CRIT_AARD_ZORGVRAAG, "BEH",
                             &i.criteria.set[IFZO_CRIT_AARD_ZORGVRAAG]);
            break;
        case 4:
            strcpy(i.onderbouwing, " \n ");
            break;
        case 5:
            i.indicerende_organisatie_id = 0;
            break;
        case 6:
            i.criteria.set[IFZO_CRIT_OUTREACH] = 0;
            break;
        }
        core_error e = {0};
        cr_assert_not(ifzo_indicatie_can_finalize(&i, D("2025-01-02"), &e), "%zu accepted", n);
        cr_assert_str_eq(e.code, "incomplete", "%zu: %s", n, e.code);
        cr_assert_str_eq(e.field, fields[n]);
        cr_assert(ifzo_indicatie_check(&i, D("2025-01-02"), &e), "%zu: concept refused", n);
        if (n == 3) {
            strcpy(i.beveiligingsniveau, "3");
            cr_assert(ifzo_indicatie_can_finalize(&i, D("2025-01-02"), &e), "%s", e.field);
        }
    }
}

Test(indicatie, each_invalid_field_named)
{
    static const struct {
        const char *field, *code;
    } cases[] = {{"zorgtype", "unknown_code"},       {"zorgtitel", "unknown_code"},
                 {"titel_eind", "end_before_start"}, {"beveiligingsniveau", "unknown_code"},
                 {"urgentie", "unknown_code"},       {"aanmelddatum", "in_future"},
                 {"onderbouwing", "invalid_text"},   {"criteria.dsm_hoofdgroep", "not_applicable"}};
    for (size_t n = 0; n < sizeof cases / sizeof cases[0]; n++) {
        ifzo_indicatie i = complete_ambulant();
        switch (n) {
        case 0:
            strcpy(i.zorgtype, "ZZZ");
            break;
        case 1:
            strcpy(i.zorgtitel, "99");
            break;
        case 2:
            i.titel_eind = D("2024-12-31");
            break;
        case 3:
            strcpy(i.beveiligingsniveau, "0");
            break;
        case 4:
            strcpy(i.urgentie, "HEEL");
            break;
        case 5:
            i.aanmelddatum = D("2025-01-03");
            break;
        case 6:
            memset(i.onderbouwing, 'x', 4001);
            i.onderbouwing[4001] = '\0';
            break;
        case 7:
            ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, "01",
                             &i.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP]);
            break;
        }
        core_error e = {0};
        cr_assert_not(ifzo_indicatie_check(&i, D("2025-01-02"), &e), "%zu accepted", n);
        cr_assert_str_eq(e.field, cases[n].field, "%zu", n);
        cr_assert_str_eq(e.code, cases[n].code, "%zu", n);
    }
    ifzo_indicatie i = complete_ambulant();
    i.titel_eind = i.titel_start; /* same day is allowed */
    memset(i.onderbouwing, 'x', 4000);
    i.onderbouwing[4000] = '\0';
    cr_assert(ifzo_indicatie_check(&i, D("2025-01-02"), NULL));
}

Test(indicatie, change_of_a_definitive_makes_a_new_version)
{
    core_error e = {0};
    cr_assert_eq(ifzo_indicatie_change_kind(IFZO_IND_CONCEPT, &e), IFZO_CHANGE_IN_PLACE);
    cr_assert_eq(ifzo_indicatie_change_kind(IFZO_IND_DEFINITIEF, &e), IFZO_CHANGE_NEW_VERSION);
    cr_assert_eq(ifzo_indicatie_change_kind(IFZO_IND_VERVANGEN, &e), IFZO_CHANGE_REFUSED);
    cr_assert_str_eq(e.code, "invalid_state");
    ifzo_indicatie_status s;
    cr_assert(ifzo_indicatie_status_from_name("vervangen", &s));
    cr_assert_eq(s, IFZO_IND_VERVANGEN);
    cr_assert_str_eq(ifzo_indicatie_status_name(IFZO_IND_DEFINITIEF), "definitief");
    cr_assert_not(ifzo_indicatie_status_from_name("Concept", &s));
}

Test(indicatie, urgency_terms)
{
    ifzo_date d;
    /* Thursday 2025-04-17 + 10 working days (Goede Vrijdag, Tweede Paasdag skipped). */
    cr_assert(ifzo_indicatie_termijn("REG", D("2025-04-17"), &d));
    cr_assert_eq(d, D("2025-05-06"));
    cr_assert(ifzo_indicatie_termijn("SPOED", D("2025-04-17"), &d));
    cr_assert_eq(d, D("2025-04-28"));
    cr_assert(ifzo_indicatie_termijn("CRISIS", D("2025-04-17"), &d));
    cr_assert_eq(d, D("2025-04-19"));
    cr_assert_not(ifzo_indicatie_termijn("X", D("2025-04-17"), &d));
}
