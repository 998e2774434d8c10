/*
 * voorstel.c - the placement rules around a stored proposal: mode names, the weighing of
 * the soft criteria and the justification of a referral outside the proposal (voorstel.h).
 */
#include "core/voorstel.h"

#include <string.h>

#include "core/codelist.h"
#include "core/validate.h"

static const char *const modus_names[MATCH_MODE_COUNT] = {"regulier", "overbrugging",
                                                          "second_best"};

const char *voorstel_modus_name(match_mode m)
{
    return (int)m >= 0 && m < MATCH_MODE_COUNT ? modus_names[m] : NULL;
}

bool voorstel_modus_from_name(const char *name, match_mode *out)
{
    for (int i = 0; name && i < MATCH_MODE_COUNT; i++)
        if (strcmp(name, modus_names[i]) == 0) {
            *out = (match_mode)i;
            return true;
        }
    return false;
}

/* The fields name the codes of zacht_criterium; a unit test checks the list still has
 * exactly these codes in this order. */
static const char *const weging_codes[VOORSTEL_WEGING_N] = {"01", "02", "03", "04", "05",
                                                            "06", "07", "08", "09", "10"};
static const char *const weging_fields[VOORSTEL_WEGING_N] = {
    "weging.01", "weging.02", "weging.03", "weging.04", "weging.05",
    "weging.06", "weging.07", "weging.08", "weging.09", "weging.10"};

const char *voorstel_weging_code(size_t i)
{
    return i < VOORSTEL_WEGING_N ? weging_codes[i] : NULL;
}

const char *voorstel_weging_field(size_t i)
{
    return i < VOORSTEL_WEGING_N ? weging_fields[i] : NULL;
}

bool voorstel_weging_index(const char *code, size_t *out)
{
    for (size_t i = 0; code && i < VOORSTEL_WEGING_N; i++)
        if (strcmp(code, weging_codes[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

/* 1 ok, 0 absent or blank, -1 invalid (too long, bad UTF-8, control characters). */
static int text_state(const char *s)
{
    if (s == NULL)
        return 0;
    enum ifzo_valid v = ifzo_utf8_check_str(s, VOORSTEL_TEKST_MAX, IFZO_UTF8_MULTILINE);
    if (v != IFZO_VALID_OK)
        return -1;
    return ifzo_utf8_check_str(s, VOORSTEL_TEKST_MAX, IFZO_UTF8_MULTILINE | IFZO_UTF8_REQUIRED) ==
                   IFZO_VALID_OK
               ? 1
               : 0;
}

bool voorstel_keuze_check(const voorstel_keuze *k, bool voorgesteld, core_error *err)
{
    if (k == NULL || k->voorstel <= 0)
        return core_fail(err, "voorstel_vereist", "voorstel",
                         "Een aanmelding gaat uit van een opgeslagen voorstel: geef het "
                         "volgnummer van het voorstel.");
    for (size_t i = 0; i < VOORSTEL_WEGING_N; i++) {
        int st = text_state(k->weging[i]);
        if (st == 0)
            return core_fail(err, "weging_onvolledig", weging_fields[i],
                             "Leg bij elk van de 10 zachte criteria de afweging vast.");
        if (st < 0)
            return core_fail(err, "weging_ongeldig", weging_fields[i],
                             "De afweging is te lang of bevat ongeldige tekens (maximaal 2000 "
                             "tekens).");
    }
    if (!voorgesteld && !k->afwijking_given)
        return core_fail(err, "afwijking_vereist", "afwijking",
                         "Deze locatie staat niet in het voorstel: geef een contra-indicatie "
                         "of reden met een toelichting.");
    if (!k->afwijking_given)
        return true;
    if (k->afwijking_code == NULL ||
        !codelist_is_valid(CODELIST_CONTRA_INDICATIE, k->afwijking_code))
        return core_fail(err, "contra_indicatie_onbekend", "afwijking.contra_indicatie",
                         "Kies een contra-indicatie of reden uit de lijst.");
    int st = text_state(k->afwijking_toelichting);
    if (st == 0)
        return core_fail(err, "afwijking_toelichting_ontbreekt", "afwijking.toelichting",
                         "Licht de afwijking van het voorstel toe.");
    if (st < 0)
        return core_fail(err, "afwijking_toelichting_ongeldig", "afwijking.toelichting",
                         "De toelichting is te lang of bevat ongeldige tekens (maximaal 2000 "
                         "tekens).");
    return true;
}

bool voorstel_contra_check(const char *const *codes, size_t n, core_error *err)
{
    const codelist *l = codelist_find(CODELIST_CONTRA_INDICATIE);
    if (l == NULL || n > l->count)
        return core_fail(err, "contra_indicatie_dubbel", "contra_indicaties",
                         "Elke contra-indicatie mag maar één keer voorkomen.");
    for (size_t i = 0; i < n; i++) {
        if (codes[i] == NULL || !codelist_is_valid(CODELIST_CONTRA_INDICATIE, codes[i]))
            return core_fail(err, "contra_indicatie_onbekend", "contra_indicaties",
                             "Kies een contra-indicatie uit de lijst.");
        for (size_t j = 0; j < i; j++)
            if (strcmp(codes[i], codes[j]) == 0)
                return core_fail(err, "contra_indicatie_dubbel", "contra_indicaties",
                                 "Elke contra-indicatie mag maar één keer voorkomen.");
    }
    return true;
}
