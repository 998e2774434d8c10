/*
 * test_match.c - explainable matching (core/match.h) and its index (core/match_index.h):
 * every hard criterion and every reachability rule at its edges, the modes, the explanation
 * values, soft information, the order, and the property that the index returns exactly what
 * the brute-force filter returns. Every fixture case runs through both.
 */
#include "core/match.h"
#include "core/match_index.h"

#include "../common/match_gen.h"

#include <criterion/criterion.h>
#include <math.h>
#include <pthread.h>
#include <string.h>

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK, "%s", s);
    return d;
}

/* ---- fixture ------------------------------------------------------------------------------ */

typedef struct {
    ifzo_zorgaanbieder p[4];
    size_t np;
    ifzo_contract c[8];
    size_t nc;
    ifzo_zorglocatie l[8];
    size_t nl;
    ifzo_zorgaanbod o[16];
    size_t no;
    match_query q;
    match_config cfg;
} fx;

#define LAT0 52.0
#define LON0 5.0

static match_catalog cat_of(const fx *f)
{
    return (match_catalog){f->p, f->np, f->c, f->nc, f->l, f->nl, f->o, f->no};
}

static ifzo_codeset one(ifzo_crit c, const char *code)
{
    ifzo_codeset s = 0;
    cr_assert(ifzo_codeset_add(c, code, &s), "%s", code);
    return s;
}

/* A location at lat/lon (arrondissement arr, level lvl) of provider 1, index i. */
static ifzo_zorglocatie *add_loc(fx *f, int64_t id, double lat, const char *arr, const char *lvl)
{
    ifzo_zorglocatie *l = &f->l[f->nl++];
    memset(l, 0, sizeof *l);
    l->id = id;
    l->zorgaanbieder_id = 1;
    snprintf(l->naam, sizeof l->naam, "Locatie %lld", (long long)id);
    l->lat = lat;
    l->lon = LON0;
    snprintf(l->arrondissement, sizeof l->arrondissement, "%s", arr);
    snprintf(l->beveiligingsniveau, sizeof l->beveiligingsniveau, "%s", lvl);
    return l;
}

/* An offer at location loc_id accepting exactly what the query indicates. */
static ifzo_zorgaanbod *add_offer(fx *f, int64_t id, int64_t loc_id)
{
    ifzo_zorgaanbod *a = &f->o[f->no++];
    memset(a, 0, sizeof *a);
    a->id = id;
    a->zorglocatie_id = loc_id;
    snprintf(a->zorgtype, sizeof a->zorgtype, "%s", f->q.zorgtype);
    a->criteria = f->q.criteria;
    a->leeftijd_min = 18;
    a->leeftijd_max = 65;
    a->capaciteit = 20;
    a->bezet = 12;
    a->wachtlijst = 3;
    a->wachttijd_dagen = 21;
    a->opnamestop_van = a->opnamestop_tot = IFZO_NO_DATE;
    a->bijgewerkt_op = f->q.dag - 5;
    return a;
}

/* Provider 1 with an open contract for the query's care type since 2020, one location 10 in
 * MNE at level 3 with offer 100 that meets everything. */
static void setup(fx *f, const char *zorgtype)
{
    memset(f, 0, sizeof *f);
    match_config_default(&f->cfg);
    match_query *q = &f->q;
    snprintf(q->zorgtype, sizeof q->zorgtype, "%s", zorgtype);
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (c == IFZO_CRIT_MIDDEL || !ifzo_crit_applies(zorgtype, (ifzo_crit)c))
            continue;
        const codelist *list = ifzo_crit_list((ifzo_crit)c);
        for (size_t i = 0; i < list->count; i++) {
            if (ifzo_crit_value_allowed(zorgtype, (ifzo_crit)c, list->entries[i].code)) {
                q->criteria.set[c] = (ifzo_codeset)1 << i;
                break;
            }
        }
    }
    q->criteria.set[IFZO_CRIT_ARRONDISSEMENT] = one(IFZO_CRIT_ARRONDISSEMENT, "MNE");
    if (strcmp(ifzo_zorgtype_root(zorgtype), "KLIN") == 0) {
        q->criteria.set[IFZO_CRIT_ZORGSETTING] = one(IFZO_CRIT_ZORGSETTING, "FPK");
        strcpy(q->beveiligingsniveau, "3");
    }
    q->leeftijd = 30;
    q->lat = LAT0;
    q->lon = LON0;
    q->dag = D("2026-11-23");
    q->mode = MATCH_MODE_REGULAR;
    f->p[0] =
        (ifzo_zorgaanbieder){.id = 1, .naam = "Aanbieder", .agb = "06123456", .toelating = true};
    f->np = 1;
    f->c[0] = (ifzo_contract){
        .id = 1, .zorgaanbieder_id = 1, .geldig_van = D("2020-01-01"), .geldig_tot = IFZO_NO_DATE};
    snprintf(f->c[0].zorgtype, sizeof f->c[0].zorgtype, "%s", ifzo_zorgtype_root(zorgtype));
    f->nc = 1;
    add_loc(f, 10, LAT0, "MNE", "3");
    add_offer(f, 100, 10);
}

static void same_location(const match_location *a, const match_location *b)
{
    cr_assert_eq(a->zorglocatie_id, b->zorglocatie_id);
    cr_assert_eq(a->zorgaanbod_id, b->zorgaanbod_id, "location %lld", (long long)a->zorglocatie_id);
    cr_assert_eq(a->zorgaanbieder_id, b->zorgaanbieder_id);
    cr_assert_eq(a->status, b->status);
    cr_assert_eq(a->in_region, b->in_region);
    cr_assert(a->reistijd == b->reistijd);
    cr_assert_eq(a->reistijd_min, b->reistijd_min);
    cr_assert_eq(a->n_failed, b->n_failed);
    cr_assert_eq(a->failed, b->failed);
    cr_assert_eq(a->n_checks, b->n_checks);
    for (int i = 0; i < a->n_checks; i++) {
        const match_check *x = &a->checks[i], *y = &b->checks[i];
        cr_assert(x->id == y->id && x->pass == y->pass && x->region == y->region &&
                  x->national == y->national && x->indicated == y->indicated &&
                  x->offered == y->offered && x->number == y->number && x->min == y->min &&
                  x->max == y->max);
    }
    const match_soft *x = &a->soft, *y = &b->soft;
    cr_assert(x->capaciteit == y->capaciteit && x->bezet == y->bezet && x->vrij == y->vrij &&
              x->wachtlijst == y->wachtlijst && x->wachttijd_dagen == y->wachttijd_dagen &&
              x->bijgewerkt_op == y->bijgewerkt_op && x->stale == y->stale &&
              x->opnamestop == y->opnamestop && x->opnamestop_van == y->opnamestop_van &&
              x->opnamestop_tot == y->opnamestop_tot);
}

static void same_result(const match_result *a, const match_result *b)
{
    cr_assert_eq(a->mode, b->mode);
    cr_assert_eq(a->outside_region, b->outside_region);
    cr_assert_eq(a->n_considered, b->n_considered);
    cr_assert_eq(a->n_in_region, b->n_in_region);
    cr_assert_eq(a->region_empty, b->region_empty);
    cr_assert_eq(a->n_items, b->n_items);
    cr_assert_eq(a->n_proposed, b->n_proposed);
    cr_assert_eq(a->n_widened, b->n_widened);
    cr_assert_eq(a->n_near, b->n_near);
    cr_assert_eq(a->n_widened_total, b->n_widened_total);
    cr_assert_eq(a->n_near_total, b->n_near_total);
    for (size_t i = 0; i < a->n_items; i++)
        same_location(&a->items[i], &b->items[i]);
}

/* The summary match_index_run_lazy gives of a location: a's fields without the explanation. */
static void same_summary(const match_location *a, const match_location *lazy)
{
    cr_assert_eq(a->zorglocatie_id, lazy->zorglocatie_id);
    cr_assert_eq(a->zorgaanbod_id, lazy->zorgaanbod_id);
    cr_assert_eq(a->zorgaanbieder_id, lazy->zorgaanbieder_id);
    cr_assert_eq(a->status, lazy->status);
    cr_assert_eq(a->in_region, lazy->in_region);
    cr_assert_eq(a->n_failed, lazy->n_failed);
    cr_assert_eq(a->failed, lazy->failed, "location %lld", (long long)a->zorglocatie_id);
    cr_assert_eq(lazy->n_checks, 0);
    cr_assert(lazy->reistijd == -1 && lazy->reistijd_min == -1);
}

/* The lazy run of the index equals a (the brute force) item by item in summary, and after
 * match_index_explain of every item (in two parts) exactly. */
static void lazy_equals(const match_index *ix, const match_config *cfg, const match_query *q,
                        const match_result *a, match_result *b)
{
    core_error e = {0};
    cr_assert(match_index_run_lazy(ix, cfg, q, b, &e), "%s %s", e.code, e.field);
    cr_assert_eq(a->n_items, b->n_items);
    for (size_t i = 0; i < a->n_items; i++)
        same_summary(&a->items[i], &b->items[i]);
    size_t half = b->n_items / 2;
    cr_assert(match_index_explain(ix, b, half, b->n_items, &e), "%s", e.code);
    cr_assert(match_index_explain(ix, b, 0, half, &e), "%s", e.code);
    same_result(a, b);
}

/* Runs brute force and index; asserts they agree; r gets the result. */
static void run(fx *f, match_result *r)
{
    match_catalog cat = cat_of(f);
    core_error e = {0};
    match_result_init(r);
    cr_assert(match_brute_force(&cat, &f->cfg, &f->q, r, &e), "%s %s", e.code, e.field);
    match_index *ix = match_index_build(&cat, 1, &e);
    cr_assert_not_null(ix, "%s", e.code);
    match_result r2;
    match_result_init(&r2);
    cr_assert(match_index_run(ix, &f->cfg, &f->q, &r2, &e), "%s %s", e.code, e.field);
    same_result(r, &r2);
    lazy_equals(ix, &f->cfg, &f->q, r, &r2);
    match_result_free(&r2);
    match_index_unref(ix);
}

static const match_check *check_of(const match_location *l, match_check_id id)
{
    for (int i = 0; i < l->n_checks; i++) {
        if (l->checks[i].id == id)
            return &l->checks[i];
    }
    return NULL;
}

/* The single location's status after run. */
static match_status status1(fx *f, match_check_id *failed)
{
    match_result r;
    run(f, &r);
    match_status s = MATCH_NOT_REPORTED;
    if (r.n_items == 1) {
        s = r.items[0].status;
        if (failed)
            *failed = r.items[0].failed;
    }
    match_result_free(&r);
    return s;
}

/* ---- criteria ------------------------------------------------------------------------------- */

Test(match, full_match_is_proposed_with_every_check_explained)
{
    fx f;
    setup(&f, "KLIN");
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.n_considered, 1);
    cr_assert_eq(r.n_proposed, 1);
    cr_assert_eq(r.n_in_region, 1);
    cr_assert_not(r.region_empty);
    const match_location *l = &r.items[0];
    cr_assert_eq(l->status, MATCH_PROPOSED);
    cr_assert(l->in_region);
    cr_assert_eq(l->zorgaanbod_id, 100);
    /* KLIN: 8 code criteria (no middel), leeftijd, niveau, contract, opnamestop; no norm */
    cr_assert_eq(l->n_checks, 12);
    cr_assert_null(check_of(l, (match_check_id)IFZO_CRIT_MIDDEL));
    cr_assert_null(check_of(l, MATCH_CHECK_BEREIKBAARHEID));
    for (int i = 0; i < l->n_checks; i++)
        cr_assert(l->checks[i].pass, "%s", match_check_name(l->checks[i].id));
    char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
    cr_assert(match_check_format(check_of(l, (match_check_id)IFZO_CRIT_ZORGSETTING), "KLIN", ind,
                                 sizeof ind, off, sizeof off));
    cr_assert_str_eq(ind, "FPK");
    cr_assert_str_eq(off, "FPK");
    cr_assert(match_check_format(check_of(l, MATCH_CHECK_LEEFTIJD), "KLIN", ind, sizeof ind, off,
                                 sizeof off));
    cr_assert_str_eq(ind, "30");
    cr_assert_str_eq(off, "18-65");
    cr_assert(match_check_format(check_of(l, MATCH_CHECK_BEVEILIGINGSNIVEAU), "KLIN", ind,
                                 sizeof ind, off, sizeof off));
    cr_assert_str_eq(ind, "3");
    cr_assert_str_eq(off, "3");
    cr_assert(match_check_format(check_of(l, MATCH_CHECK_CONTRACT), "KLIN", ind, sizeof ind, off,
                                 sizeof off));
    cr_assert_str_eq(ind, "KLIN");
    cr_assert_str_eq(off, "J");
    cr_assert_eq(l->reistijd_min, 5); /* same place: the model's fixed 5 minutes */
    match_result_free(&r);
}

Test(match, each_code_criterion_failing_alone_is_a_near_miss_with_that_criterion)
{
    static const char *types[] = {"KLIN", "BW", "ABH"};
    for (size_t t = 0; t < 3; t++) {
        for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
            fx f;
            setup(&f, types[t]);
            if (c == IFZO_CRIT_ARRONDISSEMENT || f.q.criteria.set[c] == 0)
                continue;
            /* the offer accepts every allowed value but the indicated one */
            ifzo_codeset all = 0;
            const codelist *list = ifzo_crit_list((ifzo_crit)c);
            for (size_t i = 0; i < list->count; i++) {
                if (ifzo_crit_value_allowed(types[t], (ifzo_crit)c, list->entries[i].code))
                    all |= (ifzo_codeset)1 << i;
            }
            f.o[0].criteria.set[c] = all & ~f.q.criteria.set[c];
            match_check_id failed = MATCH_CHECK_COUNT;
            cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS, "%s %s", types[t],
                         ifzo_crit_name((ifzo_crit)c));
            cr_assert_eq(failed, (match_check_id)c);
            /* accepting the indicated value among others passes */
            f.o[0].criteria.set[c] = all;
            cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
        }
    }
}

Test(match, two_failures_are_not_reported_but_explained_on_request)
{
    fx f;
    setup(&f, "KLIN");
    f.o[0].criteria.set[IFZO_CRIT_GESLACHT] = one(IFZO_CRIT_GESLACHT, "2");
    f.o[0].leeftijd_min = 40;
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.n_items, 0);
    cr_assert_eq(r.n_considered, 1);
    cr_assert(r.region_empty);
    match_result_free(&r);
    match_catalog cat = cat_of(&f);
    match_location l;
    core_error e;
    cr_assert(match_explain_location(&cat, &f.cfg, &f.q, 10, &l, &e));
    cr_assert_eq(l.status, MATCH_NOT_REPORTED);
    cr_assert_eq(l.n_failed, 2);
    cr_assert_not(check_of(&l, (match_check_id)IFZO_CRIT_GESLACHT)->pass);
    cr_assert_not(check_of(&l, MATCH_CHECK_LEEFTIJD)->pass);
    cr_assert_not(match_explain_location(&cat, &f.cfg, &f.q, 99, &l, &e));
    cr_assert_str_eq(e.code, "not_considered");
}

Test(match, age_boundaries_inclusive_and_not_for_ambulant)
{
    fx f;
    setup(&f, "KLIN");
    f.o[0].leeftijd_min = 30;
    f.o[0].leeftijd_max = 30;
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    f.q.leeftijd = 29;
    match_check_id failed;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_LEEFTIJD);
    f.q.leeftijd = 31;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_LEEFTIJD);
    f.q.leeftijd = 120;
    f.o[0].leeftijd_max = 120;
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);

    setup(&f, "ABH");
    f.o[0].leeftijd_min = 50;
    f.o[0].leeftijd_max = 60;
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_PROPOSED);
    cr_assert_null(check_of(&r.items[0], MATCH_CHECK_LEEFTIJD));
    match_result_free(&r);
}

Test(match, middel_is_tested_only_when_indicated)
{
    fx f;
    setup(&f, "KLIN");
    /* absent (DSM not 04): an offer without middel and one with middel both match */
    f.o[0].criteria.set[IFZO_CRIT_MIDDEL] = one(IFZO_CRIT_MIDDEL, "ALC");
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    f.q.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP] = one(IFZO_CRIT_DSM_HOOFDGROEP, "04");
    f.o[0].criteria.set[IFZO_CRIT_DSM_HOOFDGROEP] = one(IFZO_CRIT_DSM_HOOFDGROEP, "04");
    f.q.criteria.set[IFZO_CRIT_MIDDEL] = one(IFZO_CRIT_MIDDEL, "COC");
    match_check_id failed;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, (match_check_id)IFZO_CRIT_MIDDEL);
    f.o[0].criteria.set[IFZO_CRIT_MIDDEL] = 0; /* an offer that treats no substance disorder */
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, (match_check_id)IFZO_CRIT_MIDDEL);
    f.o[0].criteria.set[IFZO_CRIT_MIDDEL] = one(IFZO_CRIT_MIDDEL, "COC");
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
}

/* ---- security level and modes --------------------------------------------------------------- */

Test(match, security_level_equal_lower_higher_per_mode)
{
    fx f;
    setup(&f, "KLIN");
    /* level 2 location offering FPA (a level-2 setting) for an FPK/3 indication */
    strcpy(f.l[0].beveiligingsniveau, "2");
    f.o[0].criteria.set[IFZO_CRIT_ZORGSETTING] = one(IFZO_CRIT_ZORGSETTING, "FPA");
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.n_items, 0); /* regular: niveau and zorgsetting fail */
    match_result_free(&r);
    for (int m = MATCH_MODE_OVERBRUGGING; m <= MATCH_MODE_SECOND_BEST; m++) {
        f.q.mode = (match_mode)m;
        run(&f, &r);
        cr_assert_eq(r.mode, (match_mode)m);
        cr_assert_eq(r.n_proposed, 1, "%s", match_mode_name((match_mode)m));
        char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
        cr_assert(match_check_format(check_of(&r.items[0], MATCH_CHECK_BEVEILIGINGSNIVEAU), "KLIN",
                                     ind, sizeof ind, off, sizeof off));
        cr_assert_str_eq(ind, "3");
        cr_assert_str_eq(off, "2");
        match_result_free(&r);
    }
    /* equal passes in every mode */
    strcpy(f.l[0].beveiligingsniveau, "3");
    f.o[0].criteria.set[IFZO_CRIT_ZORGSETTING] = one(IFZO_CRIT_ZORGSETTING, "FPK");
    for (int m = 0; m < MATCH_MODE_COUNT; m++) {
        f.q.mode = (match_mode)m;
        cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    }
    /* higher fails in every mode */
    strcpy(f.l[0].beveiligingsniveau, "4");
    for (int m = 0; m < MATCH_MODE_COUNT; m++) {
        f.q.mode = (match_mode)m;
        match_check_id failed;
        cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
        cr_assert_eq(failed, MATCH_CHECK_BEVEILIGINGSNIVEAU);
    }
    /* lower with the regular mode: near miss on the level alone when the setting matches */
    strcpy(f.l[0].beveiligingsniveau, "2");
    f.q.mode = MATCH_MODE_REGULAR;
    match_check_id failed;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_BEVEILIGINGSNIVEAU);
}

/* ---- contract and intake stop -----------------------------------------------------------------
 */

Test(match, contract_valid_on_the_day_only_and_with_admission)
{
    fx f;
    setup(&f, "TBS"); /* a KLIN contract covers TBS */
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    f.c[0].geldig_tot = f.q.dag; /* last day */
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    f.c[0].geldig_tot = f.q.dag - 1; /* expired */
    match_check_id failed;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_CONTRACT);
    f.c[0].geldig_tot = IFZO_NO_DATE;
    f.c[0].geldig_van = f.q.dag + 1; /* not yet */
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_CONTRACT);
    f.c[0].geldig_van = f.q.dag;
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    strcpy(f.c[0].zorgtype, "BW"); /* another care type */
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_CONTRACT);
    strcpy(f.c[0].zorgtype, "TBS");
    f.p[0].toelating = false;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_CONTRACT);
}

Test(match, intake_stop_on_the_day_fails_and_is_shown_as_soft_information)
{
    fx f;
    setup(&f, "BW");
    ifzo_zorgaanbod *a = &f.o[0];
    a->opnamestop = true;
    a->opnamestop_van = f.q.dag;
    a->opnamestop_tot = IFZO_NO_DATE;
    match_check_id failed;
    cr_assert_eq(status1(&f, &failed), MATCH_NEAR_MISS);
    cr_assert_eq(failed, MATCH_CHECK_OPNAMESTOP);
    a->opnamestop_van = f.q.dag - 10;
    a->opnamestop_tot = f.q.dag - 1; /* ended yesterday */
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    a->opnamestop_van = f.q.dag + 1; /* starts tomorrow: proposed, stop shown */
    a->opnamestop_tot = IFZO_NO_DATE;
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_PROPOSED);
    cr_assert(r.items[0].soft.opnamestop);
    cr_assert_eq(r.items[0].soft.opnamestop_van, f.q.dag + 1);
    match_result_free(&r);
}

Test(match, soft_information_is_never_filtered_and_stale_after_the_configured_age)
{
    fx f;
    setup(&f, "KLIN");
    f.o[0].capaciteit = 10;
    f.o[0].bezet = 10;
    f.o[0].wachtlijst = 40;
    f.o[0].wachttijd_dagen = 365;
    f.o[0].bijgewerkt_op = f.q.dag - 30;
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_PROPOSED);
    const match_soft *s = &r.items[0].soft;
    cr_assert_eq(s->vrij, 0);
    cr_assert_eq(s->wachtlijst, 40);
    cr_assert_eq(s->wachttijd_dagen, 365);
    cr_assert_eq(s->bijgewerkt_op, f.q.dag - 30);
    cr_assert_not(s->stale); /* exactly 30 days: not yet stale */
    match_result_free(&r);
    f.o[0].bijgewerkt_op = f.q.dag - 31;
    run(&f, &r);
    cr_assert(r.items[0].soft.stale);
    match_result_free(&r);
    f.cfg.stale_days = 31;
    run(&f, &r);
    cr_assert_not(r.items[0].soft.stale);
    match_result_free(&r);
}

/* ---- reachability ------------------------------------------------------------------------------
 */

/* Latitude at `km` north of LAT0 along the meridian. */
static double north(double km)
{
    return LAT0 + km / 6371.0088 * 180.0 / 3.14159265358979323846;
}

/* A travel model in which minutes = great-circle km. */
static void km_model(fx *f)
{
    f->cfg.travel = (struct ifzo_travel_model){.detour_factor = 1, .speed_kmh = 60, .fixed_min = 0};
}

Test(match, dagbehandeling_norm_exactly_on_the_norm_passes_and_is_configurable)
{
    fx f;
    setup(&f, "ADB");
    km_model(&f);
    f.l[0].lat = north(45.0);
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_PROPOSED);
    cr_assert_eq(r.items[0].reistijd_min, 45);
    char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
    cr_assert(match_check_format(check_of(&r.items[0], MATCH_CHECK_BEREIKBAARHEID), "ADB", ind,
                                 sizeof ind, off, sizeof off));
    cr_assert_str_eq(ind, "max 45 min");
    cr_assert_str_eq(off, "45 min");
    match_result_free(&r);
    f.l[0].lat = north(45.6); /* rounds to 46: outside the norm */
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_WIDENED);
    cr_assert_not(r.items[0].in_region);
    cr_assert(r.region_empty);
    cr_assert_eq(r.n_proposed, 0);
    match_result_free(&r);
    f.q.outside_region = true;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_PROPOSED);
    cr_assert_not(r.items[0].in_region);
    cr_assert(r.region_empty);
    match_result_free(&r);
    f.q.outside_region = false;
    f.cfg.dagbehandeling_norm_min = 30;
    f.l[0].lat = north(30.0);
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    f.l[0].lat = north(31.0);
    cr_assert_eq(status1(&f, NULL), MATCH_WIDENED);
    core_error e;
    f.cfg.dagbehandeling_norm_min = 29;
    cr_assert_not(match_config_check(&f.cfg, &e));
    cr_assert_str_eq(e.field, "dagbehandeling_norm_min");
}

Test(match, ambulante_behandeling_within_one_hour)
{
    fx f;
    setup(&f, "ABH");
    km_model(&f);
    f.l[0].lat = north(60.0);
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    f.l[0].lat = north(61.0);
    cr_assert_eq(status1(&f, NULL), MATCH_WIDENED);
    /* ambulante begeleiding has no norm */
    setup(&f, "ABG");
    km_model(&f);
    f.l[0].lat = north(150.0);
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
}

Test(match, beschermd_wonen_only_in_the_clients_arrondissement)
{
    fx f;
    setup(&f, "BW");
    strcpy(f.l[0].arrondissement, "GLD"); /* serves MNE, but lies in Gelderland */
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_WIDENED);
    const match_check *c = check_of(&r.items[0], MATCH_CHECK_BEREIKBAARHEID);
    cr_assert_not(c->pass);
    char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
    cr_assert(match_check_format(c, "BW", ind, sizeof ind, off, sizeof off));
    cr_assert_str_eq(ind, "MNE");
    cr_assert_str_eq(off, "GLD");
    match_result_free(&r);
    strcpy(f.l[0].arrondissement, "MNE");
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
}

Test(match, region_first_outside_only_on_request_and_what_widening_adds)
{
    fx f;
    setup(&f, "KLIN");
    /* location 10 serves only NNE: outside the client's MNE */
    f.o[0].criteria.set[IFZO_CRIT_ARRONDISSEMENT] = one(IFZO_CRIT_ARRONDISSEMENT, "NNE");
    match_result r;
    run(&f, &r);
    cr_assert(r.region_empty);
    cr_assert_eq(r.n_proposed, 0);
    cr_assert_eq(r.n_widened, 1);
    cr_assert_eq(r.items[0].zorglocatie_id, 10);
    match_result_free(&r);
    /* a farther in-region location is listed before the nearer outside one */
    add_loc(&f, 11, north(50), "MNE", "3");
    add_offer(&f, 101, 11);
    f.q.outside_region = true;
    run(&f, &r);
    cr_assert_not(r.region_empty);
    cr_assert_eq(r.n_proposed, 2);
    cr_assert_eq(r.n_in_region, 1);
    cr_assert_eq(r.items[0].zorglocatie_id, 11);
    cr_assert(r.items[0].in_region);
    cr_assert_eq(r.items[1].zorglocatie_id, 10);
    cr_assert_not(r.items[1].in_region);
    match_result_free(&r);
    /* with a proposal in the region the widened search is not shown */
    f.q.outside_region = false;
    run(&f, &r);
    cr_assert_eq(r.n_proposed, 1);
    cr_assert_eq(r.n_widened, 0);
    cr_assert_eq(r.n_items, 1);
    match_result_free(&r);
}

Test(match, national_function_clinics_are_eligible_regardless_of_region)
{
    fx f;
    setup(&f, "KLIN");
    f.o[0].criteria.set[IFZO_CRIT_ARRONDISSEMENT] = one(IFZO_CRIT_ARRONDISSEMENT, "NNE");
    f.l[0].landelijke_functie = true; /* level 3 */
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.items[0].status, MATCH_PROPOSED);
    cr_assert(r.items[0].in_region);
    const match_check *c = check_of(&r.items[0], (match_check_id)IFZO_CRIT_ARRONDISSEMENT);
    cr_assert(c->pass && c->national);
    char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
    cr_assert(match_check_format(c, "KLIN", ind, sizeof ind, off, sizeof off));
    cr_assert_str_eq(ind, "MNE");
    cr_assert_str_eq(off, "NNE (landelijke functie)");
    match_result_free(&r);
    /* a level-2 location cannot have the exception */
    strcpy(f.l[0].beveiligingsniveau, "2");
    f.q.mode = MATCH_MODE_SECOND_BEST;
    f.o[0].criteria.set[IFZO_CRIT_ZORGSETTING] = one(IFZO_CRIT_ZORGSETTING, "FPA");
    cr_assert_eq(status1(&f, NULL), MATCH_WIDENED);
    /* not for beschermd wonen */
    setup(&f, "BW");
    f.o[0].criteria.set[IFZO_CRIT_ARRONDISSEMENT] = one(IFZO_CRIT_ARRONDISSEMENT, "NNE");
    f.l[0].landelijke_functie = true;
    cr_assert_eq(status1(&f, NULL), MATCH_WIDENED);
}

/* ---- order, best offer, considered -------------------------------------------------------------
 */

Test(match, nearest_first_ties_by_location_id_one_entry_per_location)
{
    fx f;
    setup(&f, "KLIN");
    f.l[0].lat = north(20);
    add_loc(&f, 7, north(20), "MNE", "3"); /* same place, lower id */
    add_offer(&f, 102, 7);
    add_loc(&f, 30, north(3), "MNE", "3");
    add_offer(&f, 103, 30);
    /* location 30 has a second, failing offer and location 7 a near-miss one: best wins */
    ifzo_zorgaanbod *x = add_offer(&f, 90, 30);
    x->leeftijd_min = 50;
    add_loc(&f, 40, north(1), "MNE", "3");
    x = add_offer(&f, 104, 40);
    x->leeftijd_min = 50; /* near miss, nearest of all */
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.n_considered, 4);
    cr_assert_eq(r.n_proposed, 3);
    cr_assert_eq(r.n_near, 1);
    cr_assert_eq(r.items[0].zorglocatie_id, 30);
    cr_assert_eq(r.items[0].zorgaanbod_id, 103);
    cr_assert_eq(r.items[1].zorglocatie_id, 7);
    cr_assert_eq(r.items[2].zorglocatie_id, 10);
    cr_assert_eq(r.items[3].zorglocatie_id, 40);
    cr_assert_eq(r.items[3].status, MATCH_NEAR_MISS);
    cr_assert_eq(r.items[3].failed, MATCH_CHECK_LEEFTIJD);
    match_result_free(&r);
}

Test(match, near_misses_and_widened_are_capped_nearest_first_with_totals)
{
    fx f;
    setup(&f, "KLIN");
    f.o[0].leeftijd_min = 40; /* near miss at distance 0 */
    for (int i = 1; i <= 3; i++) {
        add_loc(&f, 10 + i, north(10.0 * i), "MNE", "3");
        add_offer(&f, 100 + i, 10 + i)->leeftijd_min = 40;
    }
    f.cfg.max_near = 2;
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.n_near_total, 4);
    cr_assert_eq(r.n_near, 2);
    cr_assert_eq(r.n_items, 2);
    cr_assert_eq(r.items[0].zorglocatie_id, 10);
    cr_assert_eq(r.items[1].zorglocatie_id, 11);
    match_result_free(&r);
    f.cfg.max_near = 0;
    run(&f, &r);
    cr_assert_eq(r.n_items, 0);
    cr_assert_eq(r.n_near_total, 4);
    match_result_free(&r);
}

Test(match, only_offers_of_the_care_type_or_its_parent_are_considered)
{
    fx f;
    setup(&f, "TBS");
    strcpy(f.o[0].zorgtype, "KLIN"); /* a KLIN offer serves a TBS indication */
    cr_assert_eq(status1(&f, NULL), MATCH_PROPOSED);
    setup(&f, "KLIN");
    strcpy(f.o[0].zorgtype, "TBS"); /* a TBS offer does not serve a general KLIN one */
    match_result r;
    run(&f, &r);
    cr_assert_eq(r.n_considered, 0);
    cr_assert_eq(r.n_items, 0);
    match_result_free(&r);
}

Test(match, invalid_queries_are_refused)
{
    fx f;
    setup(&f, "KLIN");
    match_catalog cat = cat_of(&f);
    match_result r;
    match_result_init(&r);
    core_error e;
    f.q.beveiligingsniveau[0] = '\0';
    cr_assert_not(match_brute_force(&cat, &f.cfg, &f.q, &r, &e));
    cr_assert_str_eq(e.field, "beveiligingsniveau");
    setup(&f, "KLIN");
    f.q.criteria.set[IFZO_CRIT_GESLACHT] = 0;
    cr_assert_not(match_brute_force(&cat, &f.cfg, &f.q, &r, &e));
    cr_assert_str_eq(e.code, "incomplete");
    setup(&f, "KLIN");
    f.q.mode = MATCH_MODE_COUNT;
    cr_assert_not(match_brute_force(&cat, &f.cfg, &f.q, &r, &e));
    cr_assert_str_eq(e.field, "mode");
    match_mode m;
    cr_assert(match_mode_from_name("second_best", &m));
    cr_assert_eq(m, MATCH_MODE_SECOND_BEST);
    cr_assert_not(match_mode_from_name("best", &m));
    setup(&f, "KLIN");
    f.l[1] = f.l[0];
    f.nl = 2;
    cat = cat_of(&f);
    cr_assert_not(match_brute_force(&cat, &f.cfg, &f.q, &r, &e));
    cr_assert_str_eq(e.code, "duplicate_id");
    cr_assert_str_eq(e.field, "locaties");
    setup(&f, "KLIN");
    f.o[1] = f.o[0];
    f.no = 2;
    cat = cat_of(&f);
    cr_assert_null(match_index_build(&cat, 1, &e));
    cr_assert_str_eq(e.code, "duplicate_id");
    match_result_free(&r);
}

Test(match, query_from_a_definitive_indication)
{
    ifzo_indicatie ind = {.status = IFZO_IND_CONCEPT, .zorgtype = "BW"};
    fx f;
    setup(&f, "BW");
    ind.criteria = f.q.criteria;
    ifzo_justitiabele cl = {.geboortedatum = D("1996-11-23"), .postcode = "3511"};
    match_query q;
    core_error e;
    cr_assert_not(
        match_query_from_indicatie(&ind, &cl, D("2026-11-23"), MATCH_MODE_REGULAR, false, &q, &e));
    cr_assert_str_eq(e.code, "invalid_state");
    ind.status = IFZO_IND_DEFINITIEF;
    cr_assert(match_query_from_indicatie(&ind, &cl, D("2026-11-23"), MATCH_MODE_OVERBRUGGING, true,
                                         &q, &e),
              "%s %s", e.code, e.field);
    cr_assert_eq(q.leeftijd, 30);
    cr_assert_eq(q.leeftijd, ifzo_age_on(cl.geboortedatum, q.dag));
    cr_assert(q.outside_region);
    cr_assert_eq(q.mode, MATCH_MODE_OVERBRUGGING);
    struct ifzo_geo_place pl;
    cr_assert_eq(ifzo_geo_lookup("3511", &pl), IFZO_GEO_OK);
    cr_assert(q.lat == pl.lat && q.lon == pl.lon);
    cr_assert_eq(ifzo_age_on(cl.geboortedatum, D("2026-11-22")), 29);
}

Test(match, lazy_results_are_explained_only_by_their_own_index)
{
    fx f;
    setup(&f, "KLIN");
    add_loc(&f, 11, LAT0 + 0.1, "MNE", "3");
    add_offer(&f, 101, 11)->leeftijd_min = 40; /* near miss on age */
    match_catalog cat = cat_of(&f);
    core_error e = {0};
    match_index *ix = match_index_build(&cat, 1, &e), *other = match_index_build(&cat, 1, &e);
    cr_assert(ix != NULL && other != NULL);
    match_result r;
    match_result_init(&r);
    cr_assert(match_index_run_lazy(ix, &f.cfg, &f.q, &r, &e), "%s", e.code);
    cr_assert_eq(r.n_items, 2);
    cr_assert_eq(r.items[1].status, MATCH_NEAR_MISS);
    cr_assert_eq(r.items[1].failed, MATCH_CHECK_LEEFTIJD);
    cr_assert_eq(r.items[1].n_checks, 0);
    cr_assert_not(match_index_explain(other, &r, 0, 2, &e));
    cr_assert_str_eq(e.code, "stale_index");
    cr_assert_not(match_index_explain(ix, &r, 1, 3, &e));
    cr_assert_str_eq(e.code, "out_of_range");
    cr_assert(match_index_explain(ix, &r, 1, 2, &e), "%s", e.code);
    cr_assert_eq(r.items[0].n_checks, 0); /* only what was asked */
    cr_assert_gt(r.items[1].n_checks, 2);
    match_result full;
    match_result_init(&full);
    cr_assert(match_index_run(ix, &f.cfg, &f.q, &full, &e));
    same_location(&full.items[1], &r.items[1]);
    cr_assert_gt(r.items[1].reistijd_min, 0);
    match_result_free(&full);
    /* a brute-force result on the same struct cannot be explained by an index */
    cr_assert(match_brute_force(&cat, &f.cfg, &f.q, &r, &e));
    cr_assert_not(match_index_explain(ix, &r, 0, 1, &e));
    cr_assert_str_eq(e.code, "stale_index");
    match_result_free(&r);
    match_index_unref(ix);
    match_index_unref(other);
}

/* ---- property: index == brute force ------------------------------------------------------------
 */

/* 10,000 random indications in four runs of 2,500 (each its own seed and timeout) on one
 * catalog of more than 10,000 offers. */
static void property_run(uint64_t seed)
{
    mgen_catalog g;
    cr_assert(mgen_catalog_make(&g, 20261123, 1100, 20, 150));
    cr_assert_geq(g.cat.n_aanbod, 10000);
    core_error e;
    match_index *ix = match_index_build(&g.cat, 7, &e);
    cr_assert_not_null(ix);
    cr_assert_eq(match_index_offers(ix), g.cat.n_aanbod);
    match_config cfg;
    match_config_default(&cfg);
    mgen_rng r = {seed};
    match_result a, b;
    match_result_init(&a);
    match_result_init(&b);
    size_t proposed = 0, near = 0, widened = 0, outside = 0, national = 0, capped = 0;
    for (int i = 0; i < 2500; i++) {
        match_query q;
        mgen_query(&g, &r, &q);
        /* odd: every near miss and widened location listed; even: the default caps */
        cfg.max_near = cfg.max_widened = i % 2 ? 10000 : 25;
        cr_assert(match_brute_force(&g.cat, &cfg, &q, &a, &e), "%s %s", e.code, e.field);
        cr_assert(match_index_run(ix, &cfg, &q, &b, &e), "%s %s", e.code, e.field);
        same_result(&a, &b);
        if (i % 4 == 0)
            lazy_equals(ix, &cfg, &q, &a, &b);
        proposed += a.n_proposed;
        near += a.n_near;
        widened += a.n_widened;
        capped += a.n_near < a.n_near_total;
        outside += a.n_proposed - a.n_in_region;
        for (size_t k = 0; k < a.n_items; k++) {
            const match_check *c = check_of(&a.items[k], (match_check_id)IFZO_CRIT_ARRONDISSEMENT);
            national += c->national;
        }
    }
    /* the data exercise every outcome */
    cr_assert_gt(proposed, 25);
    cr_assert_gt(near, 25);
    cr_assert_gt(widened, 25);
    cr_assert_gt(outside, 25);
    cr_assert_gt(national, 3);
    cr_assert_gt(capped, 3);
    match_result_free(&a);
    match_result_free(&b);
    match_index_unref(ix);
    mgen_catalog_free(&g);
}

Test(match_property, index_equals_brute_force_run_1, .timeout = 900)
{
    property_run(42);
}

Test(match_property, index_equals_brute_force_run_2, .timeout = 900)
{
    property_run(43);
}

Test(match_property, index_equals_brute_force_run_3, .timeout = 900)
{
    property_run(44);
}

Test(match_property, index_equals_brute_force_run_4, .timeout = 900)
{
    property_run(45);
}

/* ---- the slot under concurrent readers ---------------------------------------------------------
 */

typedef struct {
    match_slot *slot;
    const match_query *q;
    const match_config *cfg;
    atomic_int *stop;
    long runs;
    bool ok;
} reader_arg;

static void *reader(void *p)
{
    reader_arg *a = p;
    match_result r;
    match_result_init(&r);
    a->ok = true;
    while (!atomic_load(a->stop)) {
        match_index *ix = match_slot_acquire(a->slot);
        if (ix == NULL)
            continue;
        core_error e;
        if (!match_index_run(ix, a->cfg, a->q, &r, &e) || r.n_proposed != 1 ||
            r.items[0].zorgaanbod_id != 100 + match_index_catalog_version(ix) % 2)
            a->ok = false;
        match_index_unref(ix);
        a->runs++;
    }
    match_result_free(&r);
    return NULL;
}

Test(match_slot, readers_see_whole_indexes_while_publishers_swap_them)
{
    fx f;
    setup(&f, "KLIN");
    /* two catalogs: version v proposes offer 100 + v % 2 */
    fx f1 = f;
    f1.o[0].id = 101;
    match_catalog cats[2] = {cat_of(&f), cat_of(&f1)};
    match_slot slot;
    match_slot_init(&slot);
    cr_assert_eq(match_slot_version(&slot), -1);
    core_error e;
    match_slot_publish(&slot, match_index_build(&cats[0], 0, &e));
    atomic_int stop;
    atomic_init(&stop, 0);
    pthread_t th[4];
    reader_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (reader_arg){&slot, &f.q, &f.cfg, &stop, 0, false};
        cr_assert_eq(pthread_create(&th[i], NULL, reader, &args[i]), 0);
    }
    for (int v = 1; v <= 300; v++)
        match_slot_publish(&slot, match_index_build(&cats[v % 2], v, &e));
    atomic_store(&stop, 1);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        cr_assert(args[i].ok);
    }
    cr_assert_eq(match_slot_version(&slot), 300);
    match_slot_publish(&slot, NULL);
    cr_assert_eq(match_slot_version(&slot), -1);
}
