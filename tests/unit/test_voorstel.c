/*
 * test_voorstel.c - the placement rules around a proposal (core/voorstel.h): mode names, the
 * weighing of all 10 soft criteria, the justification required outside the proposal, and the
 * contra-indications recorded on a client. Each rule at its edge.
 */
#include "core/codelist.h"
#include "core/voorstel.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static voorstel_keuze full(void)
{
    voorstel_keuze k = {.voorstel = 1};
    static const char *const t[VOORSTEL_WEGING_N] = {"a", "b", "c", "d", "e",
                                                     "f", "g", "h", "i", "j"};
    for (size_t i = 0; i < VOORSTEL_WEGING_N; i++)
        k.weging[i] = t[i];
    return k;
}

static void refused(const voorstel_keuze *k, bool voorgesteld, const char *code, const char *field)
{
    core_error e = {0};
    cr_assert_not(voorstel_keuze_check(k, voorgesteld, &e));
    cr_assert_str_eq(e.code, code);
    cr_assert_str_eq(e.field, field);
    cr_assert_not_null(e.message);
}

Test(voorstel, mode_names_are_the_api_words)
{
    match_mode m;
    cr_assert(voorstel_modus_from_name("regulier", &m));
    cr_assert_eq(m, MATCH_MODE_REGULAR);
    cr_assert(voorstel_modus_from_name("overbrugging", &m));
    cr_assert_eq(m, MATCH_MODE_OVERBRUGGING);
    cr_assert(voorstel_modus_from_name("second_best", &m));
    cr_assert_eq(m, MATCH_MODE_SECOND_BEST);
    cr_assert_not(voorstel_modus_from_name("regular", &m));
    cr_assert_not(voorstel_modus_from_name("", &m));
    cr_assert_not(voorstel_modus_from_name(NULL, &m));
    cr_assert_str_eq(voorstel_modus_name(MATCH_MODE_SECOND_BEST), "second_best");
    cr_assert_null(voorstel_modus_name(MATCH_MODE_COUNT));
}

Test(voorstel, weging_codes_are_the_code_list)
{
    const codelist *l = codelist_find(CODELIST_ZACHT_CRITERIUM);
    cr_assert_not_null(l);
    cr_assert_eq(l->count, VOORSTEL_WEGING_N);
    for (size_t i = 0; i < l->count; i++) {
        cr_assert_str_eq(codelist_entry_at(l, i)->code, voorstel_weging_code(i));
        size_t j;
        cr_assert(voorstel_weging_index(voorstel_weging_code(i), &j));
        cr_assert_eq(j, i);
    }
    cr_assert_str_eq(voorstel_weging_field(4), "weging.05");
    cr_assert_null(voorstel_weging_code(VOORSTEL_WEGING_N));
    size_t j;
    cr_assert_not(voorstel_weging_index("11", &j));
    cr_assert_not(voorstel_weging_index("1", &j));
}

Test(voorstel, a_proposed_location_needs_the_weighing_only)
{
    voorstel_keuze k = full();
    core_error e = {0};
    cr_assert(voorstel_keuze_check(&k, true, &e), "%s", e.code);
    k.voorstel = 0;
    refused(&k, true, "voorstel_vereist", "voorstel");
    refused(NULL, true, "voorstel_vereist", "voorstel");
}

Test(voorstel, every_weging_text_is_required_and_bounded)
{
    for (size_t i = 0; i < VOORSTEL_WEGING_N; i++) {
        voorstel_keuze k = full();
        k.weging[i] = NULL;
        refused(&k, true, "weging_onvolledig", voorstel_weging_field(i));
        k.weging[i] = "  \n ";
        refused(&k, true, "weging_onvolledig", voorstel_weging_field(i));
    }
    voorstel_keuze k = full();
    char *txt = malloc(VOORSTEL_TEKST_MAX + 2);
    memset(txt, 'x', VOORSTEL_TEKST_MAX);
    txt[VOORSTEL_TEKST_MAX] = '\0';
    k.weging[9] = txt;
    core_error e = {0};
    cr_assert(voorstel_keuze_check(&k, true, &e), "exactly 2000 characters");
    txt[VOORSTEL_TEKST_MAX] = 'x';
    txt[VOORSTEL_TEKST_MAX + 1] = '\0';
    refused(&k, true, "weging_ongeldig", "weging.10");
    free(txt);
    k.weging[9] = "twee\nregels";
    cr_assert(voorstel_keuze_check(&k, true, &e), "multi-line is allowed");
    k.weging[9] = "bel\a";
    refused(&k, true, "weging_ongeldig", "weging.10");
}

Test(voorstel, outside_the_proposal_a_justification_is_required)
{
    voorstel_keuze k = full();
    refused(&k, false, "afwijking_vereist", "afwijking");
    k.afwijking_given = true;
    refused(&k, false, "contra_indicatie_onbekend", "afwijking.contra_indicatie");
    k.afwijking_code = "XX";
    refused(&k, false, "contra_indicatie_onbekend", "afwijking.contra_indicatie");
    k.afwijking_code = "SLACHT";
    refused(&k, false, "afwijking_toelichting_ontbreekt", "afwijking.toelichting");
    k.afwijking_toelichting = " ";
    refused(&k, false, "afwijking_toelichting_ontbreekt", "afwijking.toelichting");
    k.afwijking_toelichting = "nul\x01";
    refused(&k, false, "afwijking_toelichting_ongeldig", "afwijking.toelichting");
    k.afwijking_toelichting = "Het slachtoffer woont om de hoek.";
    core_error e = {0};
    cr_assert(voorstel_keuze_check(&k, false, &e), "%s", e.code);
    /* every code of the list is a valid ground, OVERIG included */
    const codelist *l = codelist_find(CODELIST_CONTRA_INDICATIE);
    for (size_t i = 0; i < l->count; i++) {
        k.afwijking_code = codelist_entry_at(l, i)->code;
        cr_assert(voorstel_keuze_check(&k, false, &e), "%s", k.afwijking_code);
    }
    /* a justification sent for a proposed location is checked too */
    k.afwijking_code = "XX";
    refused(&k, true, "contra_indicatie_onbekend", "afwijking.contra_indicatie");
}

Test(voorstel, contra_indications_on_a_client)
{
    core_error e = {0};
    cr_assert(voorstel_contra_check(NULL, 0, &e));
    const char *ok[] = {"GEBV", "INCID", "WACHT", "SLACHT", "SOCSYS", "OVERIG"};
    cr_assert(voorstel_contra_check(ok, 6, &e), "%s", e.code);
    const char *bad[] = {"GEBV", "geen"};
    cr_assert_not(voorstel_contra_check(bad, 2, &e));
    cr_assert_str_eq(e.code, "contra_indicatie_onbekend");
    cr_assert_str_eq(e.field, "contra_indicaties");
    const char *twice[] = {"GEBV", "WACHT", "GEBV"};
    cr_assert_not(voorstel_contra_check(twice, 3, &e));
    cr_assert_str_eq(e.code, "contra_indicatie_dubbel");
    const char *seven[] = {"GEBV", "INCID", "WACHT", "SLACHT", "SOCSYS", "OVERIG", "GEBV"};
    cr_assert_not(voorstel_contra_check(seven, 7, &e));
    cr_assert_str_eq(e.code, "contra_indicatie_dubbel");
}
