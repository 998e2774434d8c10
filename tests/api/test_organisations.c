/*
 * test_organisations.c - /api/organisations over HTTP: create, read, list, update with
 * If-Match, and every refusal with its status, code and field.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static server srv;
static client_auth fb;    /* organisations are functioneel beheer's */
static long long own_org; /* the organisation of fb, made by as_role */
static void start(void)
{
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    own_org = fb.organisation_id;
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(organisations, .init = start, .fini = stop, .timeout = 60);

static const char *const JSON_CT[] = {"Content-Type: application/json", NULL};

static long create(const char *body, response *r)
{
    http_as(&srv, &fb, "POST", "/api/organisations", JSON_CT, body, r);
    return r->status;
}

Test(organisations, create_answers_201_with_location_and_etag)
{
    response r;
    char v[128];
    cr_assert_eq(create("{\"name\":\"NIFP\",\"kind\":\"nifp\"}", &r), 201, "%s", r.body);
    json_int_t id = json_integer_value(json_object_get(r.json, "id"));
    cr_assert_gt(id, 0);
    char loc[64];
    snprintf(loc, sizeof(loc), "/api/organisations/%lld", (long long)id);
    cr_assert_str_eq(response_header(&r, "Location", v, sizeof(v)), loc);
    cr_assert_str_eq(response_header(&r, "ETag", v, sizeof(v)), "\"1\"");
    response_free(&r);
    http_as(&srv, &fb, "GET", loc, NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "NIFP");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "kind")), "nifp");
    response_free(&r);
}

Test(organisations, bad_input_names_the_field)
{
    static const struct {
        const char *body;
        long status;
        const char *code, *field;
    } cases[] = {
        {"{\"kind\":\"dji\"}", 400, "required", "name"},
        {"{\"name\":\"\",\"kind\":\"dji\"}", 400, "invalid_name", "name"},
        {"{\"name\":\"a\\u0007b\",\"kind\":\"dji\"}", 400, "invalid_name", "name"},
        {"{\"name\":\"a\\u0000b\",\"kind\":\"dji\"}", 400, "malformed_json", ""},
        {"{\"name\":42,\"kind\":\"dji\"}", 400, "invalid_type", "name"},
        {"{\"name\":\"X\"}", 400, "required", "kind"},
        {"{\"name\":\"X\",\"kind\":\"bank\"}", 400, "unknown_code", "kind"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        response r;
        cr_assert_eq(create(cases[i].body, &r), cases[i].status, "case %zu: %s", i, r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "case %zu", i);
        cr_assert_str_eq(error_field(&r), cases[i].field, "case %zu", i);
        response_free(&r);
    }
    response r;
    http_as(&srv, &fb, "POST", "/api/organisations", JSON_CT, NULL, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_code(&r), "body_required");
    response_free(&r);
    /* Nothing half-written: the list holds only fb's own organisation. */
    http_as(&srv, &fb, "GET", "/api/organisations", NULL, NULL, &r);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 1);
    response_free(&r);
}

Test(organisations, duplicate_name_is_409)
{
    response r;
    cr_assert_eq(create("{\"name\":\"OM\",\"kind\":\"om\"}", &r), 201);
    response_free(&r);
    cr_assert_eq(create("{\"name\":\"OM\",\"kind\":\"om\"}", &r), 409);
    cr_assert_str_eq(error_code(&r), "duplicate");
    response_free(&r);
}

Test(organisations, update_needs_the_current_version)
{
    response r;
    cr_assert_eq(create("{\"name\":\"PMO Vught\",\"kind\":\"pmo\"}", &r), 201);
    char path[64];
    snprintf(path, sizeof(path), "/api/organisations/%lld",
             (long long)json_integer_value(json_object_get(r.json, "id")));
    response_free(&r);
    const char *body = "{\"name\":\"PMO PI Vught\",\"kind\":\"pmo\"}";
    http_as(&srv, &fb, "PUT", path, JSON_CT, body, &r);
    cr_assert_eq(r.status, 428);
    cr_assert_str_eq(error_code(&r), "precondition_required");
    response_free(&r);
    const char *const bad_tag[] = {"Content-Type: application/json", "If-Match: 1", NULL};
    http_as(&srv, &fb, "PUT", path, bad_tag, body, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_field(&r), "If-Match");
    response_free(&r);
    const char *const v1[] = {"Content-Type: application/json", "If-Match: \"1\"", NULL};
    http_as(&srv, &fb, "PUT", path, v1, body, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    char v[32];
    cr_assert_str_eq(response_header(&r, "ETag", v, sizeof(v)), "\"2\"");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), 2);
    response_free(&r);
    /* A second placer still holding version 1 gets a conflict, not a lost update. */
    http_as(&srv, &fb, "PUT", path, v1, "{\"name\":\"Other\",\"kind\":\"pmo\"}", &r);
    cr_assert_eq(r.status, 409);
    cr_assert_str_eq(error_code(&r), "version_conflict");
    response_free(&r);
    http_as(&srv, &fb, "GET", path, NULL, NULL, &r);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "name")), "PMO PI Vught");
    response_free(&r);
    http_as(&srv, &fb, "PUT", "/api/organisations/99", v1, body, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
}

Test(organisations, ids_that_cannot_exist_are_404)
{
    const char *paths[] = {"/api/organisations/0", "/api/organisations/-1",
                           "/api/organisations/abc", "/api/organisations/99999999999999999999"};
    for (size_t i = 0; i < 4; i++) {
        response r;
        http_as(&srv, &fb, "GET", paths[i], NULL, NULL, &r);
        cr_assert_eq(r.status, 404, "%s", paths[i]);
        response_free(&r);
    }
}

Test(organisations, list_pages_with_after_and_limit)
{
    response r;
    for (int i = 0; i < 2; i++) { /* plus fb's own organisation: three */
        char body[80];
        snprintf(body, sizeof(body), "{\"name\":\"Aanbieder %d\",\"kind\":\"zorgaanbieder\"}", i);
        cr_assert_eq(create(body, &r), 201);
        response_free(&r);
    }
    http_as(&srv, &fb, "GET", "/api/organisations?limit=2", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 2);
    json_int_t next = json_integer_value(json_object_get(r.json, "next_after"));
    response_free(&r);
    char path[80];
    snprintf(path, sizeof(path), "/api/organisations?after=%lld&limit=2", (long long)next);
    http_as(&srv, &fb, "GET", path, NULL, NULL, &r);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 1);
    cr_assert_null(json_object_get(r.json, "next_after"));
    response_free(&r);
    const char *bad[] = {"/api/organisations?limit=0", "/api/organisations?limit=x",
                         "/api/organisations?after=-1", "/api/organisations?limit=1001"};
    for (size_t i = 0; i < 4; i++) {
        http_as(&srv, &fb, "GET", bad[i], NULL, NULL, &r);
        cr_assert_eq(r.status, 400, "%s", bad[i]);
        cr_assert_str_eq(error_code(&r), "invalid_query");
        response_free(&r);
    }
}

Test(organisations, dji_requires_totp_by_default_and_an_update_keeps_the_flag)
{
    response r;
    cr_assert_eq(create("{\"name\":\"DJI FPL\",\"kind\":\"dji\"}", &r), 201);
    cr_assert(json_is_true(json_object_get(r.json, "totp_required")));
    char path[64];
    snprintf(path, sizeof(path), "/api/organisations/%lld",
             (long long)json_integer_value(json_object_get(r.json, "id")));
    response_free(&r);
    cr_assert_eq(create("{\"name\":\"Zorg BV\",\"kind\":\"zorgaanbieder\"}", &r), 201);
    cr_assert(json_is_false(json_object_get(r.json, "totp_required")));
    response_free(&r);
    cr_assert_eq(create("{\"name\":\"DJI demo\",\"kind\":\"dji\",\"totp_required\":false}", &r),
                 201);
    cr_assert(json_is_false(json_object_get(r.json, "totp_required")));
    response_free(&r);
    cr_assert_eq(create("{\"name\":\"X\",\"kind\":\"dji\",\"totp_required\":\"ja\"}", &r), 400);
    cr_assert_str_eq(error_field(&r), "totp_required");
    response_free(&r);
    const char *const v1[] = {"Content-Type: application/json", "If-Match: \"1\"", NULL};
    http_as(&srv, &fb, "PUT", path, v1, "{\"name\":\"DJI FPL Den Haag\",\"kind\":\"dji\"}", &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(json_is_true(json_object_get(r.json, "totp_required")));
    response_free(&r);
    const char *const v2[] = {"Content-Type: application/json", "If-Match: \"2\"", NULL};
    http_as(&srv, &fb, "PUT", path, v2,
            "{\"name\":\"DJI FPL Den Haag\",\"kind\":\"dji\",\"totp_required\":false}", &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(json_is_false(json_object_get(r.json, "totp_required")));
    response_free(&r);
}
