/*
 * test_zorgaanbod.c - rules for providers, contracts, locations and offers
 * (core/zorgaanbod.h), valid and invalid at the boundaries.
 */
#include "core/zorgaanbod.h"

#include <criterion/criterion.h>
#include <string.h>

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK, "%s", s);
    return d;
}

Test(zorgaanbieder, name_and_agb)
{
    ifzo_zorgaanbieder z = {.naam = "De Kijvelanden", .agb = "06123456", .toelating = true};
    cr_assert(zorgaanbieder_check(&z, NULL));
    core_error e;
    strcpy(z.agb, "0612345");
    cr_assert_not(zorgaanbieder_check(&z, &e));
    cr_assert_str_eq(e.field, "agb");
    strcpy(z.agb, "00123456");
    cr_assert_not(zorgaanbieder_check(&z, &e));
    cr_assert_str_eq(e.code, "invalid_agb");
    strcpy(z.agb, "06123456");
    strcpy(z.naam, " ");
    cr_assert_not(zorgaanbieder_check(&z, &e));
    cr_assert_str_eq(e.field, "naam");
    memset(z.naam, 'x', 200);
    z.naam[200] = '\0';
    cr_assert(zorgaanbieder_check(&z, &e));
    z.naam[200] = 'x';
    z.naam[201] = '\0';
    cr_assert_not(zorgaanbieder_check(&z, &e));
}

Test(contract, dates_and_care_type)
{
    ifzo_contract c = {.zorgaanbieder_id = 1,
                       .zorgtype = "KLIN",
                       .geldig_van = D("2025-01-01"),
                       .geldig_tot = D("2025-01-01")};
    cr_assert(contract_check(&c, NULL)); /* one day is fine */
    c.geldig_tot = D("2024-12-31");
    core_error e;
    cr_assert_not(contract_check(&c, &e));
    cr_assert_str_eq(e.code, "end_before_start");
    cr_assert_str_eq(e.field, "geldig_tot");
    c.geldig_tot = IFZO_NO_DATE;
    cr_assert(contract_check(&c, NULL));
    strcpy(c.zorgtype, "KLINX");
    cr_assert_not(contract_check(&c, &e));
    cr_assert_str_eq(e.field, "zorgtype");
    strcpy(c.zorgtype, "KLIN");
    c.geldig_van = 99999999;
    cr_assert_not(contract_check(&c, &e));
    cr_assert_str_eq(e.field, "geldig_van");
}

Test(contract, covers_its_care_type_and_forms_inclusive_dates)
{
    ifzo_contract c = {.zorgaanbieder_id = 1,
                       .zorgtype = "KLIN",
                       .geldig_van = D("2025-01-01"),
                       .geldig_tot = D("2025-12-31")};
    cr_assert(contract_covers(&c, "KLIN", D("2025-01-01")));
    cr_assert(contract_covers(&c, "TBS", D("2025-12-31")));
    cr_assert_not(contract_covers(&c, "KLIN", D("2024-12-31")));
    cr_assert_not(contract_covers(&c, "KLIN", D("2026-01-01")));
    cr_assert_not(contract_covers(&c, "AMB", D("2025-06-01")));
    ifzo_contract bw = {.zorgaanbieder_id = 1,
                        .zorgtype = "BW",
                        .geldig_van = D("2025-01-01"),
                        .geldig_tot = IFZO_NO_DATE};
    cr_assert(contract_covers(&bw, "BW", D("2099-01-01")));
    cr_assert_not(contract_covers(&bw, "VBW", D("2025-06-01"))); /* a form does not cover all */
    cr_assert_not(contract_covers(&bw, "VGV", D("2025-06-01")));
}

Test(zorgaanbieder, matchable_needs_admission_and_a_valid_contract)
{
    ifzo_zorgaanbieder z = {.id = 7, .naam = "X", .agb = "06123456", .toelating = true};
    ifzo_contract cs[2] = {
        {.zorgaanbieder_id = 7,
         .zorgtype = "AMB",
         .geldig_van = D("2025-01-01"),
         .geldig_tot = D("2025-06-30")},
        {.zorgaanbieder_id = 8,
         .zorgtype = "KLIN",
         .geldig_van = D("2025-01-01"),
         .geldig_tot = IFZO_NO_DATE},
    };
    cr_assert(zorgaanbieder_matchable(&z, cs, 2, "ABH", D("2025-06-30")));
    cr_assert_not(zorgaanbieder_matchable(&z, cs, 2, "ABH", D("2025-07-01")));
    cr_assert_not(zorgaanbieder_matchable(&z, cs, 2, "KLIN", D("2025-03-01"))); /* other's */
    z.toelating = false;
    cr_assert_not(zorgaanbieder_matchable(&z, cs, 2, "ABH", D("2025-03-01")));
    z.toelating = true;
    cr_assert_not(zorgaanbieder_matchable(&z, NULL, 0, "ABH", D("2025-03-01")));
}

static ifzo_zorglocatie loc(void)
{
    ifzo_zorglocatie l = {.zorgaanbieder_id = 1,
                          .naam = "Kliniek Noord",
                          .agb = "06991234",
                          .adres = "Hoofdstraat 1",
                          .postcode = "9711AA",
                          .plaats = "Groningen",
                          .arrondissement = "NNE",
                          .lat = 53.2,
                          .lon = 6.56,
                          .beveiligingsniveau = "3",
                          .landelijke_functie = true};
    return l;
}

Test(zorglocatie, valid_and_each_field_invalid)
{
    ifzo_zorglocatie l = loc();
    core_error e = {0};
    cr_assert(zorglocatie_check(&l, &e), "%s", e.field);
    l.lat = IFZO_NL_LAT_MAX;
    l.lon = IFZO_NL_LON_MIN;
    cr_assert(zorglocatie_check(&l, &e));

    const char *fields[] = {
        "naam",           "agb", "adres", "postcode",           "plaats",
        "arrondissement", "lat", "lon",   "beveiligingsniveau", "landelijke_functie"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        l = loc();
        switch (i) {
        case 0:
            l.naam[0] = '\0';
            break;
        case 1:
            strcpy(l.agb, "1234567a");
            break;
        case 2:
            strcpy(l.adres, "a\nb");
            break;
        case 3:
            strcpy(l.postcode, "0711AA");
            break;
        case 4:
            l.plaats[0] = '\0';
            break;
        case 5:
            strcpy(l.arrondissement, "XXX");
            break;
        case 6:
            l.lat = IFZO_NL_LAT_MAX + 0.01;
            break;
        case 7:
            l.lon = IFZO_NL_LON_MIN - 0.01;
            break;
        case 8:
            strcpy(l.beveiligingsniveau, "5");
            break;
        case 9:
            strcpy(l.beveiligingsniveau, "2");
            break; /* national function needs 3/4 */
        }
        cr_assert_not(zorglocatie_check(&l, &e), "%s accepted", fields[i]);
        cr_assert_str_eq(e.field, fields[i]);
    }
}

static ifzo_zorgaanbod offer(void)
{
    ifzo_zorgaanbod a = {.zorglocatie_id = 1,
                         .zorgtype = "ABH",
                         .leeftijd_min = 18,
                         .leeftijd_max = 65,
                         .capaciteit = 10,
                         .bezet = 10,
                         .wachtlijst = 0,
                         .wachttijd_dagen = 0,
                         .opnamestop = false,
                         .opnamestop_van = IFZO_NO_DATE,
                         .opnamestop_tot = IFZO_NO_DATE,
                         .bijgewerkt_op = 20000};
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (ifzo_crit_applies("AMB", (ifzo_crit)k))
            a.criteria.set[k] = ifzo_codeset_all((ifzo_crit)k);
    }
    return a;
}

Test(zorgaanbod, valid_offer_and_boundaries)
{
    ifzo_zorgaanbod a = offer();
    core_error e = {0};
    cr_assert(zorgaanbod_check(&a, 20000, &e), "%s", e.field);
    cr_assert_eq(zorgaanbod_vrij(&a), 0);
    a.leeftijd_min = 0;
    a.leeftijd_max = 120;
    a.capaciteit = 0;
    a.bezet = 0;
    cr_assert(zorgaanbod_check(&a, 20000, &e));
    a.leeftijd_min = a.leeftijd_max = 30;
    cr_assert(zorgaanbod_check(&a, 20000, &e));
}

Test(zorgaanbod, each_invalid_field_named)
{
    struct {
        const char *field, *code;
    } cases[] = {
        {"zorgtype", "unknown_code"},      {"criteria.geslacht", "required"},
        {"leeftijd_min", "out_of_range"},  {"leeftijd_max", "out_of_range"},
        {"leeftijd_max", "max_below_min"}, {"capaciteit", "out_of_range"},
        {"bezet", "out_of_range"},         {"bezet", "out_of_range"},
        {"wachtlijst", "out_of_range"},    {"wachttijd_dagen", "out_of_range"},
        {"opnamestop_van", "required"},    {"opnamestop_tot", "end_before_start"},
        {"opnamestop_van", "not_allowed"}, {"bijgewerkt_op", "in_future"},
        {"bijgewerkt_op", "invalid_date"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ifzo_zorgaanbod a = offer();
        switch (i) {
        case 0:
            strcpy(a.zorgtype, "XX");
            break;
        case 1:
            a.criteria.set[IFZO_CRIT_GESLACHT] = 0;
            break;
        case 2:
            a.leeftijd_min = -1;
            break;
        case 3:
            a.leeftijd_max = 121;
            break;
        case 4:
            a.leeftijd_min = 40;
            a.leeftijd_max = 39;
            break;
        case 5:
            a.capaciteit = IFZO_CAPACITY_MAX + 1;
            break;
        case 6:
            a.bezet = 11;
            break;
        case 7:
            a.bezet = -1;
            break;
        case 8:
            a.wachtlijst = -1;
            break;
        case 9:
            a.wachttijd_dagen = IFZO_CAPACITY_MAX + 1;
            break;
        case 10:
            a.opnamestop = true;
            break;
        case 11:
            a.opnamestop = true;
            a.opnamestop_van = 20000;
            a.opnamestop_tot = 19999;
            break;
        case 12:
            a.opnamestop_van = 20000;
            break;
        case 13:
            a.bijgewerkt_op = 20001;
            break;
        case 14:
            a.bijgewerkt_op = IFZO_NO_DATE;
            break;
        }
        core_error e = {0};
        cr_assert_not(zorgaanbod_check(&a, 20000, &e), "case %zu accepted", i);
        cr_assert_str_eq(e.field, cases[i].field, "case %zu", i);
        cr_assert_str_eq(e.code, cases[i].code, "case %zu", i);
    }
}

Test(zorgaanbod, intake_stop_covers_its_period_inclusive)
{
    ifzo_zorgaanbod a = offer();
    cr_assert(zorgaanbod_intake_open(&a, 20000));
    a.opnamestop = true;
    a.opnamestop_van = 20010;
    a.opnamestop_tot = 20020;
    cr_assert(zorgaanbod_intake_open(&a, 20009));
    cr_assert_not(zorgaanbod_intake_open(&a, 20010));
    cr_assert_not(zorgaanbod_intake_open(&a, 20020));
    cr_assert(zorgaanbod_intake_open(&a, 20021));
    a.opnamestop_tot = IFZO_NO_DATE;
    cr_assert_not(zorgaanbod_intake_open(&a, 30000));
    cr_assert_not(zorgaanbod_intake_open(NULL, 20000));
}

Test(zorgaanbod, age_range_only_for_klinisch_and_verblijf)
{
    ifzo_zorgaanbod a = offer();
    cr_assert(zorgaanbod_age_ok(&a, 12)); /* AMB: age is not a criterion */
    strcpy(a.zorgtype, "BW");
    cr_assert_not(zorgaanbod_age_ok(&a, 17));
    cr_assert(zorgaanbod_age_ok(&a, 18));
    cr_assert(zorgaanbod_age_ok(&a, 65));
    cr_assert_not(zorgaanbod_age_ok(&a, 66));
}

Test(zorgaanbod, security_level_equal_or_lower_when_bridging)
{
    cr_assert(ifzo_security_level_ok("3", "3", false));
    cr_assert_not(ifzo_security_level_ok("2", "3", false));
    cr_assert(ifzo_security_level_ok("2", "3", true));
    cr_assert(ifzo_security_level_ok("3", "3", true));
    cr_assert_not(ifzo_security_level_ok("4", "3", true));
    cr_assert_not(ifzo_security_level_ok("5", "3", true));
    cr_assert_not(ifzo_security_level_ok("1", "", true));
}
