/*
 * test_plaatsing.c - the placement workflow's state machine (core/plaatsing.h): every
 * transition legal and illegal, each date rule at its boundary, each code that needs a
 * motivation, the answer terms, and docs/workflow.md's table equal to the code's.
 */
#include "core/plaatsing.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK, "%s", s);
    return d;
}

static ifzo_indicatie indicatie(const char *zorgtype)
{
    ifzo_indicatie i;
    memset(&i, 0, sizeof i);
    i.id = 7;
    i.justitiabele_id = 3;
    i.status = IFZO_IND_DEFINITIEF;
    snprintf(i.zorgtype, sizeof i.zorgtype, "%s", zorgtype);
    snprintf(i.zorgtitel, sizeof i.zorgtitel, "08");
    i.titel_start = D("2025-01-01");
    i.titel_eind = D("2026-12-31");
    return i;
}

static plaatsingsverzoek verzoek(const char *zorgtype)
{
    ifzo_indicatie i = indicatie(zorgtype);
    plaatsingsverzoek pv;
    core_error e = {0};
    cr_assert(plaatsing_aanmaken(&i, 11, D("2025-04-01"), &pv, &e), "%s", e.code);
    pv.id = 1;
    return pv;
}

static toeleidingspoging poging(const plaatsingsverzoek *pv, int64_t loc, const char *today)
{
    toeleidingspoging p;
    core_error e = {0};
    cr_assert(plaatsing_aanmelden(pv, NULL, 0, loc, false, D(today), &p, &e), "%s", e.code);
    p.id = loc;
    return p;
}

#define FAILS(call, want_code, want_field)                                                         \
    do {                                                                                           \
        core_error e_ = {0};                                                                       \
        cr_assert_not(call);                                                                       \
        cr_assert_str_eq(e_.code, want_code);                                                      \
        if (want_field)                                                                            \
            cr_assert_str_eq(e_.field, (const char *)want_field);                                  \
        else                                                                                       \
            cr_assert_null(e_.field);                                                              \
        cr_assert_not_null(e_.message);                                                            \
    } while (0)
#define ERR (&e_)

/* ---- the table and docs/workflow.md -------------------------------------------------- */

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ')
        k++;
    memmove(s, s + k, strlen(s + k) + 1);
}

Test(plaatsing, docs_workflow_table_equals_the_transition_table)
{
    FILE *f = fopen(IFZO_SOURCE_DIR "/docs/workflow.md", "r");
    cr_assert_not_null(f);
    char line[512];
    bool in = false;
    size_t row = 0, seen = 0;
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "<!-- transitions:begin -->")) {
            in = true;
            continue;
        }
        if (strstr(line, "<!-- transitions:end -->"))
            break;
        if (!in || line[0] != '|')
            continue;
        if (++seen <= 2)
            continue; /* header and separator */
        char cells[4][64] = {{0}};
        char *p = line + 1;
        for (int c = 0; c < 4; c++) {
            char *bar = strchr(p, '|');
            cr_assert_not_null(bar, "row %zu has fewer than 4 cells", row);
            *bar = '\0';
            size_t len = strlen(p);
            cr_assert_lt(len, sizeof cells[c], "row %zu: cell %d is too long", row, c);
            memcpy(cells[c], p, len + 1);
            trim(cells[c]);
            p = bar + 1;
        }
        cr_assert_lt(row, plaatsing_transition_count, "docs have more rows than the code");
        const plaatsing_transition *t = &plaatsing_transitions[row];
        cr_assert_str_eq(cells[0], t->object, "row %zu", row);
        cr_assert_str_eq(cells[1], t->from, "row %zu", row);
        cr_assert_str_eq(cells[2], t->event, "row %zu", row);
        cr_assert_str_eq(cells[3], t->to, "row %zu", row);
        row++;
    }
    fclose(f);
    cr_assert_eq(row, plaatsing_transition_count, "docs have %zu rows, code %zu", row,
                 plaatsing_transition_count);
}

Test(plaatsing, every_status_in_the_table_has_a_name_and_back)
{
    for (size_t i = 0; i < plaatsing_transition_count; i++) {
        const plaatsing_transition *t = &plaatsing_transitions[i];
        plaatsing_status ps;
        poging_status ts;
        bool pv = strcmp(t->object, "plaatsingsverzoek") == 0;
        cr_assert(pv || strcmp(t->object, "toeleidingspoging") == 0);
        cr_assert(pv ? plaatsing_status_from_name(t->to, &ps) : poging_status_from_name(t->to, &ts),
                  "%s", t->to);
        if (strcmp(t->from, "-") != 0)
            cr_assert(pv ? plaatsing_status_from_name(t->from, &ps)
                         : poging_status_from_name(t->from, &ts),
                      "%s", t->from);
    }
    cr_assert_str_eq(plaatsing_status_name(PV_ZORG_BEEINDIGD), "zorg_beeindigd");
    cr_assert_null(plaatsing_status_name(PV_STATUS_COUNT));
    cr_assert_str_eq(poging_status_name(TP_GEANNULEERD), "geannuleerd");
    cr_assert_null(poging_status_name(TP_STATUS_COUNT));
}

/* ---- aanmaken ------------------------------------------------------------------------ */

Test(plaatsing, aanmaken_for_a_definitive_indication_copies_client_and_title)
{
    plaatsingsverzoek pv = verzoek("TBS");
    cr_assert_eq(pv.status, PV_OPEN);
    cr_assert_eq(pv.indicatie_id, 7);
    cr_assert_eq(pv.justitiabele_id, 3);
    cr_assert_eq(pv.plaatser_organisatie_id, 11);
    cr_assert_str_eq(pv.zorgtype, "TBS");
    cr_assert_eq(pv.titel_eind, D("2026-12-31"));
    cr_assert_eq(pv.startdatum, IFZO_NO_DATE);
    cr_assert_eq(pv.einddatum, IFZO_NO_DATE);
}

Test(plaatsing, aanmaken_refuses_a_concept_or_replaced_indication_and_no_placer)
{
    ifzo_indicatie i = indicatie("KLIN");
    plaatsingsverzoek pv;
    i.status = IFZO_IND_CONCEPT;
    FAILS(plaatsing_aanmaken(&i, 11, D("2025-04-01"), &pv, ERR), "indicatie_niet_definitief",
          "status");
    i.status = IFZO_IND_VERVANGEN;
    FAILS(plaatsing_aanmaken(&i, 11, D("2025-04-01"), &pv, ERR), "indicatie_niet_definitief",
          "status");
    i.status = IFZO_IND_DEFINITIEF;
    FAILS(plaatsing_aanmaken(&i, 0, D("2025-04-01"), &pv, ERR), "plaatser_ontbreekt",
          "plaatser_organisatie_id");
}

/* ---- aanmelden ----------------------------------------------------------------------- */

Test(plaatsing, aanmelden_creates_an_attempt_on_an_open_request)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging p;
    core_error e = {0};
    cr_assert(plaatsing_aanmelden(&pv, NULL, 0, 42, false, D("2025-04-17"), &p, &e));
    cr_assert_eq(p.status, TP_AANGEMELD);
    cr_assert_eq(p.verzoek_id, 1);
    cr_assert_eq(p.zorglocatie_id, 42);
    cr_assert_eq(p.aanmelddatum, D("2025-04-17"));
    cr_assert_not(p.parallel);
    cr_assert_eq(p.reactie[0], '\0');
}

Test(plaatsing, aanmelden_one_open_attempt_unless_parallel)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging ps[3];
    ps[0] = poging(&pv, 42, "2025-04-17");
    toeleidingspoging p;
    FAILS(plaatsing_aanmelden(&pv, ps, 1, 43, false, D("2025-04-17"), &p, ERR), "poging_loopt_al",
          "status");
    FAILS(plaatsing_aanmelden(&pv, ps, 1, 42, true, D("2025-04-17"), &p, ERR),
          "locatie_al_aangemeld", "zorglocatie_id");
    core_error e = {0};
    cr_assert(plaatsing_aanmelden(&pv, ps, 1, 43, true, D("2025-04-17"), &p, &e), "%s", e.code);
    cr_assert(p.parallel);
    /* An accepted attempt is still open; a declined or cancelled one is not. */
    ps[0].status = TP_GEACCEPTEERD;
    FAILS(plaatsing_aanmelden(&pv, ps, 1, 43, false, D("2025-04-17"), &p, ERR), "poging_loopt_al",
          "status");
    ps[0].status = TP_AFGEWEZEN;
    cr_assert(plaatsing_aanmelden(&pv, ps, 1, 42, false, D("2025-04-17"), &p, &e));
    ps[0].status = TP_GEANNULEERD;
    cr_assert(plaatsing_aanmelden(&pv, ps, 1, 43, false, D("2025-04-17"), &p, &e));
}

Test(plaatsing, aanmelden_refused_when_the_request_is_not_open_or_no_location)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging p;
    FAILS(plaatsing_aanmelden(&pv, NULL, 0, 0, false, D("2025-04-17"), &p, ERR),
          "zorglocatie_ontbreekt", "zorglocatie_id");
    plaatsing_status closed[] = {PV_BESLOTEN, PV_GEPLAATST, PV_ZORG_BEEINDIGD, PV_INGETROKKEN};
    for (size_t i = 0; i < 4; i++) {
        pv.status = closed[i];
        FAILS(plaatsing_aanmelden(&pv, NULL, 0, 42, false, D("2025-04-17"), &p, ERR),
              "verzoek_niet_open", "status");
    }
}

/* ---- reageren ------------------------------------------------------------------------ */

Test(plaatsing, reactie_01_accepts_and_every_other_of_the_22_declines)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    const codelist *l = codelist_find(CODELIST_REACTIEMOGELIJKHEID);
    cr_assert_eq(l->count, 22);
    for (size_t i = 0; i < l->count; i++) {
        toeleidingspoging p = poging(&pv, 42, "2025-04-17");
        core_error e = {0};
        cr_assert(plaatsing_reageren(&p, l->entries[i].code, "", D("2025-04-18"), &e), "%s",
                  e.code);
        cr_assert_eq(p.status, i == 0 ? TP_GEACCEPTEERD : TP_AFGEWEZEN, "%s", l->entries[i].code);
        cr_assert_str_eq(p.reactie, l->entries[i].code);
        cr_assert_eq(p.reactiedatum, D("2025-04-18"));
    }
}

Test(plaatsing, reactie_with_text_only_once_and_a_known_code)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging p = poging(&pv, 42, "2025-04-17");
    FAILS(plaatsing_reageren(&p, "23", NULL, D("2025-04-18"), ERR), "reactiemogelijkheid_onbekend",
          "reactie");
    FAILS(plaatsing_reageren(&p, NULL, NULL, D("2025-04-18"), ERR), "reactiemogelijkheid_onbekend",
          "reactie");
    FAILS(plaatsing_reageren(&p, "02", "bad\x01text", D("2025-04-18"), ERR), "toelichting_ongeldig",
          "toelichting");
    cr_assert_eq(p.status, TP_AANGEMELD, "a failed reaction changes nothing");
    core_error e = {0};
    cr_assert(plaatsing_reageren(&p, "15", "Ontkent.\nOverleg volgt.", D("2025-04-18"), &e));
    cr_assert_str_eq(p.reactie_toelichting, "Ontkent.\nOverleg volgt.");
    FAILS(plaatsing_reageren(&p, "01", NULL, D("2025-04-19"), ERR), "reactie_al_gegeven", "status");
    cr_assert_str_eq(p.reactie, "15");
    p.status = TP_GEANNULEERD;
    FAILS(plaatsing_reageren(&p, "01", NULL, D("2025-04-19"), ERR), "reactie_al_gegeven", "status");
}

/* ---- termijnen ----------------------------------------------------------------------- */

Test(plaatsing, klinisch_5_working_days_then_10_after_one_extension)
{
    plaatsingsverzoek pv = verzoek("TBS"); /* inherits KLIN's term */
    /* Thursday before Easter 2025: Good Friday and Easter Monday do not count. */
    toeleidingspoging p = poging(&pv, 42, "2025-04-17");
    ifzo_date dl;
    cr_assert(plaatsing_termijn(&pv, &p, &dl));
    cr_assert_eq(dl, D("2025-04-28"));
    cr_assert_not(plaatsing_te_laat(&pv, &p, D("2025-04-28")), "due by the end of the day");
    cr_assert(plaatsing_te_laat(&pv, &p, D("2025-04-29")));
    core_error e = {0};
    cr_assert(plaatsing_verlengen(&pv, &p, &e), "%s", e.code);
    cr_assert(p.verlengd);
    cr_assert_eq(p.status, TP_AANGEMELD);
    cr_assert(plaatsing_termijn(&pv, &p, &dl));
    /* 10 working days after 17 April: 18, 21 Good Friday/Easter Monday out; 27 April is a
     * Sunday in 2025, King's Day moves to Saturday 26 April. */
    cr_assert_eq(dl, D("2025-05-06"));
    cr_assert_not(plaatsing_te_laat(&pv, &p, D("2025-05-06")));
    cr_assert(plaatsing_te_laat(&pv, &p, D("2025-05-07")));
    FAILS(plaatsing_verlengen(&pv, &p, ERR), "al_verlengd", "status");
    /* An answered attempt is never overdue. */
    cr_assert(plaatsing_reageren(&p, "01", NULL, D("2025-05-07"), &e));
    cr_assert_not(plaatsing_te_laat(&pv, &p, D("2025-06-01")));
    FAILS(plaatsing_verlengen(&pv, &p, ERR), "poging_niet_aangemeld", "status");
}

Test(plaatsing, ambulant_and_beschermd_wonen_two_weeks_not_extendable)
{
    const char *types[] = {"AMB", "ABH", "VBW", "BW"};
    for (size_t i = 0; i < 4; i++) {
        plaatsingsverzoek pv = verzoek(types[i]);
        toeleidingspoging p = poging(&pv, 42, "2025-12-20");
        ifzo_date dl;
        cr_assert(plaatsing_termijn(&pv, &p, &dl));
        cr_assert_eq(dl, D("2026-01-03"), "%s: over the year boundary, calendar days", types[i]);
        cr_assert_not(plaatsing_te_laat(&pv, &p, D("2026-01-03")));
        cr_assert(plaatsing_te_laat(&pv, &p, D("2026-01-04")));
        FAILS(plaatsing_verlengen(&pv, &p, ERR), "verlenging_niet_mogelijk", "status");
        cr_assert_not(p.verlengd);
    }
}

Test(plaatsing, klinisch_term_over_christmas_and_new_year)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging p = poging(&pv, 42, "2025-12-23");
    ifzo_date dl;
    cr_assert(plaatsing_termijn(&pv, &p, &dl));
    /* 24, (25, 26 Christmas, weekend), 29, 30, 31, (1 January), 2 January. */
    cr_assert_eq(dl, D("2026-01-02"));
    p.aanmelddatum = D("2025-12-24");
    cr_assert(plaatsing_termijn(&pv, &p, &dl));
    cr_assert_eq(dl, D("2026-01-05"), "over the weekend after New Year");
}

/* ---- annuleren ----------------------------------------------------------------------- */

Test(plaatsing, annuleren_every_reason_of_its_group_motivation_where_needed)
{
    const codelist *l = codelist_find(CODELIST_ANNULERINGSREDEN);
    for (size_t i = 0; i < l->count; i++) {
        const codelist_entry *r = &l->entries[i];
        const char *group = codelist_attr_value(r, "group");
        plaatsingsverzoek pv = verzoek("KLIN");
        toeleidingspoging ps[1] = {poging(&pv, 42, "2025-04-17")};
        bool needs = codelist_needs_motivation(r);
        cr_assert_eq(needs, strcmp(r->code, "ZA02") == 0 || strcmp(r->code, "PL11") == 0, "%s",
                     r->code);
        if (needs) {
            FAILS(plaatsing_annuleren(&pv, ps, 1, 0, group, r->code, NULL, D("2025-04-18"), ERR),
                  "motivatie_ontbreekt", "motivatie");
            FAILS(plaatsing_annuleren(&pv, ps, 1, 0, group, r->code, "  ", D("2025-04-18"), ERR),
                  "motivatie_ontbreekt", "motivatie");
            cr_assert_eq(ps[0].status, TP_AANGEMELD);
        }
        core_error e = {0};
        cr_assert(plaatsing_annuleren(&pv, ps, 1, 0, group, r->code, needs ? "Omdat." : NULL,
                                      D("2025-04-18"), &e),
                  "%s: %s", r->code, e.code);
        cr_assert_eq(ps[0].status, TP_GEANNULEERD);
        cr_assert_str_eq(ps[0].op_verzoek, group);
        cr_assert_str_eq(ps[0].annuleringsreden, r->code);
        cr_assert_eq(ps[0].annuleringsdatum, D("2025-04-18"));
        cr_assert_eq(pv.status, strcmp(r->code, "PL12") == 0 ? PV_INGETROKKEN : PV_OPEN, "%s",
                     r->code);
    }
}

Test(plaatsing, annuleren_refuses_unknown_group_reason_of_other_group_and_twice)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging ps[1] = {poging(&pv, 42, "2025-04-17")};
    FAILS(plaatsing_annuleren(&pv, ps, 1, 0, "XX", "PL01", NULL, D("2025-04-18"), ERR),
          "op_verzoek_onbekend", "op_verzoek");
    FAILS(plaatsing_annuleren(&pv, ps, 1, 0, "ZA", "PL01", NULL, D("2025-04-18"), ERR),
          "annuleringsreden_onbekend", "reden");
    FAILS(plaatsing_annuleren(&pv, ps, 1, 0, "PL", "PL99", NULL, D("2025-04-18"), ERR),
          "annuleringsreden_onbekend", "reden");
    FAILS(plaatsing_annuleren(&pv, ps, 1, 1, "PL", "PL01", NULL, D("2025-04-18"), ERR), "not_found",
          NULL);
    core_error e = {0};
    cr_assert(plaatsing_annuleren(&pv, ps, 1, 0, "ZA", "ZA01", NULL, D("2025-04-18"), &e));
    FAILS(plaatsing_annuleren(&pv, ps, 1, 0, "ZA", "ZA01", NULL, D("2025-04-18"), ERR),
          "poging_al_geannuleerd", "status");
}

Test(plaatsing, annuleren_an_accepted_or_declined_attempt_but_not_after_the_decision)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging ps[2] = {poging(&pv, 42, "2025-04-17"), poging(&pv, 43, "2025-04-17")};
    core_error e = {0};
    cr_assert(plaatsing_reageren(&ps[0], "02", NULL, D("2025-04-18"), &e));
    cr_assert(plaatsing_reageren(&ps[1], "01", NULL, D("2025-04-18"), &e));
    cr_assert(
        plaatsing_annuleren(&pv, ps, 2, 0, "ZA", "ZA02", "Niet terecht.", D("2025-04-18"), &e));
    cr_assert_str_eq(ps[0].motivatie, "Niet terecht.");
    cr_assert(
        plaatsing_besluiten(&pv, ps, 2, 1, "PB-1", "KLIN", D("2025-05-01"), D("2025-04-19"), &e),
        "%s", e.code);
    FAILS(plaatsing_annuleren(&pv, ps, 2, 1, "PL", "PL10", NULL, D("2025-04-20"), ERR),
          "verzoek_niet_open", "status");
    cr_assert_eq(ps[1].status, TP_GEACCEPTEERD);
}

Test(plaatsing, intrekken_ends_the_request_and_cancels_every_open_attempt)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging ps[3] = {poging(&pv, 42, "2025-04-17"), poging(&pv, 43, "2025-04-17"),
                               poging(&pv, 44, "2025-04-17")};
    core_error e = {0};
    cr_assert(plaatsing_reageren(&ps[1], "01", NULL, D("2025-04-18"), &e));
    cr_assert(plaatsing_reageren(&ps[2], "03", NULL, D("2025-04-18"), &e));
    cr_assert(plaatsing_annuleren(&pv, ps, 3, 0, "PL", "PL12", NULL, D("2025-04-19"), &e));
    cr_assert_eq(pv.status, PV_INGETROKKEN);
    cr_assert_eq(ps[0].status, TP_GEANNULEERD);
    cr_assert_eq(ps[1].status, TP_GEANNULEERD, "the accepted attempt is open: cancelled");
    cr_assert_str_eq(ps[1].annuleringsreden, "PL12");
    cr_assert_eq(ps[2].status, TP_AFGEWEZEN, "a declined attempt is not open: left as it is");
    /* Nothing else happens on a withdrawn request. */
    toeleidingspoging p;
    FAILS(plaatsing_aanmelden(&pv, ps, 3, 45, false, D("2025-04-20"), &p, ERR), "verzoek_niet_open",
          "status");
    FAILS(plaatsing_annuleren(&pv, ps, 3, 2, "PL", "PL12", NULL, D("2025-04-20"), ERR),
          "verzoek_niet_open", "status");
}

/* ---- besluiten ----------------------------------------------------------------------- */

static plaatsingsverzoek besloten(toeleidingspoging *p)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    *p = poging(&pv, 42, "2025-04-17");
    core_error e = {0};
    cr_assert(plaatsing_reageren(p, "01", NULL, D("2025-04-18"), &e));
    cr_assert(plaatsing_besluiten(&pv, p, 1, 0, "2025/PB-0001", "TBS", D("2025-05-01"),
                                  D("2025-04-22"), &e),
              "%s", e.code);
    return pv;
}

Test(plaatsing, besluiten_on_the_accepted_attempt)
{
    toeleidingspoging p;
    plaatsingsverzoek pv = besloten(&p);
    cr_assert_eq(pv.status, PV_BESLOTEN);
    cr_assert_str_eq(pv.besluitnummer, "2025/PB-0001");
    cr_assert_eq(pv.besluit_poging_id, 42);
    cr_assert_eq(pv.besluit_zorglocatie_id, 42);
    cr_assert_str_eq(pv.besluit_zorgtype, "TBS");
    cr_assert_eq(pv.verwachte_startdatum, D("2025-05-01"));
    cr_assert_eq(pv.besluitdatum, D("2025-04-22"));
    toeleidingspoging ps[1] = {p};
    FAILS(plaatsing_besluiten(&pv, ps, 1, 0, "PB-2", "KLIN", D("2025-05-01"), D("2025-04-22"), ERR),
          "verzoek_niet_open", "status");
}

Test(plaatsing, besluiten_refused_before_acceptance_with_open_others_and_bad_input)
{
    plaatsingsverzoek pv = verzoek("KLIN");
    toeleidingspoging ps[2] = {poging(&pv, 42, "2025-04-17"), poging(&pv, 43, "2025-04-17")};
    ifzo_date start = D("2025-05-01"), today = D("2025-04-22");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "PB-1", "KLIN", start, today, ERR),
          "poging_niet_geaccepteerd", "status");
    core_error e = {0};
    cr_assert(plaatsing_reageren(&ps[0], "01", NULL, today, &e));
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "PB-1", "KLIN", start, today, ERR),
          "andere_poging_open", "status");
    cr_assert(plaatsing_reageren(&ps[1], "18", NULL, today, &e));
    FAILS(plaatsing_besluiten(&pv, ps, 2, 1, "PB-1", "KLIN", start, today, ERR),
          "poging_niet_geaccepteerd", "status");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "", "KLIN", start, today, ERR),
          "besluitnummer_ongeldig", "besluitnummer");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "PB 1", "KLIN", start, today, ERR),
          "besluitnummer_ongeldig", "besluitnummer");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "12345678901234567890123456789012345678901", "KLIN",
                              start, today, ERR),
          "besluitnummer_ongeldig", "besluitnummer");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "PB-1", "AMB", start, today, ERR), "zorgtype_ongeldig",
          "zorgtype");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "PB-1", "XYZ", start, today, ERR), "zorgtype_ongeldig",
          "zorgtype");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 0, "PB-1", "KLIN", IFZO_NO_DATE, today, ERR),
          "verwachte_startdatum_ongeldig", "verwachte_startdatum");
    FAILS(plaatsing_besluiten(&pv, ps, 2, 2, "PB-1", "KLIN", start, today, ERR), "not_found", NULL);
    cr_assert_eq(pv.status, PV_OPEN, "failed decisions change nothing");
    cr_assert(plaatsing_besluiten(&pv, ps, 2, 0, "1234567890123456789012345678901234567890", "KLIN",
                                  start, today, &e),
              "40 characters is the maximum: %s", e.code);
}

/* ---- start zorg ---------------------------------------------------------------------- */

Test(plaatsing, start_zorg_today_is_allowed_tomorrow_not)
{
    toeleidingspoging p;
    plaatsingsverzoek pv = besloten(&p);
    FAILS(plaatsing_start_zorg(&pv, D("2025-05-02"), D("2025-05-01"), ERR),
          "startdatum_in_toekomst", "startdatum");
    FAILS(plaatsing_start_zorg(&pv, IFZO_NO_DATE, D("2025-05-01"), ERR), "startdatum_ongeldig",
          "startdatum");
    core_error e = {0};
    cr_assert(plaatsing_start_zorg(&pv, D("2025-05-01"), D("2025-05-01"), &e), "%s", e.code);
    cr_assert_eq(pv.status, PV_GEPLAATST);
    cr_assert_eq(pv.startdatum, D("2025-05-01"));
    FAILS(plaatsing_start_zorg(&pv, D("2025-05-01"), D("2025-05-01"), ERR), "verzoek_niet_besloten",
          "status");
}

Test(plaatsing, start_zorg_inside_the_title_range_and_only_after_a_decision)
{
    toeleidingspoging p;
    plaatsingsverzoek pv = besloten(&p);
    pv.titel_start = D("2025-05-10");
    pv.titel_eind = D("2025-06-30");
    FAILS(plaatsing_start_zorg(&pv, D("2025-05-09"), D("2025-08-01"), ERR),
          "startdatum_buiten_titel", "startdatum");
    FAILS(plaatsing_start_zorg(&pv, D("2025-07-01"), D("2025-08-01"), ERR),
          "startdatum_buiten_titel", "startdatum");
    core_error e = {0};
    cr_assert(plaatsing_start_zorg(&pv, D("2025-06-30"), D("2025-08-01"), &e), "title end: %s",
              e.code);
    plaatsingsverzoek open = verzoek("KLIN");
    FAILS(plaatsing_start_zorg(&open, D("2025-05-01"), D("2025-05-01"), ERR),
          "verzoek_niet_besloten", "status");
    open.status = PV_INGETROKKEN;
    FAILS(plaatsing_start_zorg(&open, D("2025-05-01"), D("2025-05-01"), ERR),
          "verzoek_niet_besloten", "status");
}

/* ---- einde zorg ---------------------------------------------------------------------- */

static plaatsingsverzoek geplaatst(void)
{
    toeleidingspoging p;
    plaatsingsverzoek pv = besloten(&p);
    core_error e = {0};
    cr_assert(plaatsing_start_zorg(&pv, D("2025-05-01"), D("2025-05-01"), &e));
    return pv;
}

static einde_zorg_melding melding(const char *eind, const char *reden, const char *meld, int status)
{
    return (einde_zorg_melding){.einddatum = eind ? D(eind) : IFZO_NO_DATE,
                                .mutatiereden = reden,
                                .meldingsdatum = D(meld),
                                .status = status};
}

Test(plaatsing, einde_zorg_on_day_10_is_in_time_on_day_11_late)
{
    plaatsingsverzoek pv = geplaatst();
    einde_zorg_melding m = melding("2026-01-01", "07", "2026-01-11", EINDE_ZORG_EERSTE);
    core_error e = {0};
    cr_assert(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2026-01-11"), &e), "%s", e.code);
    cr_assert_eq(pv.status, PV_ZORG_BEEINDIGD);
    cr_assert_eq(pv.einddatum, D("2026-01-01"));
    cr_assert_str_eq(pv.mutatiereden, "07");
    cr_assert_not(pv.einde_te_laat);
    plaatsingsverzoek late = geplaatst();
    m.meldingsdatum = D("2026-01-12");
    cr_assert(plaatsing_einde_zorg(&late, &m, IFZO_NO_DATE, D("2026-01-12"), &e), "%s", e.code);
    cr_assert_eq(late.status, PV_ZORG_BEEINDIGD, "late is accepted");
    cr_assert(late.einde_te_laat);
}

Test(plaatsing, einde_zorg_date_rules_at_their_boundaries)
{
    plaatsingsverzoek pv = geplaatst(); /* start 2025-05-01, title 2025-01-01 .. 2026-12-31 */
    einde_zorg_melding m = melding("2025-06-02", "02", "2025-06-01", 1);
    FAILS(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), ERR),
          "einddatum_in_toekomst", "einddatum");
    m = melding("2025-04-30", "02", "2025-06-01", 1);
    FAILS(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), ERR), "einddatum_voor_start",
          "einddatum");
    m = melding("2025-06-01", NULL, "2025-06-01", 1);
    FAILS(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), ERR),
          "mutatiereden_ontbreekt", "mutatiereden");
    m = melding("2025-06-01", "08", "2025-06-01", 1);
    FAILS(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), ERR),
          "mutatiereden_onbekend", "mutatiereden");
    pv.titel_eind = D("2025-05-31");
    m = melding("2025-06-01", "07", "2025-06-01", 1);
    FAILS(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), ERR),
          "einddatum_buiten_titel", "einddatum");
    cr_assert_eq(pv.status, PV_GEPLAATST);
    core_error e = {0};
    m = melding("2025-05-31", "07", "2025-06-01", 1); /* the title's last day */
    cr_assert(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), &e), "%s", e.code);
    plaatsingsverzoek same_day = geplaatst();
    m = melding("2025-05-01", "05", "2025-05-01", 1); /* the start date itself */
    cr_assert(plaatsing_einde_zorg(&same_day, &m, IFZO_NO_DATE, D("2025-05-01"), &e), "%s", e.code);
}

Test(plaatsing, einde_zorg_only_on_a_placed_request)
{
    toeleidingspoging p;
    plaatsingsverzoek pv = besloten(&p);
    einde_zorg_melding m = melding("2025-06-01", "07", "2025-06-01", 1);
    FAILS(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-01"), ERR),
          "verzoek_niet_geplaatst", "status");
    plaatsingsverzoek done = geplaatst();
    core_error e = {0};
    cr_assert(plaatsing_einde_zorg(&done, &m, IFZO_NO_DATE, D("2025-06-01"), &e));
    FAILS(plaatsing_einde_zorg(&done, &m, IFZO_NO_DATE, D("2025-06-01"), ERR),
          "verzoek_niet_geplaatst", "status");
}

Test(plaatsing, correctie_of_the_latest_date_with_the_same_reason_keeps_the_status)
{
    plaatsingsverzoek pv = geplaatst();
    einde_zorg_melding m = melding("2025-06-01", "03", "2025-06-20", 1);
    core_error e = {0};
    cr_assert(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-20"), &e));
    cr_assert(pv.einde_te_laat);
    einde_zorg_melding c = melding("2025-06-05", "04", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c, IFZO_NO_DATE, D("2025-06-21"), ERR), "mutatiereden_anders",
          "mutatiereden");
    c = melding("2025-06-05", "03", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c, D("2025-05-30"), D("2025-06-21"), ERR),
          "niet_laatste_einddatum", "status");
    c = melding("2025-04-30", "03", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c, IFZO_NO_DATE, D("2025-06-21"), ERR), "einddatum_voor_start",
          "einddatum");
    c = melding("2025-06-22", "03", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c, IFZO_NO_DATE, D("2025-06-21"), ERR),
          "einddatum_in_toekomst", "einddatum");
    cr_assert_eq(pv.einddatum, D("2025-06-01"));
    c = melding("2025-06-05", "03", "2025-06-21", 2);
    cr_assert(plaatsing_einde_zorg(&pv, &c, D("2025-06-01"), D("2025-06-21"), &e), "%s", e.code);
    cr_assert_eq(pv.status, PV_ZORG_BEEINDIGD);
    cr_assert_eq(pv.einddatum, D("2025-06-05"));
    cr_assert(pv.einde_te_laat, "the first report's lateness stays");
    /* The corrected date is now the latest; correcting the old one is refused. */
    c = melding("2025-06-06", "03", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c, D("2025-06-01"), D("2025-06-21"), ERR),
          "niet_laatste_einddatum", "status");
}

Test(plaatsing, intrekking_clears_the_end_and_returns_to_geplaatst)
{
    plaatsingsverzoek pv = geplaatst();
    einde_zorg_melding w = melding(NULL, NULL, "2025-06-21", 3);
    FAILS(plaatsing_einde_zorg(&pv, &w, IFZO_NO_DATE, D("2025-06-21"), ERR), "geen_einde_zorg",
          "status");
    einde_zorg_melding c = melding("2025-06-05", "03", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c, IFZO_NO_DATE, D("2025-06-21"), ERR), "geen_eerdere_melding",
          "status");
    einde_zorg_melding m = melding("2025-06-01", "03", "2025-06-20", 1);
    core_error e = {0};
    cr_assert(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-06-20"), &e));
    cr_assert(plaatsing_einde_zorg(&pv, &w, IFZO_NO_DATE, D("2025-06-21"), &e), "%s", e.code);
    cr_assert_eq(pv.status, PV_GEPLAATST);
    cr_assert_eq(pv.einddatum, IFZO_NO_DATE);
    cr_assert_str_eq(pv.mutatiereden, "");
    cr_assert_eq(pv.startdatum, D("2025-05-01"), "the start date stays");
    cr_assert_not(pv.einde_te_laat);
    cr_assert(pv.einde_ingetrokken);
    /* A withdrawn report cannot be corrected (TR104), only reported anew. */
    einde_zorg_melding c2 = melding("2025-06-02", "03", "2025-06-21", 2);
    FAILS(plaatsing_einde_zorg(&pv, &c2, IFZO_NO_DATE, D("2025-06-21"), ERR), "melding_ingetrokken",
          "status");
    /* A new first report is possible again, with another reason. */
    m = melding("2025-07-01", "05", "2025-07-02", 1);
    cr_assert(plaatsing_einde_zorg(&pv, &m, IFZO_NO_DATE, D("2025-07-02"), &e), "%s", e.code);
    cr_assert_str_eq(pv.mutatiereden, "05");
    cr_assert_not(pv.einde_ingetrokken);
    w.status = 4;
    FAILS(plaatsing_einde_zorg(&pv, &w, IFZO_NO_DATE, D("2025-07-02"), ERR), "status_onbekend",
          "status");
    cr_assert_null(plaatsing_einde_zorg_event(4));
    cr_assert_str_eq(plaatsing_einde_zorg_event(3), "intrekking_einde_zorg");
}
