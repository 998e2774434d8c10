/*
 * test_match_prep.c - the index prepares a query from code lists resolved once per care type
 * (match_prepare_cached, core/match_internal.h) instead of the string lookups of
 * match_prepare. Both must give exactly the same prepared query, and the same refusal with the
 * same code and field for an invalid one: this compares them on random valid queries and on
 * each kind of invalid query. Uses core's internal header on purpose (white-box test).
 */
#include "core/match.h"
#include "core/match_index.h"
#include "core/match_internal.h"

#include "../common/match_gen.h"

#include <criterion/criterion.h>
#include <string.h>

static void same_prep(const match_prep *a, const match_prep *b)
{
    cr_assert_eq(a->q, b->q);
    cr_assert_eq(a->cfg, b->cfg);
    cr_assert_eq(a->root, b->root);
    cr_assert_eq(a->zt_entry, b->zt_entry);
    cr_assert_eq(a->zt_index, b->zt_index);
    cr_assert_eq(a->covers, b->covers);
    cr_assert_eq(a->tested, b->tested);
    for (int c = 0; c < IFZO_CRIT_COUNT; c++)
        cr_assert_eq(a->want[c], b->want[c], "criterion %d", c);
    cr_assert_eq(a->age_tested, b->age_tested);
    cr_assert_eq(a->level_tested, b->level_tested);
    cr_assert_eq(a->level_ok, b->level_ok);
    cr_assert_eq(a->level_bit, b->level_bit);
    cr_assert_eq(a->client_arr, b->client_arr);
    cr_assert_eq(a->norm_min, b->norm_min);
    cr_assert_eq(a->bw_rule, b->bw_rule);
    cr_assert_eq(a->national_exception, b->national_exception);
}

/* Both preparations of q: the same outcome, prepared query or error. */
static bool both(const match_prep_cache *pc, const match_query *q, const match_config *cfg)
{
    match_prep a, b;
    core_error ea = {0}, eb = {0};
    bool oa = match_prepare(q, cfg, &a, &ea);
    bool ob = match_prepare_cached(pc, q, cfg, &b, &eb);
    cr_assert_eq(oa, ob, "%s", q->zorgtype);
    if (oa) {
        same_prep(&a, &b);
    } else {
        cr_assert_str_eq(ea.code, eb.code);
        cr_assert_eq(ea.field == NULL, eb.field == NULL);
        if (ea.field != NULL)
            cr_assert_str_eq(ea.field, eb.field);
    }
    return oa;
}

Test(match_prep, cached_preparation_equals_match_prepare_on_random_queries)
{
    mgen_catalog g;
    cr_assert(mgen_catalog_make(&g, 7, 200, 4, 50));
    match_prep_cache pc;
    match_prep_cache_init(&pc);
    match_config cfg;
    match_config_default(&cfg);
    mgen_rng r = {99};
    int valid = 0;
    for (int i = 0; i < 5000; i++) {
        match_query q;
        mgen_query(&g, &r, &q);
        cfg.dagbehandeling_norm_min = 30 + i % 16;
        valid += both(&pc, &q, &cfg);
    }
    cr_assert_eq(valid, 5000);
    mgen_catalog_free(&g);
}

Test(match_prep, cached_preparation_refuses_as_match_prepare)
{
    mgen_catalog g;
    cr_assert(mgen_catalog_make(&g, 7, 200, 4, 50));
    match_prep_cache pc;
    match_prep_cache_init(&pc);
    match_config cfg;
    match_config_default(&cfg);
    mgen_rng r = {100};
    int refused = 0;
    for (int i = 0; i < 3000; i++) {
        match_query q;
        mgen_query(&g, &r, &q);
        match_config c = cfg;
        int kind = i % 15;
        int crit = mgen_int(&r, IFZO_CRIT_COUNT);
        switch (kind) {
        case 0: /* a second value */
            q.criteria.set[crit] |= q.criteria.set[crit] << 1;
            break;
        case 1: /* a criterion left out */
            q.criteria.set[crit] = 0;
            break;
        case 2: /* a code the list does not have, or one of another care type */
            q.criteria.set[crit] = (ifzo_codeset)1 << mgen_int(&r, 64);
            break;
        case 3:
            q.beveiligingsniveau[0] = '\0';
            break;
        case 4:
            snprintf(q.beveiligingsniveau, sizeof q.beveiligingsniveau, "%d", mgen_int(&r, 10));
            break;
        case 5:
            q.leeftijd = mgen_chance(&r, 50) ? -1 : IFZO_AGE_MAX + 1;
            break;
        case 6:
            q.lat = 40.0;
            break;
        case 7:
            q.lon = 12.0;
            break;
        case 8:
            q.dag = -5;
            break;
        case 9:
            q.mode = MATCH_MODE_COUNT;
            break;
        case 10:
            snprintf(q.zorgtype, sizeof q.zorgtype, "%s", mgen_chance(&r, 50) ? "XYZ" : "");
            break;
        case 11: /* middel without a substance disorder, or missing with one */
            q.criteria.set[IFZO_CRIT_MIDDEL] =
                q.criteria.set[IFZO_CRIT_MIDDEL] ? 0 : (ifzo_codeset)1 << mgen_int(&r, 3);
            break;
        case 12:
            c.dagbehandeling_norm_min = 29;
            break;
        case 13:
            c.travel.speed_kmh = 0;
            break;
        default: /* valid */
            break;
        }
        refused += !both(&pc, &q, &c);
    }
    cr_assert_gt(refused, 1500);
    mgen_catalog_free(&g);
}
