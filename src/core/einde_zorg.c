/*
 * einde_zorg.c - the self-contained rules of an end-of-care report; see einde_zorg.h.
 */
#include "core/einde_zorg.h"

#include "core/codelist.h"

bool einde_zorg_check(const einde_zorg_melding *m, ifzo_date today, core_error *err)
{
    if (m == NULL)
        return core_fail(err, "status_onbekend", "status", "Melding ontbreekt.");
    if (m->status < EINDE_ZORG_EERSTE || m->status > EINDE_ZORG_INTREKKING)
        return core_fail(err, "status_onbekend", "status",
                         "Status aanlevering moet 1, 2 of 3 zijn.");
    if (m->status == EINDE_ZORG_INTREKKING)
        return true;
    if (m->mutatiereden == NULL || m->mutatiereden[0] == '\0')
        return core_fail(err, "mutatiereden_ontbreekt", "mutatiereden",
                         "Een einde zorg melding heeft verplicht een mutatiereden.");
    if (!codelist_is_valid(CODELIST_MUTATIEREDEN, m->mutatiereden))
        return core_fail(err, "mutatiereden_onbekend", "mutatiereden", "Onbekende mutatiereden.");
    if (m->einddatum > today || m->einddatum > m->meldingsdatum)
        return core_fail(err, "einddatum_in_toekomst", "einddatum",
                         "De einddatum zorg mag niet in de toekomst liggen.");
    return true;
}

bool einde_zorg_te_laat(const einde_zorg_melding *m)
{
    return m && m->status == EINDE_ZORG_EERSTE &&
           (long)m->meldingsdatum - (long)m->einddatum > EINDE_ZORG_MELDTERMIJN_DAGEN;
}
