/*
 * test_criteria.c - the hard criteria shared by indication and offer (core/criteria.h):
 * which criterion belongs to which care type (seed 004), the bitsets and their text form.
 */
#include "core/criteria.h"

#include <criterion/criterion.h>
#include <string.h>

Test(criteria, every_criterion_list_exists_and_fits_in_64_bits)
{
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        const codelist *list = ifzo_crit_list((ifzo_crit)c);
        cr_assert_not_null(list, "criterion %d has no list", c);
        cr_assert(list->count > 0 && list->count <= 64);
        ifzo_crit back;
        cr_assert(ifzo_crit_from_name(ifzo_crit_name((ifzo_crit)c), &back));
        cr_assert_eq((int)back, c);
    }
    cr_assert_null(ifzo_crit_name(IFZO_CRIT_COUNT));
    cr_assert_not(ifzo_crit_from_name("leeftijd", NULL));
}

/* Seed 004 table, row by row (domain.md §3.2). */
Test(criteria, per_care_type_exactly_the_seed_004_criteria)
{
    static const struct {
        ifzo_crit c;
        bool k, v, a;
    } rows[] = {
        {IFZO_CRIT_ARRONDISSEMENT, 1, 1, 1},
        {IFZO_CRIT_GESLACHT, 1, 1, 1},
        {IFZO_CRIT_DSM_HOOFDGROEP, 1, 0, 0},
        {IFZO_CRIT_VERSTANDELIJKE_VERMOGENS, 1, 0, 0},
        {IFZO_CRIT_ZEDENDELICT, 1, 0, 0},
        {IFZO_CRIT_ZORGSETTING, 1, 0, 0},
        {IFZO_CRIT_VERBLIJFSINTENSITEIT, 1, 0, 0},
        {IFZO_CRIT_MIDDEL, 1, 0, 0},
        {IFZO_CRIT_AARD_ZORGVRAAG, 1, 1, 1},
        {IFZO_CRIT_DOMINANTE_ZORGVRAAG, 0, 1, 1},
        {IFZO_CRIT_BIJKOMENDE_PROBLEMATIEK, 0, 1, 1},
        {IFZO_CRIT_BEREIK, 0, 1, 1},
        {IFZO_CRIT_OUTREACH, 0, 1, 1},
    };
    cr_assert_eq(sizeof rows / sizeof rows[0], IFZO_CRIT_COUNT);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cr_assert_eq(ifzo_crit_applies("KLIN", rows[i].c), rows[i].k, "%zu", i);
        cr_assert_eq(ifzo_crit_applies("TBS", rows[i].c), rows[i].k, "%zu", i);
        cr_assert_eq(ifzo_crit_applies("VBW", rows[i].c), rows[i].v, "%zu", i);
        cr_assert_eq(ifzo_crit_applies("BW", rows[i].c), rows[i].v, "%zu", i);
        cr_assert_eq(ifzo_crit_applies("AMB", rows[i].c), rows[i].a, "%zu", i);
        cr_assert_eq(ifzo_crit_applies("ADB", rows[i].c), rows[i].a, "%zu", i);
        cr_assert_not(ifzo_crit_applies("XYZ", rows[i].c));
    }
    cr_assert(ifzo_age_applies("KLIN"));
    cr_assert(ifzo_age_applies("BW"));
    cr_assert_not(ifzo_age_applies("AMB"));
    cr_assert_not(ifzo_age_applies("ABH"));
    cr_assert_str_eq(ifzo_zorgtype_root("TBS"), "KLIN");
    cr_assert_str_eq(ifzo_zorgtype_root("VGV"), "VBW");
    cr_assert_null(ifzo_zorgtype_root("nope"));
}

Test(criteria, aard_zorgvraag_for_klinisch_only_diagnostiek_and_behandeling)
{
    cr_assert(ifzo_crit_value_allowed("KLIN", IFZO_CRIT_AARD_ZORGVRAAG, "DIAG"));
    cr_assert(ifzo_crit_value_allowed("TBS", IFZO_CRIT_AARD_ZORGVRAAG, "BEH"));
    cr_assert_not(ifzo_crit_value_allowed("KLIN", IFZO_CRIT_AARD_ZORGVRAAG, "BEG"));
    cr_assert(ifzo_crit_value_allowed("AMB", IFZO_CRIT_AARD_ZORGVRAAG, "BEG"));
    cr_assert(ifzo_crit_value_allowed("VBW", IFZO_CRIT_AARD_ZORGVRAAG, "VDIAG"));
    cr_assert_not(ifzo_crit_value_allowed("AMB", IFZO_CRIT_AARD_ZORGVRAAG, "nope"));
    cr_assert(ifzo_crit_value_allowed("AMB", IFZO_CRIT_GESLACHT, "2"));
}

Test(criteria, codesets_follow_the_list_positions)
{
    ifzo_codeset s = 0;
    cr_assert(ifzo_codeset_add(IFZO_CRIT_GESLACHT, "1", &s));
    cr_assert_eq(s, (ifzo_codeset)1 << 1);
    cr_assert(ifzo_codeset_add(IFZO_CRIT_GESLACHT, "2", &s));
    cr_assert_not(ifzo_codeset_add(IFZO_CRIT_GESLACHT, "3", &s));
    cr_assert_not(ifzo_codeset_add(IFZO_CRIT_GESLACHT, NULL, &s));
    cr_assert_eq(s, 6u);
    cr_assert_eq(ifzo_codeset_count(s), 2);
    cr_assert(ifzo_codeset_has(IFZO_CRIT_GESLACHT, s, "2"));
    cr_assert_not(ifzo_codeset_has(IFZO_CRIT_GESLACHT, s, "0"));
    cr_assert_str_eq(ifzo_codeset_first(IFZO_CRIT_GESLACHT, s), "1");
    cr_assert_str_eq(ifzo_codeset_nth(IFZO_CRIT_GESLACHT, s, 1), "2");
    cr_assert_null(ifzo_codeset_nth(IFZO_CRIT_GESLACHT, s, 2));
    cr_assert_null(ifzo_codeset_first(IFZO_CRIT_GESLACHT, 0));
    cr_assert_eq(ifzo_codeset_all(IFZO_CRIT_ARRONDISSEMENT), 0x7FFu);
    cr_assert_eq(ifzo_codeset_all(IFZO_CRIT_DSM_HOOFDGROEP), 0x1FFFFu);
}

Test(criteria, text_form_round_trips_and_rejects_unknowns)
{
    ifzo_criteria c = {0}, back;
    char text[IFZO_CRITERIA_TEXT_MAX];
    cr_assert(ifzo_criteria_format(&c, text, sizeof text));
    cr_assert_str_eq(text, "");
    cr_assert(ifzo_criteria_parse("", &back, NULL));
    cr_assert_eq(memcmp(&c, &back, sizeof c), 0);
    ifzo_codeset_add(IFZO_CRIT_GESLACHT, "1", &c.set[IFZO_CRIT_GESLACHT]);
    ifzo_codeset_add(IFZO_CRIT_GESLACHT, "2", &c.set[IFZO_CRIT_GESLACHT]);
    ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, "04", &c.set[IFZO_CRIT_DSM_HOOFDGROEP]);
    ifzo_codeset_add(IFZO_CRIT_ARRONDISSEMENT, "ZWB", &c.set[IFZO_CRIT_ARRONDISSEMENT]);
    cr_assert(ifzo_criteria_format(&c, text, sizeof text));
    cr_assert_str_eq(text, "arrondissement=ZWB;geslacht=1,2;dsm_hoofdgroep=04");
    cr_assert(ifzo_criteria_parse(text, &back, NULL));
    cr_assert_eq(memcmp(&c, &back, sizeof c), 0);
    char tiny[10];
    cr_assert_not(ifzo_criteria_format(&c, tiny, sizeof tiny));

    core_error e = {0};
    cr_assert_not(ifzo_criteria_parse("geslacht=9", &back, &e));
    cr_assert_str_eq(e.code, "unknown_code");
    cr_assert_str_eq(e.field, "criteria.geslacht");
    cr_assert_not(ifzo_criteria_parse("leeftijd=1", &back, &e));
    cr_assert_str_eq(e.code, "unknown_criterion");
    cr_assert_not(ifzo_criteria_parse("geslacht", &back, &e));
    cr_assert_not(ifzo_criteria_parse("geslacht=1,,2", &back, &e));
}

static ifzo_criteria full_offer(const char *root)
{
    ifzo_criteria c = {0};
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (!ifzo_crit_applies(root, (ifzo_crit)k))
            continue;
        const codelist *l = ifzo_crit_list((ifzo_crit)k);
        for (size_t i = 0; i < l->count; i++) {
            if (ifzo_crit_value_allowed(root, (ifzo_crit)k, l->entries[i].code))
                ifzo_codeset_add((ifzo_crit)k, l->entries[i].code, &c.set[k]);
        }
    }
    return c;
}

Test(criteria, an_offer_needs_every_applicable_criterion_and_no_other)
{
    core_error e = {0};
    const char *roots[] = {"KLIN", "VBW", "AMB"};
    for (int r = 0; r < 3; r++) {
        ifzo_criteria c = full_offer(roots[r]);
        cr_assert(ifzo_offer_criteria_check(roots[r], &c, &e), "%s: %s", roots[r], e.field);
    }
    ifzo_criteria c = full_offer("KLIN");
    c.set[IFZO_CRIT_MIDDEL] = 0; /* no substance treatment: allowed */
    cr_assert(ifzo_offer_criteria_check("KLIN", &c, &e));
    c.set[IFZO_CRIT_ZORGSETTING] = 0;
    cr_assert_not(ifzo_offer_criteria_check("KLIN", &c, &e));
    cr_assert_str_eq(e.code, "required");
    cr_assert_str_eq(e.field, "criteria.zorgsetting");

    c = full_offer("AMB");
    ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, "01", &c.set[IFZO_CRIT_DSM_HOOFDGROEP]);
    cr_assert_not(ifzo_offer_criteria_check("AMB", &c, &e));
    cr_assert_str_eq(e.code, "not_applicable");
    cr_assert_str_eq(e.field, "criteria.dsm_hoofdgroep");

    c = full_offer("KLIN");
    ifzo_codeset_add(IFZO_CRIT_AARD_ZORGVRAAG, "BEG", &c.set[IFZO_CRIT_AARD_ZORGVRAAG]);
    cr_assert_not(ifzo_offer_criteria_check("KLIN", &c, &e));
    cr_assert_str_eq(e.code, "not_allowed");
    cr_assert_str_eq(e.field, "criteria.aard_zorgvraag");

    c = full_offer("KLIN");
    c.set[IFZO_CRIT_GESLACHT] |= (ifzo_codeset)1 << 5; /* bit beyond the 3 entries */
    cr_assert_not(ifzo_offer_criteria_check("KLIN", &c, &e));
    cr_assert_str_eq(e.code, "unknown_code");
    cr_assert_not(ifzo_offer_criteria_check("nope", &c, &e));
    cr_assert_str_eq(e.field, "zorgtype");
}

static ifzo_criteria one_each(const char *root, const char *dsm)
{
    ifzo_criteria c = {0};
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (!ifzo_crit_applies(root, (ifzo_crit)k) || k == IFZO_CRIT_MIDDEL)
            continue;
        const codelist *l = ifzo_crit_list((ifzo_crit)k);
        for (size_t i = 0; i < l->count; i++) {
            if (ifzo_crit_value_allowed(root, (ifzo_crit)k, l->entries[i].code)) {
                ifzo_codeset_add((ifzo_crit)k, l->entries[i].code, &c.set[k]);
                break;
            }
        }
    }
    if (dsm) {
        c.set[IFZO_CRIT_DSM_HOOFDGROEP] = 0;
        ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, dsm, &c.set[IFZO_CRIT_DSM_HOOFDGROEP]);
    }
    return c;
}

Test(criteria, an_indication_has_one_value_each_and_middel_only_with_dsm_04)
{
    core_error e = {0};
    ifzo_criteria c = one_each("VBW", NULL);
    cr_assert(ifzo_indication_criteria_check("BW", &c, true, &e), "%s", e.field);
    c = one_each("KLIN", "05");
    cr_assert(ifzo_indication_criteria_check("KLIN", &c, true, &e), "%s", e.field);
    ifzo_codeset_add(IFZO_CRIT_MIDDEL, "ALC", &c.set[IFZO_CRIT_MIDDEL]);
    cr_assert_not(ifzo_indication_criteria_check("KLIN", &c, false, &e));
    cr_assert_str_eq(e.field, "criteria.middel");
    c = one_each("KLIN", "04");
    cr_assert_not(ifzo_indication_criteria_check("KLIN", &c, true, &e));
    cr_assert_str_eq(e.code, "incomplete");
    cr_assert_str_eq(e.field, "criteria.middel");
    cr_assert(ifzo_indication_criteria_check("KLIN", &c, false, &e)); /* concept */
    ifzo_codeset_add(IFZO_CRIT_MIDDEL, "ALC", &c.set[IFZO_CRIT_MIDDEL]);
    cr_assert(ifzo_indication_criteria_check("KLIN", &c, true, &e));
    ifzo_codeset_add(IFZO_CRIT_GESLACHT, "2", &c.set[IFZO_CRIT_GESLACHT]);
    cr_assert_not(ifzo_indication_criteria_check("KLIN", &c, false, &e));
    cr_assert_str_eq(e.code, "single_value");
    cr_assert_str_eq(e.field, "criteria.geslacht");

    ifzo_criteria empty = {0};
    cr_assert(ifzo_indication_criteria_check("AMB", &empty, false, &e));
    cr_assert_not(ifzo_indication_criteria_check("AMB", &empty, true, &e));
    cr_assert_str_eq(e.code, "incomplete");
    cr_assert_str_eq(e.field, "criteria.arrondissement");
}

Test(criteria, the_largest_possible_set_fits_the_text_form)
{
    ifzo_criteria all;
    for (int k = 0; k < IFZO_CRIT_COUNT; k++)
        all.set[k] = ifzo_codeset_all((ifzo_crit)k);
    char text[IFZO_CRITERIA_TEXT_MAX];
    cr_assert(ifzo_criteria_format(&all, text, sizeof text));
    ifzo_criteria back;
    cr_assert(ifzo_criteria_parse(text, &back, NULL));
    cr_assert_eq(memcmp(&all, &back, sizeof all), 0);
}
