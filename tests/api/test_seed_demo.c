/*
 * test_seed_demo.c - `ifzo seed-demo` on an empty database (SQLite or PostgreSQL) produces
 * the documented demo data (docs/demo-data.md), seen through the API: counts, every
 * arrondissement, care type, security level and indication state; a second run is refused
 * (or left alone with --if-empty).
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <stdio.h>
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
TestSuite(seed_demo, .init = start, .fini = stop, .timeout = 60);

/* Runs `ifzo seed-demo [flag] --db URL` with output discarded; returns the exit status. */
static int run_seed(const char *flag)
{
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        FILE *devnull = freopen("/dev/null", "w", stdout);
        FILE *devnull2 = freopen("/dev/null", "w", stderr);
        (void)devnull;
        (void)devnull2;
        const char *argv[] = {IFZO_BIN, "seed-demo", "--db", srv.db.url, flag, NULL};
        if (flag == NULL)
            argv[4] = NULL;
        execv(IFZO_BIN, (char *const *)argv);
        _exit(127);
    }
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static long long total(const char *path)
{
    response r;
    http_as(&srv, &pl, "GET", path, NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s: %s", path, r.body);
    long long t = (long long)json_integer_value(json_object_get(r.json, "total"));
    response_free(&r);
    return t;
}

Test(seed_demo, fills_an_empty_database_with_the_documented_data)
{
    cr_assert_eq(run_seed(NULL), 0);
    cr_assert_eq(total("/api/zorgaanbieders"), 110);
    response first;
    http_as(&srv, &pl, "GET", "/api/zorgaanbieders?limit=1", NULL, NULL, &first);
    json_int_t org = json_integer_value(json_object_get(
        json_array_get(json_object_get(first.json, "items"), 0), "organisation_id"));
    response_free(&first);
    cr_assert_gt(org, 0);
    char by_org[80];
    snprintf(by_org, sizeof(by_org), "/api/zorgaanbieders?organisation_id=%lld", (long long)org);
    cr_assert_eq(total(by_org), 1); /* each provider has its own organisation */
    cr_assert_eq(total("/api/contracten"), 193);
    cr_assert_eq(total("/api/zorglocaties"), 440);
    cr_assert_eq(total("/api/zorgaanbod"), 761);
    /* A plaatser sees the 804 definitive indications (of 1000; 196 are concepts) and their
     * 804 clients (of 1000), decisions.md §30. */
    cr_assert_eq(total("/api/justitiabelen"), 804);
    cr_assert_eq(total("/api/indicaties"), 804);
    cr_assert_eq(total("/api/indicaties?status=concept"), 0);
    cr_assert_eq(total("/api/indicaties?status=definitief"), 804);

    static const char *const arr[] = {"AMS", "DHA", "GLD", "LIM", "MNE", "NHO",
                                      "NNE", "OBR", "OVE", "RTD", "ZWB"};
    char path[128];
    for (int i = 0; i < 11; i++) {
        snprintf(path, sizeof path, "/api/zorglocaties?arrondissement=%s", arr[i]);
        cr_assert_eq(total(path), 40, "%s", arr[i]);
    }
    for (int level = 1; level <= 4; level++) {
        snprintf(path, sizeof path, "/api/zorglocaties?beveiligingsniveau=%d", level);
        cr_assert_gt(total(path), 40, "level %d", level);
    }
    static const char *const types[] = {"KLIN", "TBS", "VBW", "BW", "VGV",
                                        "AMB",  "ADB", "ABH", "ABG"};
    for (int i = 0; i < 9; i++) {
        snprintf(path, sizeof path, "/api/zorgaanbod?zorgtype=%s", types[i]);
        cr_assert_gt(total(path), 50, "%s", types[i]);
    }

    /* 102 definitive indications were changed once: version 2, version 1 vervangen. */
    response r;
    http_as(&srv, &pl, "GET", "/api/indicaties?status=definitief&limit=1000", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    size_t i;
    json_t *it;
    int changed = 0;
    long long example = 0;
    json_array_foreach(json_object_get(r.json, "items"), i, it)
    {
        if (json_integer_value(json_object_get(it, "huidige_versie")) == 2) {
            changed++;
            example = (long long)json_integer_value(json_object_get(it, "id"));
        }
    }
    response_free(&r);
    cr_assert_eq(changed, 102);
    snprintf(path, sizeof path, "/api/indicaties/%lld/versies/1", example);
    http_as(&srv, &pl, "GET", path, NULL, NULL, &r);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "vervangen");
    response_free(&r);

    /* Not twice. */
    cr_assert_eq(run_seed(NULL), 1);
    cr_assert_eq(run_seed("--if-empty"), 0);
    cr_assert_eq(total("/api/zorgaanbieders"), 110);
}

/* Runs `ifzo seed-demo --db URL` and returns its standard output (malloc'd). */
static char *seed_output(void)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "'%s' seed-demo --db '%s' 2>/dev/null", IFZO_BIN, srv.db.url);
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
    cr_assert_eq(pclose(p), 0, "%s", buf);
    /* A copy: GCC 12 at -O2 takes pointers into buf for pointers to the local `buf` that
     * open_memstream wrote through (-Wdangling-pointer false positive). */
    char *out = strdup(buf);
    free(buf);
    cr_assert_not_null(out);
    return out;
}

Test(seed_demo, every_printed_demo_login_works_without_totp)
{
    char *out = seed_output();
    const char *at = strstr(out, "demo logins");
    cr_assert_not_null(at, "%s", out);
    cr_assert_not_null(strstr(at, "TOTP not required"), "%s", out);
    static const char *const roles[] = {"indiceerder", "plaatser", "zorgaanbieder",
                                        "functioneel_beheer", "beleid"};
    int logged_in = 0;
    const char *line = strchr(at, '\n');
    while (line && line[1] == ' ') {
        char user[80], password[80], role[40];
        cr_assert_eq(sscanf(line + 1, "%79s %79s %39s", user, password, role), 3, "%s", line);
        char body[300];
        snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
        static const char *const ct[] = {"Content-Type: application/json", NULL};
        response r;
        http(&srv, "POST", "/api/session", ct, body, &r);
        cr_assert_eq(r.status, 201, "%s: %s", user, r.body);
        cr_assert_str_eq(
            json_string_value(json_object_get(json_object_get(r.json, "user"), "role")), role, "%s",
            r.body);
        cr_assert_str_eq(role, roles[logged_in], "one account per role, in order");
        response_free(&r);
        logged_in++;
        line = strchr(line + 1, '\n');
    }
    cr_assert_eq(logged_in, 5, "%s", out);
    free(out);
}
