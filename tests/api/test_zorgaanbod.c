/*
 * test_zorgaanbod.c - the care offer over HTTP: zorgaanbieders, contracten, zorglocaties and
 * zorgaanbod — create, read, list (filter, sort, page), update with If-Match, and each kind
 * of refusal with its status, code and field. Every call is made as the role that may make
 * it (as_role), so the suite keeps working once access is enforced.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static server srv;
static client_auth fb, za, pl;

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    as_role(&srv, "plaatser", "dji", 0, &pl);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(zorgaanbod, .init = start, .fini = stop, .timeout = 60);

/* One request with an optional If-Match version (0 = none). */
static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(&srv, who, method, path, body, if_match, r);
}

static long long create_provider(const char *naam, const char *agb)
{
    char body[256];
    /* Linked to za's organisation, so that za maintains its offer (decisions.md §33). */
    snprintf(body, sizeof body,
             "{\"naam\":\"%s\",\"agb\":\"%s\",\"toelating\":true,\"organisation_id\":%lld}", naam,
             agb, za.organisation_id);
    response r;
    cr_assert_eq(call(&fb, "POST", "/api/zorgaanbieders", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

static long long create_location(long long zid, const char *agb, const char *postcode, int bn)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"Kliniek\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"%s\",\"plaats\":\"Ergens\",\"beveiligingsniveau\":\"%d\"}",
             zid, agb, postcode, bn);
    response r;
    cr_assert_eq(call(&za, "POST", "/api/zorglocaties", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

Test(zorgaanbod, provider_create_read_update_and_conflict)
{
    response r;
    char v[32];
    cr_assert_eq(call(&fb, "POST", "/api/zorgaanbieders",
                      "{\"naam\":\"De Woenselse Poort\",\"agb\":\"06120001\",\"toelating\":true}",
                      0, &r),
                 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    char loc[64];
    snprintf(loc, sizeof loc, "/api/zorgaanbieders/%lld", id);
    cr_assert_str_eq(response_header(&r, "Location", v, sizeof v), loc);
    cr_assert_str_eq(response_header(&r, "ETag", v, sizeof v), "\"1\"");
    response_free(&r);

    cr_assert_eq(call(&pl, "GET", loc, NULL, 0, &r), 200);
    cr_assert_str_eq(json_str(r.json, "agb"), "06120001");
    cr_assert(json_is_true(json_object_get(r.json, "toelating")));
    response_free(&r);

    const char *upd = "{\"naam\":\"De Woenselse Poort\",\"agb\":\"06120001\",\"toelating\":false}";
    cr_assert_eq(call(&fb, "PUT", loc, upd, 0, &r), 428);
    response_free(&r);
    cr_assert_eq(call(&fb, "PUT", loc, upd, 1, &r), 200, "%s", r.body);
    cr_assert(json_is_false(json_object_get(r.json, "toelating")));
    cr_assert_str_eq(response_header(&r, "ETag", v, sizeof v), "\"2\"");
    response_free(&r);
    cr_assert_eq(call(&fb, "PUT", loc, upd, 1, &r), 409);
    cr_assert_str_eq(error_code(&r), "version_conflict");
    response_free(&r);
    cr_assert_eq(call(&fb, "PUT", "/api/zorgaanbieders/999", upd, 1, &r), 404);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/zorgaanbieders/999", NULL, 0, &r), 404);
    response_free(&r);
    cr_assert_eq(call(&fb, "POST", "/api/zorgaanbieders", upd, 0, &r), 409);
    cr_assert_str_eq(error_code(&r), "duplicate");
    response_free(&r);

    /* Linked to the organisation whose users maintain it. */
    cr_assert_eq(call(&fb, "POST", "/api/organisations",
                      "{\"name\":\"De Woenselse Poort\",\"kind\":\"zorgaanbieder\"}", 0, &r),
                 201);
    long long org = json_num(r.json, "id");
    response_free(&r);
    char linked[256];
    snprintf(linked, sizeof linked,
             "{\"naam\":\"De Woenselse Poort\",\"agb\":\"06120001\",\"toelating\":true,"
             "\"organisation_id\":%lld}",
             org);
    cr_assert_eq(call(&fb, "PUT", loc, linked, 2, &r), 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "organisation_id")), org);
    response_free(&r);
    snprintf(linked, sizeof linked, "/api/zorgaanbieders?organisation_id=%lld", org);
    cr_assert_eq(call(&pl, "GET", linked, NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 1);
    response_free(&r);
    cr_assert_eq(call(&fb, "PUT", loc,
                      "{\"naam\":\"X\",\"agb\":\"06120001\",\"toelating\":true,"
                      "\"organisation_id\":4242}",
                      3, &r),
                 400);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "organisation_id");
    response_free(&r);
}

Test(zorgaanbod, provider_bad_fields)
{
    static const struct {
        const char *body, *code, *field;
    } cases[] = {
        {"{\"agb\":\"06120001\",\"toelating\":true}", "required", "naam"},
        {"{\"naam\":\" \",\"agb\":\"06120001\",\"toelating\":true}", "invalid_name", "naam"},
        {"{\"naam\":\"X\",\"agb\":\"0612000\",\"toelating\":true}", "invalid_agb", "agb"},
        {"{\"naam\":\"X\",\"agb\":\"00120001\",\"toelating\":true}", "invalid_agb", "agb"},
        {"{\"naam\":\"X\",\"agb\":\"06120001\",\"toelating\":\"ja\"}", "invalid_type", "toelating"},
        {"{\"naam\":\"X\",\"agb\":\"06120001\"}", "required", "toelating"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        response r;
        cr_assert_eq(call(&fb, "POST", "/api/zorgaanbieders", cases[i].body, 0, &r), 400,
                     "case %zu: %s", i, r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "case %zu", i);
        cr_assert_str_eq(error_field(&r), cases[i].field, "case %zu", i);
        response_free(&r);
    }
}

Test(zorgaanbod, contracts_dates_and_unknown_provider)
{
    long long zid = create_provider("Fivoor", "06120002");
    char body[256];
    response r;
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"zorgtype\":\"KLIN\",\"geldig_van\":\"2025-01-01\","
             "\"geldig_tot\":\"2024-12-31\"}",
             zid);
    cr_assert_eq(call(&fb, "POST", "/api/contracten", body, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "end_before_start");
    cr_assert_str_eq(error_field(&r), "geldig_tot");
    response_free(&r);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"zorgtype\":\"KLAN\",\"geldig_van\":\"2025-01-01\"}",
             zid);
    cr_assert_eq(call(&fb, "POST", "/api/contracten", body, 0, &r), 400);
    cr_assert_str_eq(error_field(&r), "zorgtype");
    response_free(&r);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"zorgtype\":\"KLIN\",\"geldig_van\":\"2025-02-30\"}",
             zid);
    cr_assert_eq(call(&fb, "POST", "/api/contracten", body, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "invalid_date");
    cr_assert_str_eq(error_field(&r), "geldig_van");
    response_free(&r);
    cr_assert_eq(
        call(&fb, "POST", "/api/contracten",
             "{\"zorgaanbieder_id\":999,\"zorgtype\":\"KLIN\",\"geldig_van\":\"2025-01-01\"}", 0,
             &r),
        400);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "zorgaanbieder_id");
    response_free(&r);

    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"zorgtype\":\"KLIN\",\"geldig_van\":\"2025-01-01\"}",
             zid);
    cr_assert_eq(call(&fb, "POST", "/api/contracten", body, 0, &r), 201, "%s", r.body);
    cr_assert(json_is_null(json_object_get(r.json, "geldig_tot")));
    long long cid = json_num(r.json, "id");
    response_free(&r);
    char path[64];
    snprintf(path, sizeof path, "/api/contracten/%lld", cid);
    cr_assert_eq(call(&fb, "PUT", path,
                      "{\"zorgtype\":\"KLIN\",\"geldig_van\":\"2025-01-01\",\"geldig_tot\":"
                      "\"2025-12-31\"}",
                      1, &r),
                 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "geldig_tot"), "2025-12-31");
    response_free(&r);
    snprintf(path, sizeof path, "/api/contracten?zorgaanbieder_id=%lld", zid);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 1);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/contracten?zorgaanbieder_id=abc", NULL, 0, &r), 400);
    cr_assert_str_eq(error_field(&r), "zorgaanbieder_id");
    response_free(&r);
}

Test(zorgaanbod, location_derives_geography_from_the_postcode)
{
    long long zid = create_provider("Pompestichting", "06120003");
    long long lid = create_location(zid, "06990101", "6525 ab", 3);
    char path[64];
    snprintf(path, sizeof path, "/api/zorglocaties/%lld", lid);
    response r;
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200);
    cr_assert_str_eq(json_str(r.json, "postcode"), "6525AB");
    cr_assert_str_eq(json_str(r.json, "arrondissement"), "GLD");
    double lat = json_real_value(json_object_get(r.json, "lat"));
    cr_assert(lat > 51.7 && lat < 51.9, "lat %f", lat);
    response_free(&r);

    static const struct {
        const char *change, *code, *field;
    } cases[] = {
        {"\"postcode\":\"0525AB\",\"agb\":\"06990102\",\"beveiligingsniveau\":\"1\"",
         "invalid_postcode", "postcode"},
        {"\"postcode\":\"6525AB\",\"agb\":\"1\",\"beveiligingsniveau\":\"1\"", "invalid_agb",
         "agb"},
        {"\"postcode\":\"6525AB\",\"agb\":\"06990102\",\"beveiligingsniveau\":\"5\"",
         "unknown_code", "beveiligingsniveau"},
        {"\"postcode\":\"6525AB\",\"agb\":\"06990102\",\"beveiligingsniveau\":\"2\","
         "\"landelijke_functie\":true",
         "not_allowed", "landelijke_functie"},
        {"\"postcode\":\"6525AB\",\"agb\":\"06990102\",\"beveiligingsniveau\":\"1\","
         "\"lat\":48.0",
         "out_of_range", "lat"},
        {"\"postcode\":\"6525AB\",\"agb\":\"06990102\",\"beveiligingsniveau\":\"1\","
         "\"arrondissement\":\"XXX\"",
         "unknown_code", "arrondissement"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char body[512];
        snprintf(body, sizeof body,
                 "{\"zorgaanbieder_id\":%lld,\"naam\":\"L\",\"adres\":\"A 1\",\"plaats\":\"P\","
                 "%s}",
                 zid, cases[i].change);
        cr_assert_eq(call(&za, "POST", "/api/zorglocaties", body, 0, &r), 400, "case %zu: %s", i,
                     r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "case %zu", i);
        cr_assert_str_eq(error_field(&r), cases[i].field, "case %zu", i);
        response_free(&r);
    }
    /* Update, then a stale one. */
    const char *upd = "{\"naam\":\"Kliniek West\",\"agb\":\"06990101\",\"adres\":\"Laan 2\","
                      "\"postcode\":\"1011AB\",\"plaats\":\"Amsterdam\",\"beveiligingsniveau\":"
                      "\"4\",\"landelijke_functie\":true}";
    cr_assert_eq(call(&za, "PUT", path, upd, 1, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "arrondissement"), "AMS");
    cr_assert(json_is_true(json_object_get(r.json, "landelijke_functie")));
    response_free(&r);
    cr_assert_eq(call(&za, "PUT", path, upd, 1, &r), 409);
    response_free(&r);
}

Test(zorgaanbod, locations_list_filters_sorts_and_pages)
{
    long long a = create_provider("A", "06120010");
    long long b = create_provider("B", "06120011");
    create_location(a, "06990201", "9711AA", 1);
    create_location(a, "06990202", "3011AA", 2);
    create_location(b, "06990203", "9712AA", 2);
    response r;
    cr_assert_eq(call(&pl, "GET", "/api/zorglocaties?arrondissement=NNE&sort=postcode&order=desc",
                      NULL, 0, &r),
                 200);
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), 2);
    cr_assert_str_eq(json_string_value(json_object_get(json_array_get(items, 0), "postcode")),
                     "9712AA");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 2);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/zorglocaties?limit=1&offset=2", NULL, 0, &r), 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 1);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 3);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "offset")), 2);
    response_free(&r);
    const char *bad[] = {"/api/zorglocaties?sort=agb", "/api/zorglocaties?order=up",
                         "/api/zorglocaties?limit=0", "/api/zorglocaties?offset=-1"};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(call(&pl, "GET", bad[i], NULL, 0, &r), 400, "%s", bad[i]);
        cr_assert_str_eq(error_code(&r), "invalid_query");
        response_free(&r);
    }
}

static const char *AMB_CRITERIA =
    "\"criteria\":{\"arrondissement\":[\"RTD\",\"DHA\"],\"geslacht\":[\"1\",\"2\"],"
    "\"aard_zorgvraag\":[\"BEH\",\"BEG\"],\"dominante_zorgvraag\":[\"VERSL\"],"
    "\"bijkomende_problematiek\":[\"GEEN\",\"PSY\"],\"bereik\":[\"LOK\"],\"outreach\":[\"N\"]}";

Test(zorgaanbod, offer_create_update_and_field_errors)
{
    long long zid = create_provider("Antes", "06120020");
    long long lid = create_location(zid, "06990301", "3011AA", 1);
    char body[1024];
    response r;
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"zorgtype\":\"ABH\",%s,\"capaciteit\":30,\"bezet\":28,"
             "\"wachtlijst\":4,\"wachttijd_dagen\":21}",
             lid, AMB_CRITERIA);
    cr_assert_eq(call(&za, "POST", "/api/zorgaanbod", body, 0, &r), 201, "%s", r.body);
    long long oid = json_num(r.json, "id");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "vrij")), 2);
    cr_assert_str_eq(json_str(r.json, "bijgewerkt_op"), "2025-06-02");
    json_t *geo = json_object_get(json_object_get(r.json, "criteria"), "arrondissement");
    cr_assert_eq(json_array_size(geo), 2);
    cr_assert_str_eq(json_string_value(json_array_get(geo, 0)), "DHA"); /* list order */
    response_free(&r);
    cr_assert_eq(call(&za, "POST", "/api/zorgaanbod", body, 0, &r), 409);
    cr_assert_str_eq(error_code(&r), "duplicate");
    response_free(&r);

    static const struct {
        const char *tail, *code, *field;
    } cases[] = {
        {"\"criteria\":{\"geslacht\":[\"9\"]},\"capaciteit\":1,\"bezet\":0", "unknown_code",
         "criteria.geslacht"},
        {"\"criteria\":{\"leeftijd\":[\"1\"]},\"capaciteit\":1,\"bezet\":0", "unknown_criterion",
         "criteria.leeftijd"},
        {"\"criteria\":{\"dsm_hoofdgroep\":[\"01\"]},\"capaciteit\":1,\"bezet\":0",
         "not_applicable", "criteria.dsm_hoofdgroep"},
        {"\"criteria\":{},\"capaciteit\":1,\"bezet\":0", "required", "criteria.arrondissement"},
        {"%C,\"capaciteit\":1,\"bezet\":2", "out_of_range", "bezet"},
        {"%C,\"capaciteit\":1,\"bezet\":0,\"leeftijd_min\":50,\"leeftijd_max\":40", "max_below_min",
         "leeftijd_max"},
        {"%C,\"capaciteit\":1,\"bezet\":0,\"leeftijd_max\":121", "out_of_range", "leeftijd_max"},
        {"%C,\"capaciteit\":1,\"bezet\":0,\"opnamestop\":true", "required", "opnamestop_van"},
        {"%C,\"capaciteit\":1,\"bezet\":0,\"opnamestop\":true,\"opnamestop_van\":\"2025-06-10\","
         "\"opnamestop_tot\":\"2025-06-09\"",
         "end_before_start", "opnamestop_tot"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char tail[700];
        const char *pct = strstr(cases[i].tail, "%C");
        if (pct)
            snprintf(tail, sizeof tail, "%s%s", AMB_CRITERIA, pct + 2);
        else
            snprintf(tail, sizeof tail, "%s", cases[i].tail);
        snprintf(body, sizeof body, "{\"zorglocatie_id\":%lld,\"zorgtype\":\"ADB\",%s}", lid, tail);
        cr_assert_eq(call(&za, "POST", "/api/zorgaanbod", body, 0, &r), 400, "case %zu: %s", i,
                     r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "case %zu", i);
        cr_assert_str_eq(error_field(&r), cases[i].field, "case %zu", i);
        response_free(&r);
    }
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":999,\"zorgtype\":\"ADB\",%s,\"capaciteit\":1,\"bezet\":0}",
             AMB_CRITERIA);
    cr_assert_eq(call(&za, "POST", "/api/zorgaanbod", body, 0, &r), 400);
    cr_assert_str_eq(error_field(&r), "zorglocatie_id");
    response_free(&r);

    /* The provider reports an intake stop and new figures. */
    char path[64];
    snprintf(path, sizeof path, "/api/zorgaanbod/%lld", oid);
    snprintf(body, sizeof body,
             "{%s,\"capaciteit\":30,\"bezet\":30,\"wachtlijst\":9,\"wachttijd_dagen\":60,"
             "\"opnamestop\":true,\"opnamestop_van\":\"2025-06-01\"}",
             AMB_CRITERIA);
    cr_assert_eq(call(&za, "PUT", path, body, 1, &r), 200, "%s", r.body);
    cr_assert(json_is_true(json_object_get(r.json, "opnamestop")));
    cr_assert_str_eq(json_str(r.json, "zorgtype"), "ABH");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "wachtlijst")), 9);
    response_free(&r);
    cr_assert_eq(call(&za, "PUT", path, body, 1, &r), 409);
    response_free(&r);
    cr_assert_eq(call(&za, "PUT", "/api/zorgaanbod/999", body, 1, &r), 404);
    response_free(&r);
    snprintf(path, sizeof path, "/api/zorgaanbod?zorglocatie_id=%lld&zorgtype=ABH", lid);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 1);
    response_free(&r);
}
