/*
 * criteria.c - see criteria.h. The table below is the one place that says which hard
 * criterion belongs to which care type (seed 004).
 */
#include "core/criteria.h"

#include <string.h>

#define K 1u /* KLIN */
#define V 2u /* VBW */
#define A 4u /* AMB */

static const struct {
    const char *name;
    const char *list;
    unsigned types;
} crit_table[IFZO_CRIT_COUNT] = {
    [IFZO_CRIT_ARRONDISSEMENT] = {"arrondissement", CODELIST_ARRONDISSEMENT, K | V | A},
    [IFZO_CRIT_GESLACHT] = {"geslacht", CODELIST_GESLACHT, K | V | A},
    [IFZO_CRIT_DSM_HOOFDGROEP] = {"dsm_hoofdgroep", CODELIST_DSM_HOOFDGROEP, K},
    [IFZO_CRIT_VERSTANDELIJKE_VERMOGENS] = {"verstandelijke_vermogens",
                                            CODELIST_VERSTANDELIJKE_VERMOGENS, K},
    [IFZO_CRIT_ZEDENDELICT] = {"zedendelict", CODELIST_JA_NEE, K},
    [IFZO_CRIT_ZORGSETTING] = {"zorgsetting", CODELIST_ZORGSETTING, K},
    [IFZO_CRIT_VERBLIJFSINTENSITEIT] = {"verblijfsintensiteit", CODELIST_VERBLIJFSINTENSITEIT, K},
    [IFZO_CRIT_MIDDEL] = {"middel", CODELIST_MIDDEL, K},
    [IFZO_CRIT_AARD_ZORGVRAAG] = {"aard_zorgvraag", CODELIST_AARD_ZORGVRAAG, K | V | A},
    [IFZO_CRIT_DOMINANTE_ZORGVRAAG] = {"dominante_zorgvraag", CODELIST_DOMINANTE_ZORGVRAAG, V | A},
    [IFZO_CRIT_BIJKOMENDE_PROBLEMATIEK] = {"bijkomende_problematiek",
                                           CODELIST_BIJKOMENDE_PROBLEMATIEK, V | A},
    [IFZO_CRIT_BEREIK] = {"bereik", CODELIST_BEREIK, V | A},
    [IFZO_CRIT_OUTREACH] = {"outreach", CODELIST_OUTREACH, V | A},
};

/* Field names "criteria.<name>" as static strings for core_error. */
static const char *const crit_field[IFZO_CRIT_COUNT] = {
    [IFZO_CRIT_ARRONDISSEMENT] = "criteria.arrondissement",
    [IFZO_CRIT_GESLACHT] = "criteria.geslacht",
    [IFZO_CRIT_DSM_HOOFDGROEP] = "criteria.dsm_hoofdgroep",
    [IFZO_CRIT_VERSTANDELIJKE_VERMOGENS] = "criteria.verstandelijke_vermogens",
    [IFZO_CRIT_ZEDENDELICT] = "criteria.zedendelict",
    [IFZO_CRIT_ZORGSETTING] = "criteria.zorgsetting",
    [IFZO_CRIT_VERBLIJFSINTENSITEIT] = "criteria.verblijfsintensiteit",
    [IFZO_CRIT_MIDDEL] = "criteria.middel",
    [IFZO_CRIT_AARD_ZORGVRAAG] = "criteria.aard_zorgvraag",
    [IFZO_CRIT_DOMINANTE_ZORGVRAAG] = "criteria.dominante_zorgvraag",
    [IFZO_CRIT_BIJKOMENDE_PROBLEMATIEK] = "criteria.bijkomende_problematiek",
    [IFZO_CRIT_BEREIK] = "criteria.bereik",
    [IFZO_CRIT_OUTREACH] = "criteria.outreach",
};

static bool crit_valid(ifzo_crit c)
{
    return (int)c >= 0 && c < IFZO_CRIT_COUNT;
}

const char *ifzo_crit_name(ifzo_crit c)
{
    return crit_valid(c) ? crit_table[c].name : NULL;
}

bool ifzo_crit_from_name(const char *name, ifzo_crit *out)
{
    if (name == NULL)
        return false;
    for (int i = 0; i < IFZO_CRIT_COUNT; i++) {
        if (strcmp(crit_table[i].name, name) == 0) {
            if (out)
                *out = (ifzo_crit)i;
            return true;
        }
    }
    return false;
}

const codelist *ifzo_crit_list(ifzo_crit c)
{
    return crit_valid(c) ? codelist_find(crit_table[c].list) : NULL;
}

const char *ifzo_zorgtype_root(const char *zorgtype)
{
    const codelist_entry *e = codelist_lookup_in(CODELIST_ZORGTYPE, zorgtype);
    const codelist_entry *root = codelist_root(e);
    return root ? root->code : NULL;
}

static unsigned type_bit(const char *zorgtype)
{
    const char *root = ifzo_zorgtype_root(zorgtype);
    if (root == NULL)
        return 0;
    if (strcmp(root, IFZO_ZORGTYPE_KLINISCH) == 0)
        return K;
    if (strcmp(root, IFZO_ZORGTYPE_VERBLIJF) == 0)
        return V;
    if (strcmp(root, IFZO_ZORGTYPE_AMBULANT) == 0)
        return A;
    return 0;
}

bool ifzo_crit_applies(const char *zorgtype, ifzo_crit c)
{
    return crit_valid(c) && (crit_table[c].types & type_bit(zorgtype)) != 0;
}

bool ifzo_age_applies(const char *zorgtype)
{
    return (type_bit(zorgtype) & (K | V)) != 0;
}

bool ifzo_crit_value_allowed(const char *zorgtype, ifzo_crit c, const char *code)
{
    const codelist_entry *e = codelist_lookup(ifzo_crit_list(c), code);
    unsigned t = type_bit(zorgtype);
    if (e == NULL || t == 0)
        return false;
    if (c != IFZO_CRIT_AARD_ZORGVRAAG)
        return true;
    const char *column = t == K ? "klinisch" : t == V ? "verblijf" : "ambulant";
    return codelist_attr_bool(e, column);
}

bool ifzo_codeset_add(ifzo_crit c, const char *code, ifzo_codeset *set)
{
    size_t i;
    if (set == NULL || !codelist_index_of(ifzo_crit_list(c), code, &i) || i >= 64)
        return false;
    *set |= (ifzo_codeset)1 << i;
    return true;
}

bool ifzo_codeset_has(ifzo_crit c, ifzo_codeset set, const char *code)
{
    size_t i;
    if (!codelist_index_of(ifzo_crit_list(c), code, &i) || i >= 64)
        return false;
    return (set >> i) & 1u;
}

int ifzo_codeset_count(ifzo_codeset set)
{
    int n = 0;
    for (; set != 0; set &= set - 1)
        n++;
    return n;
}

const char *ifzo_codeset_nth(ifzo_crit c, ifzo_codeset set, int n)
{
    const codelist *list = ifzo_crit_list(c);
    if (list == NULL || n < 0)
        return NULL;
    for (size_t i = 0; i < list->count && i < 64; i++) {
        if ((set >> i) & 1u) {
            if (n == 0)
                return list->entries[i].code;
            n--;
        }
    }
    return NULL;
}

const char *ifzo_codeset_first(ifzo_crit c, ifzo_codeset set)
{
    return ifzo_codeset_nth(c, set, 0);
}

ifzo_codeset ifzo_codeset_all(ifzo_crit c)
{
    const codelist *list = ifzo_crit_list(c);
    if (list == NULL || list->count == 0)
        return 0;
    if (list->count >= 64)
        return ~(ifzo_codeset)0;
    return ((ifzo_codeset)1 << list->count) - 1;
}

static bool append(char *out, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > cap)
        return false;
    memcpy(out + *len, s, n + 1);
    *len += n;
    return true;
}

bool ifzo_criteria_format(const ifzo_criteria *c, char *out, size_t cap)
{
    size_t len = 0;
    if (c == NULL || out == NULL || cap == 0)
        return false;
    out[0] = '\0';
    bool first_crit = true;
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (c->set[k] == 0)
            continue;
        if (!first_crit && !append(out, cap, &len, ";"))
            return false;
        first_crit = false;
        if (!append(out, cap, &len, crit_table[k].name) || !append(out, cap, &len, "="))
            return false;
        const char *code;
        for (int i = 0; (code = ifzo_codeset_nth((ifzo_crit)k, c->set[k], i)) != NULL; i++) {
            if ((i > 0 && !append(out, cap, &len, ",")) || !append(out, cap, &len, code))
                return false;
        }
    }
    return true;
}

bool ifzo_criteria_parse(const char *text, ifzo_criteria *out, core_error *err)
{
    if (text == NULL || out == NULL)
        return core_fail(err, "invalid", "criteria", "Ongeldige criteria.");
    memset(out, 0, sizeof *out);
    const char *p = text;
    while (*p != '\0') {
        const char *eq = strchr(p, '=');
        const char *end = strchr(p, ';');
        if (end == NULL)
            end = p + strlen(p);
        if (eq == NULL || eq > end || (size_t)(eq - p) >= 64)
            return core_fail(err, "invalid", "criteria", "Ongeldige criteria.");
        char name[64];
        memcpy(name, p, (size_t)(eq - p));
        name[eq - p] = '\0';
        ifzo_crit c;
        if (!ifzo_crit_from_name(name, &c))
            return core_fail(err, "unknown_criterion", "criteria", "Onbekend criterium.");
        const char *v = eq + 1;
        while (v < end) {
            const char *comma = memchr(v, ',', (size_t)(end - v));
            const char *vend = comma ? comma : end;
            char code[IFZO_CRITERIA_CODE_BUF];
            if ((size_t)(vend - v) >= sizeof code || vend == v)
                return core_fail(err, "unknown_code", crit_field[c], "Onbekende code.");
            memcpy(code, v, (size_t)(vend - v));
            code[vend - v] = '\0';
            if (!ifzo_codeset_add(c, code, &out->set[c]))
                return core_fail(err, "unknown_code", crit_field[c], "Onbekende code.");
            v = comma ? comma + 1 : end;
        }
        p = *end ? end + 1 : end;
    }
    return true;
}

static bool check_common(const char *zorgtype, const ifzo_criteria *c, core_error *err)
{
    if (type_bit(zorgtype) == 0)
        return core_fail(err, "unknown_code", "zorgtype", "Onbekend zorgtype.");
    if (c == NULL)
        return core_fail(err, "required", "criteria", "Vul de criteria in.");
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        ifzo_codeset all = ifzo_codeset_all((ifzo_crit)k);
        if ((c->set[k] & ~all) != 0)
            return core_fail(err, "unknown_code", crit_field[k], "Onbekende code.");
        if (c->set[k] != 0 && !ifzo_crit_applies(zorgtype, (ifzo_crit)k))
            return core_fail(err, "not_applicable", crit_field[k],
                             "Dit criterium hoort niet bij dit zorgtype.");
        const char *code;
        for (int i = 0; (code = ifzo_codeset_nth((ifzo_crit)k, c->set[k], i)) != NULL; i++) {
            if (!ifzo_crit_value_allowed(zorgtype, (ifzo_crit)k, code))
                return core_fail(err, "not_allowed", crit_field[k],
                                 "Deze waarde is niet toegestaan bij dit zorgtype.");
        }
    }
    return true;
}

bool ifzo_offer_criteria_check(const char *zorgtype, const ifzo_criteria *c, core_error *err)
{
    if (!check_common(zorgtype, c, err))
        return false;
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (k == IFZO_CRIT_MIDDEL)
            continue;
        if (ifzo_crit_applies(zorgtype, (ifzo_crit)k) && c->set[k] == 0)
            return core_fail(err, "required", crit_field[k],
                             "Kies ten minste één waarde voor dit criterium.");
    }
    return true;
}

bool ifzo_indication_criteria_check(const char *zorgtype, const ifzo_criteria *c, bool complete,
                                    core_error *err)
{
    if (!check_common(zorgtype, c, err))
        return false;
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (ifzo_codeset_count(c->set[k]) > 1)
            return core_fail(err, "single_value", crit_field[k],
                             "Een indicatie heeft één waarde per criterium.");
    }
    bool substance =
        ifzo_codeset_has(IFZO_CRIT_DSM_HOOFDGROEP, c->set[IFZO_CRIT_DSM_HOOFDGROEP], "04");
    if (c->set[IFZO_CRIT_MIDDEL] != 0 && c->set[IFZO_CRIT_DSM_HOOFDGROEP] != 0 && !substance)
        return core_fail(err, "not_applicable", crit_field[IFZO_CRIT_MIDDEL],
                         "Het middel hoort alleen bij een aan een middel gebonden stoornis.");
    if (!complete)
        return true;
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (k == IFZO_CRIT_MIDDEL)
            continue;
        if (ifzo_crit_applies(zorgtype, (ifzo_crit)k) && c->set[k] == 0)
            return core_fail(err, "incomplete", crit_field[k], "Vul dit criterium in.");
    }
    if (substance && c->set[IFZO_CRIT_MIDDEL] == 0)
        return core_fail(err, "incomplete", crit_field[IFZO_CRIT_MIDDEL],
                         "Vul het middel in bij een aan een middel gebonden stoornis.");
    return true;
}
