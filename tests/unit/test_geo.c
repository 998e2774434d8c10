/*
 * test_geo.c: unit tests for src/core/geo (PC4 → gemeente / arrondissement / coordinate,
 * distance and travel time) and for the compiled-in tables generated from data/geo.
 *
 * Why this exists: reachability rules (beschermd wonen in the arrondissement, travel-time
 * norms for ambulant care) depend on these values; the tests pin real places, the table
 * sizes, and compare every compiled row with the CSV in data/geo.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/geo.h"

static struct ifzo_geo_place lookup(int pc4)
{
    struct ifzo_geo_place p;
    enum ifzo_geo_status st = ifzo_geo_lookup_pc4(pc4, &p);
    cr_assert_eq(st, IFZO_GEO_OK, "lookup %d: %s", pc4, ifzo_geo_strerror(st));
    return p;
}

static void assert_place(int pc4, const char *gemeente, const char *arr, double lat, double lon)
{
    struct ifzo_geo_place p = lookup(pc4);
    cr_assert_eq(p.pc4, pc4);
    cr_assert_str_eq(p.gemeente, gemeente, "pc4 %d", pc4);
    cr_assert_str_eq(ifzo_arr_code(p.arrondissement), arr, "pc4 %d", pc4);
    cr_assert_float_eq(p.lat, lat, 1e-9, "pc4 %d", pc4);
    cr_assert_float_eq(p.lon, lon, 1e-9, "pc4 %d", pc4);
}

/* ------------------------------------------------------------------ tables */

Test(tables, row_counts)
{
    cr_assert_eq(ifzo_geo_pc4_count(), 4067);
    cr_assert_eq(ifzo_geo_gemeente_count(), 342);
}

Test(tables, counts_per_arrondissement)
{
    /* From data/geo/SOURCES.md, "Counts". */
    static const struct {
        const char *code;
        size_t pc4s;
        size_t gemeenten;
    } expect[IFZO_ARR_COUNT] = {
        {"AMS", 107, 6},  {"DHA", 271, 27}, {"GLD", 496, 51}, {"LIM", 279, 31},
        {"MNE", 363, 38}, {"NHO", 328, 32}, {"NNE", 988, 40}, {"OBR", 295, 32},
        {"OVE", 294, 25}, {"RTD", 271, 23}, {"ZWB", 375, 37},
    };
    size_t pc4s[IFZO_ARR_COUNT] = {0};
    size_t gem[IFZO_ARR_COUNT] = {0};
    for (size_t i = 0; i < ifzo_geo_pc4_count(); i++) {
        struct ifzo_geo_place p;
        cr_assert_eq(ifzo_geo_pc4_at(i, &p), IFZO_GEO_OK);
        pc4s[p.arrondissement]++;
    }
    for (size_t i = 0; i < ifzo_geo_gemeente_count(); i++) {
        const char *name;
        enum ifzo_arrondissement a;
        cr_assert_eq(ifzo_geo_gemeente_at(i, &name, &a), IFZO_GEO_OK);
        gem[a]++;
    }
    for (int a = 0; a < IFZO_ARR_COUNT; a++) {
        cr_assert_str_eq(ifzo_arr_code((enum ifzo_arrondissement)a), expect[a].code);
        cr_assert_eq(pc4s[a], expect[a].pc4s, "%s", expect[a].code);
        cr_assert_eq(gem[a], expect[a].gemeenten, "%s", expect[a].code);
    }
    struct ifzo_geo_place p;
    cr_assert_eq(ifzo_geo_pc4_at(ifzo_geo_pc4_count(), &p), IFZO_GEO_EINVAL);
}

/*
 * Minimal RFC 4180 field splitter for the test's own reading of the CSV (the implementation
 * under test is the generator; this is an independent second reading).
 */
static size_t split_csv(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        if (*p == '"') {
            char *start = ++p;
            char *close = strchr(p, '"');
            cr_assert_not_null(close);
            *close = '\0';
            fields[n++] = start;
            p = close + 1;
        } else {
            fields[n++] = p;
            p += strcspn(p, ",\n");
        }
        if (*p == ',') {
            *p++ = '\0';
            continue;
        }
        *p = '\0';
        break;
    }
    return n;
}

Test(tables, every_row_matches_the_csv)
{
    FILE *f = fopen(IFZO_SOURCE_DIR "/data/geo/pc4.csv", "r");
    cr_assert_not_null(f);
    char line[256];
    cr_assert_not_null(fgets(line, sizeof line, f)); /* header */
    size_t rows = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        char *fld[4];
        cr_assert_eq(split_csv(line, fld, 4), 4);
        int pc4 = atoi(fld[0]);
        struct ifzo_geo_place p;
        cr_assert_eq(ifzo_geo_pc4_at(rows, &p), IFZO_GEO_OK);
        cr_assert_eq(p.pc4, pc4);
        cr_assert_str_eq(p.gemeente, fld[1], "pc4 %d", pc4);
        cr_assert_float_eq(p.lat, strtod(fld[2], NULL), 1e-9);
        cr_assert_float_eq(p.lon, strtod(fld[3], NULL), 1e-9);
        rows++;
    }
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(rows, 4067);

    f = fopen(IFZO_SOURCE_DIR "/data/geo/gemeente_arrondissement.csv", "r");
    cr_assert_not_null(f);
    cr_assert_not_null(fgets(line, sizeof line, f));
    rows = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        char *fld[2];
        cr_assert_eq(split_csv(line, fld, 2), 2);
        const char *name;
        enum ifzo_arrondissement a;
        cr_assert_eq(ifzo_geo_gemeente_at(rows, &name, &a), IFZO_GEO_OK);
        cr_assert_str_eq(name, fld[0]);
        rows++;
    }
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(rows, 342);
}

/* ------------------------------------------------------------------ lookups */

Test(lookup, spot_checks)
{
    assert_place(1011, "Amsterdam", "AMS", 52.3719, 4.9055);
    assert_place(1012, "Amsterdam", "AMS", 52.3746, 4.8960);
    assert_place(2511, "'s-Gravenhage", "DHA", 52.0785, 4.3175);
    assert_place(3511, "Utrecht", "MNE", 52.0883, 5.1160);
    assert_place(3011, "Rotterdam", "RTD", 51.9187, 4.4876);
    assert_place(5611, "Eindhoven", "OBR", 51.4369, 5.4808);
    assert_place(6211, "Maastricht", "LIM", 50.8503, 5.6897);
    assert_place(9711, "Groningen", "NNE", 53.2163, 6.5693);
    assert_place(7511, "Enschede", "OVE", 52.2202, 6.9006);
    assert_place(6811, "Arnhem", "GLD", 51.9811, 5.9068);
    assert_place(4811, "Breda", "ZWB", 51.5879, 4.7761);
    assert_place(1811, "Alkmaar", "NHO", 52.6310, 4.7481);
    /* carried-forward mergers and the cases the 2014 law text cannot settle */
    assert_place(1381, "Amsterdam", "AMS", 52.3011, 5.0735);        /* former Weesp */
    assert_place(1401, "Gooise Meren", "MNE", 52.2792, 5.1724);     /* Bussum */
    assert_place(2871, "Krimpenerwaard", "DHA", 51.9514, 4.8482);   /* Schoonhoven */
    assert_place(4141, "Vijfheerenlanden", "MNE", 51.8920, 5.1032); /* Leerdam */
    assert_place(3221, "Voorne aan Zee", "RTD", 51.8340, 4.1354);   /* Hellevoetsluis */
    assert_place(5076, "Oisterwijk", "ZWB", 51.6046, 5.2295);       /* former Haaren */
}

Test(lookup, names_with_comma_and_non_ascii)
{
    struct ifzo_geo_place p = lookup(5671);
    cr_assert_str_eq(p.gemeente, "Nuenen, Gerwen en Nederwetten");
    cr_assert_str_eq(ifzo_arr_code(p.arrondissement), "OBR");
    for (int pc4 = 5671; pc4 <= 5674; pc4++) {
        cr_assert_str_eq(lookup(pc4).gemeente, "Nuenen, Gerwen en Nederwetten");
    }
    enum ifzo_arrondissement a;
    cr_assert_eq(ifzo_geo_gemeente_arrondissement("Nuenen, Gerwen en Nederwetten", &a),
                 IFZO_GEO_OK);
    cr_assert_eq(a, IFZO_ARR_OBR);

    p = lookup(8601);
    cr_assert_str_eq(p.gemeente, "S\xC3\xBA"
                                 "dwest-Frysl\xC3\xA2n");
    cr_assert_eq(p.arrondissement, IFZO_ARR_NNE);
    cr_assert_eq(ifzo_geo_gemeente_arrondissement("'s-Hertogenbosch", &a), IFZO_GEO_OK);
    cr_assert_eq(a, IFZO_ARR_OBR);
    cr_assert_eq(ifzo_geo_gemeente_arrondissement("Bergen (L.)", &a), IFZO_GEO_OK);
    cr_assert_eq(a, IFZO_ARR_LIM);
    cr_assert_eq(ifzo_geo_gemeente_arrondissement("Bergen (NH.)", &a), IFZO_GEO_OK);
    cr_assert_eq(a, IFZO_ARR_NHO);
    cr_assert_eq(ifzo_geo_gemeente_arrondissement("Bergen", &a), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_geo_gemeente_arrondissement("Den Haag", &a), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_geo_gemeente_arrondissement(NULL, &a), IFZO_GEO_EINVAL);
}

Test(lookup, postcode_strings)
{
    struct ifzo_geo_place p;
    static const char *const ok[] = {"2511", "2511AB", "2511 AB", "2511ab", "2511 cd"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        cr_assert_eq(ifzo_geo_lookup(ok[i], &p), IFZO_GEO_OK, "%s", ok[i]);
        cr_assert_eq(p.pc4, 2511);
        cr_assert_eq(p.arrondissement, IFZO_ARR_DHA);
    }
    static const char *const bad[] = {"",        "251",      "25111",   "0511",   " 2511",
                                      "2511 ",   "2511  AB", "2511-AB", "2511SA", "2511A",
                                      "2511ABC", "25l1",     "2511 A1", "+2511",  "2511\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(ifzo_geo_lookup(bad[i], &p), IFZO_GEO_EFORMAT, "accepted \"%s\"", bad[i]);
    }
    int pc4 = 0;
    cr_assert_eq(ifzo_geo_parse_pc4("9999 ZZ", &pc4), IFZO_GEO_OK);
    cr_assert_eq(pc4, 9999);
    cr_assert_eq(ifzo_geo_parse_pc4(NULL, &pc4), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_lookup(NULL, &p), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_lookup("2511", NULL), IFZO_GEO_EINVAL);
}

Test(lookup, missing_and_out_of_range)
{
    struct ifzo_geo_place p;
    cr_assert_eq(ifzo_geo_lookup_pc4(1000, &p), IFZO_GEO_ENOTFOUND); /* PO boxes only */
    cr_assert_eq(ifzo_geo_lookup_pc4(5028, &p), IFZO_GEO_ENOTFOUND); /* empty polygon */
    cr_assert_eq(ifzo_geo_lookup("1099 AA", &p), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_geo_lookup_pc4(999, &p), IFZO_GEO_EFORMAT);
    cr_assert_eq(ifzo_geo_lookup_pc4(10000, &p), IFZO_GEO_EFORMAT);
    cr_assert_eq(ifzo_geo_lookup_pc4(-1011, &p), IFZO_GEO_EFORMAT);
    cr_assert_eq(ifzo_geo_lookup_pc4(1011, NULL), IFZO_GEO_EINVAL);
}

Test(lookup, pc3_fallback)
{
    struct ifzo_geo_place p;
    bool exact = false;
    cr_assert_eq(ifzo_geo_resolve_pc4(1011, &p, &exact), IFZO_GEO_OK);
    cr_assert_eq(p.pc4, 1011);
    cr_assert(exact);
    /* 5028 missing; 5027 and 5029 too; 5026 is the nearest in PC3 502 */
    cr_assert_eq(ifzo_geo_resolve_pc4(5028, &p, &exact), IFZO_GEO_OK);
    cr_assert_eq(p.pc4, 5026);
    cr_assert_not(exact);
    cr_assert_str_eq(p.gemeente, "Tilburg");
    /* 1116 missing with 1115 and 1117 present: the lower wins the tie */
    cr_assert_eq(ifzo_geo_resolve_pc4(1116, &p, &exact), IFZO_GEO_OK);
    cr_assert_eq(p.pc4, 1115);
    /* never leaves the PC3: 1000 … 1009 are all PO-box codes */
    cr_assert_eq(ifzo_geo_resolve_pc4(1005, &p, &exact), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_geo_resolve_pc4(10000, &p, &exact), IFZO_GEO_EFORMAT);
    cr_assert_eq(ifzo_geo_resolve_pc4(1011, &p, NULL), IFZO_GEO_EINVAL);
}

Test(lookup, arrondissement_codes)
{
    static const char *const codes[] = {"AMS", "DHA", "GLD", "LIM", "MNE", "NHO",
                                        "NNE", "OBR", "OVE", "RTD", "ZWB"};
    for (int a = 0; a < IFZO_ARR_COUNT; a++) {
        enum ifzo_arrondissement back;
        cr_assert_eq(ifzo_arr_from_code(codes[a], &back), IFZO_GEO_OK);
        cr_assert_eq((int)back, a);
        cr_assert_str_eq(ifzo_arr_code(back), codes[a]);
    }
    enum ifzo_arrondissement back;
    cr_assert_eq(ifzo_arr_from_code("ams", &back), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_arr_from_code("", &back), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_arr_from_code(NULL, &back), IFZO_GEO_EINVAL);
    cr_assert_null(ifzo_arr_code(IFZO_ARR_COUNT));
}

/* ------------------------------------------------------------------ distance, travel time */

Test(distance, known_values)
{
    double km;
    /* one degree of longitude on the equator: R * pi / 180 */
    cr_assert_eq(ifzo_geo_distance_km(0, 0, 0, 1, &km), IFZO_GEO_OK);
    cr_assert_float_eq(km, 111.19508, 1e-4);
    cr_assert_eq(ifzo_geo_distance_km(52.0, 5.0, 52.0, 5.0, &km), IFZO_GEO_OK);
    cr_assert_float_eq(km, 0.0, 1e-12);

    struct ifzo_geo_place ams = lookup(1012);
    struct ifzo_geo_place gro = lookup(9711);
    struct ifzo_geo_place utr = lookup(3511);
    struct ifzo_geo_place maa = lookup(6211);
    cr_assert_eq(ifzo_geo_distance_km(ams.lat, ams.lon, gro.lat, gro.lon, &km), IFZO_GEO_OK);
    cr_assert(km >= 145.0 && km <= 185.0, "Amsterdam-Groningen %.1f km", km);
    cr_assert_float_eq(km, 146.34, 0.01);
    double back;
    cr_assert_eq(ifzo_geo_distance_km(gro.lat, gro.lon, ams.lat, ams.lon, &back), IFZO_GEO_OK);
    cr_assert_float_eq(km, back, 1e-9);
    cr_assert_eq(ifzo_geo_distance_km(ams.lat, ams.lon, utr.lat, utr.lon, &km), IFZO_GEO_OK);
    cr_assert_float_eq(km, 35.18, 0.01);
    cr_assert_eq(ifzo_geo_distance_km(maa.lat, maa.lon, gro.lat, gro.lon, &km), IFZO_GEO_OK);
    cr_assert_float_eq(km, 269.88, 0.01);
}

Test(distance, invalid_coordinates)
{
    double km = -1;
    cr_assert_eq(ifzo_geo_distance_km(91, 0, 0, 0, &km), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_distance_km(0, 0, -90.5, 0, &km), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_distance_km(0, 181, 0, 0, &km), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_distance_km(NAN, 0, 0, 0, &km), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_distance_km(0, 0, 0, INFINITY, &km), IFZO_GEO_EINVAL);
    cr_assert_eq(ifzo_geo_distance_km(0, 0, 0, 0, NULL), IFZO_GEO_EINVAL);
    cr_assert_float_eq(km, -1, 0, "output written on failure");
    cr_assert_eq(ifzo_geo_distance_km(90, 0, -90, 180, &km), IFZO_GEO_OK); /* antipodes */
    cr_assert_float_eq(km, 6371.0088 * 3.14159265358979323846, 1e-6);
}

Test(travel, default_model)
{
    struct ifzo_travel_model m = ifzo_travel_model_default();
    /* values of data/geo/travel.tsv */
    cr_assert_float_eq(m.detour_factor, 1.3, 1e-12);
    cr_assert_float_eq(m.speed_kmh, 60.0, 1e-12);
    cr_assert_float_eq(m.fixed_min, 5.0, 1e-12);
    cr_assert(ifzo_travel_model_valid(&m));

    double min;
    cr_assert_eq(ifzo_geo_travel_minutes_pc4(NULL, 1012, 1012, &min), IFZO_GEO_OK);
    cr_assert_float_eq(min, 5.0, 1e-12);
    /* Amsterdam 1012 → Utrecht 3511: 5 + 35.18 km * 1.3 / 60 km/h * 60 ≈ 50.7 min */
    cr_assert_eq(ifzo_geo_travel_minutes_pc4(NULL, 1012, 3511, &min), IFZO_GEO_OK);
    struct ifzo_geo_place a = lookup(1012);
    struct ifzo_geo_place b = lookup(3511);
    double km;
    cr_assert_eq(ifzo_geo_distance_km(a.lat, a.lon, b.lat, b.lon, &km), IFZO_GEO_OK);
    cr_assert_float_eq(min, 5.0 + km * 1.3, 1e-9);
    cr_assert_float_eq(min, 50.74, 0.01);
    double same;
    cr_assert_eq(ifzo_geo_travel_minutes(&m, a.lat, a.lon, b.lat, b.lon, &same), IFZO_GEO_OK);
    cr_assert_float_eq(same, min, 1e-12);
    /* Den Haag 2511 → Rotterdam 3011 (21.2 km) lies within the 1-hour treatment norm */
    cr_assert_eq(ifzo_geo_travel_minutes_pc4(NULL, 2511, 3011, &min), IFZO_GEO_OK);
    cr_assert(min > 30.0 && min < 45.0, "Den Haag-Rotterdam %.1f min", min);
}

Test(travel, custom_and_invalid_models)
{
    struct ifzo_travel_model m = {.detour_factor = 1.0, .speed_kmh = 30.0, .fixed_min = 0.0};
    double min;
    cr_assert_eq(ifzo_geo_travel_minutes(&m, 0, 0, 0, 1, &min), IFZO_GEO_OK);
    cr_assert_float_eq(min, 111.19508 * 2.0, 1e-3);

    struct ifzo_travel_model bad[] = {
        {0.9, 60, 5},  {3.1, 60, 5},   {1.3, 0, 5},  {1.3, 131, 5},
        {1.3, 60, -1}, {1.3, 60, 121}, {NAN, 60, 5}, {1.3, INFINITY, 5},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_not(ifzo_travel_model_valid(&bad[i]), "model %zu", i);
        cr_assert_eq(ifzo_geo_travel_minutes(&bad[i], 52, 5, 52, 5, &min), IFZO_GEO_EINVAL);
    }
    cr_assert_not(ifzo_travel_model_valid(NULL));
    cr_assert_eq(ifzo_geo_travel_minutes_pc4(NULL, 1012, 1000, &min), IFZO_GEO_ENOTFOUND);
    cr_assert_eq(ifzo_geo_travel_minutes_pc4(NULL, 99, 1012, &min), IFZO_GEO_EFORMAT);
    cr_assert_eq(ifzo_geo_travel_minutes_pc4(NULL, 1012, 1012, NULL), IFZO_GEO_EINVAL);
}

Test(status, strerror)
{
    for (int s = IFZO_GEO_OK; s <= IFZO_GEO_EINVAL; s++) {
        cr_assert_gt(strlen(ifzo_geo_strerror((enum ifzo_geo_status)s)), 0);
    }
}
