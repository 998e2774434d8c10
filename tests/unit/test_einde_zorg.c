/*
 * test_einde_zorg.c - the self-contained rules of an end-of-care report (seed 003), which
 * the FZ825 pipeline maps to retour codes FZ02, FZ05 and FZ08 and the API will reuse.
 */
#include "core/einde_zorg.h"

#include <criterion/criterion.h>
#include <string.h>

static ifzo_date d(const char *s)
{
    ifzo_date out = 0;
    cr_assert_eq(ifzo_date_parse(s, &out), IFZO_CAL_OK, "%s", s);
    return out;
}

static einde_zorg_melding m(const char *eind, const char *reden, const char *meld, int status)
{
    return (einde_zorg_melding){
        .einddatum = d(eind), .mutatiereden = reden, .meldingsdatum = d(meld), .status = status};
}

static void expect(einde_zorg_melding x, const char *today, const char *code, const char *field)
{
    core_error err = {0};
    cr_assert_not(einde_zorg_check(&x, d(today), &err));
    cr_assert_str_eq(err.code, code);
    cr_assert_str_eq(err.field, field);
    cr_assert_not_null(err.message);
}

Test(einde_zorg, a_complete_first_report_passes)
{
    einde_zorg_melding x = m("2026-01-01", "07", "2026-01-02", EINDE_ZORG_EERSTE);
    cr_assert(einde_zorg_check(&x, d("2026-01-02"), NULL));
}

Test(einde_zorg, the_seed_example_3_january_is_in_the_future_on_2_january)
{
    expect(m("2026-01-03", "07", "2026-01-02", 1), "2026-01-02", "einddatum_in_toekomst",
           "einddatum");
    /* After today even when the meldingsdatum is later. */
    expect(m("2026-01-05", "07", "2026-01-06", 1), "2026-01-02", "einddatum_in_toekomst",
           "einddatum");
    einde_zorg_melding same_day = m("2026-01-02", "07", "2026-01-02", 1);
    cr_assert(einde_zorg_check(&same_day, d("2026-01-02"), NULL));
}

Test(einde_zorg, mutatiereden_is_mandatory_and_known_for_report_and_correction)
{
    expect(m("2026-01-01", NULL, "2026-01-02", 1), "2026-01-02", "mutatiereden_ontbreekt",
           "mutatiereden");
    expect(m("2026-01-01", "", "2026-01-02", 2), "2026-01-02", "mutatiereden_ontbreekt",
           "mutatiereden");
    expect(m("2026-01-01", "08", "2026-01-02", 1), "2026-01-02", "mutatiereden_onbekend",
           "mutatiereden");
}

Test(einde_zorg, a_withdrawal_checks_only_its_status)
{
    einde_zorg_melding x = m("2026-05-01", NULL, "2026-01-02", EINDE_ZORG_INTREKKING);
    cr_assert(einde_zorg_check(&x, d("2026-01-02"), NULL));
    expect(m("2026-01-01", "07", "2026-01-02", 4), "2026-01-02", "status_onbekend", "status");
    core_error err = {0};
    cr_assert_not(einde_zorg_check(NULL, 0, &err));
}

Test(einde_zorg, late_means_more_than_10_calendar_days_after_the_end_for_a_first_report)
{
    /* Seed: end on 1 January, report at the latest on 11 January. */
    einde_zorg_melding in_time = m("2026-01-01", "07", "2026-01-11", 1);
    einde_zorg_melding late = m("2026-01-01", "07", "2026-01-12", 1);
    einde_zorg_melding correction = m("2026-01-01", "07", "2026-03-01", 2);
    cr_assert_not(einde_zorg_te_laat(&in_time));
    cr_assert(einde_zorg_te_laat(&late));
    cr_assert_not(einde_zorg_te_laat(&correction));
    cr_assert_not(einde_zorg_te_laat(NULL));
}
