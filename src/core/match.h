/*
 * match.h: explainable matching — from a definitive indication and the contracted care offer,
 * the proposal of care locations (seed 004: a decision tree over the hard criteria; seed 002:
 * reachability, bridging and second-best care).
 *
 * Why this exists: a placer may not refer a client without the proposal, and anyone must be
 * able to see afterwards why each location was or was not proposed. This module holds the
 * ONE definition of "does this offer meet the indication" and of the explanation; the
 * in-memory index (match_index.h) only narrows down which offers it has to look at, and the
 * plain brute-force filter below looks at all of them. Both feed every reported offer through
 * the same explanation and the same ordering code, so the two cannot disagree on semantics
 * (a property test checks that they return the same, order included).
 *
 * The checks (match_check_id), per offer of a location:
 *   hard   every tested code criterion except arrondissement (criteria.h; middel only when
 *          the indication has one), leeftijd (KLIN, VBW), beveiligingsniveau (when the
 *          indication has one: equal in mode regular, equal or lower in overbrugging and
 *          second best), contract (zorgaanbieder_matchable on the day), opnamestop
 *          (zorgaanbod_intake_open on the day).
 *   region arrondissement (the offer serves the client's arrondissement; clinical locations
 *          with a national function, levels 3/4, pass regardless), bereikbaarheid (the
 *          travel-time norm of the care type: ambulante dagbehandeling configurable 30-45
 *          min, default 45; ambulante behandeling 60 min; beschermd wonen: the location lies
 *          in the client's arrondissement). Travel minutes are rounded to whole minutes
 *          before the norm is applied: exactly on the norm passes.
 *
 * Classification of an offer (n = failing hard checks):
 *   n == 0, region passes                      MATCH_PROPOSED, in_region
 *   n == 0, region fails, outside_region       MATCH_PROPOSED, not in_region
 *   n == 0, region fails, not outside_region   MATCH_WIDENED ("what a widened search adds";
 *                                              kept only when the region has no proposal)
 *   n == 1, region passes or outside_region    MATCH_NEAR_MISS (failed = that check)
 *   otherwise                                  not reported (explain with match_explain_location)
 * A location is reported once, by its best offer (proposed in region, then proposed outside
 * or widened, then near miss; ties by the lowest zorgaanbod id). Order: proposed (in region
 * first), widened, near misses; within each nearest first (estimated travel time), ties by
 * location id. Soft information (capacity, occupancy, waiting list, wait, update date and a
 * stale flag, intake stop period) is shown and never filtered on.
 *
 * Pure: no I/O, no clock (the day is in the query). match_result owns heap memory: free it
 * with match_result_free. All const char * returned are static storage.
 */
#ifndef IFZO_CORE_MATCH_H
#define IFZO_CORE_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/criteria.h"
#include "core/error.h"
#include "core/geo.h"
#include "core/indicatiestelling.h"
#include "core/zorgaanbod.h"

typedef enum match_mode {
    MATCH_MODE_REGULAR = 0,
    MATCH_MODE_OVERBRUGGING, /* bridging care: temporary, security level <= indicated */
    MATCH_MODE_SECOND_BEST,  /* no optimal placement possible: security level <= indicated */
    MATCH_MODE_COUNT
} match_mode;

/* "regular", "overbrugging", "second_best"; NULL for an invalid value. */
const char *match_mode_name(match_mode m);
bool match_mode_from_name(const char *name, match_mode *out);

/* The checks. 0 .. IFZO_CRIT_COUNT-1 are the code criteria of criteria.h. */
typedef enum match_check_id {
    MATCH_CHECK_LEEFTIJD = IFZO_CRIT_COUNT,
    MATCH_CHECK_BEVEILIGINGSNIVEAU,
    MATCH_CHECK_BEREIKBAARHEID,
    MATCH_CHECK_CONTRACT,
    MATCH_CHECK_OPNAMESTOP,
    MATCH_CHECK_COUNT
} match_check_id;

/* "arrondissement" … "outreach" (criteria.h), "leeftijd", "beveiligingsniveau",
 * "bereikbaarheid", "contract", "opnamestop"; NULL for an invalid value. */
const char *match_check_name(match_check_id id);

/* One check of one offer: pass or fail with the indicated and the offered value.
 *   code criterion     indicated = accepted codes, offered = the offer's codes
 *   arrondissement     same; national = passed by the national-function exception
 *   leeftijd           number = age, min/max = the offer's range
 *   beveiligingsniveau indicated/offered = one bit of the beveiligingsniveau list
 *   bereikbaarheid     norm: number = max minutes, min = travel minutes;
 *                      arrondissement rule (BW): indicated/offered = arrondissement bits
 *   contract           pass only (indicated: the care type; offered: a valid contract)
 *   opnamestop         pass only (the stop period is in match_soft) */
typedef struct match_check {
    match_check_id id;
    bool pass;
    bool region; /* a region check (arrondissement, bereikbaarheid) */
    bool national;
    ifzo_codeset indicated, offered;
    int number, min, max;
} match_check;

/* The indicated and offered values as text with codes (e.g. "04" / "01,04"; "34" / "18-65";
 * "45" / "38" minutes; "AMS" / "DHA"; "ADB" / "J"). Buffers of at least
 * MATCH_VALUE_BUF bytes; false if a value does not fit. */
#define MATCH_VALUE_BUF 256
bool match_check_format(const match_check *c, const char *zorgtype, char *indicated,
                        size_t indicated_cap, char *offered, size_t offered_cap);

typedef enum match_status {
    MATCH_PROPOSED = 0,
    MATCH_WIDENED,   /* meets every hard criterion, outside the region, not asked for;
                        listed only when nothing in the region is proposed */
    MATCH_NEAR_MISS, /* fails exactly one hard criterion */
    MATCH_NOT_REPORTED
} match_status;

/* "voorgesteld", "buiten_regio", "bijna", "niet"; NULL for an invalid value. */
const char *match_status_name(match_status s);

/* Soft information: shown, never filtered on. */
typedef struct match_soft {
    int capaciteit, bezet, vrij, wachtlijst, wachttijd_dagen;
    ifzo_date bijgewerkt_op;
    bool stale; /* bijgewerkt_op more than config.stale_days before the day */
    bool opnamestop;
    ifzo_date opnamestop_van, opnamestop_tot; /* IFZO_NO_DATE when absent / open */
} match_soft;

typedef struct match_location {
    int64_t zorglocatie_id, zorgaanbod_id, zorgaanbieder_id;
    match_status status;
    bool in_region;
    double reistijd;       /* estimated travel minutes, unrounded (used for the order) */
    int reistijd_min;      /* rounded to whole minutes (used for the norm) */
    int n_failed;          /* failing hard checks */
    match_check_id failed; /* near miss: the failing check; else MATCH_CHECK_COUNT */
    int n_checks;
    match_check checks[MATCH_CHECK_COUNT]; /* the applicable checks in match_check_id order */
    match_soft soft;
} match_location;

#define MATCH_SCRATCH_SLOTS 4

typedef struct match_result {
    match_mode mode;
    bool outside_region;
    ifzo_date dag;
    size_t n_considered; /* locations with an offer for the care type (known provider) */
    size_t n_in_region;  /* proposals inside the region */
    bool region_empty;   /* no proposal inside the region */
    /* items: proposed (n_proposed, in region first), then widened, then near misses. */
    match_location *items;
    size_t n_items, n_proposed, n_widened, n_near;
    /* widened and near misses before the cap (config max_widened / max_near) */
    size_t n_widened_total, n_near_total;
    size_t cap; /* allocated items */
    void *keys; /* internal: ordering keys (match_internal.h) */
    size_t n_keys, keys_cap;
    /* internal: scratch kept between matches, and what match_index_explain needs */
    void *scratch[MATCH_SCRATCH_SLOTS];
    size_t scratch_cap[MATCH_SCRATCH_SLOTS];
    void *lazy;
} match_result;

/* Zero-initialise a result (or use = {0}); it may be reused for several matches (the items
 * array is kept). Free with match_result_free. */
void match_result_init(match_result *r);
void match_result_free(match_result *r);

/* ---- query and configuration ---------------------------------------------------------- */

typedef struct match_query {
    char zorgtype[IFZO_CODE_BUF];
    ifzo_criteria criteria;     /* definitive: one value per applicable criterion */
    char beveiligingsniveau[2]; /* "" = none (VBW/AMB) */
    int leeftijd;               /* the client's age on dag (ifzo_age_on) */
    double lat, lon;            /* the client's place (PC4 centroid) */
    ifzo_date dag;
    match_mode mode;
    bool outside_region;
} match_query;

/* A query from a definitive indication and its client: criteria, care type, level, the age on
 * dag and the coordinates of the client's PC4 (resolved as ifzo_geo_resolve_pc4). The
 * client's arrondissement is the indication's arrondissement criterion (leefomgeving).
 * Errors: "invalid_state" (field "status") when not placeable; "unknown_postcode". */
bool match_query_from_indicatie(const ifzo_indicatie *ind, const ifzo_justitiabele *client,
                                ifzo_date dag, match_mode mode, bool outside_region,
                                match_query *out, core_error *err);

/* A query is valid when: zorgtype known; criteria complete (ifzo_indication_criteria_check);
 * a beveiligingsniveau for KLIN ("" or a code otherwise); leeftijd 0 … 120; lat/lon in the NL
 * box; dag valid; mode valid. Fields "zorgtype", "criteria.<name>", "beveiligingsniveau",
 * "leeftijd", "lat", "lon", "dag", "mode". */
bool match_query_check(const match_query *q, core_error *err);

typedef struct match_config {
    int dagbehandeling_norm_min; /* ambulante dagbehandeling, 30 … 45; default 45 */
    int stale_days;              /* figures older than this many days are stale; default 30 */
    int max_near;                /* near misses listed (nearest first), 0 … 10000; default 25 */
    int max_widened; /* widened locations listed (nearest first), 0 … 10000; default 25 */
    struct ifzo_travel_model travel;
} match_config;

void match_config_default(match_config *c);
/* Fields "dagbehandeling_norm_min" (30 … 45), "stale_days" (0 … 3650), "max_near",
 * "max_widened" (0 … 10000), "travel". */
bool match_config_check(const match_config *c, core_error *err);

/* ---- the offer -------------------------------------------------------------------------- */

/* A view of the contracted offer (not copied by the brute force; copied by the index).
 * Offers of unknown locations and locations of unknown providers are ignored. Ids must be
 * unique per array: providers and locations are checked ("duplicate_id"); offer ids are
 * checked by match_index_build and assumed by the brute force (a test oracle). */
typedef struct match_catalog {
    const ifzo_zorgaanbieder *aanbieders;
    size_t n_aanbieders;
    const ifzo_contract *contracts;
    size_t n_contracts;
    const ifzo_zorglocatie *locaties;
    size_t n_locaties;
    const ifzo_zorgaanbod *aanbod;
    size_t n_aanbod;
} match_catalog;

/* The brute-force filter: every offer through the explanation. For tests and the bench.
 * r is reset first. False on an invalid query/config/catalog ("out_of_memory" too). */
bool match_brute_force(const match_catalog *cat, const match_config *cfg, const match_query *q,
                       match_result *r, core_error *err);

/* The explanation of one location (its best offer for the care type, or its first offer with
 * status MATCH_NOT_REPORTED): answers "why was X not proposed" for any location. False when
 * the location has no offer for the care type (code "not_considered") or on invalid input. */
bool match_explain_location(const match_catalog *cat, const match_config *cfg, const match_query *q,
                            int64_t zorglocatie_id, match_location *out, core_error *err);

#endif
