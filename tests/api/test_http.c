/*
 * test_http.c - the HTTP contract every route shares: health, errors for bad input, limits,
 * request ids, metrics, OpenAPI completeness, graceful stop, start-up failures.
 */
#include "harness.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static server srv;
static client_auth fb; /* the routes used here belong to functioneel beheer */

static void pause_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void start(void)
{
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
}

static void stop(void)
{
    int st = server_stop(&srv);
    cr_assert_eq(st, 0, "ifzo serve exited with %d after SIGTERM", st);
}

TestSuite(http, .init = start, .fini = stop, .timeout = 60);

static const char *const JSON_CT[] = {"Content-Type: application/json", NULL};

Test(http, healthz_reports_the_database)
{
    response r;
    http(&srv, "GET", "/healthz", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    json_t *db = json_object_get(r.json, "database");
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "status")), "ok");
    cr_assert_str_eq(json_string_value(json_object_get(db, "status")), "ok");
    cr_assert_str_eq(json_string_value(json_object_get(db, "backend")), srv.db.backend);
    cr_assert_gt(json_integer_value(json_object_get(db, "schema_version")), 0);
    response_free(&r);
}

Test(http, unknown_route_is_404_with_an_error_body)
{
    response r;
    http(&srv, "GET", "/api/nothing-here", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    cr_assert_str_eq(error_code(&r), "not_found");
    cr_assert_not_null(json_object_get(json_object_get(r.json, "error"), "message"));
    cr_assert(json_is_null(json_object_get(json_object_get(r.json, "error"), "field")));
    response_free(&r);
    http(&srv, "GET", "/api/organisations/1/extra", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
}

Test(http, wrong_method_is_405_with_allow)
{
    response r;
    char allow[128];
    http(&srv, "DELETE", "/api/organisations", NULL, NULL, &r);
    cr_assert_eq(r.status, 405);
    cr_assert_str_eq(error_code(&r), "method_not_allowed");
    cr_assert_not_null(response_header(&r, "Allow", allow, sizeof(allow)));
    cr_assert_str_eq(allow, "GET, HEAD, POST");
    response_free(&r);
    http(&srv, "POST", "/healthz", NULL, NULL, &r);
    cr_assert_eq(r.status, 405);
    cr_assert_str_eq(response_header(&r, "Allow", allow, sizeof(allow)), "GET, HEAD");
    response_free(&r);
}

Test(http, head_is_answered_like_get_without_a_body)
{
    response r;
    http(&srv, "HEAD", "/api/version", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(r.body_len, 0);
    response_free(&r);
}

Test(http, malformed_json_is_400_with_a_code)
{
    const char *bad[] = {"{", "{\"name\": }", "[1,2", "{\"a\":1,\"a\":2}", "\xff\xfe"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        response r;
        http_as(&srv, &fb, "POST", "/api/organisations", JSON_CT, bad[i], &r);
        cr_assert_eq(r.status, 400, "input %zu: %ld %s", i, r.status, r.body);
        cr_assert_str_eq(error_code(&r), "malformed_json");
        response_free(&r);
    }
    response r;
    http_as(&srv, &fb, "POST", "/api/organisations", JSON_CT, "[1,2,3]", &r);
    cr_assert_eq(r.status, 400);
    cr_assert_str_eq(error_code(&r), "invalid_body");
    response_free(&r);
}

Test(http, a_body_that_is_not_json_is_415)
{
    const char *const ct[] = {"Content-Type: text/plain", NULL};
    response r;
    http_as(&srv, &fb, "POST", "/api/organisations", ct, "name=x", &r);
    cr_assert_eq(r.status, 415);
    cr_assert_str_eq(error_code(&r), "unsupported_media_type");
    response_free(&r);
}

Test(http, body_over_the_limit_is_413)
{
    size_t n = (1u << 20) + 10;
    char *big = malloc(n + 1);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    big[n] = '\0';
    response r;
    http_as(&srv, &fb, "POST", "/api/organisations", JSON_CT, big, &r);
    cr_assert_eq(r.status, 413);
    cr_assert_str_eq(error_code(&r), "body_too_large");
    response_free(&r);
    /* Without Content-Length (chunked), the limit holds as well. */
    const char *const chunked[] = {"Content-Type: application/json", "Transfer-Encoding: chunked",
                                   NULL};
    http_as(&srv, &fb, "POST", "/api/organisations", chunked, big, &r);
    cr_assert_eq(r.status, 413, "%ld %s", r.status, r.body);
    response_free(&r);
    free(big);
}

Test(http, header_over_the_limit_is_431)
{
    size_t n = 40 * 1024;
    char *h = malloc(n + 16);
    strcpy(h, "X-Filler: ");
    memset(h + 10, 'a', n);
    h[10 + n] = '\0';
    const char *const hs[] = {h, NULL};
    response r;
    http(&srv, "GET", "/healthz", hs, NULL, &r);
    cr_assert_eq(r.status, 431, "got %ld", r.status);
    response_free(&r);
    free(h);
    /* An ordinary large header (8 KiB) still passes. */
    char *ok = malloc(8 * 1024 + 16);
    strcpy(ok, "X-Filler: ");
    memset(ok + 10, 'b', 8 * 1024);
    ok[10 + 8 * 1024] = '\0';
    const char *const hs2[] = {ok, NULL};
    http(&srv, "GET", "/healthz", hs2, NULL, &r);
    cr_assert_eq(r.status, 200);
    response_free(&r);
    free(ok);
}

Test(http, every_answer_carries_a_request_id_and_safe_headers)
{
    response r;
    char v[128];
    http(&srv, "GET", "/api/version", NULL, NULL, &r);
    cr_assert_not_null(response_header(&r, "X-Request-Id", v, sizeof(v)));
    cr_assert_eq(strlen(v), 24);
    cr_assert_str_eq(response_header(&r, "X-Content-Type-Options", v, sizeof(v)), "nosniff");
    response_free(&r);
    const char *const given[] = {"X-Request-Id: trace-1234-abcd", NULL};
    http(&srv, "GET", "/api/version", given, NULL, &r);
    cr_assert_str_eq(response_header(&r, "X-Request-Id", v, sizeof(v)), "trace-1234-abcd");
    response_free(&r);
    const char *const evil[] = {"X-Request-Id: <script>alert(1)</script>", NULL};
    http(&srv, "GET", "/api/version", evil, NULL, &r);
    response_header(&r, "X-Request-Id", v, sizeof(v));
    cr_assert(strchr(v, '<') == NULL, "unsafe request id echoed: %s", v);
    response_free(&r);
}

Test(http, each_request_writes_one_json_access_log_line)
{
    const char *const given[] = {"X-Request-Id: logline-check-42", NULL};
    response r;
    http_as(&srv, &fb, "GET", "/api/organisations/77", given, NULL, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
    char *log = NULL;
    for (int i = 0; i < 50; i++) { /* the line is written after the answer */
        free(log);
        log = server_log(&srv);
        if (strstr(log, "logline-check-42"))
            break;
        pause_ms(20);
    }
    const char *line = strstr(log, "{\"ts\"");
    int found = 0;
    for (; line; line = strstr(line + 1, "{\"ts\"")) {
        const char *eol = strchr(line, '\n');
        char *one = strndup(line, eol ? (size_t)(eol - line) : strlen(line));
        json_t *j = json_loads(one, 0, NULL);
        cr_assert_not_null(j, "log line is not JSON: %s", one);
        const char *rid = json_string_value(json_object_get(j, "request_id"));
        if (rid && strcmp(rid, "logline-check-42") == 0) {
            found++;
            cr_assert_str_eq(json_string_value(json_object_get(j, "route")),
                             "/api/organisations/{id}");
            cr_assert_eq(json_integer_value(json_object_get(j, "status")), 404);
            cr_assert_str_eq(json_string_value(json_object_get(j, "method")), "GET");
        }
        json_decref(j);
        free(one);
    }
    cr_assert_eq(found, 1, "%s", log);
    free(log);
}

Test(http, metrics_count_by_route_and_status)
{
    response r;
    for (int i = 0; i < 3; i++) {
        http(&srv, "GET", "/api/version", NULL, NULL, &r);
        response_free(&r);
    }
    http(&srv, "GET", "/api/no/such/path", NULL, NULL, &r); /* /api: never a web file */
    response_free(&r);
    pause_ms(100);
    http(&srv, "GET", "/metrics", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert(
        strstr(r.body, "ifzo_http_requests_total{route=\"GET /api/version\",status=\"200\"} 3\n"),
        "%s", r.body);
    cr_assert(strstr(r.body, "ifzo_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"),
              "%s", r.body);
    cr_assert(
        strstr(r.body, "ifzo_http_request_duration_seconds_count{route=\"GET /api/version\"} 3\n"),
        "%s", r.body);
    cr_assert(strstr(
        r.body,
        "ifzo_http_request_duration_seconds_bucket{route=\"GET /api/version\",le=\"+Inf\"} 3\n"));
    response_free(&r);
}

/* The OpenAPI document must list every route the server has, with its method and access,
 * and nothing the server does not have. The route list comes from `ifzo routes`. */
Test(http, openapi_lists_exactly_the_routes_of_the_server)
{
    response r;
    http(&srv, "GET", "/api/openapi.json", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(json_string_value(json_object_get(r.json, "openapi")), "3.1.0");
    json_t *paths = json_object_get(r.json, "paths");
    cr_assert(json_is_object(paths));
    FILE *p = popen(IFZO_BIN " routes", "r");
    cr_assert_not_null(p);
    char line[512];
    int routes = 0;
    while (fgets(line, sizeof(line), p)) {
        char method[16], pattern[256], access[200];
        cr_assert_eq(sscanf(line, "%15s %255s %199s", method, pattern, access), 3, "%s", line);
        char lower[16];
        for (size_t i = 0; i <= strlen(method); i++)
            lower[i] = (char)(method[i] >= 'A' && method[i] <= 'Z' ? method[i] + 32 : method[i]);
        json_t *op = json_object_get(json_object_get(paths, pattern), lower);
        cr_assert_not_null(op, "route %s %s is missing from docs/openapi.json", method, pattern);
        json_t *xa = json_object_get(op, "x-access");
        char joined[200] = "";
        size_t i;
        json_t *v;
        json_array_foreach(xa, i, v)
        {
            if (i)
                strcat(joined, ",");
            strncat(joined, json_string_value(v), sizeof(joined) - strlen(joined) - 2);
        }
        cr_assert_str_eq(joined, access, "x-access of %s %s", method, pattern);
        routes++;
    }
    cr_assert_eq(pclose(p), 0);
    int documented = 0;
    const char *key;
    json_t *item;
    json_object_foreach(paths, key, item)
    {
        const char *m;
        json_t *op;
        json_object_foreach(item, m, op)
        {
            if (strcmp(m, "parameters") != 0)
                documented++;
        }
    }
    cr_assert_eq(documented, routes, "openapi documents %d operations, server has %d", documented,
                 routes);
    response_free(&r);
}

/* A request whose body is still arriving when SIGTERM comes is answered; then the server
 * exits 0. */
Test(http_stop, a_request_in_flight_completes_after_sigterm, .timeout = 60)
{
    server s;
    server_start(&s, NULL);
    client_auth admin;
    as_role(&s, "functioneel_beheer", "dji", 0, &admin);
    const char *body = "{\"name\":\"Forensisch Plaatsingsloket\",\"kind\":\"dji\"}";
    char head[1024];
    snprintf(head, sizeof(head),
             "POST /api/organisations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "%s\r\n%s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
             admin.cookie, admin.csrf, strlen(body));
    int fd = raw_connect(&s);
    cr_assert_eq(write(fd, head, strlen(head)), (ssize_t)strlen(head));
    cr_assert_eq(write(fd, body, 10), 10);
    pause_ms(300);
    kill(s.pid, SIGTERM);
    pause_ms(300);
    int st;
    cr_assert_eq(waitpid(s.pid, &st, WNOHANG), 0, "server exited with a request in flight");
    cr_assert_eq(write(fd, body + 10, strlen(body) - 10), (ssize_t)(strlen(body) - 10));
    char *answer = raw_read_all(fd, 5000);
    close(fd);
    cr_assert(strncmp(answer, "HTTP/1.1 201", 12) == 0, "answer: %s", answer);
    free(answer);
    cr_assert_eq(waitpid(s.pid, &st, 0), s.pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit status %d", st);
    s.pid = 0;
    /* New connections are refused once stopping has begun. */
    server_stop(&s);
}

static int run_serve_expect_failure(const char *db, double *seconds, char *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "%s serve --db '%s' --listen 127.0.0.1:0 2>&1", IFZO_BIN, db);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FILE *p = popen(cmd, "r");
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

Test(http_start, unreachable_or_unwritable_database_exits_nonzero_with_a_reason, .timeout = 60)
{
    char out[2048];
    double secs;
    int rc =
        run_serve_expect_failure("postgres://nobody@127.0.0.1:1/none", &secs, out, sizeof(out));
    cr_assert_neq(rc, 0);
    cr_assert_lt(secs, 5.0, "took %.1f s", secs);
    cr_assert(strstr(out, "postgres: cannot connect") != NULL, "%s", out);
    /* A loopback socket that completes the TCP handshake but never speaks: only the
     * connect timeout (3 s by default) can end the wait. */
    int silent = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    cr_assert_eq(bind(silent, (struct sockaddr *)&a, sizeof(a)), 0);
    cr_assert_eq(listen(silent, 8), 0);
    socklen_t alen = sizeof(a);
    getsockname(silent, (struct sockaddr *)&a, &alen);
    char url[128];
    snprintf(url, sizeof(url), "postgres://nobody@127.0.0.1:%d/none", ntohs(a.sin_port));
    rc = run_serve_expect_failure(url, &secs, out, sizeof(out));
    close(silent);
    cr_assert_neq(rc, 0);
    cr_assert_lt(secs, 5.0, "took %.1f s", secs);
    cr_assert(strstr(out, "postgres: cannot connect") != NULL, "%s", out);
    rc = run_serve_expect_failure("sqlite:/proc/ifzo-cannot-write-here/ifzo.db", &secs, out,
                                  sizeof(out));
    cr_assert_neq(rc, 0);
    cr_assert(strstr(out, "sqlite: cannot") != NULL, "%s", out);
}

Test(http_start, bad_flags_exit_2_with_usage)
{
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " serve --threads 0 2>/dev/null")), 2);
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " serve --bogus 2>/dev/null")), 2);
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " serve --log-level loud 2>/dev/null")), 2);
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " nonsense 2>/dev/null")), 2);
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " serve --help >/dev/null")), 0);
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " migrate --help >/dev/null")), 0);
    cr_assert_eq(WEXITSTATUS(system(IFZO_BIN " version --help >/dev/null")), 0);
}
