/*
 * test_indicaties.c - clients and indications over HTTP: create, read, list, update with
 * If-Match, concept -> definitief, a change to a definitive indication making a new version
 * while the old one stays readable, and each kind of refusal with status, code and field.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static server srv;
static client_auth ind, pl;

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(indicaties, .init = start, .fini = stop, .timeout = 60);

static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(&srv, who, method, path, body, if_match, r);
}

static long long create_client(const char *bsn)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"achternaam\":\"Bakker\",\"voornamen\":\"Anna\",\"geboortedatum\":\"1990-03-04\","
             "\"bsn\":\"%s\",\"geslacht\":\"2\",\"postcode\":\"3011 ab\"}",
             bsn);
    response r;
    cr_assert_eq(call(&ind, "POST", "/api/justitiabelen", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

Test(indicaties, client_create_read_update_and_refusals)
{
    long long id = create_client("111222333");
    char path[64];
    snprintf(path, sizeof path, "/api/justitiabelen/%lld", id);
    response r;
    cr_assert_eq(call(&ind, "GET", path, NULL, 0, &r), 200);
    cr_assert_str_eq(json_str(r.json, "postcode"), "3011AB");
    cr_assert_str_eq(json_str(r.json, "geboortedatum"), "1990-03-04");
    response_free(&r);
    /* Without a definitive indication the placer does not see the client (§30). */
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 404);
    response_free(&r);
    /* An 8-digit BSN that lost its leading zero is normalised; a duplicate is refused. */
    cr_assert_eq(call(&ind, "POST", "/api/justitiabelen",
                      "{\"achternaam\":\"B\",\"geboortedatum\":\"1990-03-04\",\"bsn\":\"11222333\","
                      "\"geslacht\":\"1\",\"postcode\":\"9711\"}",
                      0, &r),
                 400);
    cr_assert_str_eq(error_field(&r), "bsn");
    response_free(&r);
    cr_assert_eq(
        call(&ind, "POST", "/api/justitiabelen",
             "{\"achternaam\":\"B\",\"geboortedatum\":\"1990-03-04\",\"bsn\":\"111222333\","
             "\"geslacht\":\"1\",\"postcode\":\"9711\"}",
             0, &r),
        409);
    cr_assert_str_eq(error_field(&r), "bsn");
    response_free(&r);
    static const struct {
        const char *body, *code, *field;
    } cases[] = {
        {"{\"geboortedatum\":\"1990-03-04\",\"bsn\":\"123456782\",\"geslacht\":\"1\","
         "\"postcode\":\"9711\"}",
         "required", "achternaam"},
        {"{\"achternaam\":\"B\",\"geboortedatum\":\"2025-06-03\",\"bsn\":\"123456782\","
         "\"geslacht\":\"1\",\"postcode\":\"9711\"}",
         "in_future", "geboortedatum"},
        {"{\"achternaam\":\"B\",\"geboortedatum\":\"1899-12-31\",\"bsn\":\"123456782\","
         "\"geslacht\":\"1\",\"postcode\":\"9711\"}",
         "invalid_date", "geboortedatum"},
        {"{\"achternaam\":\"B\",\"geboortedatum\":\"1990-03-04\",\"bsn\":\"123456783\","
         "\"geslacht\":\"1\",\"postcode\":\"9711\"}",
         "invalid_bsn", "bsn"},
        {"{\"achternaam\":\"B\",\"geboortedatum\":\"1990-03-04\",\"bsn\":\"123456782\","
         "\"geslacht\":\"x\",\"postcode\":\"9711\"}",
         "unknown_code", "geslacht"},
        {"{\"achternaam\":\"B\",\"geboortedatum\":\"1990-03-04\",\"bsn\":\"123456782\","
         "\"geslacht\":\"1\",\"postcode\":\"0711\"}",
         "invalid_postcode", "postcode"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cr_assert_eq(call(&ind, "POST", "/api/justitiabelen", cases[i].body, 0, &r), 400,
                     "case %zu: %s", i, r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "case %zu", i);
        cr_assert_str_eq(error_field(&r), cases[i].field, "case %zu", i);
        response_free(&r);
    }
    const char *upd = "{\"achternaam\":\"Bakker-de Jong\",\"geboortedatum\":\"1990-03-04\","
                      "\"bsn\":\"111222333\",\"geslacht\":\"2\",\"postcode\":\"3011AB\"}";
    cr_assert_eq(call(&ind, "PUT", path, upd, 1, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "achternaam"), "Bakker-de Jong");
    response_free(&r);
    cr_assert_eq(call(&ind, "PUT", path, upd, 1, &r), 409);
    response_free(&r);
    cr_assert_eq(call(&ind, "PUT", "/api/justitiabelen/999", upd, 1, &r), 404);
    response_free(&r);
    cr_assert_eq(call(&ind, "GET", "/api/justitiabelen?bsn=111222333", NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 1);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/justitiabelen?bsn=111222333", NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 0);
    response_free(&r);
}

/* A complete ambulant indication for client cid; onderbouwing as given. */
static void amb_body(char *buf, size_t cap, long long cid, const char *onderbouwing,
                     const char *status)
{
    snprintf(buf, cap,
             "{\"justitiabele_id\":%lld,\"indicerende_organisatie_id\":null,\"zorgtype\":\"ABH\","
             "\"criteria\":{\"arrondissement\":\"RTD\",\"geslacht\":\"2\",\"aard_zorgvraag\":"
             "\"BEH\",\"dominante_zorgvraag\":\"VERSL\",\"bijkomende_problematiek\":\"GEEN\","
             "\"bereik\":\"LOK\",\"outreach\":\"N\"},\"zorgtitel\":\"08\",\"titel_start\":"
             "\"2025-05-01\",\"titel_eind\":\"2026-05-01\",\"urgentie\":\"SPOED\","
             "\"aanmelddatum\":\"2025-05-29\",\"onderbouwing\":\"%s\",\"status\":\"%s\"}",
             cid, onderbouwing, status);
}

Test(indicaties, concept_definitief_and_new_version)
{
    long long cid = create_client("123456782");
    char body[1024];
    response r;
    amb_body(body, sizeof body, cid, "Verslaving, ambulant te behandelen.", "concept");
    cr_assert_eq(call(&ind, "POST", "/api/indicaties", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    cr_assert_str_eq(json_str(r.json, "status"), "concept");
    cr_assert_str_eq(json_str(r.json, "termijn"), "2025-06-05"); /* spoed: 5 working days */
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "criteria"),
                                                       "dominante_zorgvraag")),
                     "VERSL");
    response_free(&r);

    char path[96], fin[96];
    snprintf(path, sizeof path, "/api/indicaties/%lld", id);
    snprintf(fin, sizeof fin, "/api/indicaties/%lld/definitief", id);
    /* The indicating organisation is the caller's own, also when none is given (§31). */
    cr_assert_eq(call(&ind, "GET", path, NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "indicerende_organisatie_id")),
                 ind.organisation_id);
    response_free(&r);

    long long org = ind.organisation_id; /* the indiceerder's own organisation */
    char *p = strstr(body, "null");
    char num[8];
    snprintf(num, sizeof num, "%-4lld", org); /* same width as "null" */
    memcpy(p, num, 4);
    cr_assert_eq(call(&ind, "PUT", path, body, 1, &r), 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "versie")), 1);
    response_free(&r);
    cr_assert_eq(call(&ind, "POST", fin, NULL, 1, &r), 409);
    cr_assert_str_eq(error_code(&r), "version_conflict");
    response_free(&r);
    cr_assert_eq(call(&ind, "POST", fin, NULL, 2, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "definitief");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "versie")), 1);
    response_free(&r);
    cr_assert_eq(call(&ind, "POST", fin, NULL, 3, &r), 409);
    cr_assert_str_eq(error_code(&r), "invalid_state");
    response_free(&r);

    /* A change to a definitive indication: version 2, the first stays readable. */
    char *ob = strstr(body, "Verslaving");
    memcpy(ob, "Herindicat", 10);
    cr_assert_eq(call(&ind, "PUT", path, body, 3, &r), 200, "%s", r.body);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "versie")), 2);
    cr_assert_str_eq(json_str(r.json, "status"), "definitief");
    response_free(&r);
    char vpath[128];
    snprintf(vpath, sizeof vpath, "%s/versies/1", path);
    cr_assert_eq(call(&pl, "GET", vpath, NULL, 0, &r), 200);
    cr_assert_str_eq(json_str(r.json, "status"), "vervangen");
    cr_assert_str_eq(json_str(r.json, "onderbouwing"), "Verslaving, ambulant te behandelen.");
    response_free(&r);
    snprintf(vpath, sizeof vpath, "%s/versies", path);
    cr_assert_eq(call(&pl, "GET", vpath, NULL, 0, &r), 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 2);
    response_free(&r);
    snprintf(vpath, sizeof vpath, "%s/versies/3", path);
    cr_assert_eq(call(&pl, "GET", vpath, NULL, 0, &r), 404);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/indicaties?status=definitief", NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 1);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/indicaties?status=concept", NULL, 0, &r), 200);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "total")), 0);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/indicaties/999", NULL, 0, &r), 404);
    response_free(&r);
    cr_assert_eq(call(&ind, "PUT", "/api/indicaties/999", body, 1, &r), 404);
    response_free(&r);
}

Test(indicaties, field_errors_name_the_field)
{
    long long cid = create_client("111222333");
    static const struct {
        const char *from, *to, *code, *field;
    } cases[] = {
        {"\"ABH\"", "\"XYZ\"", "unknown_code", "zorgtype"},
        {"\"geslacht\":\"2\"", "\"geslacht\":\"7\"", "unknown_code", "criteria.geslacht"},
        {"\"bereik\":\"LOK\"", "\"zorgsetting\":\"FPK\"", "not_applicable", "criteria.zorgsetting"},
        {"\"aard_zorgvraag\":\"BEH\"", "\"aard_zorgvraag\":[\"BEH\"]", "invalid_type",
         "criteria.aard_zorgvraag"},
        {"\"2026-05-01\"", "\"2025-04-30\"", "end_before_start", "titel_eind"},
        {"\"08\"", "\"99\"", "unknown_code", "zorgtitel"},
        {"\"SPOED\"", "\"HEEL\"", "unknown_code", "urgentie"},
        {"\"2025-05-29\"", "\"2025-06-03\"", "in_future", "aanmelddatum"},
        {"\"concept\"", "\"vervangen\"", "invalid_status", "status"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char body[1024], out[1100];
        amb_body(body, sizeof body, cid, "x", "concept");
        char *at = strstr(body, cases[i].from);
        cr_assert_not_null(at, "case %zu", i);
        snprintf(out, sizeof out, "%.*s%s%s", (int)(at - body), body, cases[i].to,
                 at + strlen(cases[i].from));
        response r;
        cr_assert_eq(call(&ind, "POST", "/api/indicaties", out, 0, &r), 400, "case %zu: %s", i,
                     r.body);
        cr_assert_str_eq(error_code(&r), cases[i].code, "case %zu", i);
        cr_assert_str_eq(error_field(&r), cases[i].field, "case %zu", i);
        response_free(&r);
    }
    char body[1024];
    amb_body(body, sizeof body, 999, "x", "concept");
    response r;
    cr_assert_eq(call(&ind, "POST", "/api/indicaties", body, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "justitiabele_id");
    response_free(&r);
    amb_body(body, sizeof body, cid, "x", "concept");
    char *nul = strstr(body, "null");
    memcpy(nul, "4242", 4); /* not the caller's organisation (§31) */
    cr_assert_eq(call(&ind, "POST", "/api/indicaties", body, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "not_own_organisation");
    cr_assert_str_eq(error_field(&r), "indicerende_organisatie_id");
    response_free(&r);
    /* Created as definitief right away needs completeness. */
    amb_body(body, sizeof body, cid, "", "definitief");
    cr_assert_eq(call(&ind, "POST", "/api/indicaties", body, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "incomplete");
    cr_assert_str_eq(error_field(&r), "onderbouwing");
    response_free(&r);
}
