/*
 * match_index.h: the in-memory index of the contracted offer, and the slot through which
 * concurrent requests share the current one.
 *
 * Why this exists: a match must take microseconds, not a database scan (issue 5: p99 <= 100
 * µs on 10,000 locations). The index keeps, per care-type root (KLIN, VBW, AMB), one bitset
 * over that root's offers for every value of every criterion, every age 0 … 120, every
 * security level, every arrondissement of the location and every zorgtype; a match ANDs the
 * bitsets of the indicated values, counts failures bit-parallel (zero / one / more) and
 * classifies only the offers with at most one failing hard check. The order (nearest first)
 * comes from a cheap distance estimate with proven bounds; the exact travel time of
 * match_travel is computed only where the bounds do not decide (and on the edge of a
 * travel-time norm), so the index returns exactly what match_brute_force returns, order
 * included (property test in tests/unit/test_match.c). The explanation of a shown location
 * is the shared one of match.h (match_internal.h), made for all shown locations by
 * match_index_run or on demand by match_index_explain.
 *
 * An index is immutable once built and reference-counted (C11 atomics); the only thing a
 * match adds to it is the contract and intake bitsets of a (day, care type) it is the first
 * to need, published lock-free (compare-and-swap into an empty slot) and never changed. The
 * layer above keeps one match_slot, compares match_index_catalog_version with
 * store_catalog_version and publishes a rebuilt index when the offer changed. Readers take a
 * reference with match_slot_acquire (no lock: two atomic counters by epoch), run any number of
 * matches on it and drop it with match_index_unref; a publisher swaps the pointer and waits only
 * for readers that are inside the few instructions of acquire before dropping the old index's slot
 * reference. The old index is freed when its last reader drops it.
 *
 * Ownership: match_index_build returns a new index with one reference (the caller's); every
 * match_index_ref / match_slot_acquire gives one more; match_index_unref drops one and frees
 * at zero. The index copies the catalog: the caller may free its arrays after the build.
 */
#ifndef IFZO_CORE_MATCH_INDEX_H
#define IFZO_CORE_MATCH_INDEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/match.h"

typedef struct match_index match_index;

/* Builds the index of cat. NULL on failure: "duplicate_id" (field "aanbieders", "locaties"
 * or "aanbod") or "out_of_memory". Offers of unknown locations, locations of unknown
 * providers and records with unknown codes are left out, as match_brute_force does. */
match_index *match_index_build(const match_catalog *cat, int64_t catalog_version, core_error *err);

match_index *match_index_ref(match_index *ix);
void match_index_unref(match_index *ix);

int64_t match_index_catalog_version(const match_index *ix);
/* Heap bytes held by the index (bitsets, copies, tables, the per-day bitsets made so far). */
size_t match_index_bytes(const match_index *ix);
/* Offers in the index. */
size_t match_index_offers(const match_index *ix);

/* The index's copy of location id (name, address, arrondissement, …) and, in *provider when
 * provider is not NULL, of its provider (NULL when unknown); NULL when the index has no such
 * location. The pointers belong to ix and stay valid while the caller holds its reference:
 * a caller shows the locations of a match from the same catalog version the match used,
 * without a store query per location. */
const ifzo_zorglocatie *match_index_location(const match_index *ix, int64_t id,
                                             const ifzo_zorgaanbieder **provider);

/* The match of q against the index; the same result as match_brute_force on the catalog
 * the index was built from. r is reset first (its items array is reused). Thread-safe: any
 * number of threads may run on one index. */
bool match_index_run(const match_index *ix, const match_config *cfg, const match_query *q,
                     match_result *r, core_error *err);

/* The same match in two steps, for callers that show or store only part of the result:
 * match_index_run_lazy orders and counts exactly as match_index_run, and fills of every item
 * only the summary: zorglocatie_id, zorgaanbod_id, zorgaanbieder_id, status, in_region,
 * reistijd, reistijd_min, n_failed and failed (the one failing check of a near miss); its
 * checks and soft information are left empty (n_checks == 0: not explained yet).
 * match_index_explain then fills items [from, to) completely, exactly as match_index_run
 * would have (explaining all of them: from = 0, to = r->n_items). r keeps copies of the query
 * and configuration for that, so they need not outlive the first call; the index must be the
 * one the result came from (hold your reference until you are done; another index, or a
 * result of match_brute_force, gives "stale_index"). match_index_run = match_index_run_lazy +
 * match_index_explain of every item. Thread-safe on one index, as match_index_run (one
 * result per thread). */
bool match_index_run_lazy(const match_index *ix, const match_config *cfg, const match_query *q,
                          match_result *r, core_error *err);
bool match_index_explain(const match_index *ix, match_result *r, size_t from, size_t to,
                         core_error *err);

/* ---- the current index, shared by request threads --------------------------------------- */

typedef struct match_slot {
    _Atomic(match_index *) cur;
    atomic_uint epoch;
    atomic_long active[2];
    atomic_flag writing;
} match_slot;

/* An empty slot. */
void match_slot_init(match_slot *s);
/* A new reference to the current index (NULL when none was published); drop it with
 * match_index_unref. Lock-free for readers. */
match_index *match_slot_acquire(match_slot *s);
/* Makes ix (may be NULL) the current index, taking over the caller's reference to it, and
 * drops the slot's reference to the previous one. Publishers are serialised. */
void match_slot_publish(match_slot *s, match_index *ix);
/* The catalog version of the current index, -1 when none. */
int64_t match_slot_version(match_slot *s);

#endif
