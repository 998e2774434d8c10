/*
 * match_gen.h: a seeded random care offer and random definitive queries, shared by the
 * property test (tests/unit/test_match.c) and the benchmark (bench/match) so that both
 * exercise the same shapes: several offers per location, multi-valued criteria, expired and
 * future contracts, intake stops, national-function clinics, many locations on one PC4 (ties
 * in travel time), every care type and mode.
 *
 * Header-only (static functions) so that the unit test links nothing but ifzo_core.
 * mgen_catalog_free releases what mgen_catalog allocates.
 */
#ifndef IFZO_TESTS_MATCH_GEN_H
#define IFZO_TESTS_MATCH_GEN_H

#include "core/codelist.h"
#include "core/geo.h"
#include "core/match.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint64_t s;
} mgen_rng;

static inline uint64_t mgen_next(mgen_rng *r)
{
    /* splitmix64: small, fixed, the same on every platform */
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static inline int mgen_int(mgen_rng *r, int n)
{
    return (int)(mgen_next(r) % (uint64_t)n);
}

static inline bool mgen_chance(mgen_rng *r, int percent)
{
    return mgen_int(r, 100) < percent;
}

#define MGEN_DAY0 20400 /* 2025-11-08 */

typedef struct {
    ifzo_zorgaanbieder *aanbieders;
    ifzo_contract *contracts;
    ifzo_zorglocatie *locaties;
    ifzo_zorgaanbod *aanbod;
    match_catalog cat;
    int *pc4s; /* the PC4 areas used */
    int n_pc4;
} mgen_catalog;

static inline const char *mgen_code(const char *list, int i)
{
    return codelist_find(list)->entries[i].code;
}

static inline int mgen_count(const char *list)
{
    return (int)codelist_find(list)->count;
}

/* A random non-empty set of allowed values of criterion c for care type zt; `percent` is the
 * chance of each value. */
static inline ifzo_codeset mgen_set(mgen_rng *r, const char *zt, ifzo_crit c, int percent)
{
    const codelist *l = ifzo_crit_list(c);
    ifzo_codeset s = 0;
    for (int tries = 0; s == 0 && tries < 50; tries++) {
        for (size_t i = 0; i < l->count; i++) {
            if (ifzo_crit_value_allowed(zt, c, l->entries[i].code) && mgen_chance(r, percent))
                s |= (ifzo_codeset)1 << i;
        }
    }
    return s;
}

/* One random allowed value. */
static inline ifzo_codeset mgen_one(mgen_rng *r, const char *zt, ifzo_crit c)
{
    const codelist *l = ifzo_crit_list(c);
    for (;;) {
        size_t i = (size_t)mgen_int(r, (int)l->count);
        if (ifzo_crit_value_allowed(zt, c, l->entries[i].code))
            return (ifzo_codeset)1 << i;
    }
}

static inline void mgen_place(const mgen_catalog *g, mgen_rng *r, double *lat, double *lon,
                              const char **arr)
{
    struct ifzo_geo_place pl;
    ifzo_geo_lookup_pc4(g->pc4s[mgen_int(r, g->n_pc4)], &pl);
    *lat = pl.lat;
    *lon = pl.lon;
    if (arr)
        *arr = ifzo_arr_code(pl.arrondissement);
}

/* n_loc locations, 1 … max_offers offers each, about n_loc / 5 providers. */
static inline bool mgen_catalog_make(mgen_catalog *g, uint64_t seed, int n_loc, int max_offers,
                                     int n_pc4)
{
    mgen_rng r = {seed};
    memset(g, 0, sizeof *g);
    int n_prov = n_loc / 5 + 1;
    g->aanbieders = calloc((size_t)n_prov, sizeof *g->aanbieders);
    g->contracts = calloc((size_t)n_prov * 4, sizeof *g->contracts);
    g->locaties = calloc((size_t)n_loc, sizeof *g->locaties);
    g->aanbod = calloc((size_t)n_loc * (size_t)max_offers, sizeof *g->aanbod);
    g->pc4s = calloc((size_t)n_pc4, sizeof *g->pc4s);
    if (!g->aanbieders || !g->contracts || !g->locaties || !g->aanbod || !g->pc4s)
        return false;
    size_t total = ifzo_geo_pc4_count();
    for (int i = 0; i < n_pc4; i++) {
        struct ifzo_geo_place pl;
        ifzo_geo_pc4_at((size_t)mgen_int(&r, (int)total), &pl);
        g->pc4s[i] = pl.pc4;
    }
    g->n_pc4 = n_pc4;
    int n_zt = mgen_count(CODELIST_ZORGTYPE);
    size_t nc = 0;
    for (int p = 0; p < n_prov; p++) {
        ifzo_zorgaanbieder *z = &g->aanbieders[p];
        z->id = 1000 + p * 7; /* not in array order after the shuffle below */
        snprintf(z->naam, sizeof z->naam, "Aanbieder %d", p);
        snprintf(z->agb, sizeof z->agb, "%08d", 6000000 + p % 1000000);
        z->toelating = mgen_chance(&r, 95);
        int k = 1 + mgen_int(&r, 4);
        for (int c = 0; c < k; c++) {
            ifzo_contract *ct = &g->contracts[nc];
            ct->id = (int64_t)nc + 1;
            ct->zorgaanbieder_id = z->id;
            snprintf(ct->zorgtype, sizeof ct->zorgtype, "%s",
                     mgen_code(CODELIST_ZORGTYPE, mgen_int(&r, n_zt)));
            ct->geldig_van = MGEN_DAY0 - 400 + mgen_int(&r, 420);
            ct->geldig_tot =
                mgen_chance(&r, 50) ? IFZO_NO_DATE : ct->geldig_van + mgen_int(&r, 800);
            nc++;
        }
    }
    g->cat.n_contracts = nc;
    size_t no = 0;
    int n_arr = mgen_count(CODELIST_ARRONDISSEMENT);
    for (int i = 0; i < n_loc; i++) {
        ifzo_zorglocatie *l = &g->locaties[i];
        l->id = 1 + (int64_t)((i * 7919L) % n_loc); /* ids not in array order */
        l->zorgaanbieder_id = g->aanbieders[mgen_int(&r, n_prov)].id;
        snprintf(l->naam, sizeof l->naam, "Locatie %lld", (long long)l->id);
        const char *arr;
        mgen_place(g, &r, &l->lat, &l->lon, &arr);
        snprintf(l->arrondissement, sizeof l->arrondissement, "%s", arr);
        l->beveiligingsniveau[0] = (char)('1' + mgen_int(&r, 4));
        l->landelijke_functie = l->beveiligingsniveau[0] >= '3' && mgen_chance(&r, 30);
        int k = 1 + mgen_int(&r, max_offers);
        for (int o = 0; o < k; o++) {
            ifzo_zorgaanbod *a = &g->aanbod[no];
            a->id = (int64_t)(no * 3 + 5);
            a->zorglocatie_id = l->id;
            const char *zt = mgen_code(CODELIST_ZORGTYPE, mgen_int(&r, n_zt));
            snprintf(a->zorgtype, sizeof a->zorgtype, "%s", zt);
            for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
                if (!ifzo_crit_applies(zt, (ifzo_crit)c))
                    continue;
                if (c == IFZO_CRIT_MIDDEL && mgen_chance(&r, 30))
                    continue;
                if (c == IFZO_CRIT_ARRONDISSEMENT) {
                    /* its own arrondissement and some others */
                    a->criteria.set[c] = mgen_set(&r, zt, (ifzo_crit)c, 10);
                    ifzo_codeset_add(IFZO_CRIT_ARRONDISSEMENT, l->arrondissement,
                                     &a->criteria.set[c]);
                } else if (mgen_chance(&r, 35)) {
                    a->criteria.set[c] = mgen_set(&r, zt, (ifzo_crit)c, 100); /* no limit */
                } else {
                    a->criteria.set[c] = mgen_set(&r, zt, (ifzo_crit)c, 30);
                }
            }
            a->leeftijd_min = mgen_int(&r, 40);
            a->leeftijd_max = a->leeftijd_min + mgen_int(&r, 81);
            if (a->leeftijd_max > 120)
                a->leeftijd_max = 120;
            a->capaciteit = mgen_int(&r, 60);
            a->bezet = a->capaciteit ? mgen_int(&r, a->capaciteit + 1) : 0;
            a->wachtlijst = mgen_int(&r, 20);
            a->wachttijd_dagen = mgen_int(&r, 120);
            a->opnamestop = mgen_chance(&r, 10);
            a->opnamestop_van = a->opnamestop ? MGEN_DAY0 - 30 + mgen_int(&r, 60) : IFZO_NO_DATE;
            a->opnamestop_tot = a->opnamestop && mgen_chance(&r, 60)
                                    ? a->opnamestop_van + mgen_int(&r, 60)
                                    : IFZO_NO_DATE;
            a->bijgewerkt_op = MGEN_DAY0 - mgen_int(&r, 90);
            no++;
        }
    }
    (void)n_arr;
    g->cat.aanbieders = g->aanbieders;
    g->cat.n_aanbieders = (size_t)n_prov;
    g->cat.contracts = g->contracts;
    g->cat.locaties = g->locaties;
    g->cat.n_locaties = (size_t)n_loc;
    g->cat.aanbod = g->aanbod;
    g->cat.n_aanbod = no;
    return true;
}

static inline void mgen_catalog_free(mgen_catalog *g)
{
    free(g->aanbieders);
    free(g->contracts);
    free(g->locaties);
    free(g->aanbod);
    free(g->pc4s);
    memset(g, 0, sizeof *g);
}

/* A random valid definitive query. */
static inline void mgen_query(const mgen_catalog *g, mgen_rng *r, match_query *q)
{
    memset(q, 0, sizeof *q);
    const char *zt = mgen_code(CODELIST_ZORGTYPE, mgen_int(r, mgen_count(CODELIST_ZORGTYPE)));
    snprintf(q->zorgtype, sizeof q->zorgtype, "%s", zt);
    for (int c = 0; c < IFZO_CRIT_COUNT; c++) {
        if (c != IFZO_CRIT_MIDDEL && ifzo_crit_applies(zt, (ifzo_crit)c))
            q->criteria.set[c] = mgen_one(r, zt, (ifzo_crit)c);
    }
    if (ifzo_codeset_has(IFZO_CRIT_DSM_HOOFDGROEP, q->criteria.set[IFZO_CRIT_DSM_HOOFDGROEP], "04"))
        q->criteria.set[IFZO_CRIT_MIDDEL] = mgen_one(r, zt, IFZO_CRIT_MIDDEL);
    bool klin = strcmp(ifzo_zorgtype_root(zt), IFZO_ZORGTYPE_KLINISCH) == 0;
    if (klin || mgen_chance(r, 20))
        q->beveiligingsniveau[0] = (char)('1' + mgen_int(r, 4));
    q->leeftijd = 12 + mgen_int(r, 70);
    mgen_place(g, r, &q->lat, &q->lon, NULL);
    q->dag = MGEN_DAY0 - 20 + mgen_int(r, 40);
    q->mode = (match_mode)mgen_int(r, MATCH_MODE_COUNT);
    q->outside_region = mgen_chance(r, 30);
}

#endif
