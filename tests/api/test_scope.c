/*
 * test_scope.c - object scoping and the access log over HTTP (decisions.md §30-§33):
 * another organisation's client, indication, location or offer answers 404; a placer sees
 * definitive indications only; beleid gets no client-identifying data from any route it may
 * call; every read of client data is in the access log with who, role, organisation,
 * action and request id, the chain verifies, and a read is refused (503) when it cannot be
 * logged. Runs on SQLite and PostgreSQL like every API suite.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static server srv;
static void start(void)
{
    server_start(&srv, NULL);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(scope, .init = start, .fini = stop, .timeout = 120);

/* A client whose identifying values the beleid test looks for in every answer. */
#define NAME  "Zwartjes"
#define FIRST "Hieronymus"
#define BSN   "123456782"
#define BORN  "1977-07-17"
#define CLIENT                                                                                     \
    "{\"achternaam\":\"" NAME "\",\"voornamen\":\"" FIRST "\",\"geboortedatum\":\"" BORN           \
    "\",\"bsn\":\"" BSN "\",\"geslacht\":\"1\",\"postcode\":\"3011AB\"}"

static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(&srv, who, method, path, body, if_match, r);
}

static long long total_of(const client_auth *who, const char *path)
{
    response r;
    cr_assert_eq(call(who, "GET", path, NULL, 0, &r), 200, "%s: %s", path, r.body);
    long long t = (long long)json_integer_value(json_object_get(r.json, "total"));
    response_free(&r);
    return t;
}

static long long create_client(const client_auth *ind, const char *body)
{
    response r;
    cr_assert_eq(call(ind, "POST", "/api/justitiabelen", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

/* A complete ambulant indication for client cid (status concept or definitief). */
static void indication_body(char *buf, size_t cap, long long cid, const char *status)
{
    snprintf(buf, cap,
             "{\"justitiabele_id\":%lld,\"zorgtype\":\"ABH\",\"criteria\":{\"arrondissement\":"
             "\"RTD\",\"geslacht\":\"1\",\"aard_zorgvraag\":\"BEH\",\"dominante_zorgvraag\":"
             "\"VERSL\",\"bijkomende_problematiek\":\"GEEN\",\"bereik\":\"LOK\",\"outreach\":"
             "\"N\"},\"zorgtitel\":\"08\",\"titel_start\":\"2025-05-01\",\"titel_eind\":"
             "\"2026-05-01\",\"urgentie\":\"SPOED\",\"aanmelddatum\":\"2025-05-29\","
             "\"onderbouwing\":\"Verslaving.\",\"status\":\"%s\"}",
             cid, status);
}

static long long create_indication(const client_auth *ind, long long cid, const char *status)
{
    char body[1024];
    indication_body(body, sizeof body, cid, status);
    response r;
    cr_assert_eq(call(ind, "POST", "/api/indicaties", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

static void expect(const client_auth *who, const char *method, const char *path, const char *body,
                   long long if_match, long status, const char *code)
{
    response r;
    cr_assert_eq(call(who, method, path, body, if_match, &r), status, "%s %s: %s", method, path,
                 r.body);
    if (code)
        cr_assert_str_eq(error_code(&r), code, "%s %s", method, path);
    response_free(&r);
}

Test(scope, indiceerders_see_only_their_own_organisations_clients_and_indications)
{
    client_auth ind, other, pl;
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "indiceerder", "nifp", 0, &other);
    as_role(&srv, "plaatser", "dji", 0, &pl);
    long long cid = create_client(&ind, CLIENT);
    long long iid = create_indication(&ind, cid, "concept");
    char cpath[64], ipath[64], vpath[80], v1path[80], fin[80], body[1024];
    snprintf(cpath, sizeof cpath, "/api/justitiabelen/%lld", cid);
    snprintf(ipath, sizeof ipath, "/api/indicaties/%lld", iid);
    snprintf(vpath, sizeof vpath, "/api/indicaties/%lld/versies", iid);
    snprintf(v1path, sizeof v1path, "/api/indicaties/%lld/versies/1", iid);
    snprintf(fin, sizeof fin, "/api/indicaties/%lld/definitief", iid);
    indication_body(body, sizeof body, cid, "concept");

    /* Another indicating organisation: as if nothing existed. */
    expect(&other, "GET", cpath, NULL, 0, 404, "not_found");
    expect(&other, "PUT", cpath, CLIENT, 1, 404, "not_found");
    expect(&other, "GET", ipath, NULL, 0, 404, "not_found");
    expect(&other, "GET", vpath, NULL, 0, 404, "not_found");
    expect(&other, "GET", v1path, NULL, 0, 404, "not_found");
    expect(&other, "PUT", ipath, body, 1, 404, "not_found");
    expect(&other, "POST", fin, NULL, 1, 404, "not_found");
    cr_assert_eq(total_of(&other, "/api/justitiabelen"), 0);
    cr_assert_eq(total_of(&other, "/api/indicaties"), 0);
    response r;
    cr_assert_eq(call(&other, "POST", "/api/indicaties", body, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "justitiabele_id");
    response_free(&r);
    /* Naming another organisation as the indicating one is refused. */
    char theirs[1100];
    snprintf(theirs, sizeof theirs, "{\"indicerende_organisatie_id\":%lld,%s",
             other.organisation_id, body + 1);
    cr_assert_eq(call(&ind, "POST", "/api/indicaties", theirs, 0, &r), 400);
    cr_assert_str_eq(error_code(&r), "not_own_organisation");
    cr_assert_str_eq(error_field(&r), "indicerende_organisatie_id");
    response_free(&r);

    /* The own organisation sees both; the placer not while it is a concept. */
    cr_assert_eq(total_of(&ind, "/api/justitiabelen"), 1);
    cr_assert_eq(total_of(&ind, "/api/indicaties"), 1);
    expect(&pl, "GET", ipath, NULL, 0, 404, "not_found");
    expect(&pl, "GET", cpath, NULL, 0, 404, "not_found");
    cr_assert_eq(total_of(&pl, "/api/indicaties"), 0);

    /* Definitive: the placer reads it, every version and the client; the other body still
     * does not. */
    expect(&ind, "POST", fin, NULL, 1, 200, NULL);
    expect(&pl, "GET", ipath, NULL, 0, 200, NULL);
    expect(&pl, "GET", vpath, NULL, 0, 200, NULL);
    expect(&pl, "GET", v1path, NULL, 0, 200, NULL);
    expect(&pl, "GET", cpath, NULL, 0, 200, NULL);
    cr_assert_eq(total_of(&pl, "/api/justitiabelen"), 1);
    cr_assert_eq(total_of(&pl, "/api/indicaties"), 1);
    expect(&other, "GET", ipath, NULL, 0, 404, "not_found");
    expect(&other, "GET", cpath, NULL, 0, 404, "not_found");
}

/* Runs a shell command; returns its exit status and its output (malloc'd). */
static int run(const char *cmd, char **output)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char chunk[1024];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(mem);
    int st = pclose(p);
    *output = buf;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Runs SQL on the server's database behind its back (to break the access log). */
static void sql(const char *text)
{
    if (strcmp(srv.db.backend, "sqlite") == 0) {
        char cmd[2048], *out;
        snprintf(cmd, sizeof cmd, "sqlite3 '%s' \"%s\" 2>&1", srv.db.url + strlen("sqlite:"), text);
        cr_assert_eq(run(cmd, &out), 0, "%s", out);
        free(out);
    } else {
        PGconn *c = PQconnectdb(srv.db.url);
        cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
        PGresult *r = PQexec(c, text);
        cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQresultErrorMessage(r));
        PQclear(r);
        PQfinish(c);
    }
}

/* The entries of the access log about client cid, as functioneel beheer sees them. */
static json_t *audit_of(const client_auth *fb, long long cid)
{
    char path[64];
    snprintf(path, sizeof path, "/api/audit?client=%lld", cid);
    response r;
    cr_assert_eq(call(fb, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    json_t *items = json_incref(json_object_get(r.json, "items"));
    response_free(&r);
    return items;
}

static json_t *find_entry(json_t *items, const char *username, const char *action,
                          const char *object_type)
{
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "username")), username) == 0 &&
            strcmp(json_string_value(json_object_get(e, "action")), action) == 0 &&
            strcmp(json_string_value(json_object_get(e, "object_type")), object_type) == 0)
            return e;
    }
    return NULL;
}

Test(scope, a_placers_read_is_in_the_access_log_with_who_and_the_chain_verifies)
{
    client_auth ind, pl, fb;
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "dji", 0, &pl);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    long long cid = create_client(&ind, CLIENT);
    long long iid = create_indication(&ind, cid, "definitief");
    /* A second client in the list, to see one entry per client. */
    long long cid2 = create_client(&ind, "{\"achternaam\":\"Ander\",\"geboortedatum\":"
                                         "\"1980-01-01\",\"bsn\":\"111222333\",\"geslacht\":\"2\","
                                         "\"postcode\":\"9711\"}");
    create_indication(&ind, cid2, "definitief");

    char path[64];
    snprintf(path, sizeof path, "/api/justitiabelen/%lld", cid);
    response r;
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    char request_id[64];
    cr_assert_not_null(response_header(&r, "X-Request-Id", request_id, sizeof request_id));
    response_free(&r);
    cr_assert_eq(total_of(&pl, "/api/indicaties"), 2);

    json_t *items = audit_of(&fb, cid);
    json_t *e = find_entry(items, pl.username, "read", "justitiabele");
    cr_assert_not_null(e, "%s", json_dumps(items, 0));
    cr_assert_str_eq(json_string_value(json_object_get(e, "role")), "plaatser");
    cr_assert_eq(json_integer_value(json_object_get(e, "organisation_id")), pl.organisation_id);
    cr_assert_eq(json_integer_value(json_object_get(e, "client_id")), cid);
    cr_assert_eq(json_integer_value(json_object_get(e, "object_id")), cid);
    cr_assert_str_eq(json_string_value(json_object_get(e, "request_id")), request_id);
    /* The writes are there too: the client's creation and the indication's. */
    e = find_entry(items, ind.username, "create", "justitiabele");
    cr_assert_not_null(e);
    cr_assert_str_eq(json_string_value(json_object_get(e, "role")), "indiceerder");
    cr_assert_eq(json_integer_value(json_object_get(e, "organisation_id")), ind.organisation_id);
    e = find_entry(items, ind.username, "create", "indicatie");
    cr_assert_not_null(e);
    cr_assert_eq(json_integer_value(json_object_get(e, "object_id")), iid);
    /* The list wrote one entry for each client it returned. */
    e = find_entry(items, pl.username, "list", "indicatie");
    cr_assert_not_null(e);
    cr_assert_eq(json_integer_value(json_object_get(e, "object_id")), iid);
    json_decref(items);
    items = audit_of(&fb, cid2);
    cr_assert_not_null(find_entry(items, pl.username, "list", "indicatie"));
    cr_assert_null(find_entry(items, pl.username, "read", "justitiabele"));
    json_decref(items);

    char cmd[1200], *out;
    snprintf(cmd, sizeof cmd, "'%s' audit verify --db '%s' 2>&1", IFZO_BIN, srv.db.url);
    cr_assert_eq(run(cmd, &out), 0, "%s", out);
    cr_assert_not_null(strstr(out, "access log intact"), "%s", out);
    free(out);
}

Test(scope, client_data_is_neither_shown_nor_changed_when_the_access_cannot_be_logged)
{
    client_auth ind;
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    long long cid = create_client(&ind, CLIENT);
    char path[64];
    snprintf(path, sizeof path, "/api/justitiabelen/%lld", cid);
    if (strcmp(srv.db.backend, "sqlite") == 0)
        sql("CREATE TRIGGER refuse_log BEFORE INSERT ON access_log BEGIN "
            "SELECT RAISE(ABORT, 'log refused'); END;");
    else
        sql("CREATE FUNCTION refuse_log() RETURNS trigger AS 'BEGIN RAISE EXCEPTION "
            "''log refused''; END' LANGUAGE plpgsql; CREATE TRIGGER refuse_log BEFORE INSERT "
            "ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_log();");
    response r;
    cr_assert_eq(call(&ind, "GET", path, NULL, 0, &r), 503, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "access_log_unavailable");
    cr_assert_null(strstr(r.body, NAME));
    response_free(&r);
    cr_assert_eq(call(&ind, "GET", "/api/justitiabelen", NULL, 0, &r), 503, "%s", r.body);
    cr_assert_null(strstr(r.body, NAME));
    response_free(&r);
    const char *renamed = "{\"achternaam\":\"Anders\",\"geboortedatum\":\"" BORN "\",\"bsn\":\"" BSN
                          "\",\"geslacht\":\"1\",\"postcode\":\"3011AB\"}";
    cr_assert_eq(call(&ind, "PUT", path, renamed, 1, &r), 503, "%s", r.body);
    response_free(&r);
    if (strcmp(srv.db.backend, "sqlite") == 0)
        sql("DROP TRIGGER refuse_log");
    else
        sql("DROP TRIGGER refuse_log ON access_log");
    cr_assert_eq(call(&ind, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "achternaam")), NAME);
    cr_assert_eq(json_integer_value(json_object_get(r.json, "version")), 1);
    response_free(&r);
}

Test(scope, beleid_gets_no_name_bsn_or_date_of_birth_from_any_route_it_may_call)
{
    client_auth ind, bel;
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "beleid", "dji", 0, &bel);
    long long cid = create_client(&ind, CLIENT);
    long long iid = create_indication(&ind, cid, "definitief");
    response doc;
    http(&srv, "GET", "/api/openapi.json", NULL, NULL, &doc);
    cr_assert_eq(doc.status, 200);
    json_t *paths = json_object_get(doc.json, "paths");
    const char *pattern;
    json_t *ops;
    int answered = 0, ok = 0;
    char logout[16] = "";
    json_object_foreach(paths, pattern, ops)
    {
        const char *method;
        json_t *op;
        json_object_foreach(ops, method, op)
        {
            bool beleid = false;
            size_t i;
            json_t *who;
            json_array_foreach(json_object_get(op, "x-access"), i, who)
            {
                const char *w = json_string_value(who);
                beleid = beleid || (w && (strcmp(w, "beleid") == 0 || strcmp(w, "public") == 0));
            }
            if (!beleid)
                continue;
            char m[16];
            size_t k;
            for (k = 0; method[k] && k < sizeof m - 1; k++)
                m[k] = (char)(method[k] >= 'a' && method[k] <= 'z' ? method[k] - 32 : method[k]);
            m[k] = '\0';
            if (strcmp(m, "DELETE") == 0 && strcmp(pattern, "/api/session") == 0) {
                snprintf(logout, sizeof logout, "%s", m); /* last, it ends the session */
                continue;
            }
            /* Fill the path parameters with the ids of the client and its indication. */
            char path[256] = "";
            for (const char *p = pattern; *p;) {
                if (*p == '{') {
                    const char *end = strchr(p, '}');
                    char name[32];
                    snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
                    char val[32];
                    if (strcmp(name, "pc4") == 0)
                        snprintf(val, sizeof val, "3011");
                    else if (strcmp(name, "name") == 0)
                        snprintf(val, sizeof val, "zorgtype");
                    else if (strcmp(name, "versie") == 0)
                        snprintf(val, sizeof val, "1");
                    else
                        snprintf(val, sizeof val, "%lld", strstr(pattern, "indicat") ? iid : cid);
                    strncat(path, val, sizeof path - strlen(path) - 1);
                    p = end + 1;
                } else {
                    strncat(path, p, 1);
                    p++;
                }
            }
            if (strcmp(pattern, "/api/geo/reistijd") == 0)
                snprintf(path, sizeof path, "/api/geo/reistijd?van=2511&naar=3011");
            response r;
            call(&bel, m, path, strcmp(m, "GET") == 0 ? NULL : "{}", 0, &r);
            answered++;
            if (r.status == 200)
                ok++;
            cr_assert(r.status < 500, "%s %s: %ld %s", m, path, r.status, r.body);
            const char *body = r.body ? r.body : "";
            cr_assert_null(strstr(body, NAME), "%s %s gives a name", m, path);
            cr_assert_null(strstr(body, FIRST), "%s %s gives a name", m, path);
            cr_assert_null(strstr(body, BSN), "%s %s gives a BSN", m, path);
            cr_assert_null(strstr(body, BORN), "%s %s gives a date of birth", m, path);
            response_free(&r);
        }
    }
    response_free(&doc);
    cr_assert_gt(answered, 15, "beleid's routes were called");
    cr_assert_gt(ok, 10, "most of them answered");
    cr_assert_str_eq(logout, "DELETE");
    /* And the client routes themselves are closed to beleid. */
    char path[64];
    snprintf(path, sizeof path, "/api/justitiabelen/%lld", cid);
    expect(&bel, "GET", path, NULL, 0, 403, "forbidden");
    expect(&bel, "GET", "/api/indicaties", NULL, 0, 403, "forbidden");
}

/* A location body of provider zid. */
static void location_body(char *buf, size_t cap, long long zid, const char *agb)
{
    snprintf(buf, cap,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"Kliniek\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"3011AA\",\"plaats\":\"Rotterdam\",\"beveiligingsniveau\":\"2\"}",
             zid, agb);
}

static long long provider_for(const client_auth *fb, const client_auth *za, const char *agb)
{
    char body[256];
    snprintf(body, sizeof body,
             "{\"naam\":\"Zorg %s\",\"agb\":\"%s\",\"toelating\":true,\"organisation_id\":%lld}",
             agb, agb, za->organisation_id);
    response r;
    cr_assert_eq(call(fb, "POST", "/api/zorgaanbieders", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

static void bearer_for(const client_auth *fb, const client_auth *za, client_auth *out)
{
    char body[120];
    snprintf(body, sizeof body, "{\"organisation_id\":%lld,\"name\":\"EPD\"}", za->organisation_id);
    response r;
    cr_assert_eq(call(fb, "POST", "/api/tokens", body, 0, &r), 201, "%s", r.body);
    memset(out, 0, sizeof *out);
    snprintf(out->bearer, sizeof out->bearer, "Authorization: Bearer %s",
             json_string_value(json_object_get(r.json, "token")));
    response_free(&r);
}

Test(scope, a_provider_maintains_only_its_own_locations_and_offer)
{
    client_auth fb, mine, theirs, my_token, their_token;
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &mine);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &theirs);
    long long zid = provider_for(&fb, &mine, "06120030");
    provider_for(&fb, &theirs, "06120031");
    bearer_for(&fb, &mine, &my_token);
    bearer_for(&fb, &theirs, &their_token);

    char body[1024];
    location_body(body, sizeof body, zid, "06990701");
    response r;
    /* Naming another provider's id as parent: it "does not exist". */
    cr_assert_eq(call(&theirs, "POST", "/api/zorglocaties", body, 0, &r), 400, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "zorgaanbieder_id");
    response_free(&r);
    cr_assert_eq(call(&their_token, "POST", "/api/zorglocaties", body, 0, &r), 400);
    response_free(&r);
    cr_assert_eq(call(&mine, "POST", "/api/zorglocaties", body, 0, &r), 201, "%s", r.body);
    long long lid = json_num(r.json, "id");
    response_free(&r);
    char lpath[64];
    snprintf(lpath, sizeof lpath, "/api/zorglocaties/%lld", lid);
    expect(&theirs, "PUT", lpath, body, 1, 404, "not_found");
    expect(&their_token, "PUT", lpath, body, 1, 404, "not_found");
    expect(&my_token, "PUT", lpath, body, 1, 200, NULL);
    expect(&mine, "PUT", lpath, body, 2, 200, NULL);

    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"zorgtype\":\"ABH\",\"criteria\":{\"arrondissement\":"
             "[\"RTD\"],\"geslacht\":[\"1\",\"2\"],\"aard_zorgvraag\":[\"BEH\"],"
             "\"dominante_zorgvraag\":[\"VERSL\"],\"bijkomende_problematiek\":[\"GEEN\"],"
             "\"bereik\":[\"LOK\"],\"outreach\":[\"N\"]},\"capaciteit\":10,\"bezet\":2,"
             "\"wachtlijst\":0,\"wachttijd_dagen\":0}",
             lid);
    cr_assert_eq(call(&theirs, "POST", "/api/zorgaanbod", body, 0, &r), 400, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "zorglocatie_id");
    response_free(&r);
    cr_assert_eq(call(&my_token, "POST", "/api/zorgaanbod", body, 0, &r), 201, "%s", r.body);
    long long oid = json_num(r.json, "id");
    response_free(&r);
    char opath[64];
    snprintf(opath, sizeof opath, "/api/zorgaanbod/%lld", oid);
    expect(&theirs, "PUT", opath, body, 1, 404, "not_found");
    expect(&their_token, "PUT", opath, body, 1, 404, "not_found");
    expect(&mine, "PUT", opath, body, 1, 200, NULL);
    /* Reading the offer stays open to every provider (it is no client data). */
    expect(&theirs, "GET", opath, NULL, 0, 200, NULL);
}
