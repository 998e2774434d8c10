/*
 * geo.h: Dutch geography for matching and reachability.
 *
 * Why this exists: the placement policy makes place a criterion. Beschermd wonen must be in the
 * client's arrondissement, ambulant care within a travel-time norm (30-45 min day treatment,
 * 1 hour treatment), clinical care as close as possible. This module turns a postcode into a
 * gemeente, an arrondissement and a coordinate, and estimates distance and travel time.
 *
 * Data: the CSV files and travel.tsv in data/geo, compiled into C at build time by
 * tools/gen_geo.c. Pure: no I/O, no allocation, no global mutable state; every function is
 * safe to call from any thread.
 *
 * Ownership: every `const char *` this module hands out points to static, read-only storage
 * owned by the library. Never free or modify it; it lives as long as the program.
 */
#ifndef IFZO_CORE_GEO_H
#define IFZO_CORE_GEO_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The 11 arrondissementen (court districts since 1 April 2013). The three-letter codes are
 * fixed project-wide and shared with the arrondissement code list.
 */
enum ifzo_arrondissement {
    IFZO_ARR_AMS = 0, /* Amsterdam */
    IFZO_ARR_DHA,     /* Den Haag */
    IFZO_ARR_GLD,     /* Gelderland */
    IFZO_ARR_LIM,     /* Limburg */
    IFZO_ARR_MNE,     /* Midden-Nederland */
    IFZO_ARR_NHO,     /* Noord-Holland */
    IFZO_ARR_NNE,     /* Noord-Nederland */
    IFZO_ARR_OBR,     /* Oost-Brabant */
    IFZO_ARR_OVE,     /* Overijssel */
    IFZO_ARR_RTD,     /* Rotterdam */
    IFZO_ARR_ZWB,     /* Zeeland-West-Brabant */
    IFZO_ARR_COUNT
};

enum ifzo_geo_status {
    IFZO_GEO_OK = 0,
    IFZO_GEO_EFORMAT,   /* not a PC4 / postcode (wrong length, characters, range) */
    IFZO_GEO_ENOTFOUND, /* well-formed, but not in the table */
    IFZO_GEO_EINVAL     /* bad argument: NULL pointer, coordinate out of range, bad model */
};

/* A short English description of a status, for logs. Static storage; never NULL. */
const char *ifzo_geo_strerror(enum ifzo_geo_status st);

/* "AMS" … "ZWB" for a valid value, NULL otherwise. Static storage. */
const char *ifzo_arr_code(enum ifzo_arrondissement arr);

/* Parses an exact three-letter code ("AMS"; case-sensitive). */
enum ifzo_geo_status ifzo_arr_from_code(const char *code, enum ifzo_arrondissement *out);

/* One PC4 area. `gemeente` is the CBS 2025 name (UTF-8), static storage. */
struct ifzo_geo_place {
    int pc4; /* 1000 … 9999 */
    const char *gemeente;
    enum ifzo_arrondissement arrondissement;
    double lat; /* WGS84 degrees (area centroid) */
    double lon;
};

/*
 * The PC4 of a postcode string: "1234", "1234AB", "1234 AB" (letters either case). The full
 * form is checked as ifzo_postcode_check() does (validate.h). No leading/trailing spaces.
 * Returns IFZO_GEO_EFORMAT for anything else; *pc4 is written only on success.
 */
enum ifzo_geo_status ifzo_geo_parse_pc4(const char *s, int *pc4);

/* Exact lookup. IFZO_GEO_EFORMAT if pc4 is outside 1000 … 9999, IFZO_GEO_ENOTFOUND if the area
 * is not in the table (PO-box ranges, codes issued after 2020). */
enum ifzo_geo_status ifzo_geo_lookup_pc4(int pc4, struct ifzo_geo_place *out);

/* ifzo_geo_parse_pc4() followed by ifzo_geo_lookup_pc4(). */
enum ifzo_geo_status ifzo_geo_lookup(const char *postcode, struct ifzo_geo_place *out);

/*
 * Lookup with the fallback the data README asks for: if pc4 itself is missing, the listed PC4
 * of the same PC3 (same first three digits) that is numerically closest (the lower one on a
 * tie). out->pc4 is the PC4 actually used; *exact says whether it is the one asked for.
 * IFZO_GEO_ENOTFOUND only when the whole PC3 is empty.
 */
enum ifzo_geo_status ifzo_geo_resolve_pc4(int pc4, struct ifzo_geo_place *out, bool *exact);

/* Table access, e.g. for demo data and tests. Rows are sorted by PC4. */
size_t ifzo_geo_pc4_count(void);
enum ifzo_geo_status ifzo_geo_pc4_at(size_t i, struct ifzo_geo_place *out);

/* Gemeenten in the order of data/geo/gemeente_arrondissement.csv. *name: static storage. */
size_t ifzo_geo_gemeente_count(void);
enum ifzo_geo_status ifzo_geo_gemeente_at(size_t i, const char **name,
                                          enum ifzo_arrondissement *arr);

/* Arrondissement of a gemeente by its exact CBS 2025 name (e.g. "'s-Gravenhage"). */
enum ifzo_geo_status ifzo_geo_gemeente_arrondissement(const char *gemeente,
                                                      enum ifzo_arrondissement *arr);

/*
 * Great-circle (haversine) distance in km on a sphere of radius 6371.0088 km (the mean Earth
 * radius). IFZO_GEO_EINVAL if a latitude is outside [-90, 90], a longitude outside [-180, 180],
 * or a value is not finite.
 */
enum ifzo_geo_status ifzo_geo_distance_km(double lat1, double lon1, double lat2, double lon2,
                                          double *km);

/*
 * Travel-time estimate (no routing data offline):
 *     minutes = fixed_min + distance_km * detour_factor / speed_kmh * 60
 * The defaults come from data/geo/travel.tsv; the reasons are in docs/assumptions.md.
 */
struct ifzo_travel_model {
    double detour_factor; /* road distance / great-circle distance, 1 … 3 */
    double speed_kmh;     /* average door-to-door speed over the road distance, (0, 130] */
    double fixed_min;     /* minutes added to every trip (access, parking, waiting), 0 … 120 */
};

/* The compiled-in defaults from data/geo/travel.tsv. */
struct ifzo_travel_model ifzo_travel_model_default(void);

/* Whether every parameter is finite and in the range documented above. */
bool ifzo_travel_model_valid(const struct ifzo_travel_model *m);

/* Estimated minutes between two coordinates. m == NULL means the default model. */
enum ifzo_geo_status ifzo_geo_travel_minutes(const struct ifzo_travel_model *m, double lat1,
                                             double lon1, double lat2, double lon2,
                                             double *minutes);

/* Estimated minutes between two PC4 areas (exact lookups; the same PC4 gives fixed_min). */
enum ifzo_geo_status ifzo_geo_travel_minutes_pc4(const struct ifzo_travel_model *m, int from_pc4,
                                                 int to_pc4, double *minutes);

#endif
