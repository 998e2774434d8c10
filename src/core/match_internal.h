/*
 * match_internal.h: what match.c shares with match_index.c and nothing else — the prepared
 * query, the prepared offer entry, the one explanation function and the one finishing step
 * (choose each location's best offer, order, count). Both the brute force and the index call
 * exactly these, which is what keeps them equal.
 *
 * Not a public API: include only from src/core/match*.c.
 */
#ifndef IFZO_CORE_MATCH_INTERNAL_H
#define IFZO_CORE_MATCH_INTERNAL_H

#include "core/codelist.h"
#include "core/match.h"

#define MATCH_ZT_MAX  32 /* zorgtype list entries (checked at prepare time) */
#define MATCH_ARR_MAX 64

/* A query resolved to integers once, so that explaining an offer is cheap. */
typedef struct match_prep {
    const match_query *q;
    const match_config *cfg;
    unsigned root;                  /* 1 KLIN, 2 VBW, 4 AMB */
    const codelist_entry *zt_entry; /* q->zorgtype in the zorgtype list */
    int zt_index;                   /* its index in the zorgtype list */
    uint32_t covers;                /* zorgtype indices whose offers/contracts cover q->zorgtype */
    uint32_t tested; /* bit c: code criterion c is tested (arrondissement included) */
    ifzo_codeset want[IFZO_CRIT_COUNT]; /* accepted codes per criterion */
    bool age_tested;
    bool level_tested;
    unsigned level_ok;       /* bit l (1..4): a location at level l passes */
    ifzo_codeset level_bit;  /* the indicated level as a beveiligingsniveau codeset */
    int client_arr;          /* index in the arrondissement list */
    int norm_min;            /* travel-time norm in minutes, -1 = none */
    bool bw_rule;            /* the location must lie in the client's arrondissement */
    bool national_exception; /* KLIN: national-function locations pass the region check */
} match_prep;

/* An offer resolved to integers (the same for every query). */
typedef struct match_entry {
    const ifzo_zorgaanbod *offer;
    const ifzo_zorglocatie *loc;
    int64_t offer_id, loc_id, prov_id; /* copies of the location's hot fields (one cache line) */
    double lat, lon;
    int zt;        /* index of offer->zorgtype in the zorgtype list */
    int level;     /* 1 … 4 */
    int loc_arr;   /* index of loc->arrondissement in the arrondissement list */
    bool national; /* landelijke_functie at a level with the national_function attribute */
} match_entry;

/* The code lists an entry is resolved against, looked up once per build or match. */
typedef struct match_lists {
    const codelist *zorgtype, *arrondissement, *beveiligingsniveau;
} match_lists;
void match_lists_get(match_lists *l);

bool match_prepare(const match_query *q, const match_config *cfg, match_prep *p, core_error *err);

/* Everything match_prepare derives from the code lists, resolved once per care type, so that
 * preparing a query on the hot path costs integer tests instead of a few hundred string
 * comparisons (issue 5: p99 per match). match_prep_cache_init fills it (pure: the code lists
 * are compiled in); match_prepare_cached gives exactly what match_prepare gives: it validates
 * with the cached masks and, when anything is off, calls match_prepare for its error. */
typedef struct match_prep_zt {
    bool ok; /* a known care type whose ancestors are all in the list */
    unsigned root;
    const codelist_entry *entry;
    uint32_t covers;
    uint32_t applies;                      /* bit c: criterion c applies */
    ifzo_codeset allowed[IFZO_CRIT_COUNT]; /* codes an indication of this care type may hold */
    bool age;
    bool norm_adb; /* the norm is the configurable day-treatment norm */
    int norm_min;  /* otherwise this one, -1 none */
    bool bw_rule;
} match_prep_zt;

typedef struct match_prep_cache {
    const codelist *zorgtype;
    match_prep_zt zt[MATCH_ZT_MAX];
    ifzo_codeset substance; /* the dsm_hoofdgroep bit of "04" (0 when absent) */
    /* Per indicated level 1 … 4 (index 0 unused): valid as a code, its bit in the
     * beveiligingsniveau list, and level_ok for mode regular [0] and relaxed [1]. */
    bool level_valid[5];
    ifzo_codeset level_bit[5];
    unsigned level_ok[5][2];
    /* Relaxed modes: the zorgsetting codes admitted by a level_ok set (bits 1 … 4). */
    ifzo_codeset zs_admitted[32];
} match_prep_cache;

void match_prep_cache_init(match_prep_cache *pc);
bool match_prepare_cached(const match_prep_cache *pc, const match_query *q, const match_config *cfg,
                          match_prep *p, core_error *err);
/* False when a code of the offer or location is unknown (the entry is then ignored). */
bool match_entry_prepare(const match_lists *lists, const ifzo_zorgaanbod *a,
                         const ifzo_zorglocatie *l, match_entry *e);
/* Index of a zorgtype code, -1 if unknown. */
int match_zorgtype_index(const match_lists *lists, const char *code);

/* Explains one offer (which must cover the care type) and classifies it. */
void match_explain_entry(const match_prep *p, const match_entry *e, bool contract_ok,
                         match_location *out);

/* Resets r for a new match of p. */
void match_result_start(match_result *r, const match_prep *p);

/* The shared travel estimate (minutes, and rounded to whole minutes for the norm). */
void match_travel(const match_prep *p, double lat, double lon, double *minutes, int *rounded);
/* The status from the number of failing hard checks and the region (see match.h). */
match_status match_classify(int n_failed, bool region_ok, bool outside_region);

/* What ordering needs of a reported offer (r->keys). loc / offer: anything ordered as the
 * location and offer ids (the ids for the brute force; for the index its positions, which are
 * sorted by id). idx: the caller's handle of the offer (catalog position for the brute force,
 * entry for the index). t: the exact travel minutes (match_travel) once `exact`.
 * [lo, hi]: bounds on a quantity that grows with the true travel time (all keys of one match
 * in the same unit; lo = hi = t for the brute force): when lo of key x exceeds hi of key y by
 * more than MATCH_EST_REL (relative) + MATCH_EST_ABS, x is farther than y, exactly; so
 * match_keys_finish can skip the exact travel time of keys that cannot be shown. */
typedef struct match_key {
    int64_t loc, offer;
    double t, lo, hi;
    uint32_t idx;
    uint8_t rank, status, in_region, exact;
    uint32_t li;  /* the index's place of the location (unused by the brute force) */
    int64_t prov; /* the index's provider id of the location (unused by the brute force) */
} match_key;

#define MATCH_EST_REL 1e-8
#define MATCH_EST_ABS 1e-13

/* Room for one more key (r->n_keys counts it; the caller fills every field); NULL when out of
 * memory. */
match_key *match_key_next(match_result *r);
/* A key with its exact travel time. */
bool match_key_push(match_result *r, int64_t loc, int64_t offer, double t, uint32_t idx,
                    match_status status, bool in_region);
/* A key with bounds [lo, hi] and, when `exact`, its exact travel time t. */
bool match_key_push_est(match_result *r, int64_t loc, int64_t offer, double lo, double hi,
                        bool exact, double t, uint32_t idx, match_status status, bool in_region);

/* How match_keys_finish orders keys that carry bounds instead of exact times. */
typedef struct match_est_ops {
    void (*exact)(void *ctx, match_key *k); /* fills k->t (and sets k->exact) */
    /* whether the two keys' locations have the same coordinates (then the same time) */
    bool (*same_place)(void *ctx, const match_key *a, const match_key *b);
    void *ctx;
} match_est_ops;

/* Drops widened keys when the region has a proposal, keeps each location's best offer,
 * orders, keeps every proposal and the nearest cfg->max_widened / max_near of the others,
 * counts; r->n_items = the kept keys, r->items has room for them (the caller explains key j
 * into item j). est == NULL: every key is exact (the brute force). Otherwise keys are ordered
 * by their bounds, and only where bounds do not decide (overlapping bounds of different
 * places) by exact times from est->exact, so kept keys need not be exact afterwards.
 * apart: the caller already kept one key per location among the widened keys and one among
 * the others (then the location table is needed only when widened keys stay). False when out
 * of memory. */
bool match_keys_finish(match_result *r, const match_config *cfg, const match_est_ops *est,
                       bool apart);

/* Per-result scratch buffer `slot` (0 … MATCH_SCRATCH_SLOTS-1) of at least `bytes` bytes,
 * kept for the next match (no allocation once warm); NULL when out of memory. */
void *match_scratch(match_result *r, int slot, size_t bytes);

/* The whole-minute rounding of match_travel. */
int match_round_minutes(double minutes);

#endif
