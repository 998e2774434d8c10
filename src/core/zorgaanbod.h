/*
 * zorgaanbod.h: the contracted care offer — providers (zorgaanbieders), their contracts with
 * DJI per care type, their locations (zorglocaties) and per location and care type the offer
 * (zorgaanbod): the hard-criteria values it accepts, age range, capacity, waiting list and
 * intake stop.
 *
 * Why in core: the same rules hold for the API, the import and the demo data, and the
 * matching engine (next issue) reads these types to build its index. The rules here answer
 * "is this record acceptable" and "may this provider / location be proposed on day D"
 * (placement policy, seed 002: only DJI-contracted providers with a Wtza/WTZi admission).
 *
 * Owner: the offer/indication team (branch `offer`). The matching engine depends on the
 * types and on zorgaanbieder_matchable / zorgaanbod_intake_open; change them only together.
 *
 * Conventions: codes are code-list codes (NUL-terminated, validated against data/codelists);
 * dates are ifzo_date (calendar.h), IFZO_NO_DATE where a date is absent; "today" is always a
 * parameter. Pure: no I/O, no allocation, no pointer returned needs freeing (core_error
 * strings are static). Structs are plain values, caller-owned.
 */
#ifndef IFZO_CORE_ZORGAANBOD_H
#define IFZO_CORE_ZORGAANBOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/criteria.h"
#include "core/error.h"

/* "No date" (open end of a contract or intake stop, no title end date yet). */
#define IFZO_NO_DATE INT32_MIN

#define IFZO_CODE_BUF     17  /* code-list code: 1..16 characters + NUL */
#define IFZO_NAME_MAX     200 /* characters */
#define IFZO_NAME_BUF     (IFZO_NAME_MAX * 4 + 1)
#define IFZO_ADDRESS_MAX  200
#define IFZO_ADDRESS_BUF  (IFZO_ADDRESS_MAX * 4 + 1)
#define IFZO_AGB_BUF      9 /* 8 digits + NUL */
#define IFZO_AGE_MAX      120
#define IFZO_CAPACITY_MAX 100000

/* ---- zorgaanbieder ------------------------------------------------------------------ */

typedef struct ifzo_zorgaanbieder {
    int64_t id; /* 0 until stored */
    char naam[IFZO_NAME_BUF];
    char agb[IFZO_AGB_BUF];  /* AGB code of the onderneming, 8 digits */
    bool toelating;          /* admission under the Wtza (formerly WTZi) */
    int64_t organisation_id; /* the organisation (kind zorgaanbieder) whose users maintain this
                                provider's locations and offer; 0 = none linked yet */
} ifzo_zorgaanbieder;

/* naam 1..200 characters, no control characters; agb passes ifzo_agb_check.
 * Fields: "naam", "agb". */
bool zorgaanbieder_check(const ifzo_zorgaanbieder *z, core_error *err);

/* A contract with DJI for one care type, valid from geldig_van to geldig_tot inclusive
 * (geldig_tot IFZO_NO_DATE = open-ended). A contract for a top-level care type (KLIN) covers
 * its forms (TBS). */
typedef struct ifzo_contract {
    int64_t id; /* 0 until stored */
    int64_t zorgaanbieder_id;
    char zorgtype[IFZO_CODE_BUF];
    ifzo_date geldig_van;
    ifzo_date geldig_tot;
} ifzo_contract;

/* zorgtype a zorgtype code; geldig_van a valid date; geldig_tot IFZO_NO_DATE or a valid date
 * not before geldig_van. Fields: "zorgtype", "geldig_van", "geldig_tot". */
bool contract_check(const ifzo_contract *c, core_error *err);

/* Whether contract c covers care type zorgtype on day (dates inclusive; the contract's care
 * type equals zorgtype or is its top-level parent). */
bool contract_covers(const ifzo_contract *c, const char *zorgtype, ifzo_date day);

/* "Is this provider matchable for zorgtype on day": it has the admission flag and at least one
 * of the n contracts that belong to it (zorgaanbieder_id == z->id; others are ignored, so the
 * caller may pass all contracts) covers (zorgtype, day). contracts may be NULL when n == 0. */
bool zorgaanbieder_matchable(const ifzo_zorgaanbieder *z, const ifzo_contract *contracts, size_t n,
                             const char *zorgtype, ifzo_date day);

/* ---- zorglocatie -------------------------------------------------------------------- */

typedef struct ifzo_zorglocatie {
    int64_t id; /* 0 until stored */
    int64_t zorgaanbieder_id;
    char naam[IFZO_NAME_BUF];
    char agb[IFZO_AGB_BUF];       /* AGB code of the vestiging (the level FZ uses) */
    char adres[IFZO_ADDRESS_BUF]; /* street and house number */
    char postcode[7];             /* normalised "1234AB" */
    char plaats[IFZO_NAME_BUF];
    char arrondissement[4];     /* AMS … ZWB; derived from the postcode (geo.h) */
    double lat, lon;            /* WGS84; from the PC4 centroid unless given */
    char beveiligingsniveau[2]; /* "1" … "4" */
    bool landelijke_functie;    /* national function (only levels with the code-list
                                   attribute national_function: 3 and 4) */
} ifzo_zorglocatie;

/* Bounding box of the Netherlands (incl. the Wadden and Zeeland), for coordinates. */
#define IFZO_NL_LAT_MIN 50.70
#define IFZO_NL_LAT_MAX 53.60
#define IFZO_NL_LON_MIN 3.30
#define IFZO_NL_LON_MAX 7.30

/* naam, adres, plaats 1..200 characters; agb valid; postcode valid (ifzo_postcode_check);
 * arrondissement a code of the list; lat/lon inside the NL box; beveiligingsniveau a code;
 * landelijke_functie only with a level whose national_function attribute is 1.
 * Fields: "naam", "agb", "adres", "postcode", "plaats", "arrondissement", "lat", "lon",
 * "beveiligingsniveau", "landelijke_functie". */
bool zorglocatie_check(const ifzo_zorglocatie *l, core_error *err);

/* ---- zorgaanbod (one location, one care type) --------------------------------------- */

typedef struct ifzo_zorgaanbod {
    int64_t id; /* 0 until stored */
    int64_t zorglocatie_id;
    char zorgtype[IFZO_CODE_BUF];   /* any zorgtype code; its root selects the criteria */
    ifzo_criteria criteria;         /* accepted values per applicable criterion (criteria.h) */
    int leeftijd_min, leeftijd_max; /* inclusive, 0 … 120; ignored for AMB (use 0 … 120) */
    int capaciteit;                 /* places, 0 … 100000 */
    int bezet;                      /* occupied, 0 … capaciteit */
    int wachtlijst;                 /* number waiting, >= 0 */
    int wachttijd_dagen;            /* expected wait in days, >= 0 */
    bool opnamestop;                /* intake stop, from opnamestop_van to opnamestop_tot */
    ifzo_date opnamestop_van;       /* required when opnamestop, else IFZO_NO_DATE */
    ifzo_date opnamestop_tot;       /* IFZO_NO_DATE = until further notice */
    ifzo_date bijgewerkt_op;        /* the day the provider last updated these figures */
} ifzo_zorgaanbod;

/* zorgtype known; criteria pass ifzo_offer_criteria_check; ages 0 <= min <= max <= 120;
 * capacity figures in range and bezet <= capaciteit; wachtlijst and wachttijd_dagen 0 …
 * 100000; with opnamestop a start date and an end date not before it, without it no dates;
 * bijgewerkt_op a valid date not after today. Fields: "zorgtype", "criteria.<name>",
 * "leeftijd_min", "leeftijd_max", "capaciteit", "bezet", "wachtlijst", "wachttijd_dagen",
 * "opnamestop_van", "opnamestop_tot", "bijgewerkt_op". */
bool zorgaanbod_check(const ifzo_zorgaanbod *a, ifzo_date today, core_error *err);

/* "Is this location taking intake for this care type on day": false when an intake stop
 * covers day (van <= day <= tot, open tot = no end). A full location still takes intake
 * (waiting list): capacity is a soft criterion (contra-indication), not a hard one. */
bool zorgaanbod_intake_open(const ifzo_zorgaanbod *a, ifzo_date day);

/* Free places: capaciteit - bezet, never negative. */
int zorgaanbod_vrij(const ifzo_zorgaanbod *a);

/* Whether age lies in the offer's range (always true for AMB). */
bool zorgaanbod_age_ok(const ifzo_zorgaanbod *a, int age);

/* Whether a location at level `location_level` suits indicated level `indicated`: equal for a
 * regular placement; equal or lower for overbruggingszorg / second best (seed 002).
 * Both are codes "1" … "4"; false for anything else. */
bool ifzo_security_level_ok(const char *location_level, const char *indicated,
                            bool bridging_or_second_best);

#endif
