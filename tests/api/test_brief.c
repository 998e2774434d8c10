/*
 * test_brief.c - the placement letter over HTTP on both backends: a request taken through
 * referral and acceptance to the decision, then GET .../brief as the placer and as the
 * provider the decision is addressed to: a PDF whose text (pdftotext, poppler-utils) holds
 * the decision number, the location, the client and the dates; 409 geen_besluit before the
 * decision; 404 for every other organisation; the read in the access log.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static server srv;
static client_auth fb, ind, pl, pl2, za, za2;

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    as_role(&srv, "plaatser", "3ro", 0, &pl2);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za2);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(brief, .init = start, .fini = stop, .timeout = 120);

static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(&srv, who, method, path, body, if_match, r);
}

/* A provider of `owner`'s organisation with one location called `naam`. */
static long long location(const client_auth *owner, const char *agb_provider,
                          const char *agb_location, const char *naam)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"naam\":\"Zorggroep %s\",\"agb\":\"%s\",\"toelating\":true,"
             "\"organisation_id\":%lld}",
             agb_provider, agb_provider, owner->organisation_id);
    long long zid = post_created(&srv, &fb, "/api/zorgaanbieders", body);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"%s\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"3011AB\",\"plaats\":\"Rotterdam\",\"beveiligingsniveau\":\"1\"}",
             zid, naam, agb_location);
    return post_created(&srv, owner, "/api/zorglocaties", body);
}

/* A placement request for a new definitive indication; returns its id. */
static long long request(void)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"achternaam\":\"Bakker\",\"voornamen\":\"Anna\",\"geboortedatum\":\"1990-03-04\","
             "\"bsn\":\"123456782\",\"geslacht\":\"2\",\"postcode\":\"3011 ab\"}");
    long long cid = post_created(&srv, &ind, "/api/justitiabelen", body);
    snprintf(body, sizeof body,
             "{\"justitiabele_id\":%lld,\"indicerende_organisatie_id\":%lld,\"zorgtype\":\"ABH\","
             "\"criteria\":{\"arrondissement\":\"RTD\",\"geslacht\":\"2\",\"aard_zorgvraag\":"
             "\"BEH\",\"dominante_zorgvraag\":\"VERSL\",\"bijkomende_problematiek\":\"GEEN\","
             "\"bereik\":\"LOK\",\"outreach\":\"N\"},\"zorgtitel\":\"08\",\"titel_start\":"
             "\"2025-05-01\",\"titel_eind\":\"2026-05-01\",\"urgentie\":\"SPOED\","
             "\"aanmelddatum\":\"2025-04-29\",\"onderbouwing\":\"Ambulant.\","
             "\"status\":\"definitief\"}",
             cid, ind.organisation_id);
    long long iid = post_created(&srv, &ind, "/api/indicaties", body);
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", iid);
    return post_created(&srv, &pl, "/api/plaatsingsverzoeken", body);
}

/* Sends one step that must succeed; returns the request's new version. */
static long long step(const client_auth *who, const char *path, const char *body, long long v)
{
    response r;
    long st = call(who, "POST", path, body, v, &r);
    cr_assert(st == 200 || st == 201, "%s %s: %ld %s", path, body, st, r.body);
    long long nv = json_num(r.json, "version");
    response_free(&r);
    return nv;
}

/* Refers request id to location loc (from a new proposal); returns the new attempt's id and
 * updates *v. */
static long long refer(long long id, long long loc, bool parallel, long long *v)
{
    char path[128], body[512];
    response r;
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld", id);
    referral_body(&srv, &pl, path, NULL, loc, parallel, body, sizeof body);
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld/pogingen", id);
    cr_assert_eq(call(&pl, "POST", path, body, *v, &r), 201, "%s", r.body);
    *v = json_num(r.json, "version");
    json_t *ps = json_object_get(r.json, "pogingen");
    long long pid = json_num(json_array_get(ps, json_array_size(ps) - 1), "id");
    response_free(&r);
    return pid;
}

static void react(const client_auth *who, long long poging, const char *code, long long *v)
{
    char path[128], body[64];
    snprintf(path, sizeof path, "/api/toeleidingspogingen/%lld/reactie", poging);
    snprintf(body, sizeof body, "{\"reactie\":\"%s\"}", code);
    *v = step(who, path, body, *v);
}

static void decide(long long id, long long poging, const char *nummer, long long *v)
{
    char path[128], body[256];
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld/besluit", id);
    snprintf(body, sizeof body,
             "{\"poging_id\":%lld,\"besluitnummer\":\"%s\",\"zorgtype\":\"ABH\","
             "\"verwachte_startdatum\":\"2025-06-09\"}",
             poging, nummer);
    *v = step(&pl, path, body, *v);
}

/* GET the letter; returns the status, *r filled (free with response_free). */
static long get_brief(const client_auth *who, long long id, response *r)
{
    char path[128];
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld/brief", id);
    return call(who, "GET", path, NULL, 0, r);
}

/* The text of a PDF body as pdftotext reads it (malloc'd). */
static char *pdf_text(const response *r)
{
    char file[] = "/tmp/ifzo-brief-api-XXXXXX";
    int fd = mkstemp(file);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, r->body, r->body_len), (ssize_t)r->body_len);
    close(fd);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "pdftotext -layout %s - 2>&1", file);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t cap = 1 << 16, n = 0, got;
    char *out = malloc(cap);
    cr_assert_not_null(out);
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0)
        n += got;
    out[n] = '\0';
    cr_assert_eq(pclose(p), 0, "pdftotext: %s", out);
    unlink(file);
    return out;
}

/* A 200 PDF letter whose text holds each of the given strings. */
static void assert_letter(const client_auth *who, long long id, const char *filename,
                          const char *const *want)
{
    response r;
    cr_assert_eq(get_brief(who, id, &r), 200, "%s", r.body);
    char buf[160];
    cr_assert_not_null(response_header(&r, "Content-Type", buf, sizeof buf));
    cr_assert_str_eq(buf, "application/pdf");
    cr_assert_not_null(response_header(&r, "Content-Disposition", buf, sizeof buf));
    char expect[160];
    snprintf(expect, sizeof expect, "attachment; filename=\"%s\"", filename);
    cr_assert_str_eq(buf, expect);
    cr_assert_gt(r.body_len, 1000);
    cr_assert_eq(memcmp(r.body, "%PDF-", 5), 0, "PDF magic");
    char *text = pdf_text(&r);
    for (size_t i = 0; want[i]; i++)
        cr_assert_not_null(strstr(text, want[i]), "'%s' not in the letter:\n%s", want[i], text);
    free(text);
    response_free(&r);
}

Test(brief, the_letter_of_a_decision_for_the_placer_and_the_addressed_provider)
{
    long long locA = location(&za, "11111113", "11111114", "De Ooievaar");
    long long locB = location(&za2, "22222221", "22222222", "Het Anker");
    long long id = request(), v = 1;
    response r;

    /* No decision yet: 409 geen_besluit for the placer and for a provider with an attempt;
     * 404 for whoever does not see the request at all. */
    cr_assert_eq(get_brief(&pl, id, &r), 409, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "geen_besluit");
    response_free(&r);
    cr_assert_eq(get_brief(&za, id, &r), 404, "no attempt of za yet: %s", r.body);
    response_free(&r);
    long long pB = refer(id, locB, false, &v);
    cr_assert_eq(get_brief(&za2, id, &r), 409, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "geen_besluit");
    response_free(&r);
    react(&za2, pB, "16", &v); /* Het Anker declines */
    long long pA = refer(id, locA, true, &v);
    react(&za, pA, "01", &v);
    decide(id, pA, "PB/2025/017", &v);

    static const char *const want[] = {
        "PB/2025/017",           "De Ooievaar", "Zorggroep 11111113", "Anna Bakker",    "123456782",
        "Ambulante behandeling", "9 juni 2025", "2 juni 2025",        "Pagina 1 van 1", NULL};
    assert_letter(&pl, id, "plaatsingsbesluit-PB-2025-017.pdf", want);
    assert_letter(&za, id, "plaatsingsbesluit-PB-2025-017.pdf", want);

    /* Everyone else: 404, as for any object of another organisation, including the provider
     * that declined (it sees the request, the letter is not addressed to it). */
    cr_assert_eq(get_brief(&pl2, id, &r), 404);
    response_free(&r);
    cr_assert_eq(get_brief(&za2, id, &r), 404, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "not_found");
    response_free(&r);
    cr_assert_eq(get_brief(&pl, 999999, &r), 404);
    response_free(&r);
    cr_assert_eq(get_brief(&ind, id, &r), 403);
    response_free(&r);

    /* The letter stays available after the start of care. */
    char path[128];
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld/start-zorg", id);
    v = step(&za, path, "{\"startdatum\":\"2025-06-02\"}", v);
    assert_letter(&za, id, "plaatsingsbesluit-PB-2025-017.pdf", want);

    /* Each fetch of the letter is in the access log, with who fetched it. */
    cr_assert_eq(call(&fb, "GET", "/api/audit?limit=1000", NULL, 0, &r), 200, "%s", r.body);
    size_t by_pl = 0, by_za = 0, i;
    json_t *e;
    json_array_foreach(json_object_get(r.json, "items"), i, e)
    {
        const char *ot = json_string_value(json_object_get(e, "object_type"));
        if (ot == NULL || strcmp(ot, "plaatsingsbrief") != 0)
            continue;
        cr_assert_eq(json_num(e, "object_id"), id);
        cr_assert_str_eq(json_string_value(json_object_get(e, "action")), "read");
        const char *who = json_string_value(json_object_get(e, "username"));
        by_pl += strcmp(who, pl.username) == 0;
        by_za += strcmp(who, za.username) == 0;
    }
    cr_assert_eq(by_pl, 1);
    cr_assert_eq(by_za, 2);
    response_free(&r);
}

Test(brief, a_withdrawn_request_has_no_letter)
{
    long long locA = location(&za, "11111113", "11111114", "De Ooievaar");
    long long id = request(), v = 1;
    long long pA = refer(id, locA, false, &v);
    char path[128];
    snprintf(path, sizeof path, "/api/toeleidingspogingen/%lld/annulering", pA);
    step(&pl, path, "{\"op_verzoek\":\"PL\",\"reden\":\"PL12\"}", v);
    response r;
    cr_assert_eq(get_brief(&pl, id, &r), 409, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "geen_besluit");
    cr_assert_str_eq(error_field(&r), "status");
    response_free(&r);
}
