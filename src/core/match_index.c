/*
 * match_index.c - see match_index.h: building the bitsets, the bit-parallel prefilter and the
 * epoch-counted slot.
 */
#include "core/match_index.h"
#include "core/codelist.h"
#include "core/match_internal.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

#define AGES   (IFZO_AGE_MAX + 1)
#define LEVELS 5

typedef struct prov_range {
    uint32_t prov;       /* index in ix->prov */
    uint32_t first, end; /* offers [first, end) of the partition */
} prov_range;

typedef struct contract_i {
    int zt; /* zorgtype index, -1 unknown */
    ifzo_date van, tot;
} contract_i;

typedef struct part {
    size_t n, words;
    ifzo_zorgaanbod *offers; /* copies, sorted by provider, location, id */
    match_entry *entries;
    uint32_t *range_of; /* offer -> index in ranges */
    prov_range *ranges;
    size_t n_ranges;
    uint32_t *stopped;              /* offers with an intake stop */
    ifzo_date *stop_van, *stop_tot; /* their periods (as zorgaanbod_intake_open reads them) */
    size_t n_stopped;
    /* per query zorgtype index: the contracts of admitted providers that cover it, as
     * (range, van, tot); computed at build, evaluated against the day per query */
    struct covering {
        uint32_t range;
        ifzo_date van, tot;
    } * cov[MATCH_ZT_MAX];
    size_t n_cov[MATCH_ZT_MAX];
    uint64_t *bits; /* every bitset below points into this block */
    size_t n_bitsets;
    uint64_t *crit[IFZO_CRIT_COUNT][64];
    uint64_t *age[AGES];
    uint64_t *level[LEVELS];
    uint64_t *locarr[MATCH_ARR_MAX];
    uint64_t *national;
    uint64_t *zt[MATCH_ZT_MAX];
    size_t considered[MATCH_ZT_MAX]; /* per query zorgtype index */
} part;

struct match_index {
    atomic_long refs;
    int64_t version;
    size_t bytes;
    ifzo_zorgaanbieder *prov; /* sorted by id */
    size_t n_prov;
    uint32_t *cfirst, *cend; /* per provider: its contracts in contracts[] */
    contract_i *contracts;
    ifzo_zorglocatie *locs; /* sorted by id */
    size_t n_locs;
    part parts[3];
};

static void *xalloc(match_index *ix, size_t n, size_t size)
{
    if (n == 0)
        n = 1;
    void *p = calloc(n, size);
    if (p)
        ix->bytes += n * size;
    return p;
}

static void part_free(part *p)
{
    free(p->offers);
    free(p->entries);
    free(p->range_of);
    free(p->ranges);
    free(p->stopped);
    free(p->stop_van);
    free(p->stop_tot);
    for (int z = 0; z < MATCH_ZT_MAX; z++)
        free(p->cov[z]);
    free(p->bits);
}

static void index_free(match_index *ix)
{
    if (ix == NULL)
        return;
    for (int i = 0; i < 3; i++)
        part_free(&ix->parts[i]);
    free(ix->prov);
    free(ix->cfirst);
    free(ix->cend);
    free(ix->contracts);
    free(ix->locs);
    free(ix);
}

match_index *match_index_ref(match_index *ix)
{
    if (ix)
        atomic_fetch_add(&ix->refs, 1);
    return ix;
}

void match_index_unref(match_index *ix)
{
    if (ix && atomic_fetch_sub(&ix->refs, 1) == 1)
        index_free(ix);
}

int64_t match_index_catalog_version(const match_index *ix)
{
    return ix ? ix->version : -1;
}

size_t match_index_bytes(const match_index *ix)
{
    return ix ? ix->bytes + sizeof *ix : 0;
}

size_t match_index_offers(const match_index *ix)
{
    return ix ? ix->parts[0].n + ix->parts[1].n + ix->parts[2].n : 0;
}

/* ---- build ------------------------------------------------------------------------------- */

static int cmp_prov(const void *x, const void *y)
{
    const ifzo_zorgaanbieder *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_loc(const void *x, const void *y)
{
    const ifzo_zorglocatie *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

static const ifzo_zorglocatie *find_loc(const match_index *ix, int64_t id)
{
    ifzo_zorglocatie key = {.id = id};
    return bsearch(&key, ix->locs, ix->n_locs, sizeof key, cmp_loc);
}

static long find_prov(const match_index *ix, int64_t id)
{
    ifzo_zorgaanbieder key = {.id = id};
    const ifzo_zorgaanbieder *hit = bsearch(&key, ix->prov, ix->n_prov, sizeof key, cmp_prov);
    return hit ? hit - ix->prov : -1;
}

typedef struct {
    unsigned root;
    int64_t prov_id, loc_id, offer_id;
    size_t src; /* index in cat->aanbod */
} sort_key;

static int cmp_key(const void *x, const void *y)
{
    const sort_key *a = x, *b = y;
    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    if (a->prov_id != b->prov_id)
        return a->prov_id < b->prov_id ? -1 : 1;
    if (a->loc_id != b->loc_id)
        return a->loc_id < b->loc_id ? -1 : 1;
    return a->offer_id < b->offer_id ? -1 : a->offer_id > b->offer_id;
}

static int cmp_i64(const void *x, const void *y)
{
    const int64_t *a = x, *b = y;
    return *a < *b ? -1 : *a > *b;
}

static bool offer_ids_unique(const sort_key *keys, size_t n)
{
    int64_t *ids = malloc((n + 1) * sizeof *ids);
    bool ok = ids != NULL;
    for (size_t i = 0; ok && i < n; i++)
        ids[i] = keys[i].offer_id;
    if (ok)
        qsort(ids, n, sizeof *ids, cmp_i64);
    for (size_t i = 1; ok && i < n; i++)
        ok = ids[i] != ids[i - 1];
    free(ids);
    return ok;
}

static unsigned root_of(const char *zorgtype)
{
    const char *root = ifzo_zorgtype_root(zorgtype);
    if (root == NULL)
        return 3;
    if (strcmp(root, IFZO_ZORGTYPE_KLINISCH) == 0)
        return 0;
    if (strcmp(root, IFZO_ZORGTYPE_VERBLIJF) == 0)
        return 1;
    if (strcmp(root, IFZO_ZORGTYPE_AMBULANT) == 0)
        return 2;
    return 3;
}

static const char *const root_code[3] = {IFZO_ZORGTYPE_KLINISCH, IFZO_ZORGTYPE_VERBLIJF,
                                         IFZO_ZORGTYPE_AMBULANT};

/* Index of the lowest set bit of x != 0 (de Bruijn; no compiler builtins). */
static inline int ctz64(uint64_t x)
{
    static const int8_t table[64] = {
        0,  1,  2,  53, 3,  7,  54, 27, 4,  38, 41, 8,  34, 55, 48, 28, 62, 5,  39, 46, 44, 42,
        22, 9,  24, 35, 59, 56, 49, 18, 29, 11, 63, 52, 6,  26, 37, 40, 33, 47, 61, 45, 43, 21,
        23, 58, 17, 10, 51, 25, 36, 32, 60, 20, 57, 16, 50, 31, 19, 15, 30, 14, 13, 12};
    return table[((x & (~x + 1)) * UINT64_C(0x022fdd63cc95386d)) >> 58];
}

static inline void bit_set(uint64_t *b, size_t i)
{
    b[i >> 6] |= (uint64_t)1 << (i & 63);
}

/* Fills partition r from the sorted keys of that root. */
static bool part_build(match_index *ix, part *p, unsigned r, const match_catalog *cat,
                       const sort_key *keys, size_t n)
{
    match_lists lists;
    match_lists_get(&lists);
    const codelist *zt_list = lists.zorgtype;
    const codelist *arr_list = lists.arrondissement;
    p->n = n;
    p->words = (n + 63) / 64;
    p->offers = xalloc(ix, n, sizeof *p->offers);
    p->entries = xalloc(ix, n, sizeof *p->entries);
    p->range_of = xalloc(ix, n, sizeof *p->range_of);
    p->ranges = xalloc(ix, n, sizeof *p->ranges);
    p->stopped = xalloc(ix, n, sizeof *p->stopped);
    p->stop_van = xalloc(ix, n, sizeof *p->stop_van);
    p->stop_tot = xalloc(ix, n, sizeof *p->stop_tot);
    if (!p->offers || !p->entries || !p->range_of || !p->ranges || !p->stopped || !p->stop_van ||
        !p->stop_tot)
        return false;
    /* Count the bitsets and lay them out in one block. */
    size_t nb = 0;
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (ifzo_crit_applies(root_code[r], (ifzo_crit)c))
            nb += ifzo_crit_list((ifzo_crit)c)->count;
    }
    bool ages = ifzo_age_applies(root_code[r]);
    nb += (ages ? AGES : 0) + LEVELS + arr_list->count + 1 + zt_list->count;
    p->n_bitsets = nb;
    p->bits = xalloc(ix, nb * p->words, sizeof *p->bits);
    if (p->bits == NULL)
        return false;
    uint64_t *next = p->bits;
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (!ifzo_crit_applies(root_code[r], (ifzo_crit)c))
            continue;
        for (size_t v = 0; v < ifzo_crit_list((ifzo_crit)c)->count && v < 64; v++, next += p->words)
            p->crit[c][v] = next;
    }
    for (int a = 0; ages && a < AGES; a++, next += p->words)
        p->age[a] = next;
    for (int l = 0; l < LEVELS; l++, next += p->words)
        p->level[l] = next;
    for (size_t a = 0; a < arr_list->count && a < MATCH_ARR_MAX; a++, next += p->words)
        p->locarr[a] = next;
    p->national = next;
    next += p->words;
    for (size_t z = 0; z < zt_list->count && z < MATCH_ZT_MAX; z++, next += p->words)
        p->zt[z] = next;

    for (size_t i = 0; i < n; i++) {
        p->offers[i] = cat->aanbod[keys[i].src];
        const ifzo_zorglocatie *l = find_loc(ix, keys[i].loc_id);
        match_entry *e = &p->entries[i];
        match_entry_prepare(&lists, &p->offers[i], l, e); /* checked by the caller */
        long pv = find_prov(ix, keys[i].prov_id);
        if (p->n_ranges == 0 || p->ranges[p->n_ranges - 1].prov != (uint32_t)pv) {
            p->ranges[p->n_ranges].prov = (uint32_t)pv;
            p->ranges[p->n_ranges].first = (uint32_t)i;
            p->n_ranges++;
        }
        p->ranges[p->n_ranges - 1].end = (uint32_t)i + 1;
        p->range_of[i] = (uint32_t)(p->n_ranges - 1);
        if (p->offers[i].opnamestop) {
            p->stop_van[p->n_stopped] = p->offers[i].opnamestop_van;
            p->stop_tot[p->n_stopped] = p->offers[i].opnamestop_tot;
            p->stopped[p->n_stopped++] = (uint32_t)i;
        }
        const ifzo_zorgaanbod *a = &p->offers[i];
        for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
            for (int v = 0; p->crit[c][0] != NULL && v < 64; v++) {
                if ((a->criteria.set[c] >> v) & 1u && p->crit[c][v] != NULL)
                    bit_set(p->crit[c][v], i);
            }
        }
        if (ages) {
            int lo = a->leeftijd_min < 0 ? 0 : a->leeftijd_min;
            int hi = a->leeftijd_max > IFZO_AGE_MAX ? IFZO_AGE_MAX : a->leeftijd_max;
            for (int g = lo; g <= hi; g++)
                bit_set(p->age[g], i);
        }
        bit_set(p->level[e->level], i);
        bit_set(p->locarr[e->loc_arr], i);
        if (e->national)
            bit_set(p->national, i);
        bit_set(p->zt[e->zt], i);
    }
    /* Locations considered per query care type: distinct locations with a covering offer
     * (offers of one location are adjacent: sorted by provider, then location). */
    for (size_t z = 0; z < zt_list->count && z < MATCH_ZT_MAX; z++) {
        const codelist_entry *qe = &zt_list->entries[z];
        if (root_of(qe->code) != r)
            continue;
        uint32_t covers = 0;
        for (const codelist_entry *e = qe; e != NULL; e = codelist_parent(e))
            covers |= 1u << match_zorgtype_index(&lists, e->code);
        int64_t last = -1;
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            if (!((covers >> p->entries[i].zt) & 1u))
                continue;
            if (!any || keys[i].loc_id != last)
                p->considered[z]++;
            any = true;
            last = keys[i].loc_id;
        }
        /* the contracts of admitted providers that cover zorgtype z */
        size_t m = 0;
        for (size_t g = 0; g < p->n_ranges; g++) {
            uint32_t pv = p->ranges[g].prov;
            for (uint32_t c = ix->cfirst[pv]; ix->prov[pv].toelating && c < ix->cend[pv]; c++)
                m += ix->contracts[c].zt >= 0 && ((covers >> ix->contracts[c].zt) & 1u);
        }
        p->cov[z] = xalloc(ix, m, sizeof *p->cov[z]);
        if (p->cov[z] == NULL)
            return false;
        for (size_t g = 0; g < p->n_ranges; g++) {
            uint32_t pv = p->ranges[g].prov;
            for (uint32_t c = ix->cfirst[pv]; ix->prov[pv].toelating && c < ix->cend[pv]; c++) {
                const contract_i *ci = &ix->contracts[c];
                if (ci->zt >= 0 && ((covers >> ci->zt) & 1u))
                    p->cov[z][p->n_cov[z]++] = (struct covering){(uint32_t)g, ci->van, ci->tot};
            }
        }
    }
    return true;
}

match_index *match_index_build(const match_catalog *cat, int64_t catalog_version, core_error *err)
{
    if (cat == NULL) {
        core_fail(err, "required", NULL, "Geen aanbod.");
        return NULL;
    }
    match_index *ix = calloc(1, sizeof *ix);
    sort_key *keys = NULL;
    match_lists lists;
    match_lists_get(&lists);
    if (ix == NULL)
        goto oom;
    atomic_init(&ix->refs, 1);
    ix->version = catalog_version;
    ix->n_prov = cat->n_aanbieders;
    ix->n_locs = cat->n_locaties;
    ix->prov = xalloc(ix, ix->n_prov, sizeof *ix->prov);
    ix->locs = xalloc(ix, ix->n_locs, sizeof *ix->locs);
    ix->cfirst = xalloc(ix, ix->n_prov, sizeof *ix->cfirst);
    ix->cend = xalloc(ix, ix->n_prov, sizeof *ix->cend);
    ix->contracts = xalloc(ix, cat->n_contracts, sizeof *ix->contracts);
    keys = malloc((cat->n_aanbod + 1) * sizeof *keys);
    if (!ix->prov || !ix->locs || !ix->cfirst || !ix->cend || !ix->contracts || !keys)
        goto oom;
    if (ix->n_prov)
        memcpy(ix->prov, cat->aanbieders, ix->n_prov * sizeof *ix->prov);
    if (ix->n_locs)
        memcpy(ix->locs, cat->locaties, ix->n_locs * sizeof *ix->locs);
    qsort(ix->prov, ix->n_prov, sizeof *ix->prov, cmp_prov);
    qsort(ix->locs, ix->n_locs, sizeof *ix->locs, cmp_loc);
    for (size_t i = 1; i < ix->n_prov; i++) {
        if (ix->prov[i].id == ix->prov[i - 1].id) {
            core_fail(err, "duplicate_id", "aanbieders", "Dubbele zorgaanbieder.");
            goto fail;
        }
    }
    for (size_t i = 1; i < ix->n_locs; i++) {
        if (ix->locs[i].id == ix->locs[i - 1].id) {
            core_fail(err, "duplicate_id", "locaties", "Dubbele locatie.");
            goto fail;
        }
    }
    /* Contracts grouped by provider (counting sort on the provider index). */
    for (size_t i = 0; i < cat->n_contracts; i++) {
        long pv = find_prov(ix, cat->contracts[i].zorgaanbieder_id);
        if (pv >= 0)
            ix->cend[pv]++;
    }
    uint32_t at = 0;
    for (size_t p = 0; p < ix->n_prov; p++) {
        ix->cfirst[p] = at;
        at += ix->cend[p];
        ix->cend[p] = ix->cfirst[p];
    }
    for (size_t i = 0; i < cat->n_contracts; i++) {
        const ifzo_contract *c = &cat->contracts[i];
        long pv = find_prov(ix, c->zorgaanbieder_id);
        if (pv < 0)
            continue;
        contract_i *ci = &ix->contracts[ix->cend[pv]++];
        ci->zt = match_zorgtype_index(&lists, c->zorgtype);
        ci->van = c->geldig_van;
        ci->tot = c->geldig_tot;
    }
    /* Offers sorted by root, provider, location, id: each root is one slice. */
    size_t n_keys = 0;
    for (size_t i = 0; i < cat->n_aanbod; i++) {
        const ifzo_zorgaanbod *a = &cat->aanbod[i];
        const ifzo_zorglocatie *l = find_loc(ix, a->zorglocatie_id);
        match_entry e;
        unsigned r = root_of(a->zorgtype);
        if (l == NULL || r > 2 || find_prov(ix, l->zorgaanbieder_id) < 0 ||
            !match_entry_prepare(&lists, a, l, &e))
            continue;
        keys[n_keys++] = (sort_key){r, l->zorgaanbieder_id, l->id, a->id, i};
    }
    if (!offer_ids_unique(keys, n_keys)) {
        core_fail(err, "duplicate_id", "aanbod", "Dubbel zorgaanbod.");
        goto fail;
    }
    qsort(keys, n_keys, sizeof *keys, cmp_key);
    size_t from = 0;
    for (unsigned r = 0; r < 3; r++) {
        size_t to = from;
        while (to < n_keys && keys[to].root == r)
            to++;
        if (!part_build(ix, &ix->parts[r], r, cat, keys + from, to - from))
            goto oom;
        from = to;
    }
    free(keys);
    return ix;
oom:
    core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
fail:
    free(keys);
    index_free(ix);
    return NULL;
}

/* ---- run --------------------------------------------------------------------------------- */

/* Sets bits [first, end). */
static void set_range(uint64_t *b, uint32_t first, uint32_t end)
{
    while (first < end && (first & 63) != 0) {
        b[first >> 6] |= (uint64_t)1 << (first & 63);
        first++;
    }
    while (first + 64 <= end) {
        b[first >> 6] = ~(uint64_t)0;
        first += 64;
    }
    while (first < end) {
        b[first >> 6] |= (uint64_t)1 << (first & 63);
        first++;
    }
}

static void or_into(uint64_t *dst, const uint64_t *src, size_t words)
{
    for (size_t w = 0; w < words; w++)
        dst[w] |= src[w];
}

/* Classifies survivor i from the bitsets (n_failed: 0 or 1; regx: the exact arrondissement /
 * national / BW part of the region) and the travel time, as match_explain_entry would, and
 * keeps a key when reported. The property test checks that the two agree. */
static bool classify(match_result *r, const match_prep *p, const part *pt, size_t i, int n_failed,
                     bool regx, size_t *n_in)
{
    const match_entry *e = &pt->entries[i];
    double t;
    int rounded;
    match_travel(p, e->lat, e->lon, &t, &rounded);
    bool region_ok = regx && (p->norm_min < 0 || rounded <= p->norm_min);
    match_status st = match_classify(n_failed, region_ok, p->q->outside_region);
    if (st == MATCH_NOT_REPORTED)
        return true;
    *n_in += st == MATCH_PROPOSED && region_ok;
    return match_key_push(r, e->loc_id, e->offer_id, t, (uint32_t)i, st, region_ok);
}

bool match_index_run(const match_index *ix, const match_config *cfg, const match_query *q,
                     match_result *r, core_error *err)
{
    match_prep p;
    if (ix == NULL || r == NULL)
        return core_fail(err, "required", NULL, "Geen index of resultaat.");
    if (!match_prepare(q, cfg, &p, err))
        return false;
    match_result_start(r, &p);
    const part *pt = &ix->parts[p.root == 1 ? 0 : p.root == 2 ? 1 : 2];
    match_lists lists;
    match_lists_get(&lists);
    int qz = match_zorgtype_index(&lists, q->zorgtype);
    r->n_considered = pt->considered[qz];
    if (pt->n == 0 || r->n_considered == 0)
        return match_keys_finish(r, cfg)
                   ? true
                   : core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    const size_t W = pt->words;
    /* Hard checks as bitsets of passing offers: one per tested criterion, age, level,
     * contract, intake. Multi-valued ones are ORed into scratch. */
    const uint64_t *checks[IFZO_CRIT_COUNT + 4];
    int n_checks = 0;
    /* cand, region, contract, intake, level, outside, multi */
    size_t n_scratch = 6 + IFZO_CRIT_COUNT;
    uint64_t *scratch = calloc(n_scratch * W, sizeof *scratch);
    uint8_t *prov_ok = malloc(pt->n_ranges + 1);
    if (scratch == NULL || prov_ok == NULL) {
        free(scratch);
        free(prov_ok);
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    }
    uint64_t *cand = scratch, *region = scratch + W, *contract = scratch + 2 * W,
             *intake = scratch + 3 * W, *level = scratch + 4 * W, *outside = scratch + 5 * W,
             *multi = scratch + 6 * W;
    for (size_t z = 0; z < MATCH_ZT_MAX; z++) {
        if ((p.covers >> z) & 1u && pt->zt[z] != NULL)
            or_into(cand, pt->zt[z], W);
    }
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (!((p.tested >> c) & 1u) || c == IFZO_CRIT_ARRONDISSEMENT)
            continue;
        if (ifzo_codeset_count(p.want[c]) == 1) {
            int v = ctz64(p.want[c]);
            checks[n_checks++] = pt->crit[c][v];
        } else {
            for (int v = 0; v < 64; v++) {
                if ((p.want[c] >> v) & 1u && pt->crit[c][v] != NULL)
                    or_into(multi, pt->crit[c][v], W);
            }
            checks[n_checks++] = multi;
            multi += W;
        }
    }
    if (p.age_tested)
        checks[n_checks++] = pt->age[q->leeftijd];
    if (p.level_tested) {
        for (int l = 1; l < LEVELS; l++) {
            if ((p.level_ok >> l) & 1u)
                or_into(level, pt->level[l], W);
        }
        checks[n_checks++] = level;
    }
    /* contract: = zorgaanbieder_matchable, from the covering contracts of admitted providers */
    memset(prov_ok, 0, pt->n_ranges + 1);
    for (size_t i = 0; i < pt->n_cov[qz]; i++) {
        const struct covering *c = &pt->cov[qz][i];
        if (q->dag >= c->van && (c->tot == IFZO_NO_DATE || q->dag <= c->tot))
            prov_ok[c->range] = 1;
    }
    for (size_t i = 0; i < pt->n_ranges; i++) {
        if (prov_ok[i])
            set_range(contract, pt->ranges[i].first, pt->ranges[i].end);
    }
    checks[n_checks++] = contract;
    /* intake: = zorgaanbod_intake_open, from the compact stop periods */
    memset(intake, 0xff, W * sizeof *intake);
    for (size_t i = 0; i < pt->n_stopped; i++) {
        if (q->dag >= pt->stop_van[i] &&
            (pt->stop_tot[i] == IFZO_NO_DATE || q->dag <= pt->stop_tot[i])) {
            uint32_t o = pt->stopped[i];
            intake[o >> 6] &= ~((uint64_t)1 << (o & 63));
        }
    }
    checks[n_checks++] = intake;
    /* The exact arrondissement part of the region (criterion, national function, BW rule);
     * the travel-time norm is applied per offer in classify. */
    {
        const uint64_t *served = pt->crit[IFZO_CRIT_ARRONDISSEMENT][p.client_arr];
        const uint64_t *inarr = pt->locarr[p.client_arr];
        for (size_t w = 0; w < W; w++) {
            uint64_t x = served[w] | (p.national_exception ? pt->national[w] : 0);
            region[w] = p.bw_rule ? x & inarr[w] : x;
        }
    }
    /* Phase 1: offers with at most one failing hard check inside the region (anywhere when
     * outside_region): every possible proposal and near miss. Offers meeting every hard
     * check outside the region are kept in `outside` for phase 2. */
    bool ok = true;
    size_t n_in = 0;
    const uint64_t all = q->outside_region ? ~(uint64_t)0 : 0;
    for (size_t w = 0; w < W && ok; w++) {
        uint64_t c = cand[w];
        outside[w] = 0;
        if (c == 0)
            continue;
        uint64_t ones = 0, twos = 0;
        for (int k = 0; k < n_checks; k++) {
            uint64_t f = ~checks[k][w];
            twos |= ones & f;
            ones |= f;
        }
        outside[w] = c & ~ones & ~region[w];
        uint64_t surv = c & ~twos & (region[w] | all);
        while (surv != 0 && ok) {
            int b = ctz64(surv);
            surv &= surv - 1;
            ok = classify(r, &p, pt, w * 64 + (size_t)b, (int)((ones >> b) & 1u),
                          (region[w] >> b) & 1u, &n_in);
        }
    }
    /* Phase 2: what a widened search adds, needed only when the region has no proposal. */
    for (size_t w = 0; w < W && ok && n_in == 0 && !q->outside_region; w++) {
        uint64_t surv = outside[w];
        while (surv != 0 && ok) {
            int b = ctz64(surv);
            surv &= surv - 1;
            ok = classify(r, &p, pt, w * 64 + (size_t)b, 0, false, &n_in);
        }
    }
    ok = ok && match_keys_finish(r, cfg);
    for (size_t j = 0; ok && j < r->n_items; j++) {
        uint32_t i = ((const match_key *)r->keys)[j].idx;
        match_explain_entry(&p, &pt->entries[i], prov_ok[pt->range_of[i]], &r->items[j]);
    }
    free(scratch);
    free(prov_ok);
    if (!ok)
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    return true;
}

/* ---- slot -------------------------------------------------------------------------------- */

void match_slot_init(match_slot *s)
{
    atomic_init(&s->cur, NULL);
    atomic_init(&s->epoch, 0);
    atomic_init(&s->active[0], 0);
    atomic_init(&s->active[1], 0);
    atomic_flag_clear(&s->writing);
}

match_index *match_slot_acquire(match_slot *s)
{
    unsigned e;
    for (;;) {
        e = atomic_load(&s->epoch) & 1u;
        atomic_fetch_add(&s->active[e], 1);
        if ((atomic_load(&s->epoch) & 1u) == e)
            break;
        atomic_fetch_sub(&s->active[e], 1); /* a publisher flipped meanwhile: retry */
    }
    match_index *ix = match_index_ref(atomic_load(&s->cur));
    atomic_fetch_sub(&s->active[e], 1);
    return ix;
}

void match_slot_publish(match_slot *s, match_index *ix)
{
    while (atomic_flag_test_and_set(&s->writing))
        sched_yield();
    match_index *old = atomic_exchange(&s->cur, ix);
    /* New readers register under the other epoch and can only see ix; wait for those that
     * registered before the flip (they may hold `old` without a reference yet). */
    unsigned e = atomic_fetch_add(&s->epoch, 1) & 1u;
    while (atomic_load(&s->active[e]) != 0)
        sched_yield();
    atomic_flag_clear(&s->writing);
    match_index_unref(old);
}

int64_t match_slot_version(match_slot *s)
{
    match_index *ix = match_slot_acquire(s);
    int64_t v = ix ? ix->version : -1;
    match_index_unref(ix);
    return v;
}
