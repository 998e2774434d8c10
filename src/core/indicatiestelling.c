/*
 * indicatiestelling.c - see indicatiestelling.h: client and indication rules, life cycle.
 */
#include "core/indicatiestelling.h"
#include "core/codelist.h"
#include "core/geo.h"
#include "core/validate.h"

#include <string.h>

bool justitiabele_check(const ifzo_justitiabele *j, ifzo_date today, core_error *err)
{
    if (j == NULL)
        return core_fail(err, "required", NULL, "Geen justitiabele.");
    if (ifzo_utf8_check_str(j->achternaam, IFZO_NAME_MAX, IFZO_UTF8_REQUIRED) != IFZO_VALID_OK)
        return core_fail(err, "invalid_name", "achternaam",
                         "De achternaam moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (ifzo_utf8_check_str(j->voornamen, IFZO_NAME_MAX, 0) != IFZO_VALID_OK)
        return core_fail(err, "invalid_name", "voornamen",
                         "De voornamen mogen hoogstens 200 tekens zijn, zonder stuurtekens.");
    ifzo_date min;
    ifzo_date_from_ymd(1900, 1, 1, &min);
    if (!ifzo_date_valid(j->geboortedatum) || j->geboortedatum < min)
        return core_fail(err, "invalid_date", "geboortedatum",
                         "De geboortedatum moet na 1 januari 1900 liggen.");
    if (j->geboortedatum > today)
        return core_fail(err, "in_future", "geboortedatum",
                         "De geboortedatum ligt in de toekomst.");
    if (ifzo_bsn_check(j->bsn) != IFZO_VALID_OK)
        return core_fail(err, "invalid_bsn", "bsn",
                         "Ongeldig BSN (9 cijfers die aan de elfproef voldoen).");
    if (!codelist_is_valid(CODELIST_GESLACHT, j->geslacht))
        return core_fail(err, "unknown_code", "geslacht", "Onbekend geslacht.");
    int pc4;
    struct ifzo_geo_place place;
    bool exact;
    if (ifzo_geo_parse_pc4(j->postcode, &pc4) != IFZO_GEO_OK)
        return core_fail(err, "invalid_postcode", "postcode",
                         "Ongeldige postcode (vier cijfers, eventueel met twee letters).");
    if (ifzo_geo_resolve_pc4(pc4, &place, &exact) != IFZO_GEO_OK)
        return core_fail(err, "unknown_postcode", "postcode", "Deze postcode is onbekend.");
    return true;
}

int ifzo_age_on(ifzo_date birth, ifzo_date day)
{
    int by, bm, bd, y, m, d;
    if (day < birth || ifzo_date_to_ymd(birth, &by, &bm, &bd) != IFZO_CAL_OK ||
        ifzo_date_to_ymd(day, &y, &m, &d) != IFZO_CAL_OK)
        return -1;
    int age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

static const char *const status_names[] = {"concept", "definitief", "vervangen"};

const char *ifzo_indicatie_status_name(ifzo_indicatie_status s)
{
    return (int)s >= 0 && (int)s < 3 ? status_names[s] : NULL;
}

bool ifzo_indicatie_status_from_name(const char *name, ifzo_indicatie_status *out)
{
    for (int i = 0; name != NULL && i < 3; i++) {
        if (strcmp(status_names[i], name) == 0) {
            if (out)
                *out = (ifzo_indicatie_status)i;
            return true;
        }
    }
    return false;
}

static bool opt_code(const char *list, const char *code)
{
    return code != NULL && (code[0] == '\0' || codelist_is_valid(list, code));
}

bool ifzo_indicatie_check(const ifzo_indicatie *i, ifzo_date today, core_error *err)
{
    if (i == NULL)
        return core_fail(err, "required", NULL, "Geen indicatiestelling.");
    if (!codelist_is_valid(CODELIST_ZORGTYPE, i->zorgtype))
        return core_fail(err, "unknown_code", "zorgtype", "Onbekend zorgtype.");
    if (!ifzo_indication_criteria_check(i->zorgtype, &i->criteria, false, err))
        return false;
    if (!opt_code(CODELIST_ZORGTITEL, i->zorgtitel))
        return core_fail(err, "unknown_code", "zorgtitel", "Onbekende zorgtitel.");
    if (i->titel_start != IFZO_NO_DATE && !ifzo_date_valid(i->titel_start))
        return core_fail(err, "invalid_date", "titel_start", "Ongeldige begindatum.");
    if (i->titel_eind != IFZO_NO_DATE) {
        if (!ifzo_date_valid(i->titel_eind))
            return core_fail(err, "invalid_date", "titel_eind", "Ongeldige einddatum.");
        if (i->titel_start != IFZO_NO_DATE && i->titel_eind < i->titel_start)
            return core_fail(err, "end_before_start", "titel_eind",
                             "De einddatum ligt voor de begindatum.");
    }
    if (!opt_code(CODELIST_BEVEILIGINGSNIVEAU, i->beveiligingsniveau))
        return core_fail(err, "unknown_code", "beveiligingsniveau", "Onbekend beveiligingsniveau.");
    if (!opt_code(CODELIST_URGENTIE, i->urgentie))
        return core_fail(err, "unknown_code", "urgentie", "Onbekende urgentie.");
    if (!ifzo_date_valid(i->aanmelddatum))
        return core_fail(err, "invalid_date", "aanmelddatum", "Ongeldige aanmelddatum.");
    if (i->aanmelddatum > today)
        return core_fail(err, "in_future", "aanmelddatum", "De aanmelddatum ligt in de toekomst.");
    if (ifzo_utf8_check_str(i->onderbouwing, IFZO_ONDERBOUWING_MAX, IFZO_UTF8_MULTILINE) !=
        IFZO_VALID_OK)
        return core_fail(err, "invalid_text", "onderbouwing",
                         "De onderbouwing mag hoogstens 4000 tekens zijn, zonder stuurtekens.");
    return true;
}

bool ifzo_indicatie_can_finalize(const ifzo_indicatie *i, ifzo_date today, core_error *err)
{
    if (!ifzo_indicatie_check(i, today, err))
        return false;
    if (i->status != IFZO_IND_CONCEPT)
        return core_fail(err, "invalid_state", "status",
                         "Alleen een concept kan definitief worden gemaakt.");
    if (!ifzo_indication_criteria_check(i->zorgtype, &i->criteria, true, err))
        return false;
    if (i->zorgtitel[0] == '\0')
        return core_fail(err, "incomplete", "zorgtitel", "Vul de zorgtitel in.");
    if (i->titel_start == IFZO_NO_DATE)
        return core_fail(err, "incomplete", "titel_start", "Vul de ingangsdatum van de titel in.");
    if (i->urgentie[0] == '\0')
        return core_fail(err, "incomplete", "urgentie", "Vul de urgentie in.");
    const char *root = ifzo_zorgtype_root(i->zorgtype);
    if (root != NULL && strcmp(root, IFZO_ZORGTYPE_KLINISCH) == 0 &&
        i->beveiligingsniveau[0] == '\0')
        return core_fail(err, "incomplete", "beveiligingsniveau",
                         "Vul het geïndiceerde beveiligingsniveau in.");
    if (ifzo_utf8_check_str(i->onderbouwing, IFZO_ONDERBOUWING_MAX,
                            IFZO_UTF8_MULTILINE | IFZO_UTF8_REQUIRED) != IFZO_VALID_OK)
        return core_fail(err, "incomplete", "onderbouwing", "Vul de onderbouwing in.");
    if (i->indicerende_organisatie_id <= 0)
        return core_fail(err, "incomplete", "indicerende_organisatie_id",
                         "Vul de indicerende organisatie in.");
    return true;
}

bool ifzo_indicatie_placeable(const ifzo_indicatie *i)
{
    return i != NULL && i->status == IFZO_IND_DEFINITIEF;
}

ifzo_indicatie_change ifzo_indicatie_change_kind(ifzo_indicatie_status current, core_error *err)
{
    switch (current) {
    case IFZO_IND_CONCEPT:
        return IFZO_CHANGE_IN_PLACE;
    case IFZO_IND_DEFINITIEF:
        return IFZO_CHANGE_NEW_VERSION;
    default:
        core_fail(err, "invalid_state", "status",
                  "Een vervangen versie kan niet meer worden gewijzigd.");
        return IFZO_CHANGE_REFUSED;
    }
}

bool ifzo_indicatie_termijn(const char *urgentie, ifzo_date aanmelddatum, ifzo_date *deadline)
{
    codelist_term term;
    const codelist_entry *e = codelist_lookup_in(CODELIST_URGENTIE, urgentie);
    if (deadline == NULL || !codelist_urgency_term(e, &term))
        return false;
    if (term.kind == CODELIST_TERM_WORKING_DAYS)
        return ifzo_add_working_days(aanmelddatum, (int32_t)term.days, deadline) == IFZO_CAL_OK;
    return ifzo_date_add_days(aanmelddatum, (int32_t)term.days, deadline) == IFZO_CAL_OK;
}
