/*
 * test_codelists_geo.c - GET /api/codelists (every list with code, label and typed
 * attributes) and the geography endpoints (postcode lookup, travel-time estimate).
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
    cr_assert_eq(json_array_size(items), 26);
    json_t *first = json_array_get(items, 0);
    cr_assert_str_eq(json_string_value(json_object_get(first, "name")), "zorgtype");
    json_t *adb = entry(first, "ADB");
    cr_assert_str_eq(json_string_value(json_object_get(adb, "label")), "Ambulante dagbehandeling");
    cr_assert_eq(json_integer_value(json_object_get(adb, "max_travel_min")), 45);
    cr_assert(json_is_false(json_object_get(adb, "within_arrondissement")));
    cr_assert_str_eq(json_string_value(json_object_get(adb, "parent")), "AMB");
    cr_assert(json_is_null(json_object_get(entry(first, "KLIN"), "parent")));
    /* Rendered once per process: a second answer is the same text, typed and cacheable. */
    response again;
    char v[64];
    http_as(&srv, &pl, "GET", "/api/codelists", NULL, NULL, &again);
    cr_assert_eq(again.status, 200);
    cr_assert_eq(again.body_len, r.body_len);
    cr_assert_str_eq(again.body, r.body);
    cr_assert_str_eq(response_header(&again, "Content-Type", v, sizeof(v)), "application/json");
    cr_assert_str_eq(response_header(&again, "Cache-Control", v, sizeof(v)),
                     "public, max-age=3600");
    response_free(&again);
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

/* ---- ifzo import geo and a configured travel model ----------------------------------- */

static server gsrv;
static char travel_path[64];
static void gstart(void)
{
    snprintf(travel_path, sizeof travel_path, "/tmp/ifzo-travel-%d.tsv", (int)getpid());
    FILE *f = fopen(travel_path, "w");
    cr_assert_not_null(f);
    fputs("# slower than the default\ndetour_factor\t1.3\nspeed_kmh\t30\nfixed_min\t5\n", f);
    fclose(f);
    setenv("IFZO_TRAVEL", travel_path, 1);
    server_start(&gsrv, NULL);
    unsetenv("IFZO_TRAVEL");
}
static void gstop(void)
{
    cr_assert_eq(server_stop(&gsrv), 0);
    unlink(travel_path);
}
TestSuite(geo_import, .init = gstart, .fini = gstop, .timeout = 60);

static int run_import(const char *csv_text)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/ifzo-geo-%d.csv", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(csv_text, f);
    fclose(f);
    pid_t pid = fork();
    if (pid == 0) {
        FILE *devnull = freopen("/dev/null", "w", stderr);
        FILE *devnull2 = freopen("/dev/null", "w", stdout);
        (void)devnull;
        (void)devnull2;
        execl(IFZO_BIN, IFZO_BIN, "import", "geo", path, "--db", gsrv.db.url, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    unlink(path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

Test(geo_import, imported_table_wins_and_bad_files_change_nothing)
{
    /* An empty arrondissement follows from the gemeente; quoted fields may hold commas. */
    cr_assert_eq(run_import("pc4,gemeente,arrondissement,lat,lon\n1011,Amsterdam,,52.3719,4.9055\n"
                            "\"1099\",\"Nieuwe, Gemeente\",AMS,52.3,4.95\n"),
                 0);
    response r;
    http(&gsrv, "GET", "/api/geo/postcodes/1099", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "gemeente")), "Nieuwe, Gemeente");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "bron")), "import");
    response_free(&r);
    /* Not in the imported table: the compiled-in one answers. */
    http(&gsrv, "GET", "/api/geo/postcodes/9711", NULL, NULL, &r);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "bron")), "ingebouwd");
    response_free(&r);

    const char *bad[] = {
        "pc4,gemeente,lat\n1011,Amsterdam,52.3\n",             /* missing column */
        "pc4,gemeente,lat,lon\n0999,Amsterdam,52.3,4.9\n",     /* pc4 range */
        "pc4,gemeente,lat,lon\n1011,Amsterdam,48.0,4.9\n",     /* outside NL */
        "pc4,gemeente,lat,lon\n1011,Nergenshuizen,52.3,4.9\n", /* no arrondissement */
        "pc4,gemeente,lat,lon\n1011,Amsterdam,52.3,4.9\n1011,Amsterdam,52.3,4.9\n", /* dup */
        "pc4,gemeente,arrondissement,lat,lon\n1011,Amsterdam,XXX,52.3,4.9\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(run_import(bad[i]), 1, "file %zu accepted", i);
    http(&gsrv, "GET", "/api/geo/postcodes/1099", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "a refused import must leave the table as it was");
    response_free(&r);

    cr_assert_eq(run_import("pc4,gemeente,arrondissement,lat,lon\n2511,Den Haag,Den Haag,52.08,"
                            "4.31\n"),
                 0);
    /* The import replaced the whole table: 1099 now comes from the compiled-in one. */
    http(&gsrv, "GET", "/api/geo/postcodes/1099", NULL, NULL, &r);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "bron")), "ingebouwd");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "gemeente")), "Amsterdam");
    response_free(&r);
    http(&gsrv, "GET", "/api/geo/postcodes/2511", NULL, NULL, &r);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "bron")), "import");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "arrondissement")), "DHA");
    response_free(&r);
}

Test(geo_import, travel_model_from_ifzo_travel)
{
    response r;
    /* Same 21 km as with the defaults, at 30 instead of 60 km/h: 5 + 2 * 28 = 61 minutes. */
    http(&gsrv, "GET", "/api/geo/reistijd?van=2511&naar=3011", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_eq(json_real_value(json_object_get(json_object_get(r.json, "model"), "snelheid_kmh")),
                 30.0);
    long long min = json_integer_value(json_object_get(r.json, "reistijd_min"));
    cr_assert(min >= 60 && min <= 62, "%lld", min);
    response_free(&r);
}
