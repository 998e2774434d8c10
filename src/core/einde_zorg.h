/*
 * einde_zorg.h - the rules of an end-of-care report (spelregel "Einde zorg melding in de
 * FZ" v2.1, seed 003; domain.md §2.8) that need nothing but the report and today.
 *
 * Why in core: the same rules must hold whether the end of care arrives as an FZ825 message
 * or through the API (issue 9). The rules that need the plaatsingsverzoek (status
 * 'geplaatst', start date, title range, latest date, same reason on correction) belong to
 * the workflow: plaatsing_einde_zorg (core/plaatsing.h) runs einde_zorg_check first and then
 * those, for the API and the FZ825 callback alike.
 */
#ifndef IFZO_CORE_EINDE_ZORG_H
#define IFZO_CORE_EINDE_ZORG_H

#include <stdbool.h>

#include "core/calendar.h"
#include "core/error.h"

/* StatusAanlevering of a report (code list status_aanlevering; FZ825 status 01/02/03). */
enum einde_zorg_status {
    EINDE_ZORG_EERSTE = 1,    /* first report */
    EINDE_ZORG_CORRECTIE = 2, /* correction of the latest reported date */
    EINDE_ZORG_INTREKKING = 3 /* withdrawal */
};

/* Report term: at the latest 10 calendar days after the end of care (seed 003). */
#define EINDE_ZORG_MELDTERMIJN_DAGEN 10

typedef struct einde_zorg_melding {
    ifzo_date einddatum;      /* werkelijke einddatum zorg */
    const char *mutatiereden; /* code of list mutatiereden; NULL or "" when absent */
    ifzo_date meldingsdatum;  /* the date the provider reports it */
    int status;               /* enum einde_zorg_status */
} einde_zorg_melding;

/*
 * Checks a report on its own, on `today`. Returns true when it passes; otherwise false and
 * *err (may be NULL) with one of the codes:
 *   "status_onbekend"        status is not 1, 2 or 3                    (field status)
 *   "mutatiereden_ontbreekt" status 1 or 2 without a mutatiereden       (field mutatiereden)
 *   "mutatiereden_onbekend"  not a code of list mutatiereden            (field mutatiereden)
 *   "einddatum_in_toekomst"  status 1 or 2 and einddatum after today or after the
 *                            meldingsdatum ("mag niet in de toekomst liggen")  (field einddatum)
 * A withdrawal (3) carries no reason and no new date, so only its status is checked.
 */
bool einde_zorg_check(const einde_zorg_melding *m, ifzo_date today, core_error *err);

/* True when a first report (status 1) comes later than EINDE_ZORG_MELDTERMIJN_DAGEN calendar
 * days after the einddatum. The report is still accepted; the lateness is signalled. */
bool einde_zorg_te_laat(const einde_zorg_melding *m);

#endif
