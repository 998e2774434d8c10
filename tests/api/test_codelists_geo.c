/*
 * test_codelists_geo.c - GET /api/codelists (every list with code, label and typed
 * attributes) and the geography endpoints (postcode lookup, travel-time estimate).
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <string.h>

static server srv;
static client_auth pl;
static void start(void)
{
    server_start(&srv, NULL);
    as_role(&srv, "plaatser", "dji", 0, &pl);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(codelists_geo, .init = start, .fini = stop, .timeout = 60);

static json_t *entry(json_t *list, const char *code)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(list, "entries"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "code")), code) == 0)
            return e;
    }
    return NULL;
}

Test(codelists_geo, all_lists_with_typed_attributes)
{
    response r;
    http_as(&srv, &pl, "GET", "/api/codelists", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), 24);
    json_t *first = json_array_get(items, 0);
    cr_assert_str_eq(json_string_value(json_object_get(first, "name")), "zorgtype");
    json_t *adb = entry(first, "ADB");
    cr_assert_str_eq(json_string_value(json_object_get(adb, "label")), "Ambulante dagbehandeling");
    cr_assert_eq(json_integer_value(json_object_get(adb, "max_travel_min")), 45);
    cr_assert(json_is_false(json_object_get(adb, "within_arrondissement")));
    cr_assert_str_eq(json_string_value(json_object_get(adb, "parent")), "AMB");
    cr_assert(json_is_null(json_object_get(entry(first, "KLIN"), "parent")));
    response_free(&r);

    http_as(&srv, &pl, "GET", "/api/codelists/annuleringsreden", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "entries")), 14);
    cr_assert(json_is_true(json_object_get(entry(r.json, "PL11"), "needs_motivation")));
    cr_assert(json_is_false(json_object_get(entry(r.json, "PL12"), "needs_motivation")));
    cr_assert_str_eq(json_string_value(json_object_get(entry(r.json, "PL11"), "group")), "PL");
    response_free(&r);
    http_as(&srv, &pl, "GET", "/api/codelists/bestaat_niet", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
}

Test(codelists_geo, postcode_lookup_and_travel_time)
{
    response r;
    http_as(&srv, &pl, "GET", "/api/geo/postcodes/2511", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "gemeente")), "'s-Gravenhage");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "arrondissement")), "DHA");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "bron")), "ingebouwd");
    response_free(&r);
    http_as(&srv, &pl, "GET", "/api/geo/postcodes/abcd", NULL, NULL, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_code(&r), "invalid_postcode");
    response_free(&r);
    /* Den Haag 2511 -> Rotterdam 3011: about 21 km, 33 minutes (docs/assumptions.md). */
    http_as(&srv, &pl, "GET", "/api/geo/reistijd?van=2511&naar=3011AB", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "reistijd_min")), 33);
    double km = json_real_value(json_object_get(r.json, "afstand_km"));
    cr_assert(km > 20 && km < 23, "%f", km);
    response_free(&r);
    http_as(&srv, &pl, "GET", "/api/geo/reistijd?van=2511", NULL, NULL, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_field(&r), "naar");
    response_free(&r);
}
