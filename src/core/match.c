/*
 * match.c - see match.h: the one definition of the checks, the explanation, the
 * classification and the order of a proposal, plus the brute-force filter over a catalog.
 */
#include "core/match.h"
#include "core/codelist.h"
#include "core/match_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define K 1u
#define V 2u
#define A 4u

static const char *const mode_names[MATCH_MODE_COUNT] = {"regular", "overbrugging", "second_best"};

const char *match_mode_name(match_mode m)
{
    return (int)m >= 0 && m < MATCH_MODE_COUNT ? mode_names[m] : NULL;
}

bool match_mode_from_name(const char *name, match_mode *out)
{
    for (int i = 0; name != NULL && i < MATCH_MODE_COUNT; i++) {
        if (strcmp(name, mode_names[i]) == 0) {
            if (out)
                *out = (match_mode)i;
            return true;
        }
    }
    return false;
}

const char *match_check_name(match_check_id id)
{
    static const char *const extra[] = {"leeftijd", "beveiligingsniveau", "bereikbaarheid",
                                        "contract", "opnamestop"};
    if ((int)id >= 0 && (int)id < IFZO_CRIT_COUNT)
        return ifzo_crit_name((ifzo_crit)id);
    if (id >= MATCH_CHECK_LEEFTIJD && id < MATCH_CHECK_COUNT)
        return extra[id - MATCH_CHECK_LEEFTIJD];
    return NULL;
}

const char *match_status_name(match_status s)
{
    static const char *const names[] = {"voorgesteld", "buiten_regio", "bijna", "niet"};
    return (int)s >= 0 && s <= MATCH_NOT_REPORTED ? names[s] : NULL;
}

void match_result_init(match_result *r)
{
    memset(r, 0, sizeof *r);
}

void match_result_free(match_result *r)
{
    if (r == NULL)
        return;
    free(r->items);
    free(r->keys);
    for (int i = 0; i < MATCH_SCRATCH_SLOTS; i++)
        free(r->scratch[i]);
    free(r->lazy);
    memset(r, 0, sizeof *r);
}

void match_config_default(match_config *c)
{
    c->dagbehandeling_norm_min = 45;
    c->stale_days = 30;
    c->max_near = 25;
    c->max_widened = 25;
    c->travel = ifzo_travel_model_default();
}

bool match_config_check(const match_config *c, core_error *err)
{
    if (c == NULL)
        return core_fail(err, "required", NULL, "Geen instellingen.");
    if (c->dagbehandeling_norm_min < 30 || c->dagbehandeling_norm_min > 45)
        return core_fail(
            err, "out_of_range", "dagbehandeling_norm_min",
            "De reistijdnorm voor dagbehandeling moet tussen 30 en 45 minuten liggen.");
    if (c->stale_days < 0 || c->stale_days > 3650)
        return core_fail(err, "out_of_range", "stale_days",
                         "De verouderingstermijn moet tussen 0 en 3650 dagen liggen.");
    if (c->max_near < 0 || c->max_near > 10000)
        return core_fail(err, "out_of_range", "max_near",
                         "Het aantal bijna-passende locaties moet tussen 0 en 10000 liggen.");
    if (c->max_widened < 0 || c->max_widened > 10000)
        return core_fail(err, "out_of_range", "max_widened",
                         "Het aantal locaties buiten de regio moet tussen 0 en 10000 liggen.");
    if (!ifzo_travel_model_valid(&c->travel))
        return core_fail(err, "invalid", "travel", "Ongeldig reistijdmodel.");
    return true;
}

/* ---- query ------------------------------------------------------------------------------- */

static unsigned root_bit(const char *zorgtype)
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

bool match_query_check(const match_query *q, core_error *err)
{
    if (q == NULL)
        return core_fail(err, "required", NULL, "Geen zoekvraag.");
    unsigned root = root_bit(q->zorgtype);
    if (root == 0)
        return core_fail(err, "unknown_code", "zorgtype", "Onbekend zorgtype.");
    if (!ifzo_indication_criteria_check(q->zorgtype, &q->criteria, true, err))
        return false;
    if (q->beveiligingsniveau[0] == '\0') {
        if (root == K)
            return core_fail(err, "required", "beveiligingsniveau",
                             "Klinische zorg vraagt een geïndiceerd beveiligingsniveau.");
    } else if (!codelist_is_valid(CODELIST_BEVEILIGINGSNIVEAU, q->beveiligingsniveau)) {
        return core_fail(err, "unknown_code", "beveiligingsniveau", "Onbekend beveiligingsniveau.");
    }
    if (q->leeftijd < 0 || q->leeftijd > IFZO_AGE_MAX)
        return core_fail(err, "out_of_range", "leeftijd",
                         "De leeftijd moet tussen 0 en 120 liggen.");
    if (!isfinite(q->lat) || q->lat < IFZO_NL_LAT_MIN || q->lat > IFZO_NL_LAT_MAX)
        return core_fail(err, "out_of_range", "lat", "De breedtegraad ligt niet in Nederland.");
    if (!isfinite(q->lon) || q->lon < IFZO_NL_LON_MIN || q->lon > IFZO_NL_LON_MAX)
        return core_fail(err, "out_of_range", "lon", "De lengtegraad ligt niet in Nederland.");
    if (!ifzo_date_valid(q->dag))
        return core_fail(err, "invalid_date", "dag", "Ongeldige datum.");
    if (match_mode_name(q->mode) == NULL)
        return core_fail(err, "unknown_code", "mode", "Onbekende zoekwijze.");
    return true;
}

bool match_query_from_indicatie(const ifzo_indicatie *ind, const ifzo_justitiabele *client,
                                ifzo_date dag, match_mode mode, bool outside_region,
                                match_query *out, core_error *err)
{
    if (ind == NULL || client == NULL || out == NULL)
        return core_fail(err, "required", NULL, "Geen indicatie of justitiabele.");
    if (!ifzo_indicatie_placeable(ind))
        return core_fail(err, "invalid_state", "status",
                         "Alleen een definitieve indicatie kan worden gematcht.");
    int pc4;
    struct ifzo_geo_place place;
    bool exact;
    if (ifzo_geo_parse_pc4(client->postcode, &pc4) != IFZO_GEO_OK ||
        ifzo_geo_resolve_pc4(pc4, &place, &exact) != IFZO_GEO_OK)
        return core_fail(err, "unknown_postcode", "postcode", "Deze postcode is onbekend.");
    memset(out, 0, sizeof *out);
    snprintf(out->zorgtype, sizeof out->zorgtype, "%s", ind->zorgtype);
    out->criteria = ind->criteria;
    snprintf(out->beveiligingsniveau, sizeof out->beveiligingsniveau, "%s",
             ind->beveiligingsniveau);
    out->leeftijd = ifzo_age_on(client->geboortedatum, dag);
    out->lat = place.lat;
    out->lon = place.lon;
    out->dag = dag;
    out->mode = mode;
    out->outside_region = outside_region;
    return match_query_check(out, err);
}

/* ---- preparation ------------------------------------------------------------------------- */

void match_lists_get(match_lists *l)
{
    l->zorgtype = codelist_find(CODELIST_ZORGTYPE);
    l->arrondissement = codelist_find(CODELIST_ARRONDISSEMENT);
    l->beveiligingsniveau = codelist_find(CODELIST_BEVEILIGINGSNIVEAU);
}

int match_zorgtype_index(const match_lists *lists, const char *code)
{
    size_t i;
    if (!codelist_index_of(lists->zorgtype, code, &i) || i >= MATCH_ZT_MAX)
        return -1;
    return (int)i;
}

static int level_of(const char *code)
{
    if (code == NULL || code[0] < '1' || code[0] > '4' || code[1] != '\0')
        return -1;
    return code[0] - '0';
}

bool match_prepare(const match_query *q, const match_config *cfg, match_prep *p, core_error *err)
{
    if (!match_config_check(cfg, err) || !match_query_check(q, err))
        return false;
    memset(p, 0, sizeof *p);
    p->q = q;
    p->cfg = cfg;
    p->root = root_bit(q->zorgtype);
    match_lists lists;
    match_lists_get(&lists);
    const codelist_entry *zt = codelist_lookup_in(CODELIST_ZORGTYPE, q->zorgtype);
    p->zt_entry = zt;
    p->zt_index = match_zorgtype_index(&lists, q->zorgtype);
    for (const codelist_entry *e = zt; e != NULL; e = codelist_parent(e)) {
        int i = match_zorgtype_index(&lists, e->code);
        if (i < 0)
            return core_fail(err, "unknown_code", "zorgtype", "Onbekend zorgtype.");
        p->covers |= 1u << i;
    }
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (!ifzo_crit_applies(q->zorgtype, (ifzo_crit)c) || q->criteria.set[c] == 0)
            continue; /* middel only when indicated (DSM 04) */
        p->tested |= 1u << c;
        p->want[c] = q->criteria.set[c];
    }
    p->age_tested = ifzo_age_applies(q->zorgtype);
    p->level_tested = q->beveiligingsniveau[0] != '\0';
    bool relaxed = q->mode != MATCH_MODE_REGULAR;
    if (p->level_tested) {
        static const char *const levels[] = {"1", "2", "3", "4"};
        for (int l = 1; l <= 4; l++) {
            if (ifzo_security_level_ok(levels[l - 1], q->beveiligingsniveau, relaxed))
                p->level_ok |= 1u << l;
        }
        size_t li;
        if (codelist_index_of(codelist_find(CODELIST_BEVEILIGINGSNIVEAU), q->beveiligingsniveau,
                              &li))
            p->level_bit = (ifzo_codeset)1 << li;
        /* Bridging / second best: a care setting of an admitted (lower or equal) level is
         * accepted too, otherwise no location of a lower level could ever pass. */
        if (relaxed && (p->tested >> IFZO_CRIT_ZORGSETTING) & 1u) {
            const codelist *zs = ifzo_crit_list(IFZO_CRIT_ZORGSETTING);
            for (size_t i = 0; i < zs->count && i < 64; i++) {
                const codelist_entry *lv = codelist_attr_ref(&zs->entries[i], "security_level");
                int l = lv ? level_of(lv->code) : -1;
                if (l > 0 && ((p->level_ok >> l) & 1u))
                    p->want[IFZO_CRIT_ZORGSETTING] |= (ifzo_codeset)1 << i;
            }
        }
    }
    p->client_arr = -1;
    for (int i = 0; i < 64; i++) {
        if ((q->criteria.set[IFZO_CRIT_ARRONDISSEMENT] >> i) & 1u)
            p->client_arr = i;
    }
    p->norm_min = -1;
    for (const codelist_entry *e = zt; e != NULL; e = codelist_parent(e)) {
        long norm;
        if (p->norm_min < 0 && codelist_attr_int(e, "max_travel_min", &norm))
            p->norm_min = strcmp(e->code, "ADB") == 0 ? cfg->dagbehandeling_norm_min : (int)norm;
        if (codelist_attr_bool(e, "within_arrondissement"))
            p->bw_rule = true;
    }
    p->national_exception = p->root == K;
    return true;
}

void match_prep_cache_init(match_prep_cache *pc)
{
    memset(pc, 0, sizeof *pc);
    match_lists lists;
    match_lists_get(&lists);
    pc->zorgtype = lists.zorgtype;
    for (size_t z = 0; z < lists.zorgtype->count && z < MATCH_ZT_MAX; z++) {
        match_prep_zt *t = &pc->zt[z];
        const codelist_entry *zt = &lists.zorgtype->entries[z];
        t->entry = zt;
        t->root = root_bit(zt->code);
        t->ok = t->root != 0;
        for (const codelist_entry *e = zt; e != NULL; e = codelist_parent(e)) {
            int i = match_zorgtype_index(&lists, e->code);
            if (i < 0)
                t->ok = false;
            else
                t->covers |= 1u << i;
        }
        for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
            if (!ifzo_crit_applies(zt->code, (ifzo_crit)c))
                continue;
            t->applies |= 1u << c;
            const codelist *l = ifzo_crit_list((ifzo_crit)c);
            for (size_t v = 0; v < l->count && v < 64; v++) {
                if (ifzo_crit_value_allowed(zt->code, (ifzo_crit)c, l->entries[v].code))
                    t->allowed[c] |= (ifzo_codeset)1 << v;
            }
            t->allowed[c] &= ifzo_codeset_all((ifzo_crit)c);
        }
        t->age = ifzo_age_applies(zt->code);
        t->norm_min = -1;
        bool have_norm = false;
        for (const codelist_entry *e = zt; e != NULL; e = codelist_parent(e)) {
            long norm;
            if (!have_norm && codelist_attr_int(e, "max_travel_min", &norm)) {
                have_norm = true;
                t->norm_adb = strcmp(e->code, "ADB") == 0;
                t->norm_min = t->norm_adb ? -1 : (int)norm;
            }
            if (codelist_attr_bool(e, "within_arrondissement"))
                t->bw_rule = true;
        }
    }
    size_t i;
    if (codelist_index_of(ifzo_crit_list(IFZO_CRIT_DSM_HOOFDGROEP), "04", &i) && i < 64)
        pc->substance = (ifzo_codeset)1 << i;
    static const char *const levels[] = {"1", "2", "3", "4"};
    for (int ind = 1; ind <= 4; ind++) {
        pc->level_valid[ind] = codelist_index_of(lists.beveiligingsniveau, levels[ind - 1], &i);
        if (pc->level_valid[ind] && i < 64)
            pc->level_bit[ind] = (ifzo_codeset)1 << i;
        for (int relaxed = 0; relaxed < 2; relaxed++) {
            for (int l = 1; l <= 4; l++) {
                if (ifzo_security_level_ok(levels[l - 1], levels[ind - 1], relaxed))
                    pc->level_ok[ind][relaxed] |= 1u << l;
            }
        }
    }
    const codelist *zs = ifzo_crit_list(IFZO_CRIT_ZORGSETTING);
    for (unsigned ok = 0; ok < 32; ok++) {
        for (size_t v = 0; v < zs->count && v < 64; v++) {
            const codelist_entry *lv = codelist_attr_ref(&zs->entries[v], "security_level");
            int l = lv ? level_of(lv->code) : -1;
            if (l > 0 && ((ok >> l) & 1u))
                pc->zs_admitted[ok] |= (ifzo_codeset)1 << v;
        }
    }
}

/* match_query_check's tests of the criteria and the level, on the cached masks. False when
 * anything is off (the caller then asks match_prepare for the error). */
static bool cached_valid(const match_prep_cache *pc, const match_prep_zt *t, const match_query *q)
{
    const ifzo_codeset *set = q->criteria.set;
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if ((set[c] & ~t->allowed[c]) != 0 || (set[c] & (set[c] - 1)) != 0)
            return false; /* unknown, not applicable, not allowed, or more than one value */
        if (c != IFZO_CRIT_MIDDEL && ((t->applies >> c) & 1u) && set[c] == 0)
            return false; /* incomplete */
    }
    bool substance = (set[IFZO_CRIT_DSM_HOOFDGROEP] & pc->substance) != 0;
    if (set[IFZO_CRIT_MIDDEL] != 0 && set[IFZO_CRIT_DSM_HOOFDGROEP] != 0 && !substance)
        return false;
    if (substance && set[IFZO_CRIT_MIDDEL] == 0)
        return false;
    const char *b = q->beveiligingsniveau;
    if (b[0] == '\0')
        return t->root != K; /* clinical care needs a level */
    return b[0] >= '1' && b[0] <= '4' && b[1] == '\0' && pc->level_valid[b[0] - '0'];
}

bool match_prepare_cached(const match_prep_cache *pc, const match_query *q, const match_config *cfg,
                          match_prep *p, core_error *err)
{
    size_t z;
    const match_prep_zt *t = NULL;
    if (pc != NULL && q != NULL && cfg != NULL &&
        codelist_index_of(pc->zorgtype, q->zorgtype, &z) && z < MATCH_ZT_MAX && pc->zt[z].ok)
        t = &pc->zt[z];
    if (t == NULL || !cached_valid(pc, t, q) || !match_config_check(cfg, NULL) || q->leeftijd < 0 ||
        q->leeftijd > IFZO_AGE_MAX || !isfinite(q->lat) || q->lat < IFZO_NL_LAT_MIN ||
        q->lat > IFZO_NL_LAT_MAX || !isfinite(q->lon) || q->lon < IFZO_NL_LON_MIN ||
        q->lon > IFZO_NL_LON_MAX || !ifzo_date_valid(q->dag) || match_mode_name(q->mode) == NULL)
        return match_prepare(q, cfg, p, err); /* the slow path says what is wrong */
    memset(p, 0, sizeof *p);
    p->q = q;
    p->cfg = cfg;
    p->root = t->root;
    p->zt_entry = t->entry;
    p->zt_index = (int)z;
    p->covers = t->covers;
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (((t->applies >> c) & 1u) && q->criteria.set[c] != 0) {
            p->tested |= 1u << c;
            p->want[c] = q->criteria.set[c];
        }
    }
    p->age_tested = t->age;
    p->level_tested = q->beveiligingsniveau[0] != '\0';
    bool relaxed = q->mode != MATCH_MODE_REGULAR;
    if (p->level_tested) {
        int ind = q->beveiligingsniveau[0] - '0';
        p->level_ok = pc->level_ok[ind][relaxed];
        p->level_bit = pc->level_bit[ind];
        if (relaxed && (p->tested >> IFZO_CRIT_ZORGSETTING) & 1u)
            p->want[IFZO_CRIT_ZORGSETTING] |= pc->zs_admitted[p->level_ok & 31u];
    }
    p->client_arr = -1;
    for (int i = 0; i < 64; i++) {
        if ((q->criteria.set[IFZO_CRIT_ARRONDISSEMENT] >> i) & 1u)
            p->client_arr = i;
    }
    p->norm_min = t->norm_adb ? cfg->dagbehandeling_norm_min : t->norm_min;
    p->bw_rule = t->bw_rule;
    p->national_exception = p->root == K;
    return true;
}

bool match_entry_prepare(const match_lists *lists, const ifzo_zorgaanbod *a,
                         const ifzo_zorglocatie *l, match_entry *e)
{
    memset(e, 0, sizeof *e);
    e->offer = a;
    e->loc = l;
    e->offer_id = a->id;
    e->loc_id = l->id;
    e->prov_id = l->zorgaanbieder_id;
    e->lat = l->lat;
    e->lon = l->lon;
    e->zt = match_zorgtype_index(lists, a->zorgtype);
    size_t lv, arr;
    if (e->zt < 0 || !codelist_index_of(lists->beveiligingsniveau, l->beveiligingsniveau, &lv) ||
        !codelist_index_of(lists->arrondissement, l->arrondissement, &arr) || arr >= MATCH_ARR_MAX)
        return false;
    e->level = level_of(l->beveiligingsniveau);
    e->loc_arr = (int)arr;
    if (e->level < 0)
        return false;
    e->national = l->landelijke_functie &&
                  codelist_attr_bool(&lists->beveiligingsniveau->entries[lv], "national_function");
    return true;
}

/* ---- explanation ------------------------------------------------------------------------- */

void match_travel(const match_prep *p, double lat, double lon, double *minutes, int *rounded)
{
    double m = 0;
    if (ifzo_geo_travel_minutes(&p->cfg->travel, p->q->lat, p->q->lon, lat, lon, &m) != IFZO_GEO_OK)
        m = HUGE_VAL;
    *minutes = m;
    *rounded = match_round_minutes(m);
}

int match_round_minutes(double minutes)
{
    return minutes < 1e6 ? (int)lround(minutes) : 1000000;
}

match_status match_classify(int n_failed, bool region_ok, bool outside_region)
{
    if (n_failed == 0)
        return region_ok || outside_region ? MATCH_PROPOSED : MATCH_WIDENED;
    if (n_failed == 1 && (region_ok || outside_region))
        return MATCH_NEAR_MISS;
    return MATCH_NOT_REPORTED;
}

static match_check *add_check(match_location *out, match_check_id id, bool pass, bool region)
{
    match_check *c = &out->checks[out->n_checks++];
    memset(c, 0, sizeof *c);
    c->id = id;
    c->pass = pass;
    c->region = region;
    return c;
}

void match_explain_entry(const match_prep *p, const match_entry *e, bool contract_ok,
                         match_location *out)
{
    const match_query *q = p->q;
    const ifzo_zorgaanbod *a = e->offer;
    out->zorglocatie_id = e->loc_id;
    out->zorgaanbod_id = a->id;
    out->zorgaanbieder_id = e->prov_id;
    out->n_checks = 0;
    out->n_failed = 0;
    out->failed = MATCH_CHECK_COUNT;
    bool region_ok = true;

    match_travel(p, e->lat, e->lon, &out->reistijd, &out->reistijd_min);

    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (!((p->tested >> c) & 1u))
            continue;
        bool region = c == IFZO_CRIT_ARRONDISSEMENT;
        bool pass = (p->want[c] & a->criteria.set[c]) != 0;
        bool national = false;
        if (region && !pass && p->national_exception && e->national)
            pass = national = true;
        match_check *ch = add_check(out, (match_check_id)c, pass, region);
        ch->indicated = p->want[c];
        ch->offered = a->criteria.set[c];
        ch->national = national;
    }
    if (p->age_tested) {
        /* = zorgaanbod_age_ok: the offer has the query's root, for which age applies */
        match_check *ch =
            add_check(out, MATCH_CHECK_LEEFTIJD,
                      q->leeftijd >= a->leeftijd_min && q->leeftijd <= a->leeftijd_max, false);
        ch->number = q->leeftijd;
        ch->min = a->leeftijd_min;
        ch->max = a->leeftijd_max;
    }
    if (p->level_tested) {
        match_check *ch =
            add_check(out, MATCH_CHECK_BEVEILIGINGSNIVEAU, (p->level_ok >> e->level) & 1u, false);
        ch->indicated = p->level_bit;
        ch->offered = (ifzo_codeset)1 << (e->level - 1);
    }
    if (p->norm_min >= 0) {
        match_check *ch =
            add_check(out, MATCH_CHECK_BEREIKBAARHEID, out->reistijd_min <= p->norm_min, true);
        ch->number = p->norm_min;
        ch->min = out->reistijd_min;
    } else if (p->bw_rule) {
        match_check *ch =
            add_check(out, MATCH_CHECK_BEREIKBAARHEID, e->loc_arr == p->client_arr, true);
        ch->number = -1;
        ch->indicated = (ifzo_codeset)1 << p->client_arr;
        ch->offered = (ifzo_codeset)1 << e->loc_arr;
    }
    add_check(out, MATCH_CHECK_CONTRACT, contract_ok, false);
    add_check(out, MATCH_CHECK_OPNAMESTOP, zorgaanbod_intake_open(a, q->dag), false);

    for (int i = 0; i < out->n_checks; i++) {
        const match_check *ch = &out->checks[i];
        if (ch->pass)
            continue;
        if (ch->region) {
            region_ok = false;
        } else {
            out->n_failed++;
            out->failed = ch->id;
        }
    }
    if (out->n_failed != 1)
        out->failed = MATCH_CHECK_COUNT;
    out->in_region = region_ok;
    out->status = match_classify(out->n_failed, region_ok, q->outside_region);

    match_soft *s = &out->soft;
    s->capaciteit = a->capaciteit;
    s->bezet = a->bezet;
    s->vrij = zorgaanbod_vrij(a);
    s->wachtlijst = a->wachtlijst;
    s->wachttijd_dagen = a->wachttijd_dagen;
    s->bijgewerkt_op = a->bijgewerkt_op;
    s->stale = (int64_t)q->dag - a->bijgewerkt_op > p->cfg->stale_days;
    s->opnamestop = a->opnamestop;
    s->opnamestop_van = a->opnamestop ? a->opnamestop_van : IFZO_NO_DATE;
    s->opnamestop_tot = a->opnamestop ? a->opnamestop_tot : IFZO_NO_DATE;
}

/* ---- result ------------------------------------------------------------------------------ */

void match_result_start(match_result *r, const match_prep *p)
{
    r->mode = p->q->mode;
    r->outside_region = p->q->outside_region;
    r->dag = p->q->dag;
    r->n_considered = r->n_in_region = 0;
    r->region_empty = true;
    r->n_items = r->n_proposed = r->n_widened = r->n_near = 0;
    r->n_widened_total = r->n_near_total = 0;
    r->n_keys = 0;
}

static bool reserve(match_result *r, size_t n)
{
    if (r->cap >= n)
        return true;
    size_t cap = r->cap ? r->cap : 64;
    while (cap < n)
        cap *= 2;
    match_location *items = realloc(r->items, cap * sizeof *items);
    if (items == NULL)
        return false;
    r->items = items;
    r->cap = cap;
    return true;
}

/* 0 proposed in region, 1 proposed outside / widened, 2 near miss. */
static uint8_t rank_of(match_status status, bool in_region)
{
    if (status == MATCH_PROPOSED)
        return in_region ? 0 : 1;
    return status == MATCH_WIDENED ? 1 : 2;
}

void *match_scratch(match_result *r, int slot, size_t bytes)
{
    if (bytes == 0)
        bytes = 1;
    if (r->scratch_cap[slot] < bytes) {
        size_t cap = r->scratch_cap[slot] ? r->scratch_cap[slot] : 4096;
        while (cap < bytes)
            cap *= 2;
        void *p = realloc(r->scratch[slot], cap);
        if (p == NULL)
            return NULL;
        r->scratch[slot] = p;
        r->scratch_cap[slot] = cap;
    }
    return r->scratch[slot];
}

match_key *match_key_next(match_result *r)
{
    if (r->n_keys == r->keys_cap) {
        size_t cap = r->keys_cap ? r->keys_cap * 2 : 256;
        match_key *n = realloc(r->keys, cap * sizeof *n);
        if (n == NULL)
            return NULL;
        r->keys = n;
        r->keys_cap = cap;
    }
    return &((match_key *)r->keys)[r->n_keys++];
}

bool match_key_push_est(match_result *r, int64_t loc, int64_t offer, double lo, double hi,
                        bool exact, double t, uint32_t idx, match_status status, bool in_region)
{
    match_key *k = match_key_next(r);
    if (k == NULL)
        return false;
    *k = (match_key){loc,       offer, t, lo, hi, idx, rank_of(status, in_region), (uint8_t)status,
                     in_region, exact, 0, 0};
    return true;
}

bool match_key_push(match_result *r, int64_t loc, int64_t offer, double t, uint32_t idx,
                    match_status status, bool in_region)
{
    return match_key_push_est(r, loc, offer, t, t, true, t, idx, status, in_region);
}

static int cmp_order(const void *x, const void *y)
{
    const match_key *a = x, *b = y;
    if (a->status != b->status)
        return (int)a->status - (int)b->status;
    if (a->in_region != b->in_region)
        return a->in_region ? -1 : 1;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return a->loc < b->loc ? -1 : a->loc > b->loc;
}

/* Whether key a is a better offer for its location than key b (cmp_best order). */
static bool better(const match_key *a, const match_key *b)
{
    return a->rank != b->rank ? a->rank < b->rank : a->offer < b->offer;
}

static size_t loc_hash(int64_t loc, size_t mask)
{
    uint64_t h = (uint64_t)loc * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h >> 32) & mask;
}

/* Keeps each location's best key (a hash table on the location id: linear in n). */
static bool dedupe(match_result *r, match_key *keys, size_t *n)
{
    size_t size = 16;
    while (size < 2 * *n)
        size *= 2;
    uint32_t *slot = match_scratch(r, 2, size * sizeof *slot);
    if (slot == NULL)
        return false;
    memset(slot, 0xff, size * sizeof *slot);
    for (size_t i = 0; i < *n; i++) {
        size_t h = loc_hash(keys[i].loc, size - 1);
        while (slot[h] != UINT32_MAX && keys[slot[h]].loc != keys[i].loc)
            h = (h + 1) & (size - 1);
        if (slot[h] == UINT32_MAX || better(&keys[i], &keys[slot[h]]))
            slot[h] = (uint32_t)i;
    }
    /* The winners are the occupied slots; compact in key order (slots index the original
     * positions, so mark first, then move). */
    for (size_t h = 0; h < size; h++) {
        if (slot[h] != UINT32_MAX)
            keys[slot[h]].rank |= 0x80;
    }
    size_t w = 0;
    for (size_t i = 0; i < *n; i++) {
        if (keys[i].rank & 0x80) {
            keys[i].rank &= 0x7f;
            keys[w++] = keys[i];
        }
    }
    *n = w;
    return true;
}

/* A key of one status group reduced to what orders it: in region first, then the travel time
 * (the bits of a non-negative double order as the double does), then the location. */
typedef struct sort_rec {
    uint64_t k;
    int64_t loc;
    uint32_t pos;
} sort_rec;

static bool rec_less(const sort_rec *a, const sort_rec *b)
{
    return a->k != b->k ? a->k < b->k : a->loc < b->loc;
}

/* Sorts k[0..n) (one status) in cmp_order (by_hi: with the upper bound in place of the time)
 * into dst[0..n) (dst == k: in place; otherwise the two must not overlap): compact records
 * sorted by a least-significant-digit radix sort on the top 24 bits of their key (the class,
 * the exponent and 12 bits of the mantissa: three byte passes without data-dependent
 * branches; a comparison sort of the 500+ proposals of an outside-region search mispredicted
 * about every other comparison), then an insertion sort with the full order (key, then
 * location) that only moves records whose top 24 bits are equal (a relative 2^-12 apart: a
 * few pairs in 500), then one move of the keys into dst. qsort with cmp_order gives the same:
 * the order is total, locations are unique. Short groups go straight to the insertion sort. */
static bool sort_group_to(match_result *r, match_key *k, size_t n, bool by_hi, match_key *dst)
{
    if (n < 2) {
        if (n == 1 && dst != k)
            dst[0] = k[0];
        return true;
    }
    sort_rec *a = match_scratch(r, 1, 2 * n * sizeof *a);
    if (a == NULL)
        return false;
    sort_rec *b = a + n;
    for (size_t i = 0; i < n; i++) {
        uint64_t bits;
        double t = (by_hi ? k[i].hi : k[i].t) + 0.0; /* -0.0 -> 0.0 */
        memcpy(&bits, &t, sizeof bits);
        a[i] = (sort_rec){bits | (k[i].in_region ? 0 : UINT64_C(1) << 63), k[i].loc, (uint32_t)i};
    }
    for (int shift = 40; n > 32 && shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((a[i].k >> shift) & 0xff) + 1]++;
        if (count[((a[0].k >> shift) & 0xff) + 1] == n)
            continue; /* every record has this byte: the pass would not move anything */
        for (int d = 0; d < 256; d++)
            count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++)
            b[count[(a[i].k >> shift) & 0xff]++] = a[i];
        sort_rec *t = a;
        a = b;
        b = t;
    }
    for (size_t i = 1; i < n; i++) {
        sort_rec x = a[i];
        size_t j = i;
        while (j > 0 && rec_less(&x, &a[j - 1])) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
    const match_key *from = k;
    if (dst == k) { /* in place: gather from a copy */
        match_key *copy = match_scratch(r, 2, n * sizeof *copy);
        if (copy == NULL)
            return false;
        memcpy(copy, k, n * sizeof *k);
        from = copy;
    }
    for (size_t i = 0; i < n; i++)
        dst[i] = from[a[i].pos];
    return true;
}

static bool sort_group(match_result *r, match_key *k, size_t n, bool by_hi)
{
    return sort_group_to(r, k, n, by_hi, k);
}

/* Moves the `keep` first keys of k[0..n) in cmp_order to the front, sorted (a bounded
 * max-heap: n log keep). */
static bool select_first(match_result *r, match_key *k, size_t n, size_t keep)
{
    if (keep >= n)
        return sort_group(r, k, n, false);
    if (keep == 0)
        return true;
    /* k[0..keep) is a max-heap on cmp_order */
    for (size_t i = keep / 2; i-- > 0;) {
        for (size_t j = i;;) {
            size_t c = 2 * j + 1, m = j;
            if (c < keep && cmp_order(&k[c], &k[m]) > 0)
                m = c;
            if (c + 1 < keep && cmp_order(&k[c + 1], &k[m]) > 0)
                m = c + 1;
            if (m == j)
                break;
            match_key t = k[j];
            k[j] = k[m];
            k[m] = t;
            j = m;
        }
    }
    for (size_t i = keep; i < n; i++) {
        if (cmp_order(&k[i], &k[0]) >= 0)
            continue;
        k[0] = k[i];
        for (size_t j = 0;;) {
            size_t c = 2 * j + 1, m = j;
            if (c < keep && cmp_order(&k[c], &k[m]) > 0)
                m = c;
            if (c + 1 < keep && cmp_order(&k[c + 1], &k[m]) > 0)
                m = c + 1;
            if (m == j)
                break;
            match_key t = k[j];
            k[j] = k[m];
            k[m] = t;
            j = m;
        }
    }
    return sort_group(r, k, keep, false);
}

static void max_heap_down(double *v, size_t n, size_t j)
{
    for (;;) {
        size_t c = 2 * j + 1, m = j;
        if (c < n && v[c] > v[m])
            m = c;
        if (c + 1 < n && v[c + 1] > v[m])
            m = c + 1;
        if (m == j)
            return;
        double t = v[j];
        v[j] = v[m];
        v[m] = t;
        j = m;
    }
}

/* The k-th smallest (0-based) of v[0..n), k < n; v is reordered. For a small k (the 25 near
 * misses shown of hundreds) a max-heap of the k + 1 smallest so far, whose one comparison per
 * value is nearly always "not smaller" (quickselect's comparisons mispredict about half the
 * time); otherwise quickselect. */
static double kth_smallest(double *v, size_t n, size_t k)
{
    if (k < 64 && 4 * k < n) {
        size_t m = k + 1;
        for (size_t i = m / 2; i-- > 0;)
            max_heap_down(v, m, i);
        for (size_t i = m; i < n; i++) {
            if (v[i] < v[0]) {
                v[0] = v[i];
                max_heap_down(v, m, 0);
            }
        }
        return v[0];
    }
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double pivot = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

/* Of group k[0..n) (one status), of which `keep` are shown, drops the keys that cannot be
 * among the first `keep` in cmp_order whatever their exact travel time: the order is in
 * region first, then t. Let E be the keep-th smallest upper bound in the class (in / outside
 * the region) where the cut falls: at least the keys up to E are at most E away. A key of
 * that class whose lower bound exceeds E by more than the margin is farther than all of them;
 * a key of a later class is after all of them. Returns the new n; the dropped keys are never
 * shown (the totals count them). */
static size_t prune(match_result *r, match_key *k, size_t n, size_t keep, bool *ok)
{
    size_t n_in = 0;
    for (size_t i = 0; i < n; i++)
        n_in += k[i].in_region;
    bool cut_in = keep <= n_in;
    size_t n_cls = cut_in ? n_in : n - n_in, kk = cut_in ? keep : keep - n_in;
    double *v = match_scratch(r, 2, (n_cls + 1) * sizeof *v);
    if (v == NULL) {
        *ok = false;
        return n;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if ((bool)k[i].in_region == cut_in)
            v[m++] = k[i].hi;
    }
    double e = kth_smallest(v, m, kk - 1);
    double lim = e + fabs(e) * MATCH_EST_REL + MATCH_EST_ABS;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        bool in = k[i].in_region;
        bool maybe = in == cut_in ? !(k[i].lo > lim) : in; /* an earlier class: all kept */
        if (maybe)
            k[w++] = k[i];
    }
    return w;
}

/* Whether a is before b in its group whatever their exact times: an earlier class (in region
 * first), or b's lower bound beyond a's upper bound by more than the margin. */
static bool clearly_before(const match_key *a, const match_key *b)
{
    if (a->in_region != b->in_region)
        return a->in_region;
    return b->lo > a->hi + fabs(a->hi) * MATCH_EST_REL + MATCH_EST_ABS;
}

/* Orders group src[0..n) (one status, bounds) into k[0..n) (no overlap) so that its first
 * `keep` are exactly the first `keep` in cmp_order: sorted by (class, upper bound, location) — the
 * bounds grow with the estimate, so a key clearly after its predecessor is clearly after all before
 * it — then each run of keys not clearly apart that starts before `keep` is put in exact order: by
 * location when all its keys share one place (the same time), else by exact times. */
static bool order_by_bounds(match_result *r, match_key *src, size_t n, size_t keep,
                            const match_est_ops *est, match_key *k)
{
    if (!sort_group_to(r, src, n, true, k))
        return false;
    for (size_t i = 0; i < keep && i < n;) {
        size_t j = i + 1;
        while (j < n && !clearly_before(&k[j - 1], &k[j]))
            j++;
        bool one_place = true;
        for (size_t x = i + 1; x < j && one_place; x++)
            one_place = est->same_place(est->ctx, &k[i], &k[x]);
        if (!one_place) {
            for (size_t x = i; x < j; x++) {
                if (!k[x].exact)
                    est->exact(est->ctx, &k[x]);
            }
            for (size_t x = i + 1; x < j; x++) { /* insertion sort: runs are short */
                match_key y = k[x];
                size_t z = x;
                while (z > i && cmp_order(&y, &k[z - 1]) < 0) {
                    k[z] = k[z - 1];
                    z--;
                }
                k[z] = y;
            }
        }
        i = j;
    }
    return true;
}

bool match_keys_finish(match_result *r, const match_config *cfg, const match_est_ops *est,
                       bool apart)
{
    match_key *keys = r->keys;
    /* One pass over the keys for what the steps below need to know (an outside-region search
     * has hundreds; each pass over them reads them from memory again). */
    size_t n_in = 0, count[3] = {0, 0, 0};
    bool grouped = true; /* already by status (the index's outside-region search) */
    for (size_t i = 0; i < r->n_keys; i++) {
        n_in += keys[i].status == MATCH_PROPOSED && keys[i].in_region;
        count[keys[i].status]++;
        grouped = grouped && (i == 0 || keys[i].status >= keys[i - 1].status);
    }
    /* Widened entries only say what a widened search would add when the region is empty. */
    size_t m = r->n_keys;
    if (n_in > 0 && count[MATCH_WIDENED] > 0) {
        m = 0;
        for (size_t i = 0; i < r->n_keys; i++) {
            if (keys[i].status != MATCH_WIDENED)
                keys[m++] = keys[i];
        }
        count[MATCH_WIDENED] = 0;
    }
    size_t n_widened = count[MATCH_WIDENED];
    if (!(apart && n_widened == 0)) {
        if (!dedupe(r, keys, &m))
            return false;
        count[0] = count[1] = count[2] = 0;
        for (size_t i = 0; i < m; i++)
            count[keys[i].status]++;
    }
    /* Group by status (stable enough: each group is ordered below) into `sorted`, then order
     * each group from there into keys. Keys that are grouped already (dropping widened keys and
     * dedupe keep the order) are ordered from keys into `sorted` instead, which then becomes
     * the keys: one move of every key less. */
    size_t start[3] = {0, count[0], count[0] + count[1]};
    size_t fill[3] = {start[0], start[1], start[2]};
    match_key *sorted = match_scratch(r, 3, (m + 1) * sizeof *sorted);
    if (sorted == NULL)
        return false;
    n_in = 0;
    for (size_t i = 0; i < m; i++) {
        n_in += keys[i].status == MATCH_PROPOSED && keys[i].in_region;
        if (!grouped)
            sorted[fill[keys[i].status]++] = keys[i];
    }
    match_key *src = grouped ? keys : sorted, *dst = grouped ? sorted : keys;
    /* Every proposal; the nearest max_widened widened and max_near near misses. */
    size_t keep[3] = {count[0],
                      count[1] < (size_t)cfg->max_widened ? count[1] : (size_t)cfg->max_widened,
                      count[2] < (size_t)cfg->max_near ? count[2] : (size_t)cfg->max_near};
    size_t out = 0;
    bool ok = true;
    for (int g = 0; g < 3 && ok; g++) {
        match_key *k = src + start[g];
        size_t n = count[g];
        if (keep[g] == 0)
            continue;
        if (est != NULL) {
            if (keep[g] < n)
                n = prune(r, k, n, keep[g], &ok);
            /* ordered straight into place: out + n <= start[g] + count[g] <= m */
            ok = ok && order_by_bounds(r, k, n, keep[g], est, dst + out);
        } else {
            ok = select_first(r, k, n, keep[g]);
            memcpy(dst + out, k, keep[g] * sizeof *keys);
        }
        out += keep[g];
    }
    if (!ok)
        return false;
    if (grouped) { /* `sorted` becomes the keys, the keys' buffer the scratch */
        size_t cap = r->keys_cap;
        r->keys = sorted;
        r->keys_cap = r->scratch_cap[3] / sizeof *keys;
        r->scratch[3] = keys;
        r->scratch_cap[3] = cap * sizeof *keys;
    }
    r->n_proposed = count[0];
    r->n_in_region = n_in;
    r->n_widened_total = count[1];
    r->n_widened = keep[1];
    r->n_near_total = count[2];
    r->n_near = keep[2];
    r->region_empty = n_in == 0;
    r->n_keys = out;
    r->n_items = out;
    return reserve(r, out);
}

/* ---- formatting ---------------------------------------------------------------------------- */

static bool put(char *out, size_t cap, const char *fmt_a, const char *s)
{
    int n = snprintf(out, cap, fmt_a, s);
    return n >= 0 && (size_t)n < cap;
}

static bool codes(const codelist *list, ifzo_codeset set, char *out, size_t cap)
{
    size_t len = 0;
    if (cap == 0)
        return false;
    out[0] = '\0';
    for (size_t i = 0; list != NULL && i < list->count && i < 64; i++) {
        if (!((set >> i) & 1u))
            continue;
        int n = snprintf(out + len, cap - len, "%s%s", len ? "," : "", list->entries[i].code);
        if (n < 0 || (size_t)n >= cap - len)
            return false;
        len += (size_t)n;
    }
    return true;
}

bool match_check_format(const match_check *c, const char *zorgtype, char *indicated,
                        size_t indicated_cap, char *offered, size_t offered_cap)
{
    char tmp[MATCH_VALUE_BUF];
    if (c == NULL || indicated == NULL || offered == NULL)
        return false;
    if ((int)c->id < IFZO_CRIT_COUNT) {
        const codelist *list = ifzo_crit_list((ifzo_crit)c->id);
        if (!codes(list, c->indicated, indicated, indicated_cap) ||
            !codes(list, c->offered, tmp, sizeof tmp))
            return false;
        return put(offered, offered_cap, c->national ? "%s (landelijke functie)" : "%s", tmp);
    }
    switch (c->id) {
    case MATCH_CHECK_LEEFTIJD:
        return snprintf(indicated, indicated_cap, "%d", c->number) < (int)indicated_cap &&
               snprintf(offered, offered_cap, "%d-%d", c->min, c->max) < (int)offered_cap;
    case MATCH_CHECK_BEVEILIGINGSNIVEAU: {
        const codelist *list = codelist_find(CODELIST_BEVEILIGINGSNIVEAU);
        return codes(list, c->indicated, indicated, indicated_cap) &&
               codes(list, c->offered, offered, offered_cap);
    }
    case MATCH_CHECK_BEREIKBAARHEID:
        if (c->number < 0) {
            const codelist *list = codelist_find(CODELIST_ARRONDISSEMENT);
            return codes(list, c->indicated, indicated, indicated_cap) &&
                   codes(list, c->offered, offered, offered_cap);
        }
        return snprintf(indicated, indicated_cap, "max %d min", c->number) < (int)indicated_cap &&
               snprintf(offered, offered_cap, "%d min", c->min) < (int)offered_cap;
    case MATCH_CHECK_CONTRACT:
        return put(indicated, indicated_cap, "%s", zorgtype ? zorgtype : "") &&
               put(offered, offered_cap, "%s", c->pass ? "J" : "N");
    case MATCH_CHECK_OPNAMESTOP:
        return put(indicated, indicated_cap, "%s", "N") &&
               put(offered, offered_cap, "%s", c->pass ? "N" : "J");
    default:
        return false;
    }
}

/* ---- brute force --------------------------------------------------------------------------- */

static int cmp_id_prov(const void *x, const void *y)
{
    const ifzo_zorgaanbieder *const *a = x, *const *b = y;
    return (*a)->id < (*b)->id ? -1 : (*a)->id > (*b)->id;
}

static int cmp_id_loc(const void *x, const void *y)
{
    const ifzo_zorglocatie *const *a = x, *const *b = y;
    return (*a)->id < (*b)->id ? -1 : (*a)->id > (*b)->id;
}

typedef struct {
    const ifzo_zorgaanbieder **prov;
    const ifzo_zorglocatie **loc;
    ifzo_contract *contracts; /* copies sorted by provider */
    int8_t *matchable;        /* per provider (prov order): -1 not yet known */
} lookup;

static void lookup_free(lookup *lk)
{
    free(lk->prov);
    free(lk->loc);
    free(lk->contracts);
    free(lk->matchable);
}

static int cmp_contract(const void *x, const void *y)
{
    const ifzo_contract *a = x, *b = y;
    return a->zorgaanbieder_id < b->zorgaanbieder_id   ? -1
           : a->zorgaanbieder_id > b->zorgaanbieder_id ? 1
           : a->id < b->id                             ? -1
                                                       : a->id > b->id;
}

static bool lookup_build(const match_catalog *cat, lookup *lk, core_error *err)
{
    /* arrays of pointers into cat, sorted by id */
    lk->prov = malloc((cat->n_aanbieders + 1) * sizeof(const ifzo_zorgaanbieder *));
    lk->loc = malloc((cat->n_locaties + 1) * sizeof(const ifzo_zorglocatie *));
    lk->contracts = malloc((cat->n_contracts + 1) * sizeof *lk->contracts);
    lk->matchable = malloc(cat->n_aanbieders + 1);
    if (lk->prov == NULL || lk->loc == NULL || lk->contracts == NULL || lk->matchable == NULL) {
        lookup_free(lk);
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    }
    for (size_t i = 0; i < cat->n_aanbieders; i++)
        lk->prov[i] = &cat->aanbieders[i];
    for (size_t i = 0; i < cat->n_locaties; i++)
        lk->loc[i] = &cat->locaties[i];
    qsort(lk->prov, cat->n_aanbieders, sizeof(const ifzo_zorgaanbieder *), cmp_id_prov);
    qsort(lk->loc, cat->n_locaties, sizeof(const ifzo_zorglocatie *), cmp_id_loc);
    if (cat->n_contracts)
        memcpy(lk->contracts, cat->contracts, cat->n_contracts * sizeof *lk->contracts);
    qsort(lk->contracts, cat->n_contracts, sizeof *lk->contracts, cmp_contract);
    memset(lk->matchable, -1, cat->n_aanbieders + 1);
    for (size_t i = 1; i < cat->n_aanbieders; i++) {
        if (lk->prov[i]->id == lk->prov[i - 1]->id) {
            lookup_free(lk);
            return core_fail(err, "duplicate_id", "aanbieders", "Dubbele zorgaanbieder.");
        }
    }
    for (size_t i = 1; i < cat->n_locaties; i++) {
        if (lk->loc[i]->id == lk->loc[i - 1]->id) {
            lookup_free(lk);
            return core_fail(err, "duplicate_id", "locaties", "Dubbele locatie.");
        }
    }
    return true;
}

/* The location with this id and its position in lk->loc; NULL if unknown. */
static const ifzo_zorglocatie *find_loc(const lookup *lk, size_t n, int64_t id, size_t *pos)
{
    ifzo_zorglocatie key = {.id = id};
    const ifzo_zorglocatie *kp = &key;
    const ifzo_zorglocatie **hit =
        bsearch(&kp, lk->loc, n, sizeof(const ifzo_zorglocatie *), cmp_id_loc);
    if (hit == NULL)
        return NULL;
    *pos = (size_t)(hit - lk->loc);
    return *hit;
}

static const ifzo_zorgaanbieder *find_prov(const lookup *lk, size_t n, int64_t id)
{
    ifzo_zorgaanbieder key = {.id = id};
    const ifzo_zorgaanbieder *kp = &key;
    const ifzo_zorgaanbieder **hit =
        bsearch(&kp, lk->prov, n, sizeof(const ifzo_zorgaanbieder *), cmp_id_prov);
    return hit ? *hit : NULL;
}

/* zorgaanbieder_matchable for provider z (found at position pos), once per match: called with
 * only that provider's contracts, which is what the rule looks at anyway. */
static bool matchable(const match_catalog *cat, lookup *lk, const ifzo_zorgaanbieder *z,
                      const match_query *q)
{
    size_t pos = 0, lo = 0, hi = cat->n_aanbieders;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lk->prov[mid]->id < z->id)
            lo = mid + 1;
        else
            hi = mid;
    }
    pos = lo;
    if (lk->matchable[pos] < 0) {
        size_t a = 0, b = cat->n_contracts;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            if (lk->contracts[mid].zorgaanbieder_id < z->id)
                a = mid + 1;
            else
                b = mid;
        }
        size_t end = a;
        while (end < cat->n_contracts && lk->contracts[end].zorgaanbieder_id == z->id)
            end++;
        lk->matchable[pos] =
            (int8_t)zorgaanbieder_matchable(z, lk->contracts + a, end - a, q->zorgtype, q->dag);
    }
    return lk->matchable[pos] == 1;
}

/* Whether an offer of this care type covers the query's: its code is the query's or an
 * ancestor's (a cheap pre-check; match_entry_prepare resolves the index). */
static bool covering(const match_prep *p, const char *zorgtype)
{
    for (const codelist_entry *e = p->zt_entry; e != NULL; e = codelist_parent(e)) {
        if (strcmp(e->code, zorgtype) == 0)
            return true;
    }
    return false;
}

/* The entry and contract flag of offer i; false when the offer is ignored (unknown location
 * or provider, unknown codes, another care type). */
static bool resolve(const match_catalog *cat, lookup *lk, const match_lists *lists,
                    const match_prep *p, size_t i, match_entry *e, bool *contract_ok,
                    size_t *loc_pos)
{
    const ifzo_zorgaanbod *a = &cat->aanbod[i];
    if (!covering(p, a->zorgtype))
        return false;
    const ifzo_zorglocatie *l = find_loc(lk, cat->n_locaties, a->zorglocatie_id, loc_pos);
    if (l == NULL)
        return false;
    const ifzo_zorgaanbieder *z = find_prov(lk, cat->n_aanbieders, l->zorgaanbieder_id);
    if (z == NULL || !match_entry_prepare(lists, a, l, e) || !((p->covers >> e->zt) & 1u))
        return false;
    *contract_ok = matchable(cat, lk, z, p->q);
    return true;
}

/* Runs every covering offer through the explanation, keeps what is reported, orders, then
 * explains the shown ones into r->items. With only_loc >= 0: every offer of that location,
 * in catalog order, whatever its status (for match_explain_location). */
static bool brute(const match_catalog *cat, const match_config *cfg, const match_query *q,
                  match_result *r, int64_t only_loc, core_error *err)
{
    match_prep p;
    if (cat == NULL || r == NULL)
        return core_fail(err, "required", NULL, "Geen aanbod of resultaat.");
    if (!match_prepare(q, cfg, &p, err))
        return false;
    lookup lk;
    if (!lookup_build(cat, &lk, err))
        return false;
    uint8_t *seen = calloc(cat->n_locaties + 1, 1); /* per location: has a covering offer */
    if (seen == NULL) {
        lookup_free(&lk);
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    }
    match_lists lists;
    match_lists_get(&lists);
    match_result_start(r, &p);
    free(r->lazy); /* these items cannot be explained by an index */
    r->lazy = NULL;
    bool ok = true;
    for (size_t i = 0; i < cat->n_aanbod && ok; i++) {
        if (only_loc >= 0 && cat->aanbod[i].zorglocatie_id != only_loc)
            continue;
        match_entry e;
        bool contract_ok;
        size_t pos = 0;
        if (!resolve(cat, &lk, &lists, &p, i, &e, &contract_ok, &pos))
            continue;
        r->n_considered += !seen[pos];
        seen[pos] = 1;
        match_location ml;
        match_explain_entry(&p, &e, contract_ok, &ml);
        if (ml.status != MATCH_NOT_REPORTED || only_loc >= 0)
            ok = match_key_push(r, ml.zorglocatie_id, ml.zorgaanbod_id, ml.reistijd, (uint32_t)i,
                                ml.status, ml.in_region);
    }
    if (ok && only_loc < 0)
        ok = match_keys_finish(r, cfg, NULL, false);
    if (ok && only_loc >= 0) {
        r->n_items = r->n_keys;
        ok = reserve(r, r->n_keys);
    }
    /* Every key's offer resolved in the first loop; resolving it again cannot fail, but a
     * result is never filled from an unresolved entry. */
    bool resolved = true;
    for (size_t j = 0; ok && resolved && j < r->n_items; j++) {
        match_entry e;
        bool contract_ok = false;
        size_t pos;
        resolved =
            resolve(cat, &lk, &lists, &p, ((match_key *)r->keys)[j].idx, &e, &contract_ok, &pos);
        if (resolved)
            match_explain_entry(&p, &e, contract_ok, &r->items[j]);
    }
    free(seen);
    lookup_free(&lk);
    if (!ok)
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    if (!resolved)
        return core_fail(err, "internal", NULL, "Interne fout bij het toelichten.");
    return true;
}

bool match_brute_force(const match_catalog *cat, const match_config *cfg, const match_query *q,
                       match_result *r, core_error *err)
{
    return brute(cat, cfg, q, r, -1, err);
}

/* Best first: reported before not reported (rank 3), then as match_result_finish. */
static int explain_rank(const match_location *l)
{
    return l->status == MATCH_NOT_REPORTED ? 3 : rank_of(l->status, l->in_region);
}

bool match_explain_location(const match_catalog *cat, const match_config *cfg, const match_query *q,
                            int64_t zorglocatie_id, match_location *out, core_error *err)
{
    match_result r;
    match_result_init(&r);
    if (zorglocatie_id < 0 || out == NULL) {
        return core_fail(err, "required", "zorglocatie_id", "Geen locatie.");
    }
    if (!brute(cat, cfg, q, &r, zorglocatie_id, err)) {
        match_result_free(&r);
        return false;
    }
    if (r.n_items == 0) {
        match_result_free(&r);
        return core_fail(err, "not_considered", "zorglocatie_id",
                         "Deze locatie heeft geen aanbod voor dit zorgtype.");
    }
    size_t best = 0;
    for (size_t i = 1; i < r.n_items; i++) {
        int a = explain_rank(&r.items[i]), b = explain_rank(&r.items[best]);
        if (a < b || (a == b && r.items[i].n_failed < r.items[best].n_failed) ||
            (a == b && r.items[i].n_failed == r.items[best].n_failed &&
             r.items[i].zorgaanbod_id < r.items[best].zorgaanbod_id))
            best = i;
    }
    *out = r.items[best];
    match_result_free(&r);
    return true;
}
