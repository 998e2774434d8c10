/*
 * match_index.c - see match_index.h: building the bitsets, the bit-parallel prefilter and the
 * epoch-counted slot.
 */
#include "core/match_index.h"
#include "core/codelist.h"
#include "core/match_internal.h"

#include <math.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define AGES   (IFZO_AGE_MAX + 1)
#define LEVELS 5

/* A run of adjacent offers of one provider (a provider has one run per location, roughly:
 * offers are sorted by location). */
typedef struct prov_range {
    uint32_t prov;       /* index in ix->prov */
    uint32_t first, end; /* offers [first, end) of the partition */
} prov_range;

typedef struct contract_i {
    int zt; /* zorgtype index, -1 unknown */
    ifzo_date van, tot;
} contract_i;

/* A location as a point on the unit sphere (for the distance estimate) and its coordinates
 * (for the exact travel time); x = INFINITY when the coordinates are invalid. */
typedef struct loc_pt {
    double x, y, z, lat, lon;
} loc_pt;

#define DAY_CACHE 256 /* (day, care type) entries per partition; later ones are not cached */

typedef struct day_bits {
    ifzo_date day;
    int qz;
    uint64_t bits[]; /* contract [0, W), intake [W, 2W) */
} day_bits;

typedef struct part {
    size_t n, words;
    ifzo_zorgaanbod *offers; /* copies, sorted by location id, offer id */
    match_entry *entries;    /* cold: only for what is shown */
    uint32_t *offer_loc;     /* hot: offer -> place of its location in ix->lrec / ix->fxyz */
    uint32_t *range_of;      /* offer -> index in ranges */
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
    /* Combinations a match would otherwise OR together (one block, combo): the offers of a
     * set of levels (bit l-1 of the index: level l), the candidates of a query care type
     * (offers whose care type covers it: NULL for other roots) and the exact region part per
     * client arrondissement, without and with the BW rule (national function included in
     * the clinical partition). */
    uint64_t *combo;
    uint64_t *lvl[16];
    uint64_t *cand[MATCH_ZT_MAX];
    uint64_t *reg[MATCH_ARR_MAX][2];
    size_t considered[MATCH_ZT_MAX]; /* per query zorgtype index */
    int64_t *offer_ids;              /* per offer */
    /* The contract and intake bitsets of one day and query care type, made by the first
     * match that needs them (the day is nearly always today): see day_bits_get. */
    _Atomic(struct day_bits *) cache[DAY_CACHE];
} part;

struct match_index {
    atomic_long refs;
    int64_t version;
    uint64_t serial; /* unique per build in this process (match_index_explain checks it) */
    double earth_r;  /* the radius geo.c computes with, measured at build (for the estimate) */
    /* Per location (ix->locs order = id order = the partitions' order, so that a match reads
     * them front to back): the points of the estimate (fxyz) and what a shown location needs
     * (lrec). */
    struct loc_rec {
        double lat, lon;
        int64_t id, prov;
    } * lrec;
    float *fxyz; /* x, y, z as float (120 KB for 10,000 locations) */
    size_t bytes;
    atomic_size_t cache_bytes; /* the day caches (grow after the build) */
    ifzo_zorgaanbieder *prov;  /* sorted by id */
    size_t n_prov;
    uint32_t *cfirst, *cend; /* per provider: its contracts in contracts[] */
    contract_i *contracts;
    ifzo_zorglocatie *locs; /* sorted by id */
    size_t n_locs;
    part parts[3];
    match_prep_cache prep; /* the code lists resolved per care type (match_prepare_cached) */
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
    free(p->offer_loc);
    free(p->range_of);
    free(p->ranges);
    free(p->stopped);
    free(p->stop_van);
    free(p->stop_tot);
    for (int z = 0; z < MATCH_ZT_MAX; z++)
        free(p->cov[z]);
    free(p->bits);
    free(p->combo);
    free(p->offer_ids);
    for (int i = 0; i < DAY_CACHE; i++)
        free(atomic_load(&p->cache[i]));
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
    free(ix->lrec);
    free(ix->fxyz);
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
    return ix ? ix->bytes + atomic_load(&ix->cache_bytes) + sizeof *ix : 0;
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

/* ---- distance estimate -------------------------------------------------------------------
 * The travel time is an increasing function of the great-circle distance, and so of the
 * squared chord between the two points on the unit sphere (haversine: a = chord^2 / 4). A
 * match computes that chord (a few multiplications) for every surviving offer, and the exact
 * travel time (ifzo_geo_travel_minutes, through match_travel, as the brute force) only for
 * what may be shown or lies on the edge of the travel-time norm. */

static atomic_ullong next_serial;

/* The estimate is the squared chord from the query point (double) to the location's point
 * rounded to float: each coordinate is off by at most 2^-24 < 6e-8, so the estimate is off
 * from the true squared chord c by at most 2 * sqrt(3) * 6e-8 * sqrt(c) + 3 * (6e-8)^2 <
 * 2.1e-7 * sqrt(c) + 1.1e-14. est_slack bounds that with a wide margin; match_keys_finish and
 * the norm test treat estimates within the slack (plus a relative 1e-8, far above the rounding
 * of the exact travel time) as undecided and compute the exact time. */
static double est_slack(double est)
{
    /* 1e-6 * s + 1e-12 with s >= sqrt(est): s = 2^ceil((E + 1) / 2) for est = m * 2^E,
     * 1 <= m < 2, from the bits of the double (IEEE 754, as everywhere in this code) instead
     * of a square root per location. Zero and subnormals get the floor; infinity stays. */
    uint64_t bits;
    memcpy(&bits, &est, sizeof bits);
    int e = (int)((bits >> 52) & 0x7ff) - 1023;
    if (e < -1000)
        return 1e-12;
    if (e > 1000)
        return est;
    /* ceil((e + 1) / 2) = floor((e + 2) / 2), as a division of a non-negative number (no
     * signed-division fix-up on the hot path) */
    int half = (e + 2 + 2048) / 2 - 1024;
    uint64_t pw = (uint64_t)(half + 1023) << 52;
    double s;
    memcpy(&s, &pw, sizeof s);
    return 1e-6 * s + 1e-12;
}

static void point_of(double lat, double lon, loc_pt *pt)
{
    double km;
    const double rad = 3.14159265358979323846 / 180.0;
    pt->lat = lat;
    pt->lon = lon;
    if (ifzo_geo_distance_km(lat, lon, lat, lon, &km) != IFZO_GEO_OK) {
        pt->x = pt->y = pt->z = INFINITY; /* the exact time is HUGE_VAL too */
        return;
    }
    pt->x = cos(lat * rad) * cos(lon * rad);
    pt->y = cos(lat * rad) * sin(lon * rad);
    pt->z = sin(lat * rad);
}

static double chord2(const loc_pt *a, const loc_pt *b)
{
    double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
    return dx * dx + dy * dy + dz * dz;
}

/* The earth radius geo.c uses, from one distance it computes (km = 2 R asin(chord / 2)). */
static double earth_radius(void)
{
    loc_pt a, b;
    double km = 0;
    point_of(52.0, 5.0, &a);
    point_of(53.0, 6.0, &b);
    ifzo_geo_distance_km(52.0, 5.0, 53.0, 6.0, &km);
    return km / (2.0 * asin(sqrt(chord2(&a, &b)) / 2.0));
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

static void or_into(uint64_t *dst, const uint64_t *src, size_t words)
{
    for (size_t w = 0; w < words; w++)
        dst[w] |= src[w];
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
    p->offer_loc = xalloc(ix, n, sizeof *p->offer_loc);
    p->offer_ids = xalloc(ix, n, sizeof *p->offer_ids);
    p->range_of = xalloc(ix, n, sizeof *p->range_of);
    p->ranges = xalloc(ix, n, sizeof *p->ranges);
    p->stopped = xalloc(ix, n, sizeof *p->stopped);
    p->stop_van = xalloc(ix, n, sizeof *p->stop_van);
    p->stop_tot = xalloc(ix, n, sizeof *p->stop_tot);
    if (!p->offers || !p->entries || !p->offer_loc || !p->offer_ids || !p->range_of || !p->ranges ||
        !p->stopped || !p->stop_van || !p->stop_tot)
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
        p->offer_loc[i] = (uint32_t)(l - ix->locs);
        p->offer_ids[i] = p->offers[i].id;
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
    /* The combinations (see part.combo). */
    size_t n_arr = arr_list->count < MATCH_ARR_MAX ? arr_list->count : MATCH_ARR_MAX;
    size_t n_zt = zt_list->count < MATCH_ZT_MAX ? zt_list->count : MATCH_ZT_MAX;
    p->combo = xalloc(ix, (16 + n_zt + 2 * n_arr) * p->words, sizeof *p->combo);
    if (p->combo == NULL)
        return false;
    uint64_t *nx = p->combo;
    for (unsigned m = 0; m < 16; m++, nx += p->words) {
        p->lvl[m] = nx;
        for (int l = 1; l < LEVELS; l++) {
            if ((m >> (l - 1)) & 1u)
                or_into(nx, p->level[l], p->words);
        }
    }
    for (size_t z = 0; z < n_zt; z++, nx += p->words) {
        const codelist_entry *qe = &zt_list->entries[z];
        if (root_of(qe->code) != r)
            continue;
        p->cand[z] = nx;
        for (const codelist_entry *e = qe; e != NULL; e = codelist_parent(e)) {
            int zz = match_zorgtype_index(&lists, e->code);
            if (zz >= 0 && p->zt[zz] != NULL)
                or_into(nx, p->zt[zz], p->words);
        }
    }
    for (size_t a = 0; a < n_arr; a++) {
        const uint64_t *served = p->crit[IFZO_CRIT_ARRONDISSEMENT][a];
        for (int bw = 0; bw < 2; bw++, nx += p->words) {
            p->reg[a][bw] = nx;
            for (size_t w = 0; served != NULL && w < p->words; w++) {
                uint64_t x = served[w] | (r == 0 ? p->national[w] : 0);
                nx[w] = bw ? x & p->locarr[a][w] : x;
            }
        }
    }
    /* Locations considered per query care type: distinct locations with a covering offer
     * (offers of one location are adjacent: sorted by location). */
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
    atomic_init(&ix->cache_bytes, 0);
    for (int r = 0; r < 3; r++) {
        for (int i = 0; i < DAY_CACHE; i++)
            atomic_init(&ix->parts[r].cache[i], NULL);
    }
    ix->version = catalog_version;
    match_prep_cache_init(&ix->prep);
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
    ix->lrec = xalloc(ix, ix->n_locs, sizeof *ix->lrec);
    ix->fxyz = xalloc(ix, 3 * ix->n_locs, sizeof *ix->fxyz);
    if (ix->lrec == NULL || ix->fxyz == NULL)
        goto oom;
    for (size_t j = 0; j < ix->n_locs; j++) {
        const ifzo_zorglocatie *l = &ix->locs[j];
        loc_pt pt;
        point_of(l->lat, l->lon, &pt);
        ix->fxyz[3 * j] = (float)pt.x;
        ix->fxyz[3 * j + 1] = (float)pt.y;
        ix->fxyz[3 * j + 2] = (float)pt.z;
        ix->lrec[j] = (struct loc_rec){l->lat, l->lon, l->id, l->zorgaanbieder_id};
    }
    ix->earth_r = earth_radius();
    ix->serial = atomic_fetch_add(&next_serial, 1) + 1;
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
    /* Offers sorted by root, location id, offer id: each root is one slice, a match reads
     * the locations of its survivors front to back. */
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

const ifzo_zorglocatie *match_index_location(const match_index *ix, int64_t id,
                                             const ifzo_zorgaanbieder **provider)
{
    const ifzo_zorglocatie *l = ix ? find_loc(ix, id) : NULL;
    if (provider != NULL) {
        long pv = l ? find_prov(ix, l->zorgaanbieder_id) : -1;
        *provider = pv >= 0 ? &ix->prov[pv] : NULL;
    }
    return l;
}

/* ---- run --------------------------------------------------------------------------------- */

/* Sets bits [first, end). */
static void set_range(uint64_t *b, uint32_t first, uint32_t end)
{
    if (first >= end)
        return;
    size_t w0 = first >> 6, w1 = (end - 1) >> 6;
    uint64_t m0 = ~(uint64_t)0 << (first & 63);
    uint64_t m1 = ~(uint64_t)0 >> (63 - ((end - 1) & 63));
    if (w0 == w1) {
        b[w0] |= m0 & m1;
        return;
    }
    b[w0] |= m0;
    for (size_t w = w0 + 1; w < w1; w++)
        b[w] = ~(uint64_t)0;
    b[w1] |= m1;
}

/* What a match keeps between ranking and explaining (r->lazy). */
typedef struct lazy {
    match_query q;
    match_config cfg;
    uint64_t serial;
} lazy;

static const part *part_of(const match_index *ix, unsigned root)
{
    return &ix->parts[root == 1 ? 0 : root == 2 ? 1 : 2];
}

/* zorgaanbieder_matchable for the provider of offer i (the covering contracts of an admitted
 * provider, valid on the day): what the contract bitset says, for one offer. */
static bool contract_ok(const match_index *ix, const part *pt, const match_prep *p, size_t i)
{
    uint32_t pv = pt->ranges[pt->range_of[i]].prov;
    if (!ix->prov[pv].toelating)
        return false;
    for (uint32_t c = ix->cfirst[pv]; c < ix->cend[pv]; c++) {
        const contract_i *ci = &ix->contracts[c];
        if (ci->zt >= 0 && ((p->covers >> ci->zt) & 1u) && p->q->dag >= ci->van &&
            (ci->tot == IFZO_NO_DATE || p->q->dag <= ci->tot))
            return true;
    }
    return false;
}

typedef struct run_ctx {
    const match_index *ix;
    const part *pt;
    const match_prep *p;
} run_ctx;

/* match_est_ops.same_place: the same coordinates (keys: loc = index in ix->locs). */
static bool same_place(void *ctx, const match_key *a, const match_key *b)
{
    const run_ctx *c = ctx;
    const struct loc_rec *x = &c->ix->lrec[a->li], *y = &c->ix->lrec[b->li];
    return x->lat == y->lat && x->lon == y->lon;
}

/* match_est_ops.exact: the exact travel time of a key. */
static void exact_time(void *ctx, match_key *k)
{
    const run_ctx *c = ctx;
    const struct loc_rec *l = &c->ix->lrec[k->li];
    int rounded;
    match_travel(c->p, l->lat, l->lon, &k->t, &rounded);
    k->exact = 1;
}

/* The contract bitset (= zorgaanbieder_matchable, from the covering contracts of admitted
 * providers) and the intake bitset (= zorgaanbod_intake_open, from the compact stop periods)
 * of partition pt for query care type qz on day d, into out[0, 2W). */
static void day_bits_fill(const part *pt, int qz, ifzo_date d, uint64_t *out)
{
    const size_t W = pt->words;
    uint64_t *contract = out, *intake = out + W;
    memset(contract, 0, W * sizeof *contract);
    for (size_t i = 0; i < pt->n_cov[qz]; i++) {
        const struct covering *c = &pt->cov[qz][i];
        if (d >= c->van && (c->tot == IFZO_NO_DATE || d <= c->tot))
            set_range(contract, pt->ranges[c->range].first, pt->ranges[c->range].end);
    }
    memset(intake, 0xff, W * sizeof *intake);
    for (size_t i = 0; i < pt->n_stopped; i++) {
        if (d >= pt->stop_van[i] && (pt->stop_tot[i] == IFZO_NO_DATE || d <= pt->stop_tot[i])) {
            uint32_t o = pt->stopped[i];
            intake[o >> 6] &= ~((uint64_t)1 << (o & 63));
        }
    }
}

/* The day bitsets of (qz, d): from the partition's cache, made and published by the first
 * match that needs them (lock-free: a compare-and-swap into an empty slot; a thread that
 * loses the race frees its copy and uses the winner's). Entries are immutable and live as
 * long as the index. When the cache is full they are made into `scratch` (2W words). */
static const uint64_t *day_bits_get(const match_index *ix, const part *pt, int qz, ifzo_date d,
                                    uint64_t *scratch)
{
    part *mp = (part *)pt; /* only the atomic cache slots are written */
    const size_t W = pt->words;
    uint64_t h = ((uint64_t)(uint32_t)d * 64 + (uint64_t)qz) * UINT64_C(0x9E3779B97F4A7C15);
    size_t at = (size_t)(h >> 40) & (DAY_CACHE - 1);
    day_bits *mine = NULL;
    for (size_t probe = 0; probe < DAY_CACHE; probe++) {
        _Atomic(day_bits *) *slot = &mp->cache[(at + probe) & (DAY_CACHE - 1)];
        day_bits *e = atomic_load_explicit(slot, memory_order_acquire);
        if (e == NULL) {
            if (mine == NULL) {
                mine = malloc(sizeof *mine + 2 * W * sizeof *mine->bits);
                if (mine == NULL)
                    break;
                mine->day = d;
                mine->qz = qz;
                day_bits_fill(pt, qz, d, mine->bits);
            }
            day_bits *expected = NULL;
            if (atomic_compare_exchange_strong_explicit(slot, &expected, mine, memory_order_acq_rel,
                                                        memory_order_acquire)) {
                atomic_fetch_add(&((match_index *)ix)->cache_bytes,
                                 sizeof *mine + 2 * W * sizeof *mine->bits);
                return mine->bits;
            }
            e = expected; /* another thread filled the slot first */
        }
        if (e->day == d && e->qz == qz) {
            free(mine);
            return e->bits;
        }
    }
    if (mine != NULL) {
        memcpy(scratch, mine->bits, 2 * W * sizeof *scratch);
        free(mine);
        return scratch;
    }
    day_bits_fill(pt, qz, d, scratch);
    return scratch;
}

/* The norm of the care type as a squared chord c2: a location whose true squared chord is
 * clearly below c2 is within the norm (rounded travel time <= norm), clearly above is not.
 * -1: nothing passes; INFINITY: everything with valid coordinates passes. */
static double norm_chord2(const match_index *ix, const match_prep *p)
{
    const struct ifzo_travel_model *m = &p->cfg->travel;
    double d = (double)p->norm_min + 0.5 - m->fixed_min; /* lround(t) <= norm <=> t < norm + .5 */
    if (d <= 0)
        return -1; /* t >= fixed_min >= norm + 0.5 */
    double ang = d * m->speed_kmh / (60.0 * m->detour_factor) / ix->earth_r;
    if (ang >= 3.14159265358979323846)
        return INFINITY;
    double s = sin(ang / 2.0);
    return 4.0 * s * s;
}

/* -1: the estimate is certainly below c2 (within the norm), 1: certainly above, 0: undecided. */
static int norm_side(double est, double c2)
{
    if (c2 < 0)
        return 1;
    if (isinf(c2))
        return isinf(est) ? 0 : -1;
    double lo = c2 - c2 * 1e-8 - 1e-13, hi = c2 + c2 * 1e-8 + 1e-13;
    double sl = est_slack(est);
    if (est + sl < lo)
        return -1;
    if (est - sl > hi)
        return 1;
    return 0;
}

/* Whether location li with estimate est lies within the travel-time norm (squared chord c2):
 * by the estimate, and on the edge of the norm by the exact travel time, exactly as the
 * explanation decides (then *t is that time and *exact is set). */
static bool within_norm(const match_index *ix, const match_prep *p, uint32_t li, double est,
                        double c2, double *t, bool *exact)
{
    int side = norm_side(est, c2);
    if (side != 0)
        return side < 0;
    int rounded;
    match_travel(p, ix->lrec[li].lat, ix->lrec[li].lon, t, &rounded);
    *exact = true;
    return rounded <= p->norm_min;
}

/* The estimate of location li from the query point q: the squared chord (see est_slack). */
static double est_of(const float *fxyz, const loc_pt *q, uint32_t li)
{
    const float *x = &fxyz[3 * (size_t)li];
    double dx = (double)x[0] - q->x, dy = (double)x[1] - q->y, dz = (double)x[2] - q->z;
    return dx * dx + dy * dy + dz * dz;
}

/* The keys of one match as they stream out of the bitset pass. The offers of a location are
 * adjacent and come in id order, so the location's best offer (lowest rank, then lowest id;
 * see `better` in match.c) is known when the next location starts: one key per location for
 * the widened offers and one for the others (widened ones may be dropped as a whole, so they
 * are kept apart). Pending keys: loc = li = the location's index in ix->locs (ordered as the
 * ids), offer = idx = the position in the partition (ordered as the ids within a location);
 * kept keys get the ids (and the provider id), read front to back.
 *
 * With outside_region (no widened keys), a near miss that cannot be among the max_near
 * nearest is not kept at all: a max-heap holds the (class, upper bound) of the max_near best
 * near misses so far (class 0 in region, 1 outside); a location whose lower bound lies beyond
 * the heap's top by more than the margin (or in a later class) is farther than max_near
 * others, exactly as match_keys_finish would conclude; it is only counted. */
typedef struct heap_ent {
    uint8_t cls;
    double hi;
} heap_ent;

typedef struct stream {
    match_result *r;
    const int64_t *offer_ids;
    const struct loc_rec *lrec;
    int64_t li; /* the pending location, -1 none */
    bool have_nw, have_w;
    match_key nw, w; /* its best other and widened key */
    bool filter;     /* near-miss heap in use */
    size_t keep, n_heap, n_dropped;
    heap_ent *heap;
    uint8_t top_cls; /* once the heap is full: its top's class, */
    double lim;      /* and the lower bound beyond which a key of that class is dropped */
} stream;

static bool heap_after(const heap_ent *a, const heap_ent *b)
{
    return a->cls != b->cls ? a->cls > b->cls : a->hi > b->hi;
}

static void heap_down(heap_ent *h, size_t n, size_t j)
{
    for (;;) {
        size_t c = 2 * j + 1, m = j;
        if (c < n && heap_after(&h[c], &h[m]))
            m = c;
        if (c + 1 < n && heap_after(&h[c + 1], &h[m]))
            m = c + 1;
        if (m == j)
            return;
        heap_ent t = h[j];
        h[j] = h[m];
        h[m] = t;
        j = m;
    }
}

/* An upper bound of est_slack(est) for est < 8 (est_slack(est) <= 4e-6 + 1e-12 there): an
 * estimate beyond a limit by more than this has its lower bound beyond it too. */
#define NEAR_SLACK_MAX 1e-5

/* The drop limit of a full heap: its top's class and upper bound plus the margin. */
static void heap_limit(stream *s)
{
    const heap_ent *top = &s->heap[0];
    s->top_cls = top->cls;
    s->lim = top->hi + fabs(top->hi) * MATCH_EST_REL + MATCH_EST_ABS;
}

/* near_miss_kept for a key of class cls with bounds [lo, hi], before the key is made. */
static bool near_miss_keep(stream *s, uint8_t cls, double lo, double hi)
{
    heap_ent e = {cls, hi};
    if (s->n_heap < s->keep) {
        size_t j = s->n_heap++;
        s->heap[j] = e;
        while (j > 0 && heap_after(&s->heap[j], &s->heap[(j - 1) / 2])) {
            heap_ent t = s->heap[j];
            s->heap[j] = s->heap[(j - 1) / 2];
            s->heap[(j - 1) / 2] = t;
            j = (j - 1) / 2;
        }
        if (s->n_heap == s->keep)
            heap_limit(s);
        return true;
    }
    if (cls > s->top_cls || (cls == s->top_cls && lo > s->lim)) {
        s->n_dropped++;
        return false;
    }
    if (heap_after(&s->heap[0], &e)) {
        s->heap[0] = e;
        heap_down(s->heap, s->n_heap, 0);
        heap_limit(s);
    }
    return true;
}

static bool near_miss_kept(stream *s, const match_key *k)
{
    return near_miss_keep(s, k->in_region ? 0 : 1, k->lo, k->hi);
}

/* Keeps a pending key, with the ids (location ids order as li does); its rank is the one
 * match_key_push_est would give it (stream_add and the near-miss pass set it alike). */
static bool put(const stream *s, const match_key *k)
{
    const struct loc_rec *l = &s->lrec[k->li]; /* read in order: keys come by location */
    match_key *kept = match_key_next(s->r);
    if (kept == NULL)
        return false;
    *kept = *k;
    kept->loc = l->id;
    kept->offer = s->offer_ids[k->idx];
    kept->prov = l->prov;
    return true;
}

/* The bounds of a pending key (lo = hi = the estimate until now), once per location. */
static void settle(match_key *k)
{
    double sl = est_slack(k->lo);
    k->hi = k->lo + sl;
    k->lo -= sl;
}

static bool flush(stream *s)
{
    bool ok = true;
    if (s->have_w)
        settle(&s->w);
    if (s->have_nw)
        settle(&s->nw);
    if (s->have_w)
        ok = put(s, &s->w);
    if (ok && s->have_nw &&
        !(s->filter && s->nw.status == MATCH_NEAR_MISS && !near_miss_kept(s, &s->nw)))
        ok = put(s, &s->nw);
    s->have_nw = s->have_w = false;
    s->li = -1;
    return ok;
}

static bool stream_add(stream *s, uint32_t li, double est, bool exact, double t, uint32_t i,
                       match_status st, bool region_ok)
{
    bool ok = true;
    if (s->li != (int64_t)li) {
        ok = flush(s);
        s->li = li;
    }
    bool widened = st == MATCH_WIDENED;
    uint8_t rank = st == MATCH_PROPOSED ? (region_ok ? 0 : 1) : widened ? 1 : 2;
    bool *have = widened ? &s->have_w : &s->have_nw;
    match_key *k = widened ? &s->w : &s->nw;
    if (*have && rank >= k->rank)
        return ok; /* an earlier offer (lower id) of the location is at least as good */
    *k = (match_key){(int64_t)li, (int64_t)i,  exact ? t : 0, est,   est, i,
                     rank,        (uint8_t)st, region_ok,     exact, li,  0};
    *have = true;
    return ok;
}

/* The ranking: every hard check as a bitset of passing offers, a bit-sliced count of failures
 * (none / one / more) per word, the classification of the survivors with the distance
 * estimate, then the shared finish (which asks exact travel times only for what may be
 * shown). Fills every item's summary (ids, status, region, travel time, the failing check of
 * a near miss); n_checks = 0 until match_index_explain. */
static bool rank(const match_index *ix, const match_config *cfg, const match_query *q,
                 match_result *r, match_prep *p, core_error *err)
{
    if (ix == NULL || r == NULL)
        return core_fail(err, "required", NULL, "Geen index of resultaat.");
    if (!match_prepare_cached(&ix->prep, q, cfg, p, err))
        return false;
    match_result_start(r, p);
    lazy *lz = r->lazy;
    if (lz == NULL && (lz = r->lazy = malloc(sizeof *lz)) == NULL)
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    lz->q = *q;
    lz->cfg = *cfg;
    lz->serial = ix->serial;
    const part *pt = part_of(ix, p->root);
    int qz = p->zt_index;
    r->n_considered = pt->considered[qz];
    run_ctx ctx = {ix, pt, p};
    const match_est_ops ops = {exact_time, same_place, &ctx};
    if (pt->n == 0 || r->n_considered == 0) {
        r->n_keys = 0;
        return match_keys_finish(r, cfg, &ops, true)
                   ? true
                   : core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    }
    const size_t W = pt->words;
    /* Hard checks as bitsets of passing offers: one per tested criterion, age, level,
     * contract, intake. Multi-valued ones are ORed into scratch. */
    const uint64_t *checks[IFZO_CRIT_COUNT + 4];
    match_check_id check_id[IFZO_CRIT_COUNT + 4];
    int n_checks = 0;
    /* cand, region, day (contract, intake) when not cached, level, outside, multi */
    size_t n_scratch = 6 + IFZO_CRIT_COUNT, loc_words = (ix->n_locs + 63) / 64;
    uint64_t *scratch = match_scratch(r, 0, (n_scratch * W + loc_words) * sizeof *scratch);
    if (scratch == NULL)
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    uint64_t *day_scratch = scratch + 2 * W, *outside = scratch + 5 * W, *multi = scratch + 6 * W;
    uint64_t *has_prop = scratch + n_scratch * W; /* outside_region: locations with a proposal */
    const uint64_t *cand = pt->cand[qz]; /* the offers whose care type covers the query's */
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (!((p->tested >> c) & 1u) || c == IFZO_CRIT_ARRONDISSEMENT)
            continue;
        check_id[n_checks] = (match_check_id)c;
        if (ifzo_codeset_count(p->want[c]) == 1) {
            int v = ctz64(p->want[c]);
            checks[n_checks++] = pt->crit[c][v];
        } else {
            memset(multi, 0, W * sizeof *multi);
            for (int v = 0; v < 64; v++) {
                if ((p->want[c] >> v) & 1u && pt->crit[c][v] != NULL)
                    or_into(multi, pt->crit[c][v], W);
            }
            checks[n_checks++] = multi;
            multi += W;
        }
    }
    if (p->age_tested) {
        check_id[n_checks] = MATCH_CHECK_LEEFTIJD;
        checks[n_checks++] = pt->age[q->leeftijd];
    }
    if (p->level_tested) {
        check_id[n_checks] = MATCH_CHECK_BEVEILIGINGSNIVEAU;
        checks[n_checks++] = pt->lvl[(p->level_ok >> 1) & 15u];
    }
    const uint64_t *day = day_bits_get(ix, pt, qz, q->dag, day_scratch);
    check_id[n_checks] = MATCH_CHECK_CONTRACT;
    checks[n_checks++] = day;
    check_id[n_checks] = MATCH_CHECK_OPNAMESTOP;
    checks[n_checks++] = day + W;
    /* The exact arrondissement part of the region (criterion, national function, BW rule);
     * the travel-time norm is applied per offer below. */
    const uint64_t *region = pt->reg[p->client_arr][p->bw_rule];
    loc_pt qp;
    point_of(q->lat, q->lon, &qp);
    const bool norm = p->norm_min >= 0;
    const double c2 = norm ? norm_chord2(ix, p) : 0;
    const float *fxyz = ix->fxyz;
    uint32_t last_li = UINT32_MAX;
    double last_est = 0;
    /* Phase 1: offers with at most one failing hard check inside the region: every possible
     * proposal and near miss. Offers meeting every hard check outside the region are kept in
     * `outside` for phase 2. With outside_region (anywhere), phase 1 takes only the offers
     * meeting every hard check, and the near misses (kept in `outside`) follow in their own
     * pass: a location with a proposal is reported by it, one without by its first near miss
     * (all near misses rank alike, then by offer id), so that pass looks only at the first
     * near miss of each location without a proposal, and mostly only to count it (the
     * heap). An outside-region search has ten times as many near misses as proposals. */
    bool ok = true;
    size_t n_in = 0;
    const bool out_q = q->outside_region;
    stream sm = {0};
    sm.r = r;
    sm.offer_ids = pt->offer_ids;
    sm.lrec = ix->lrec;
    sm.li = -1;
    sm.filter = out_q && cfg->max_near > 0;
    sm.keep = (size_t)cfg->max_near;
    if (sm.filter && (sm.heap = match_scratch(r, 1, sm.keep * sizeof *sm.heap)) == NULL)
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    if (out_q)
        memset(has_prop, 0, loc_words * sizeof *has_prop);
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
        uint64_t surv;
        if (out_q) {
            outside[w] = c & ones & ~twos;
            surv = c & ~ones;
        } else {
            outside[w] = c & ~ones & ~region[w];
            surv = c & ~twos & region[w];
        }
        while (surv != 0 && ok) {
            int b = ctz64(surv);
            surv &= surv - 1;
            size_t i = w * 64 + (size_t)b;
            uint32_t li = pt->offer_loc[i];
            if (li != last_li) { /* a location's offers are adjacent: once per location */
                last_li = li;
                last_est = est_of(fxyz, &qp, li);
                if (out_q)
                    bit_set(has_prop, li);
            }
            double est = last_est;
            bool region_ok = (region[w] >> b) & 1u;
            int n_failed = (int)((ones >> b) & 1u);
            double t = 0;
            bool exact = false;
            if (region_ok && norm)
                region_ok = within_norm(ix, p, li, est, c2, &t, &exact);
            match_status st = match_classify(n_failed, region_ok, out_q);
            if (st == MATCH_NOT_REPORTED)
                continue;
            n_in += st == MATCH_PROPOSED && region_ok;
            ok = stream_add(&sm, li, est, exact, t, (uint32_t)i, st, region_ok);
        }
    }
    ok = ok && flush(&sm);
    /* outside_region: the near misses, the first of each location without a proposal. */
    last_li = UINT32_MAX;
    for (size_t w = 0; w < W && ok && out_q; w++) {
        uint64_t nb = outside[w];
        while (nb != 0 && ok) {
            int b = ctz64(nb);
            nb &= nb - 1;
            size_t i = w * 64 + (size_t)b;
            uint32_t li = pt->offer_loc[i];
            if (li == last_li || ((has_prop[li >> 6] >> (li & 63)) & 1u))
                continue;
            last_li = li;
            double est = est_of(fxyz, &qp, li), t = 0;
            bool exact = false, region_ok = (region[w] >> b) & 1u;
            if (region_ok && norm)
                region_ok = within_norm(ix, p, li, est, c2, &t, &exact);
            /* The bounds of settle, tested before a key is made (most are only counted):
             * near_miss_keep's drop, without the call, and for a finite estimate (< 8:
             * est_slack < 1e-5 there) clearly beyond the limit without the slack. */
            uint8_t cls = region_ok ? 0 : 1;
            bool full = sm.filter && sm.n_heap == sm.keep;
            if (full && (cls > sm.top_cls ||
                         (cls == sm.top_cls && est < 8.0 && est > sm.lim + NEAR_SLACK_MAX))) {
                sm.n_dropped++;
                continue;
            }
            double sl = est_slack(est), lo = est - sl, hi = est + sl;
            if (full && cls == sm.top_cls && lo > sm.lim) {
                sm.n_dropped++;
                continue;
            }
            if (sm.filter && !near_miss_keep(&sm, cls, lo, hi))
                continue;
            match_key k = {(int64_t)li, (int64_t)i,      exact ? t : 0, lo,    hi, (uint32_t)i,
                           2,           MATCH_NEAR_MISS, region_ok,     exact, li, 0};
            ok = put(&sm, &k);
        }
    }
    /* Phase 2: what a widened search adds, needed only when the region has no proposal. */
    for (size_t w = 0; w < W && ok && n_in == 0 && !out_q; w++) {
        uint64_t surv = outside[w];
        while (surv != 0 && ok) {
            int b = ctz64(surv);
            surv &= surv - 1;
            size_t i = w * 64 + (size_t)b;
            uint32_t li = pt->offer_loc[i];
            ok = stream_add(&sm, li, est_of(fxyz, &qp, li), false, 0, (uint32_t)i, MATCH_WIDENED,
                            false);
        }
    }
    ok = ok && flush(&sm) && match_keys_finish(r, cfg, &ops, true);
    r->n_near_total += sm.n_dropped;
    /* The summary of every shown location. */
    const match_key *keys = r->keys;
    for (size_t j = 0; ok && j < r->n_items; j++) {
        const match_key *k = &keys[j];
        match_location *l = &r->items[j];
        memset(l, 0, offsetof(match_location, checks));
        l->zorglocatie_id = k->loc;
        l->zorgaanbod_id = k->offer;
        l->zorgaanbieder_id = k->prov;
        l->status = (match_status)k->status;
        l->in_region = k->in_region;
        l->reistijd = -1; /* not known before match_index_explain */
        l->reistijd_min = -1;
        l->n_failed = l->status == MATCH_NEAR_MISS;
        l->failed = MATCH_CHECK_COUNT;
        l->n_checks = 0;
        memset(&l->soft, 0, sizeof l->soft);
        size_t w = k->idx >> 6, b = k->idx & 63;
        for (int c = 0; l->n_failed && c < n_checks; c++) {
            if (!((checks[c][w] >> b) & 1u))
                l->failed = check_id[c];
        }
    }
    if (!ok)
        return core_fail(err, "out_of_memory", NULL, "Onvoldoende geheugen.");
    return true;
}

bool match_index_run_lazy(const match_index *ix, const match_config *cfg, const match_query *q,
                          match_result *r, core_error *err)
{
    match_prep p;
    return rank(ix, cfg, q, r, &p, err);
}

/* Explains items [from, to) of r with the prepared query p. */
static void explain(const match_index *ix, const match_prep *p, match_result *r, size_t from,
                    size_t to)
{
    const part *pt = part_of(ix, p->root);
    const match_key *keys = r->keys;
    for (size_t j = from; j < to; j++) {
        uint32_t i = keys[j].idx;
        match_explain_entry(p, &pt->entries[i], contract_ok(ix, pt, p, i), &r->items[j]);
    }
}

bool match_index_explain(const match_index *ix, match_result *r, size_t from, size_t to,
                         core_error *err)
{
    if (ix == NULL || r == NULL)
        return core_fail(err, "required", NULL, "Geen index of resultaat.");
    const lazy *lz = r->lazy;
    if (lz == NULL || lz->serial != ix->serial)
        return core_fail(err, "stale_index", NULL,
                         "Dit resultaat hoort niet bij deze index; voer de match opnieuw uit.");
    if (from > to || to > r->n_items)
        return core_fail(err, "out_of_range", "to", "Buiten het resultaat.");
    match_prep p;
    if (!match_prepare_cached(&ix->prep, &lz->q, &lz->cfg, &p, err))
        return false;
    explain(ix, &p, r, from, to);
    return true;
}

bool match_index_run(const match_index *ix, const match_config *cfg, const match_query *q,
                     match_result *r, core_error *err)
{
    match_prep p;
    if (!rank(ix, cfg, q, r, &p, err))
        return false;
    explain(ix, &p, r, 0, r->n_items);
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
