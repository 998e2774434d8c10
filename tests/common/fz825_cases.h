/*
 * fz825_cases.h - one table of end-of-care reports, run in order on a placed request both
 * through the API (tests/api/test_plaatsing.c) and as FZ825 messages (tests/msg/
 * test_workflow.c), so that the two doors provably apply the same rules.
 *
 * The request: start of care 2025-05-05, title 2025-05-01 .. 2026-05-01, today (and the
 * messages' dagtekening and meldingsdatum) 2025-06-02.
 */
#ifndef IFZO_TEST_FZ825_CASES_H
#define IFZO_TEST_FZ825_CASES_H

#include <stddef.h>

typedef struct {
    int status;            /* StatusAanlevering 1, 2, 3 */
    const char *einddatum; /* NULL: none (API withdrawal) */
    const char *reden;     /* NULL: no mutatiereden */
    long http;             /* the API's answer */
    const char *api_code;  /* its error code, NULL on success */
    const char *retour;    /* the record's retour code in the FZ826 */
    const char *status_na; /* the request's status afterwards */
    const char *eind_na;   /* its einddatum afterwards, NULL: none */
} fz825_case;

static const fz825_case fz825_cases[] = {
    {2, "2025-05-20", "07", 409, "geen_eerdere_melding", "9103", "geplaatst", NULL},
    {1, "2025-05-20", NULL, 400, "mutatiereden_ontbreekt", "FZ05", "geplaatst", NULL},
    {1, "2025-05-04", "07", 400, "einddatum_voor_start", "FZ03", "geplaatst", NULL},
    {1, "2025-06-03", "07", 400, "einddatum_in_toekomst", "FZ02", "geplaatst", NULL},
    {1, "2025-05-20", "07", 200, NULL, "FZ08", "zorg_beeindigd", "2025-05-20"}, /* late */
    {2, "2025-05-25", "05", 400, "mutatiereden_anders", "FZ07", "zorg_beeindigd", "2025-05-20"},
    {2, "2025-05-25", "07", 200, NULL, "0200", "zorg_beeindigd", "2025-05-25"},
    {3, NULL, NULL, 200, NULL, "0200", "geplaatst", NULL},
    {3, NULL, NULL, 409, "geen_einde_zorg", "FZ01", "geplaatst", NULL},
    {2, "2025-05-25", "07", 409, "melding_ingetrokken", "9104", "geplaatst", NULL},
};
#define FZ825_NCASES (sizeof fz825_cases / sizeof fz825_cases[0])

#endif
