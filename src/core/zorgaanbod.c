/*
 * zorgaanbod.c - see zorgaanbod.h: the rules for providers, contracts, locations and offers.
 */
#include "core/zorgaanbod.h"
#include "core/codelist.h"
#include "core/validate.h"

#include <math.h>
#include <string.h>

static bool text_ok(const char *s, size_t max)
{
    return s != NULL && ifzo_utf8_check_str(s, max, IFZO_UTF8_REQUIRED) == IFZO_VALID_OK;
}

bool zorgaanbieder_check(const ifzo_zorgaanbieder *z, core_error *err)
{
    if (z == NULL)
        return core_fail(err, "required", NULL, "Geen zorgaanbieder.");
    if (!text_ok(z->naam, IFZO_NAME_MAX))
        return core_fail(err, "invalid_name", "naam",
                         "De naam moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (ifzo_agb_check(z->agb, NULL) != IFZO_VALID_OK)
        return core_fail(err, "invalid_agb", "agb", "De AGB-code moet uit 8 cijfers bestaan.");
    return true;
}

bool contract_check(const ifzo_contract *c, core_error *err)
{
    if (c == NULL)
        return core_fail(err, "required", NULL, "Geen contract.");
    if (!codelist_is_valid(CODELIST_ZORGTYPE, c->zorgtype))
        return core_fail(err, "unknown_code", "zorgtype", "Onbekend zorgtype.");
    if (!ifzo_date_valid(c->geldig_van))
        return core_fail(err, "invalid_date", "geldig_van", "Ongeldige begindatum.");
    if (c->geldig_tot != IFZO_NO_DATE) {
        if (!ifzo_date_valid(c->geldig_tot))
            return core_fail(err, "invalid_date", "geldig_tot", "Ongeldige einddatum.");
        if (c->geldig_tot < c->geldig_van)
            return core_fail(err, "end_before_start", "geldig_tot",
                             "De einddatum ligt voor de begindatum.");
    }
    return true;
}

bool contract_covers(const ifzo_contract *c, const char *zorgtype, ifzo_date day)
{
    if (c == NULL || zorgtype == NULL)
        return false;
    if (day < c->geldig_van || (c->geldig_tot != IFZO_NO_DATE && day > c->geldig_tot))
        return false;
    const codelist_entry *want = codelist_lookup_in(CODELIST_ZORGTYPE, zorgtype);
    for (const codelist_entry *e = want; e != NULL; e = codelist_parent(e)) {
        if (strcmp(e->code, c->zorgtype) == 0)
            return true;
    }
    return false;
}

bool zorgaanbieder_matchable(const ifzo_zorgaanbieder *z, const ifzo_contract *contracts, size_t n,
                             const char *zorgtype, ifzo_date day)
{
    if (z == NULL || !z->toelating || (contracts == NULL && n > 0))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (contracts[i].zorgaanbieder_id == z->id && contract_covers(&contracts[i], zorgtype, day))
            return true;
    }
    return false;
}

bool zorglocatie_check(const ifzo_zorglocatie *l, core_error *err)
{
    if (l == NULL)
        return core_fail(err, "required", NULL, "Geen locatie.");
    if (!text_ok(l->naam, IFZO_NAME_MAX))
        return core_fail(err, "invalid_name", "naam",
                         "De naam moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (ifzo_agb_check(l->agb, NULL) != IFZO_VALID_OK)
        return core_fail(err, "invalid_agb", "agb", "De AGB-code moet uit 8 cijfers bestaan.");
    if (!text_ok(l->adres, IFZO_ADDRESS_MAX))
        return core_fail(err, "invalid_text", "adres",
                         "Het adres moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (ifzo_postcode_check(l->postcode, NULL, NULL) != IFZO_VALID_OK)
        return core_fail(err, "invalid_postcode", "postcode",
                         "Ongeldige postcode (vier cijfers en twee letters).");
    if (!text_ok(l->plaats, IFZO_NAME_MAX))
        return core_fail(err, "invalid_text", "plaats",
                         "De plaats moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (!codelist_is_valid(CODELIST_ARRONDISSEMENT, l->arrondissement))
        return core_fail(err, "unknown_code", "arrondissement", "Onbekend arrondissement.");
    if (!isfinite(l->lat) || l->lat < IFZO_NL_LAT_MIN || l->lat > IFZO_NL_LAT_MAX)
        return core_fail(err, "out_of_range", "lat", "De breedtegraad ligt niet in Nederland.");
    if (!isfinite(l->lon) || l->lon < IFZO_NL_LON_MIN || l->lon > IFZO_NL_LON_MAX)
        return core_fail(err, "out_of_range", "lon", "De lengtegraad ligt niet in Nederland.");
    const codelist_entry *bn =
        codelist_lookup_in(CODELIST_BEVEILIGINGSNIVEAU, l->beveiligingsniveau);
    if (bn == NULL)
        return core_fail(err, "unknown_code", "beveiligingsniveau", "Onbekend beveiligingsniveau.");
    if (l->landelijke_functie && !codelist_attr_bool(bn, "national_function"))
        return core_fail(err, "not_allowed", "landelijke_functie",
                         "Alleen locaties met beveiligingsniveau 3 of 4 hebben een landelijke "
                         "functie.");
    return true;
}

static bool count_ok(int v)
{
    return v >= 0 && v <= IFZO_CAPACITY_MAX;
}

bool zorgaanbod_check(const ifzo_zorgaanbod *a, ifzo_date today, core_error *err)
{
    if (a == NULL)
        return core_fail(err, "required", NULL, "Geen zorgaanbod.");
    if (!codelist_is_valid(CODELIST_ZORGTYPE, a->zorgtype))
        return core_fail(err, "unknown_code", "zorgtype", "Onbekend zorgtype.");
    if (!ifzo_offer_criteria_check(a->zorgtype, &a->criteria, err))
        return false;
    if (a->leeftijd_min < 0 || a->leeftijd_min > IFZO_AGE_MAX)
        return core_fail(err, "out_of_range", "leeftijd_min",
                         "De minimumleeftijd moet tussen 0 en 120 liggen.");
    if (a->leeftijd_max < 0 || a->leeftijd_max > IFZO_AGE_MAX)
        return core_fail(err, "out_of_range", "leeftijd_max",
                         "De maximumleeftijd moet tussen 0 en 120 liggen.");
    if (a->leeftijd_max < a->leeftijd_min)
        return core_fail(err, "max_below_min", "leeftijd_max",
                         "De maximumleeftijd ligt onder de minimumleeftijd.");
    if (!count_ok(a->capaciteit))
        return core_fail(err, "out_of_range", "capaciteit",
                         "De capaciteit moet tussen 0 en 100000 liggen.");
    if (a->bezet < 0 || a->bezet > a->capaciteit)
        return core_fail(err, "out_of_range", "bezet",
                         "Het aantal bezette plaatsen moet tussen 0 en de capaciteit liggen.");
    if (!count_ok(a->wachtlijst))
        return core_fail(err, "out_of_range", "wachtlijst",
                         "De wachtlijst moet tussen 0 en 100000 liggen.");
    if (!count_ok(a->wachttijd_dagen))
        return core_fail(err, "out_of_range", "wachttijd_dagen",
                         "De wachttijd moet tussen 0 en 100000 dagen liggen.");
    if (a->opnamestop) {
        if (!ifzo_date_valid(a->opnamestop_van))
            return core_fail(err, "required", "opnamestop_van",
                             "Vul de begindatum van de opnamestop in.");
        if (a->opnamestop_tot != IFZO_NO_DATE) {
            if (!ifzo_date_valid(a->opnamestop_tot))
                return core_fail(err, "invalid_date", "opnamestop_tot", "Ongeldige einddatum.");
            if (a->opnamestop_tot < a->opnamestop_van)
                return core_fail(err, "end_before_start", "opnamestop_tot",
                                 "De einddatum ligt voor de begindatum.");
        }
    } else if (a->opnamestop_van != IFZO_NO_DATE || a->opnamestop_tot != IFZO_NO_DATE) {
        return core_fail(err, "not_allowed", "opnamestop_van",
                         "Een periode hoort alleen bij een opnamestop.");
    }
    if (!ifzo_date_valid(a->bijgewerkt_op))
        return core_fail(err, "invalid_date", "bijgewerkt_op", "Ongeldige datum.");
    if (a->bijgewerkt_op > today)
        return core_fail(err, "in_future", "bijgewerkt_op", "De datum ligt in de toekomst.");
    return true;
}

bool zorgaanbod_intake_open(const ifzo_zorgaanbod *a, ifzo_date day)
{
    if (a == NULL)
        return false;
    if (!a->opnamestop)
        return true;
    if (day < a->opnamestop_van)
        return true;
    return a->opnamestop_tot != IFZO_NO_DATE && day > a->opnamestop_tot;
}

int zorgaanbod_vrij(const ifzo_zorgaanbod *a)
{
    if (a == NULL || a->bezet >= a->capaciteit)
        return 0;
    return a->capaciteit - a->bezet;
}

bool zorgaanbod_age_ok(const ifzo_zorgaanbod *a, int age)
{
    if (a == NULL)
        return false;
    if (!ifzo_age_applies(a->zorgtype))
        return true;
    return age >= a->leeftijd_min && age <= a->leeftijd_max;
}

static int level_of(const char *code)
{
    if (!codelist_is_valid(CODELIST_BEVEILIGINGSNIVEAU, code))
        return -1;
    return code[0] - '0';
}

bool ifzo_security_level_ok(const char *location_level, const char *indicated,
                            bool bridging_or_second_best)
{
    int loc = level_of(location_level), ind = level_of(indicated);
    if (loc < 0 || ind < 0)
        return false;
    return bridging_or_second_best ? loc <= ind : loc == ind;
}
