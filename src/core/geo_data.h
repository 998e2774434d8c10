/*
 * geo_data.h: internal interface between the generated geography tables (geo_gen.c, written at
 * build time by tools/gen_geo.c from data/geo) and geo.c. Nothing outside src/core/geo.c
 * should include this; use geo.h.
 *
 * Ownership: all tables are static, read-only, owned by the library.
 */
#ifndef IFZO_CORE_GEO_DATA_H
#define IFZO_CORE_GEO_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/geo.h"

struct ifzo_geo_gemeente_row {
    const char *name; /* UTF-8, CBS 2025 name */
    enum ifzo_arrondissement arr;
};

struct ifzo_geo_pc4_row {
    uint16_t pc4;      /* 1000 … 9999 */
    uint16_t gemeente; /* index into ifzo_geo_gemeenten */
    double lat;
    double lon;
};

#define IFZO_GEO_PC4_SPACE 10000 /* index slots 0 … 9999 */

extern const struct ifzo_geo_gemeente_row ifzo_geo_gemeenten[];
extern const size_t ifzo_geo_gemeenten_len;

extern const struct ifzo_geo_pc4_row ifzo_geo_pc4_rows[]; /* sorted by pc4 */
extern const size_t ifzo_geo_pc4_rows_len;

/* ifzo_geo_pc4_index[pc4] = row index into ifzo_geo_pc4_rows, or -1 when not listed. */
extern const int16_t ifzo_geo_pc4_index[IFZO_GEO_PC4_SPACE];

/* Default travel model, from data/geo/travel.tsv. */
extern const struct ifzo_travel_model ifzo_geo_travel_default;

#endif
