/*
 * geo.c: PC4 lookups, great-circle distance and the travel-time estimate.
 *
 * Why this exists: see geo.h. The tables themselves are generated from data/geo at build time
 * (geo_gen.c, declared in geo_data.h); this file only reads them.
 */
#include "core/geo.h"

#include <math.h>
#include <string.h>

#include "core/geo_data.h"
#include "core/validate.h"

#define EARTH_RADIUS_KM 6371.0088
#define PI              3.14159265358979323846

static const char *const arr_codes[IFZO_ARR_COUNT] = {
    "AMS", "DHA", "GLD", "LIM", "MNE", "NHO", "NNE", "OBR", "OVE", "RTD", "ZWB",
};

const char *ifzo_geo_strerror(enum ifzo_geo_status st)
{
    switch (st) {
    case IFZO_GEO_OK:
        return "ok";
    case IFZO_GEO_EFORMAT:
        return "not a valid postcode";
    case IFZO_GEO_ENOTFOUND:
        return "postcode area not known";
    case IFZO_GEO_EINVAL:
        return "invalid argument";
    }
    return "unknown geo status";
}

const char *ifzo_arr_code(enum ifzo_arrondissement arr)
{
    if ((int)arr < 0 || arr >= IFZO_ARR_COUNT) {
        return NULL;
    }
    return arr_codes[arr];
}

enum ifzo_geo_status ifzo_arr_from_code(const char *code, enum ifzo_arrondissement *out)
{
    if (code == NULL || out == NULL) {
        return IFZO_GEO_EINVAL;
    }
    for (int i = 0; i < IFZO_ARR_COUNT; i++) {
        if (strcmp(code, arr_codes[i]) == 0) {
            *out = (enum ifzo_arrondissement)i;
            return IFZO_GEO_OK;
        }
    }
    return IFZO_GEO_ENOTFOUND;
}

enum ifzo_geo_status ifzo_geo_parse_pc4(const char *s, int *pc4)
{
    if (s == NULL || pc4 == NULL) {
        return IFZO_GEO_EINVAL;
    }
    int v;
    if (ifzo_pc4_check(s, &v) == IFZO_VALID_OK ||
        ifzo_postcode_check(s, NULL, &v) == IFZO_VALID_OK) {
        *pc4 = v;
        return IFZO_GEO_OK;
    }
    return IFZO_GEO_EFORMAT;
}

static void fill_place(size_t row, struct ifzo_geo_place *out)
{
    const struct ifzo_geo_pc4_row *r = &ifzo_geo_pc4_rows[row];
    const struct ifzo_geo_gemeente_row *g = &ifzo_geo_gemeenten[r->gemeente];
    out->pc4 = r->pc4;
    out->gemeente = g->name;
    out->arrondissement = g->arr;
    out->lat = r->lat;
    out->lon = r->lon;
}

enum ifzo_geo_status ifzo_geo_lookup_pc4(int pc4, struct ifzo_geo_place *out)
{
    if (out == NULL) {
        return IFZO_GEO_EINVAL;
    }
    if (pc4 < 1000 || pc4 > 9999) {
        return IFZO_GEO_EFORMAT;
    }
    int row = ifzo_geo_pc4_index[pc4];
    if (row < 0) {
        return IFZO_GEO_ENOTFOUND;
    }
    fill_place((size_t)row, out);
    return IFZO_GEO_OK;
}

enum ifzo_geo_status ifzo_geo_lookup(const char *postcode, struct ifzo_geo_place *out)
{
    if (postcode == NULL || out == NULL) {
        return IFZO_GEO_EINVAL;
    }
    int pc4;
    enum ifzo_geo_status st = ifzo_geo_parse_pc4(postcode, &pc4);
    if (st != IFZO_GEO_OK) {
        return st;
    }
    return ifzo_geo_lookup_pc4(pc4, out);
}

enum ifzo_geo_status ifzo_geo_resolve_pc4(int pc4, struct ifzo_geo_place *out, bool *exact)
{
    if (out == NULL || exact == NULL) {
        return IFZO_GEO_EINVAL;
    }
    if (pc4 < 1000 || pc4 > 9999) {
        return IFZO_GEO_EFORMAT;
    }
    int base = pc4 - pc4 % 10;
    /* Distance 0 is the exact hit; then lower before higher at each distance. */
    for (int dist = 0; dist < 10; dist++) {
        int cand[2] = {pc4 - dist, pc4 + dist};
        for (int j = 0; j < (dist == 0 ? 1 : 2); j++) {
            int c = cand[j];
            if (c < base || c > base + 9 || c < 1000) {
                continue;
            }
            int row = ifzo_geo_pc4_index[c];
            if (row >= 0) {
                fill_place((size_t)row, out);
                *exact = (dist == 0);
                return IFZO_GEO_OK;
            }
        }
    }
    return IFZO_GEO_ENOTFOUND;
}

size_t ifzo_geo_pc4_count(void)
{
    return ifzo_geo_pc4_rows_len;
}

enum ifzo_geo_status ifzo_geo_pc4_at(size_t i, struct ifzo_geo_place *out)
{
    if (out == NULL || i >= ifzo_geo_pc4_rows_len) {
        return IFZO_GEO_EINVAL;
    }
    fill_place(i, out);
    return IFZO_GEO_OK;
}

size_t ifzo_geo_gemeente_count(void)
{
    return ifzo_geo_gemeenten_len;
}

enum ifzo_geo_status ifzo_geo_gemeente_at(size_t i, const char **name,
                                          enum ifzo_arrondissement *arr)
{
    if (name == NULL || arr == NULL || i >= ifzo_geo_gemeenten_len) {
        return IFZO_GEO_EINVAL;
    }
    *name = ifzo_geo_gemeenten[i].name;
    *arr = ifzo_geo_gemeenten[i].arr;
    return IFZO_GEO_OK;
}

enum ifzo_geo_status ifzo_geo_gemeente_arrondissement(const char *gemeente,
                                                      enum ifzo_arrondissement *arr)
{
    if (gemeente == NULL || arr == NULL) {
        return IFZO_GEO_EINVAL;
    }
    for (size_t i = 0; i < ifzo_geo_gemeenten_len; i++) {
        if (strcmp(gemeente, ifzo_geo_gemeenten[i].name) == 0) {
            *arr = ifzo_geo_gemeenten[i].arr;
            return IFZO_GEO_OK;
        }
    }
    return IFZO_GEO_ENOTFOUND;
}

static bool coord_ok(double lat, double lon)
{
    return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 && lon >= -180.0 &&
           lon <= 180.0;
}

enum ifzo_geo_status ifzo_geo_distance_km(double lat1, double lon1, double lat2, double lon2,
                                          double *km)
{
    if (km == NULL || !coord_ok(lat1, lon1) || !coord_ok(lat2, lon2)) {
        return IFZO_GEO_EINVAL;
    }
    const double rad = PI / 180.0;
    double p1 = lat1 * rad;
    double p2 = lat2 * rad;
    double dp = (lat2 - lat1) * rad;
    double dl = (lon2 - lon1) * rad;
    double sp = sin(dp / 2.0);
    double sl = sin(dl / 2.0);
    double a = sp * sp + cos(p1) * cos(p2) * sl * sl;
    if (a > 1.0) {
        a = 1.0; /* rounding near antipodes */
    }
    *km = 2.0 * EARTH_RADIUS_KM * asin(sqrt(a));
    return IFZO_GEO_OK;
}

struct ifzo_travel_model ifzo_travel_model_default(void)
{
    return ifzo_geo_travel_default;
}

bool ifzo_travel_model_valid(const struct ifzo_travel_model *m)
{
    if (m == NULL) {
        return false;
    }
    return isfinite(m->detour_factor) && m->detour_factor >= 1.0 && m->detour_factor <= 3.0 &&
           isfinite(m->speed_kmh) && m->speed_kmh > 0.0 && m->speed_kmh <= 130.0 &&
           isfinite(m->fixed_min) && m->fixed_min >= 0.0 && m->fixed_min <= 120.0;
}

enum ifzo_geo_status ifzo_geo_travel_minutes(const struct ifzo_travel_model *m, double lat1,
                                             double lon1, double lat2, double lon2, double *minutes)
{
    if (minutes == NULL) {
        return IFZO_GEO_EINVAL;
    }
    if (m == NULL) {
        m = &ifzo_geo_travel_default;
    }
    if (!ifzo_travel_model_valid(m)) {
        return IFZO_GEO_EINVAL;
    }
    double km;
    enum ifzo_geo_status st = ifzo_geo_distance_km(lat1, lon1, lat2, lon2, &km);
    if (st != IFZO_GEO_OK) {
        return st;
    }
    *minutes = m->fixed_min + km * m->detour_factor / m->speed_kmh * 60.0;
    return IFZO_GEO_OK;
}

enum ifzo_geo_status ifzo_geo_travel_minutes_pc4(const struct ifzo_travel_model *m, int from_pc4,
                                                 int to_pc4, double *minutes)
{
    if (minutes == NULL) {
        return IFZO_GEO_EINVAL;
    }
    struct ifzo_geo_place a;
    struct ifzo_geo_place b;
    enum ifzo_geo_status st = ifzo_geo_lookup_pc4(from_pc4, &a);
    if (st != IFZO_GEO_OK) {
        return st;
    }
    st = ifzo_geo_lookup_pc4(to_pc4, &b);
    if (st != IFZO_GEO_OK) {
        return st;
    }
    return ifzo_geo_travel_minutes(m, a.lat, a.lon, b.lat, b.lon, minutes);
}
