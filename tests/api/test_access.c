/*
 * test_access.c - who may see what, over HTTP: the authorisation matrix of every route in
 * the OpenAPI document, CSRF, sessions, bearer tokens, login throttling, TOTP, users
 * management, the access log and `ifzo audit verify`, security headers and TLS.
 */
#include "harness.h"

#include "core/totp.h"

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

static server srv;
static void start(void)
{
    server_start(&srv, NULL);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(access, .init = start, .fini = stop, .timeout = 120);

static const char *const JSON_CT[] = {"Content-Type: application/json", NULL};

/* ---- helpers ------------------------------------------------------------------------- */

static long login(const char *username, const char *password, const char *totp, response *r)
{
    char body[400];
    if (totp)
        snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\",\"totp\":\"%s\"}",
                 username, password, totp);
    else
        snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", username,
                 password);
    http(&srv, "POST", "/api/session", JSON_CT, body, r);
    return r->status;
}

/* Creates an organisation over the API as fb; returns its id. */
static long long make_org(const client_auth *fb, const char *name, const char *kind,
                          const char *totp)
{
    char body[300];
    snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\"%s%s}", name, kind,
             totp ? ",\"totp_required\":" : "", totp ? totp : "");
    response r;
    http_as(&srv, fb, "POST", "/api/organisations", JSON_CT, body, &r);
    cr_assert_eq(r.status, 201, "%s", r.body);
    long long id = json_integer_value(json_object_get(r.json, "id"));
    response_free(&r);
    return id;
}

/* Runs a shell command; returns its exit status and its output (stdout+stderr, malloc'd). */
static int run(const char *cmd, char **output)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char chunk[1024];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(mem);
    int st = pclose(p);
    if (output)
        *output = buf;
    else
        free(buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* `ifzo user add` into an existing organisation; returns the user id. */
static long long add_user(const char *username, const char *role, long long org)
{
    char cmd[2048], *out;
    snprintf(cmd, sizeof(cmd),
             "printf '%%s\\n' '%s' | %s user add --db '%s' --username %s --name 'Test' "
             "--role %s --organisation %lld 2>&1",
             HARNESS_PASSWORD, IFZO_BIN, srv.db.url, username, role, org);
    int st = run(cmd, &out);
    long long uid = 0;
    const char *line = strstr(out, "user ");
    cr_assert(st == 0 && line && sscanf(line, "user %lld", &uid) == 1, "%s", out);
    free(out);
    return uid;
}

static void base32_secret(const char *b32, unsigned char *raw, size_t *len)
{
    cr_assert(totp_base32_decode(b32, raw, 64, len), "bad secret %s", b32);
}

static void code_at(const unsigned char *raw, size_t len, int64_t t, char out[7])
{
    cr_assert(totp_code(raw, len, t, 6, out));
}

/* ---- the authorisation matrix ---------------------------------------------------------- */

/* Callers, in the order of the table columns. */
enum { ANON, IND, PL, ZA, FB, BEL, TOKEN, NCALLERS };
static const char *const caller_names[NCALLERS] = {
    "anonymous",          "indiceerder", "plaatser", "zorgaanbieder",
    "functioneel_beheer", "beleid",      "token"};

/* The expected status of every operation of docs/openapi.json for every caller. Path
 * parameters are 999999 (an object that does not exist), bodies of POST/PUT are {}. A new
 * route fails the test until it has a line here. */
static const struct {
    const char *op;
    long status[NCALLERS];
} expected[] = {
    /*                                          anon ind  pl   za   fb   bel  token */
    {"GET /healthz", {200, 200, 200, 200, 200, 200, 200}},
    {"GET /metrics", {200, 200, 200, 200, 200, 200, 200}},
    {"GET /api/openapi.json", {200, 200, 200, 200, 200, 200, 200}},
    {"GET /api/version", {200, 200, 200, 200, 200, 200, 200}},
    {"GET /api/organisations", {401, 403, 403, 403, 200, 403, 403}},
    {"POST /api/organisations", {401, 403, 403, 403, 400, 403, 403}},
    {"GET /api/organisations/{id}", {401, 404, 404, 404, 404, 404, 404}},
    {"PUT /api/organisations/{id}", {401, 403, 403, 403, 428, 403, 403}},
    {"POST /api/session", {400, 400, 400, 400, 400, 400, 400}},
    {"GET /api/session", {401, 200, 200, 200, 200, 200, 200}},
    {"DELETE /api/session", {401, 204, 204, 204, 204, 204, 403}},
    {"PUT /api/session/password", {401, 400, 400, 400, 400, 400, 403}},
    {"POST /api/session/totp", {401, 200, 200, 200, 200, 200, 403}},
    {"POST /api/session/totp/confirm", {401, 400, 400, 400, 400, 400, 403}},
    {"GET /api/users", {401, 403, 403, 403, 200, 403, 403}},
    {"POST /api/users", {401, 403, 403, 403, 400, 403, 403}},
    {"GET /api/users/{id}", {401, 403, 403, 403, 404, 403, 403}},
    {"POST /api/users/{id}/disable", {401, 403, 403, 403, 404, 403, 403}},
    {"POST /api/users/{id}/reset", {401, 403, 403, 403, 404, 403, 403}},
    {"GET /api/tokens", {401, 403, 403, 403, 200, 403, 403}},
    {"POST /api/tokens", {401, 403, 403, 403, 400, 403, 403}},
    {"DELETE /api/tokens/{id}", {401, 403, 403, 403, 404, 403, 403}},
    {"GET /api/audit", {401, 403, 403, 403, 200, 403, 403}},
    /* the care offer, clients and indications (offer issue) */
    {"GET /api/zorgaanbieders", {401, 403, 200, 200, 200, 200, 200}},
    {"POST /api/zorgaanbieders", {401, 403, 403, 403, 400, 403, 403}},
    {"GET /api/zorgaanbieders/{id}", {401, 403, 404, 404, 404, 404, 404}},
    {"PUT /api/zorgaanbieders/{id}", {401, 403, 403, 403, 428, 403, 403}},
    {"GET /api/contracten", {401, 403, 200, 200, 200, 200, 200}},
    {"POST /api/contracten", {401, 403, 403, 403, 400, 403, 403}},
    {"GET /api/contracten/{id}", {401, 403, 404, 404, 404, 404, 404}},
    {"PUT /api/contracten/{id}", {401, 403, 403, 403, 428, 403, 403}},
    {"GET /api/zorglocaties", {401, 403, 200, 200, 200, 200, 200}},
    {"POST /api/zorglocaties", {401, 403, 403, 400, 403, 403, 400}},
    {"GET /api/zorglocaties/{id}", {401, 403, 404, 404, 404, 404, 404}},
    {"PUT /api/zorglocaties/{id}", {401, 403, 403, 428, 403, 403, 428}},
    {"GET /api/zorgaanbod", {401, 403, 200, 200, 200, 200, 200}},
    {"POST /api/zorgaanbod", {401, 403, 403, 400, 403, 403, 400}},
    {"GET /api/zorgaanbod/{id}", {401, 403, 404, 404, 404, 404, 404}},
    {"PUT /api/zorgaanbod/{id}", {401, 403, 403, 404, 403, 403, 404}},
    {"GET /api/justitiabelen", {401, 200, 200, 403, 403, 403, 403}},
    {"POST /api/justitiabelen", {401, 400, 403, 403, 403, 403, 403}},
    {"GET /api/justitiabelen/{id}", {401, 404, 404, 403, 403, 403, 403}},
    {"PUT /api/justitiabelen/{id}", {401, 428, 403, 403, 403, 403, 403}},
    {"GET /api/indicaties", {401, 200, 200, 403, 403, 403, 403}},
    {"POST /api/indicaties", {401, 400, 403, 403, 403, 403, 403}},
    {"GET /api/indicaties/{id}", {401, 404, 404, 403, 403, 403, 403}},
    {"PUT /api/indicaties/{id}", {401, 428, 403, 403, 403, 403, 403}},
    {"POST /api/indicaties/{id}/definitief", {401, 428, 403, 403, 403, 403, 403}},
    {"GET /api/indicaties/{id}/versies", {401, 404, 404, 403, 403, 403, 403}},
    {"GET /api/indicaties/{id}/versies/{versie}", {401, 404, 404, 403, 403, 403, 403}},
    {"GET /api/codelists", {200, 200, 200, 200, 200, 200, 200}},
    {"GET /api/codelists/{name}", {404, 404, 404, 404, 404, 404, 404}},
    {"GET /api/geo/postcodes/{pc4}", {400, 400, 400, 400, 400, 400, 400}},
    {"GET /api/geo/reistijd", {400, 400, 400, 400, 400, 400, 400}},
    /* the placement workflow (issue 6) */
    {"GET /api/plaatsingsverzoeken", {401, 403, 200, 403, 403, 403, 403}},
    {"POST /api/plaatsingsverzoeken", {401, 403, 400, 403, 403, 403, 403}},
    {"GET /api/plaatsingsverzoeken/{id}", {401, 403, 404, 404, 403, 403, 404}},
    {"GET /api/plaatsingsverzoeken/{id}/tijdlijn", {401, 403, 404, 404, 403, 403, 404}},
    {"POST /api/plaatsingsverzoeken/{id}/pogingen", {401, 403, 428, 403, 403, 403, 403}},
    {"POST /api/plaatsingsverzoeken/{id}/besluit", {401, 403, 428, 403, 403, 403, 403}},
    {"POST /api/plaatsingsverzoeken/{id}/start-zorg", {401, 403, 403, 428, 403, 403, 428}},
    {"POST /api/plaatsingsverzoeken/{id}/einde-zorg", {401, 403, 403, 428, 403, 403, 428}},
    {"GET /api/toeleidingspogingen", {401, 403, 200, 200, 403, 403, 200}},
    {"GET /api/toeleidingspogingen/{id}", {401, 403, 404, 404, 403, 403, 404}},
    {"POST /api/toeleidingspogingen/{id}/reactie", {401, 403, 403, 428, 403, 403, 428}},
    {"POST /api/toeleidingspogingen/{id}/verlenging", {401, 403, 403, 428, 403, 403, 428}},
    {"POST /api/toeleidingspogingen/{id}/annulering", {401, 403, 428, 403, 403, 403, 403}},
    /* matching proposals and contra-indications (issue 5) */
    {"POST /api/plaatsingsverzoeken/{id}/voorstellen", {401, 403, 404, 403, 403, 403, 403}},
    {"GET /api/plaatsingsverzoeken/{id}/voorstellen", {401, 403, 404, 403, 403, 403, 403}},
    {"GET /api/plaatsingsverzoeken/{id}/voorstellen/{n}", {401, 403, 404, 403, 403, 403, 403}},
    {"GET /api/justitiabelen/{id}/contra-indicaties", {401, 404, 404, 403, 403, 403, 403}},
    {"PUT /api/justitiabelen/{id}/contra-indicaties", {401, 428, 428, 403, 403, 403, 403}},
    /* the placement letter */
    {"GET /api/plaatsingsverzoeken/{id}/brief", {401, 403, 404, 404, 403, 403, 404}},
    /* the capacity monitor: beleid and functioneel beheer only */
    {"GET /api/monitor/aanvragen", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/instroom", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/doorstroom", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/uitstroom", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/bezetting", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/wachttijden", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/wachtlijsten", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/reacties", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/reactietermijnen", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/reacties-te-laat", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/annuleringen", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/plaatsingen-regio", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/plaatsingen-soort", {401, 403, 403, 403, 200, 200, 403}},
    {"GET /api/monitor/late-meldingen", {401, 403, 403, 403, 200, 200, 403}},
    /* FZ messages (issue 9): API tokens only; {} as JSON is the wrong content type */
    {"POST /api/berichten", {401, 403, 403, 403, 403, 403, 415}},
    {"GET /api/berichten", {401, 403, 403, 403, 403, 403, 200}},
    {"POST /api/berichten/{id}/ontvangen", {401, 403, 403, 403, 403, 403, 404}},
};
#define NEXPECTED (sizeof(expected) / sizeof(expected[0]))

static void login_caller(int who, client_auth *c, const client_auth *fb, long long provider)
{
    static const char *const kinds[NCALLERS] = {NULL, "om", "3ro", "zorgaanbieder", "dji", "dji"};
    if (who == ANON) {
        memset(c, 0, sizeof(*c));
    } else if (who == TOKEN) {
        memset(c, 0, sizeof(*c));
        char body[120];
        snprintf(body, sizeof(body), "{\"organisation_id\":%lld,\"name\":\"Koppeling\"}", provider);
        response r;
        http_as(&srv, fb, "POST", "/api/tokens", JSON_CT, body, &r);
        cr_assert_eq(r.status, 201, "%s", r.body);
        snprintf(c->bearer, sizeof(c->bearer), "Authorization: Bearer %s",
                 json_string_value(json_object_get(r.json, "token")));
        response_free(&r);
    } else {
        as_role(&srv, caller_names[who], kinds[who], 0, c);
    }
}

Test(access, every_route_answers_every_caller_as_the_table_says)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    long long provider = make_org(&fb, "Matrix Zorg", "zorgaanbieder", NULL);
    client_auth callers[NCALLERS];
    for (int w = 0; w < NCALLERS; w++)
        login_caller(w, &callers[w], &fb, provider);

    response doc;
    http(&srv, "GET", "/api/openapi.json", NULL, NULL, &doc);
    cr_assert_eq(doc.status, 200);
    json_t *paths = json_object_get(doc.json, "paths");
    const char *pattern;
    json_t *item;
    int covered[NEXPECTED] = {0};
    json_object_foreach(paths, pattern, item)
    {
        const char *lower;
        json_t *op;
        json_object_foreach(item, lower, op)
        {
            if (strcmp(lower, "parameters") == 0)
                continue;
            char method[16], key[300], path[300];
            size_t i = 0;
            for (; lower[i] && i < sizeof(method) - 1; i++)
                method[i] = (char)(lower[i] - 32);
            method[i] = '\0';
            snprintf(key, sizeof(key), "%s %s", method, pattern);
            size_t k = 0;
            while (k < NEXPECTED && strcmp(expected[k].op, key) != 0)
                k++;
            cr_assert_lt(k, NEXPECTED, "%s has no line in the expected table of this test", key);
            covered[k] = 1;
            /* {param} -> 999999 */
            size_t n = 0;
            for (const char *p = pattern; *p && n < sizeof(path) - 8;) {
                if (*p == '{') {
                    n += (size_t)snprintf(path + n, sizeof(path) - n, "999999");
                    p = strchr(p, '}') + 1;
                } else {
                    path[n++] = *p++;
                }
            }
            path[n] = '\0';
            int has_body = strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0;
            for (int w = 0; w < NCALLERS; w++) {
                response r;
                http_as(&srv, &callers[w], method, path, has_body ? JSON_CT : NULL,
                        has_body ? "{}" : NULL, &r);
                cr_assert_eq(r.status, expected[k].status[w], "%s as %s: got %ld, expected %ld: %s",
                             key, caller_names[w], r.status, expected[k].status[w], r.body);
                response_free(&r);
                /* Logging out ends the session: log in afresh for the next route. */
                if (strcmp(key, "DELETE /api/session") == 0 && w != ANON && w != TOKEN)
                    login_caller(w, &callers[w], &fb, provider);
            }
        }
    }
    response_free(&doc);
    for (size_t k = 0; k < NEXPECTED; k++)
        cr_assert(covered[k], "%s is in the table but not in docs/openapi.json", expected[k].op);
}

/* ---- CSRF, sessions ---------------------------------------------------------------- */

Test(access, a_write_without_the_csrf_token_is_403)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    const char *body = "{\"name\":\"NIFP\",\"kind\":\"nifp\"}";
    const char *const no_csrf[] = {"Content-Type: application/json", fb.cookie, NULL};
    response r;
    http(&srv, "POST", "/api/organisations", no_csrf, body, &r);
    cr_assert_eq(r.status, 403, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "csrf_invalid");
    cr_assert_str_eq(error_field(&r), "X-CSRF-Token");
    response_free(&r);
    const char *const wrong[] = {"Content-Type: application/json", fb.cookie,
                                 "X-CSRF-Token: "
                                 "0000000000000000000000000000000000000000000000000000000000000000",
                                 NULL};
    http(&srv, "POST", "/api/organisations", wrong, body, &r);
    cr_assert_eq(r.status, 403);
    cr_assert_str_eq(error_code(&r), "csrf_invalid");
    response_free(&r);
    /* Reads need no token; the write with it succeeds. */
    const char *const read_only[] = {fb.cookie, NULL};
    http(&srv, "GET", "/api/organisations", read_only, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 1, "nothing was created");
    response_free(&r);
    http_as(&srv, &fb, "POST", "/api/organisations", JSON_CT, body, &r);
    cr_assert_eq(r.status, 201, "%s", r.body);
    response_free(&r);
}

Test(access, the_session_cookie_is_httponly_samesite_strict_and_logout_ends_it)
{
    client_auth pl;
    as_role(&srv, "plaatser", "dji", 0, &pl);
    response r;
    cr_assert_eq(login(pl.username, HARNESS_PASSWORD, NULL, &r), 201);
    char v[400];
    cr_assert_not_null(response_header(&r, "Set-Cookie", v, sizeof(v)));
    cr_assert(strstr(v, "; HttpOnly") && strstr(v, "; SameSite=Strict") && strstr(v, "; Path=/"),
              "%s", v);
    cr_assert_null(strstr(v, "Secure"), "no Secure flag without TLS: %s", v);
    cr_assert_str_eq(json_string_value(json_object_get(json_object_get(r.json, "user"), "role")),
                     "plaatser");
    response_free(&r);
    http_as(&srv, &pl, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "csrf_token")), pl.csrf_token);
    response_free(&r);
    http_as(&srv, &pl, "DELETE", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 204);
    cr_assert(strstr(response_header(&r, "Set-Cookie", v, sizeof(v)), "Max-Age=0"), "%s", v);
    response_free(&r);
    http_as(&srv, &pl, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 401);
    cr_assert_str_eq(error_code(&r), "unauthenticated");
    response_free(&r);
}

/* ---- failed logins ------------------------------------------------------------------- */

Test(access, failures_do_not_tell_whether_an_account_exists)
{
    client_auth pl;
    as_role(&srv, "plaatser", "dji", 0, &pl);
    response a, b, c;
    cr_assert_eq(login(pl.username, "verkeerd-wachtwoord-1", NULL, &a), 401);
    cr_assert_eq(login("niemand.hier", "verkeerd-wachtwoord-1", NULL, &b), 401);
    cr_assert_str_eq(error_code(&a), "invalid_credentials");
    cr_assert_str_eq(a.body, b.body);
    /* A disabled account answers the same, even with the right password. */
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "%s user disable --db '%s' --username %s >/dev/null 2>&1", IFZO_BIN,
             srv.db.url, pl.username);
    cr_assert_eq(run(cmd, NULL), 0);
    cr_assert_eq(login(pl.username, HARNESS_PASSWORD, NULL, &c), 401);
    cr_assert_str_eq(c.body, a.body);
    response_free(&a);
    response_free(&b);
    response_free(&c);
    /* ... and its session ended at once. */
    http_as(&srv, &pl, "GET", "/api/session", NULL, NULL, &a);
    cr_assert_eq(a.status, 401);
    response_free(&a);
    /* Operators see each refusal in the log, but never a password typed as the name. */
    cr_assert_eq(login("Geheim-Wachtwoord!", "x", NULL, &a), 401);
    response_free(&a);
    char *log = NULL;
    for (int i = 0; i < 50; i++) { /* the line is written before the answer, but be patient */
        free(log);
        log = server_log(&srv);
        if (strstr(log, "(not a username)"))
            break;
        struct timespec t = {0, 20000000L};
        nanosleep(&t, NULL);
    }
    cr_assert(strstr(log, "\"outcome\":\"refused\",\"username\":\"niemand.hier\""), "%s", log);
    cr_assert(strstr(log, "(not a username)"), "%s", log);
    cr_assert_null(strstr(log, "Geheim-Wachtwoord!"));
    cr_assert_null(strstr(log, "verkeerd-wachtwoord-1"));
    free(log);
}

Test(access, the_sixth_failed_login_in_a_row_is_429_with_retry_after)
{
    client_auth pl;
    as_role(&srv, "plaatser", "dji", 0, &pl);
    response r;
    for (int i = 1; i <= 5; i++) {
        cr_assert_eq(login(pl.username, "verkeerd-wachtwoord-1", NULL, &r), 401, "attempt %d", i);
        response_free(&r);
    }
    cr_assert_eq(login(pl.username, "verkeerd-wachtwoord-1", NULL, &r), 429);
    cr_assert_str_eq(error_code(&r), "too_many_attempts");
    char v[32];
    cr_assert_not_null(response_header(&r, "Retry-After", v, sizeof(v)));
    cr_assert(atoi(v) > 0 && atoi(v) <= 900, "Retry-After %s", v);
    response_free(&r);
    /* Even the right password waits now. */
    cr_assert_eq(login(pl.username, HARNESS_PASSWORD, NULL, &r), 429);
    response_free(&r);
    /* A name that does not exist is throttled alike (no enumeration via 429 either). */
    for (int i = 1; i <= 5; i++) {
        cr_assert_eq(login("bestaat.niet", "verkeerd-wachtwoord-1", NULL, &r), 401);
        response_free(&r);
    }
    cr_assert_eq(login("bestaat.niet", "verkeerd-wachtwoord-1", NULL, &r), 429);
    response_free(&r);
    /* Other accounts from the same address still get in (the address limit is higher). */
    client_auth other;
    as_role(&srv, "plaatser", "dji", 0, &other);
    /* ifzo user passwd lifts the lock-out. */
    char cmd[2048];
    snprintf(cmd, sizeof(cmd),
             "printf '%%s\\n' 'een-nieuw-wachtwoord' | %s user passwd --db '%s' --username %s "
             ">/dev/null 2>&1",
             IFZO_BIN, srv.db.url, pl.username);
    cr_assert_eq(run(cmd, NULL), 0);
    cr_assert_eq(login(pl.username, "een-nieuw-wachtwoord", NULL, &r), 201, "%s", r.body);
    response_free(&r);
}

/* ---- bearer tokens --------------------------------------------------------------------- */

Test(access, a_revoked_token_fails_at_once)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    long long provider = make_org(&fb, "Zorg Noord", "zorgaanbieder", NULL);
    long long dji = make_org(&fb, "DJI", "dji", "false");
    response r;
    char body[120];
    snprintf(body, sizeof(body), "{\"organisation_id\":%lld,\"name\":\"EPD\"}", dji);
    http_as(&srv, &fb, "POST", "/api/tokens", JSON_CT, body, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_code(&r), "not_a_provider");
    response_free(&r);
    snprintf(body, sizeof(body), "{\"organisation_id\":%lld,\"name\":\"EPD\"}", provider);
    http_as(&srv, &fb, "POST", "/api/tokens", JSON_CT, body, &r);
    cr_assert_eq(r.status, 201, "%s", r.body);
    long long id = json_integer_value(json_object_get(r.json, "id"));
    client_auth tok = {0};
    snprintf(tok.bearer, sizeof(tok.bearer), "Authorization: Bearer %s",
             json_string_value(json_object_get(r.json, "token")));
    response_free(&r);
    /* The list never shows the secret. */
    http_as(&srv, &fb, "GET", "/api/tokens", NULL, NULL, &r);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 1);
    cr_assert_null(strstr(r.body, tok.bearer + strlen("Authorization: Bearer ")));
    response_free(&r);
    http_as(&srv, &tok, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "role")), "zorgaanbieder");
    cr_assert_eq(json_integer_value(json_object_get(r.json, "organisation_id")), provider);
    response_free(&r);
    char path[64];
    snprintf(path, sizeof(path), "/api/tokens/%lld", id);
    http_as(&srv, &fb, "DELETE", path, NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert(json_is_string(json_object_get(r.json, "revoked_at")));
    response_free(&r);
    http_as(&srv, &tok, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 401);
    cr_assert_str_eq(error_code(&r), "invalid_token");
    response_free(&r);
    /* Also on a public route: credentials that are no good are said to be no good. */
    http_as(&srv, &tok, "GET", "/api/version", NULL, NULL, &r);
    cr_assert_eq(r.status, 401);
    response_free(&r);
    http_as(&srv, &fb, "DELETE", path, NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
}

Test(access, ifzo_token_create_and_revoke)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    long long provider = make_org(&fb, "Zorg Zuid", "zorgaanbieder", NULL);
    char cmd[2048], *out;
    snprintf(cmd, sizeof(cmd),
             "%s token create --db '%s' --organisation %lld --name EPD 2>/dev/null", IFZO_BIN,
             srv.db.url, provider);
    cr_assert_eq(run(cmd, &out), 0, "%s", out);
    long long id = 0;
    char secret[100] = "";
    cr_assert_eq(sscanf(out, "token %lld %99s", &id, secret), 2, "%s", out);
    free(out);
    client_auth tok = {0};
    snprintf(tok.bearer, sizeof(tok.bearer), "Authorization: Bearer %s", secret);
    response r;
    http_as(&srv, &tok, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    response_free(&r);
    snprintf(cmd, sizeof(cmd), "%s token revoke --db '%s' --id %lld 2>/dev/null", IFZO_BIN,
             srv.db.url, id);
    cr_assert_eq(run(cmd, NULL), 0);
    http_as(&srv, &tok, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 401);
    response_free(&r);
    cr_assert_neq(run(cmd, NULL), 0, "revoking twice fails");
}

/* ---- TOTP ---------------------------------------------------------------------------- */

Test(access, a_user_who_must_use_totp_gets_no_session_without_a_valid_code)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    long long dji = make_org(&fb, "DJI met 2FA", "dji", NULL); /* on by default */
    add_user("fb.totp", "functioneel_beheer", dji);
    response r;
    /* First login: password right, not enrolled -> no session, but the secret. */
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, NULL, &r), 401);
    cr_assert_str_eq(error_code(&r), "totp_enrolment_required");
    char ck[400];
    cr_assert_null(response_header(&r, "Set-Cookie", ck, sizeof(ck)));
    json_t *en = json_object_get(r.json, "totp_enrolment");
    char b32[80];
    snprintf(b32, sizeof(b32), "%s", json_string_value(json_object_get(en, "secret")));
    const char *uri = json_string_value(json_object_get(en, "uri"));
    cr_assert(strncmp(uri, "otpauth://totp/openifzo:fb.totp?secret=", 39) == 0, "%s", uri);
    cr_assert(strstr(uri, b32) != NULL);
    const char *qr = json_string_value(json_object_get(en, "qr"));
    cr_assert(qr && strncmp(qr, "data:image/svg+xml;base64,PHN2Zy", 32) == 0, "%s", qr);
    response_free(&r);
    unsigned char raw[64];
    size_t len;
    base32_secret(b32, raw, &len);
    cr_assert_eq(len, 20);
    int64_t now = (int64_t)time(NULL);
    char code[7], wrong[16];
    code_at(raw, len, now, code);
    snprintf(wrong, sizeof(wrong), "%06u", (unsigned)(atoi(code) + 1) % 1000000u);
    /* A wrong code during enrolment: still no session, same secret offered again. */
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, wrong, &r), 401);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(r.json, "totp_enrolment"), "secret")),
        b32);
    response_free(&r);
    /* A valid code confirms the enrolment and logs in. */
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, code, &r), 201, "%s", r.body);
    cr_assert(json_is_true(json_object_get(json_object_get(r.json, "user"), "totp_enabled")));
    response_free(&r);
    /* From now on: no code, no session; a wrong code or a used one neither. */
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, NULL, &r), 401);
    cr_assert_str_eq(error_code(&r), "totp_required");
    cr_assert_str_eq(error_field(&r), "totp");
    cr_assert_null(response_header(&r, "Set-Cookie", ck, sizeof(ck)));
    response_free(&r);
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, wrong, &r), 401);
    cr_assert_str_eq(error_code(&r), "totp_invalid");
    response_free(&r);
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, code, &r), 401, "a code works once");
    cr_assert_str_eq(error_code(&r), "totp_invalid");
    response_free(&r);
    /* The code of the next time step (within the drift window) works. */
    code_at(raw, len, now + 30, code);
    cr_assert_eq(login("fb.totp", HARNESS_PASSWORD, code, &r), 201, "%s", r.body);
    response_free(&r);
    /* A wrong password with a right code is still the plain refusal. */
    code_at(raw, len, now + 60, code);
    cr_assert_eq(login("fb.totp", "verkeerd-wachtwoord-1", code, &r), 401);
    cr_assert_str_eq(error_code(&r), "invalid_credentials");
    response_free(&r);
}

Test(access, a_user_can_enrol_in_totp_voluntarily)
{
    client_auth pl;
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    response r;
    http_as(&srv, &pl, "POST", "/api/session/totp", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    unsigned char raw[64];
    size_t len;
    base32_secret(json_string_value(json_object_get(r.json, "secret")), raw, &len);
    response_free(&r);
    /* Not in force until confirmed. */
    cr_assert_eq(login(pl.username, HARNESS_PASSWORD, NULL, &r), 201);
    response_free(&r);
    char code[7];
    int64_t now = (int64_t)time(NULL);
    code_at(raw, len, now, code);
    char body[40];
    snprintf(body, sizeof(body), "{\"totp\":\"%s\"}", code);
    http_as(&srv, &pl, "POST", "/api/session/totp/confirm", JSON_CT, body, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    response_free(&r);
    cr_assert_eq(login(pl.username, HARNESS_PASSWORD, NULL, &r), 401);
    cr_assert_str_eq(error_code(&r), "totp_required");
    response_free(&r);
    code_at(raw, len, now + 30, code);
    cr_assert_eq(login(pl.username, HARNESS_PASSWORD, code, &r), 201);
    response_free(&r);
}

/* ---- users ------------------------------------------------------------------------- */

Test(access, a_new_user_must_change_the_temporary_password_first)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    long long provider = make_org(&fb, "Zorg Oost", "zorgaanbieder", NULL);
    char body[300];
    snprintf(body, sizeof(body),
             "{\"username\":\"fb.nieuw\",\"display_name\":\"Nieuw\",\"role\":\"functioneel_"
             "beheer\",\"organisation_id\":%lld}",
             provider);
    response r;
    http_as(&srv, &fb, "POST", "/api/users", JSON_CT, body, &r);
    cr_assert_eq(r.status, 400, "a functioneel beheerder belongs to DJI: %s", r.body);
    cr_assert_str_eq(error_code(&r), "role_not_allowed");
    response_free(&r);
    snprintf(body, sizeof(body),
             "{\"username\":\"fb.nieuw\",\"display_name\":\"Nieuw\",\"role\":\"functioneel_"
             "beheer\",\"organisation_id\":%lld}",
             fb.organisation_id);
    http_as(&srv, &fb, "POST", "/api/users", JSON_CT, body, &r);
    cr_assert_eq(r.status, 201, "%s", r.body);
    char temp[64];
    snprintf(temp, sizeof(temp), "%s",
             json_string_value(json_object_get(r.json, "temporary_password")));
    long long uid = json_integer_value(json_object_get(json_object_get(r.json, "user"), "id"));
    cr_assert_geq(strlen(temp), 12);
    response_free(&r);
    http_as(&srv, &fb, "POST", "/api/users", JSON_CT, body, &r);
    cr_assert_eq(r.status, 409);
    cr_assert_str_eq(error_field(&r), "username");
    response_free(&r);

    cr_assert_eq(login("fb.nieuw", temp, NULL, &r), 201, "%s", r.body);
    client_auth nu = {0};
    char ck[400];
    response_header(&r, "Set-Cookie", ck, sizeof(ck));
    *strchr(ck, ';') = '\0';
    snprintf(nu.cookie, sizeof(nu.cookie), "Cookie: %s", ck);
    snprintf(nu.csrf, sizeof(nu.csrf), "X-CSRF-Token: %s",
             json_string_value(json_object_get(r.json, "csrf_token")));
    response_free(&r);
    http_as(&srv, &nu, "GET", "/api/users", NULL, NULL, &r);
    cr_assert_eq(r.status, 403);
    cr_assert_str_eq(error_code(&r), "password_change_required");
    response_free(&r);
    http_as(&srv, &nu, "PUT", "/api/session/password", JSON_CT,
            "{\"current_password\":\"fout-fout-fout\",\"new_password\":\"mijn-eigen-wachtwoord\"}",
            &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_field(&r), "current_password");
    response_free(&r);
    snprintf(body, sizeof(body), "{\"current_password\":\"%s\",\"new_password\":\"kort\"}", temp);
    http_as(&srv, &nu, "PUT", "/api/session/password", JSON_CT, body, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_code(&r), "password_too_short");
    cr_assert_str_eq(error_field(&r), "new_password");
    response_free(&r);
    snprintf(body, sizeof(body),
             "{\"current_password\":\"%s\",\"new_password\":\"mijn-eigen-wachtwoord\"}", temp);
    http_as(&srv, &nu, "PUT", "/api/session/password", JSON_CT, body, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    response_free(&r);
    http_as(&srv, &nu, "GET", "/api/users", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "the session lives on after the change: %s", r.body);
    response_free(&r);
    cr_assert_eq(login("fb.nieuw", temp, NULL, &r), 401);
    response_free(&r);

    /* A reset by another beheerder: new temporary password, sessions end. */
    char path[64];
    snprintf(path, sizeof(path), "/api/users/%lld/reset", uid);
    http_as(&srv, &fb, "POST", path, NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert(
        json_is_true(json_object_get(json_object_get(r.json, "user"), "must_change_password")));
    response_free(&r);
    http_as(&srv, &nu, "GET", "/api/session", NULL, NULL, &r);
    cr_assert_eq(r.status, 401);
    response_free(&r);
    /* Disabling: not oneself. */
    snprintf(path, sizeof(path), "/api/users/%lld/disable", fb.user_id);
    http_as(&srv, &fb, "POST", path, NULL, NULL, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_code(&r), "cannot_disable_self");
    response_free(&r);
    snprintf(path, sizeof(path), "/api/users/%lld/disable", uid);
    http_as(&srv, &fb, "POST", path, NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert(json_is_true(json_object_get(r.json, "disabled")));
    response_free(&r);
}

Test(access, ifzo_user_add_refuses_a_role_that_does_not_fit)
{
    char cmd[2048], *out;
    snprintf(cmd, sizeof(cmd),
             "printf '%%s\\n' '%s' | %s user add --db '%s' --username za.x --name X "
             "--role zorgaanbieder --new-organisation 'OM Arnhem' --kind om 2>&1",
             HARNESS_PASSWORD, IFZO_BIN, srv.db.url);
    cr_assert_eq(run(cmd, &out), 2, "%s", out);
    cr_assert(strstr(out, "--role") != NULL, "%s", out);
    free(out);
    snprintf(cmd, sizeof(cmd),
             "printf '%%s\\n' 'kort' | %s user add --db '%s' --username za.x --name X "
             "--role zorgaanbieder --new-organisation 'Zorg' --kind zorgaanbieder 2>&1",
             IFZO_BIN, srv.db.url);
    cr_assert_eq(run(cmd, &out), 2, "%s", out);
    cr_assert(strstr(out, "12 tekens") != NULL, "%s", out);
    free(out);
    cr_assert_eq(run(IFZO_BIN " user add --help >/dev/null 2>&1", NULL), 0);
    cr_assert_eq(run(IFZO_BIN " user --help >/dev/null 2>&1", NULL), 0);
    cr_assert_eq(run(IFZO_BIN " token --help >/dev/null 2>&1", NULL), 0);
    cr_assert_eq(run(IFZO_BIN " audit verify --help >/dev/null 2>&1", NULL), 0);
    cr_assert_eq(run(IFZO_BIN " user frobnicate >/dev/null 2>&1", NULL), 2);
}

/* ---- the access log ------------------------------------------------------------------- */

/* Runs one statement on the server's database behind its back. */
static void tamper(const char *sql)
{
    char cmd[2048];
    if (strcmp(srv.db.backend, "sqlite") == 0) {
        snprintf(cmd, sizeof(cmd), "sqlite3 '%s' \"%s\" 2>&1", srv.db.url + strlen("sqlite:"), sql);
        char *out;
        cr_assert_eq(run(cmd, &out), 0, "%s", out);
        free(out);
    } else {
        PGconn *c = PQconnectdb(srv.db.url);
        cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
        PGresult *r = PQexec(c, sql);
        cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQresultErrorMessage(r));
        cr_assert_str_eq(PQcmdTuples(r), "1");
        PQclear(r);
        PQfinish(c);
    }
}

static int audit_verify(char **out)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "%s audit verify --db '%s' 2>/dev/null", IFZO_BIN, srv.db.url);
    return run(cmd, out);
}

Test(access, the_audit_route_shows_who_looked_and_verify_names_a_tampered_entry)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    const char *const why[] = {"X-Reason: verzoek van cliënt om inzage", NULL};
    response r;
    for (int i = 0; i < 3; i++) {
        http_as(&srv, &fb, "GET", i == 1 ? "/api/audit?client=8" : "/api/audit?client=7", why, NULL,
                &r);
        cr_assert_eq(r.status, 200, "%s", r.body);
        response_free(&r);
    }
    http_as(&srv, &fb, "GET", "/api/audit?client=7", NULL, NULL, &r);
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), 2, "%s", r.body);
    json_t *e = json_array_get(items, 1);
    cr_assert_eq(json_integer_value(json_object_get(e, "seq")), 3);
    cr_assert_str_eq(json_string_value(json_object_get(e, "username")), fb.username);
    cr_assert_str_eq(json_string_value(json_object_get(e, "role")), "functioneel_beheer");
    cr_assert_eq(json_integer_value(json_object_get(e, "organisation_id")), fb.organisation_id);
    cr_assert_eq(json_integer_value(json_object_get(e, "client_id")), 7);
    cr_assert_str_eq(json_string_value(json_object_get(e, "action")), "read");
    cr_assert_str_eq(json_string_value(json_object_get(e, "reason")),
                     "verzoek van cliënt om inzage");
    cr_assert_eq(strlen(json_string_value(json_object_get(e, "request_id"))), 24);
    response_free(&r);
    http_as(&srv, &fb, "GET", "/api/audit?client=x", NULL, NULL, &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_field(&r), "client");
    response_free(&r);

    char *out;
    cr_assert_eq(audit_verify(&out), 0, "%s", out);
    cr_assert(strstr(out, "access log intact: 4 entries"), "%s", out);
    free(out);
    tamper("UPDATE access_log SET username = 'iemand-anders' WHERE seq = 2");
    cr_assert_eq(audit_verify(&out), 1, "%s", out);
    cr_assert(strstr(out, "BROKEN at entry 2"), "%s", out);
    free(out);
}

Test(access, verify_names_a_deleted_entry)
{
    client_auth fb;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    response r;
    for (int i = 0; i < 3; i++) {
        http_as(&srv, &fb, "GET", "/api/audit?client=7", NULL, NULL, &r);
        response_free(&r);
    }
    tamper("DELETE FROM access_log WHERE seq = 2");
    char *out;
    cr_assert_eq(audit_verify(&out), 1, "%s", out);
    cr_assert(strstr(out, "BROKEN at entry 2: entry 2 is missing"), "%s", out);
    free(out);
}

/* ---- headers and TLS ----------------------------------------------------------------- */

Test(access, every_answer_carries_the_security_headers)
{
    const char *paths[] = {"/api/version", "/api/users", "/no/such/route"};
    for (size_t i = 0; i < 3; i++) {
        response r;
        char v[400];
        http(&srv, "GET", paths[i], NULL, NULL, &r);
        cr_assert_str_eq(response_header(&r, "Content-Security-Policy", v, sizeof(v)),
                         "default-src 'self'; script-src 'self'; style-src 'self'; img-src "
                         "'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action "
                         "'self'");
        cr_assert_str_eq(response_header(&r, "X-Frame-Options", v, sizeof(v)), "DENY");
        cr_assert_str_eq(response_header(&r, "X-Content-Type-Options", v, sizeof(v)), "nosniff");
        cr_assert_str_eq(response_header(&r, "Referrer-Policy", v, sizeof(v)), "no-referrer");
        response_free(&r);
    }
}

typedef struct {
    char *data;
    size_t len;
} buf;
static size_t grow(char *p, size_t size, size_t n, void *ud)
{
    buf *b = ud;
    char *nd = realloc(b->data, b->len + size * n + 1);
    memcpy(nd + b->len, p, size * n);
    b->data = nd;
    b->len += size * n;
    b->data[b->len] = '\0';
    return size * n;
}

Test(access_tls, serve_over_tls_with_a_secure_cookie, .timeout = 60)
{
    server s;
    const char *const args[] = {"--tls-cert", IFZO_SOURCE_DIR "/tests/fixtures/tls/cert.pem",
                                "--tls-key", IFZO_SOURCE_DIR "/tests/fixtures/tls/key.pem", NULL};
    server_start(&s, args);
    char cmd[2048], *out;
    snprintf(cmd, sizeof(cmd),
             "printf '%%s\\n' '%s' | %s user add --db '%s' --username pl.tls --name T "
             "--role plaatser --new-organisation 'DJI TLS' --kind dji --totp off 2>&1",
             HARNESS_PASSWORD, IFZO_BIN, s.db.url);
    cr_assert_eq(run(cmd, &out), 0, "%s", out);
    free(out);
    CURL *c = curl_easy_init();
    char url[128];
    snprintf(url, sizeof(url), "https://127.0.0.1:%d/api/session", s.port);
    char body[200];
    snprintf(body, sizeof(body), "{\"username\":\"pl.tls\",\"password\":\"%s\"}", HARNESS_PASSWORD);
    struct curl_slist *hl = curl_slist_append(NULL, "Content-Type: application/json");
    buf b = {0}, h = {0};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(c, CURLOPT_CAINFO, IFZO_SOURCE_DIR "/tests/fixtures/tls/cert.pem");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, grow);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, grow);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform(c);
    cr_assert_eq(rc, CURLE_OK, "%s", curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    cr_assert_eq(status, 201, "%s", b.data);
    cr_assert(strstr(h.data, "; Secure") != NULL, "%s", h.data);
    cr_assert(strstr(h.data, "Strict-Transport-Security: max-age=31536000") != NULL, "%s", h.data);
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
    free(b.data);
    free(h.data);
    cr_assert_eq(server_stop(&s), 0);
}

Test(access_tls, a_certificate_without_its_key_is_refused, .timeout = 30)
{
    char *out;
    cr_assert_eq(run(IFZO_BIN " serve --listen 127.0.0.1:0 --tls-cert " IFZO_SOURCE_DIR
                              "/tests/fixtures/tls/cert.pem 2>&1",
                     &out),
                 2, "%s", out);
    cr_assert(strstr(out, "go together"), "%s", out);
    free(out);
}

/* ---- scoping: another organisation's object is "not found" ------------------------------ */

Test(access, another_organisations_object_answers_404_like_a_missing_one)
{
    client_auth fb, pl, za;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    char own[64], other[64];
    snprintf(own, sizeof(own), "/api/organisations/%lld", pl.organisation_id);
    snprintf(other, sizeof(other), "/api/organisations/%lld", za.organisation_id);
    response r, missing;
    http_as(&srv, &pl, "GET", own, NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "kind")), "3ro");
    response_free(&r);
    http_as(&srv, &pl, "GET", other, NULL, NULL, &r);
    http_as(&srv, &pl, "GET", "/api/organisations/999999", NULL, NULL, &missing);
    cr_assert_eq(r.status, 404);
    cr_assert_str_eq(r.body, missing.body);
    response_free(&r);
    response_free(&missing);
    http_as(&srv, &fb, "GET", other, NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "functioneel beheer sees every organisation");
    response_free(&r);
    /* A provider's token sees its own organisation only, too. */
    char body[120];
    snprintf(body, sizeof(body), "{\"organisation_id\":%lld,\"name\":\"EPD\"}", za.organisation_id);
    http_as(&srv, &fb, "POST", "/api/tokens", JSON_CT, body, &r);
    client_auth tok = {0};
    snprintf(tok.bearer, sizeof(tok.bearer), "Authorization: Bearer %s",
             json_string_value(json_object_get(r.json, "token")));
    response_free(&r);
    http_as(&srv, &tok, "GET", other, NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    response_free(&r);
    http_as(&srv, &tok, "GET", own, NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
}

Test(access, logging_in_again_with_a_live_session_needs_no_csrf_token)
{
    client_auth pl;
    as_role(&srv, "plaatser", "dji", 0, &pl);
    char body[200];
    snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", pl.username,
             HARNESS_PASSWORD);
    const char *const h[] = {"Content-Type: application/json", pl.cookie, NULL};
    response r;
    http(&srv, "POST", "/api/session", h, body, &r);
    cr_assert_eq(r.status, 201, "%s", r.body);
    response_free(&r);
}
