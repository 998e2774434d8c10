/*
 * test_static.c - the web front end's files served by `ifzo serve --web-root`: types,
 * ETag/304, the Content-Security-Policy, the single-page fallback, and above all that no
 * path trick (.., %2e%2e, encoded NUL, backslash, dotfiles, symlinks out of the root)
 * ever yields a file outside the web root.
 *
 * Requests that must reach the server byte for byte go over a raw socket: libcurl would
 * squash "/../" before sending.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECRET "top-secret-outside-the-web-root"

static server srv;
static char tmp[64];
static char root[128];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

static void start(void)
{
    snprintf(tmp, sizeof(tmp), "/tmp/ifzo-static-XXXXXX");
    cr_assert_not_null(mkdtemp(tmp));
    char p[256];
    snprintf(root, sizeof(root), "%s/web", tmp);
    cr_assert_eq(mkdir(root, 0755), 0);
    snprintf(p, sizeof(p), "%s/css", root);
    cr_assert_eq(mkdir(p, 0755), 0);
    snprintf(p, sizeof(p), "%s/index.html", root);
    write_file(p, "<!doctype html><title>openifzo</title>");
    snprintf(p, sizeof(p), "%s/css/app.css", root);
    write_file(p, "body{margin:0}");
    snprintf(p, sizeof(p), "%s/app.js", root);
    write_file(p, "export const x = 1;");
    snprintf(p, sizeof(p), "%s/logo.svg", root);
    write_file(p, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    /* Precompressed variants: a fresh one, a stale one and a symlink (the bytes need not be
     * real gzip: the server sends them as they are). */
    snprintf(p, sizeof(p), "%s/css/app.css.gz", root);
    write_file(p, "GZ-BYTES");
    snprintf(p, sizeof(p), "%s/app.js.gz", root);
    write_file(p, "STALE-GZ");
    struct timespec old[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    cr_assert_eq(utimensat(AT_FDCWD, p, old, 0), 0);
    snprintf(p, sizeof(p), "%s/.env", root);
    write_file(p, SECRET);
    /* Outside the root: a file, and symlinks in the root pointing at it and its folder. */
    snprintf(p, sizeof(p), "%s/secret.txt", tmp);
    write_file(p, SECRET);
    char link[256];
    snprintf(link, sizeof(link), "%s/secret.txt", root);
    cr_assert_eq(symlink(p, link), 0);
    snprintf(link, sizeof(link), "%s/outside", root);
    cr_assert_eq(symlink(tmp, link), 0);
    snprintf(link, sizeof(link), "%s/etc", root);
    cr_assert_eq(symlink("/etc", link), 0);
    snprintf(link, sizeof(link), "%s/logo.svg.gz", root);
    cr_assert_eq(symlink(p, link), 0);
    const char *const args[] = {"--web-root", root, NULL};
    server_start(&srv, args);
}

static void stop(void)
{
    int st = server_stop(&srv);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(st, 0, "ifzo serve exited with %d after SIGTERM", st);
}

TestSuite(static_files, .init = start, .fini = stop, .timeout = 60);

/* Sends "GET <target> HTTP/1.1" exactly as given; returns the status, the answer in *out
 * (malloc'd). */
static int raw_get(const char *target, char **out)
{
    int fd = raw_connect(&srv);
    char req[1024];
    int n = snprintf(req, sizeof(req), "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                     target);
    cr_assert_eq(write(fd, req, (size_t)n), n);
    *out = raw_read_all(fd, 5000);
    close(fd);
    int status = 0;
    cr_assert_eq(sscanf(*out, "HTTP/1.1 %d", &status), 1, "no status line for %s: %s", target,
                 *out);
    return status;
}

Test(static_files, index_html_for_the_root_with_type_csp_and_etag)
{
    response r;
    char v[512];
    http(&srv, "GET", "/", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(r.body, "<!doctype html><title>openifzo</title>");
    cr_assert_str_eq(response_header(&r, "Content-Type", v, sizeof(v)), "text/html; charset=utf-8");
    cr_assert_str_eq(response_header(&r, "Content-Security-Policy", v, sizeof(v)),
                     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' "
                     "data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    cr_assert_str_eq(response_header(&r, "Cache-Control", v, sizeof(v)), "no-cache");
    cr_assert_str_eq(response_header(&r, "X-Content-Type-Options", v, sizeof(v)), "nosniff");
    cr_assert_not_null(response_header(&r, "ETag", v, sizeof(v)));
    cr_assert_eq(v[0], '"');
    response_free(&r);
    /* The API keeps its own caching rule; the CSP is on every answer (the access issue). */
    http(&srv, "GET", "/api/version", NULL, NULL, &r);
    cr_assert_str_eq(response_header(&r, "Cache-Control", v, sizeof(v)), "no-store");
    cr_assert_not_null(response_header(&r, "Content-Security-Policy", v, sizeof(v)));
    response_free(&r);
}

Test(static_files, content_types_by_extension)
{
    static const struct {
        const char *path, *type, *body;
    } cases[] = {
        {"/css/app.css", "text/css; charset=utf-8", "body{margin:0}"},
        {"/app.js", "text/javascript; charset=utf-8", "export const x = 1;"},
        {"/logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"},
        {"/index.html", "text/html; charset=utf-8", "<!doctype html><title>openifzo</title>"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        response r;
        char v[128];
        http(&srv, "GET", cases[i].path, NULL, NULL, &r);
        cr_assert_eq(r.status, 200, "%s: %ld", cases[i].path, r.status);
        cr_assert_str_eq(response_header(&r, "Content-Type", v, sizeof(v)), cases[i].type);
        cr_assert_str_eq(r.body, cases[i].body);
        response_free(&r);
    }
}

Test(static_files, if_none_match_gives_304_without_a_body)
{
    response r;
    char etag[128], hdr[160];
    http(&srv, "GET", "/css/app.css", NULL, NULL, &r);
    cr_assert_not_null(response_header(&r, "ETag", etag, sizeof(etag)));
    response_free(&r);
    snprintf(hdr, sizeof(hdr), "If-None-Match: \"other\", W/%s", etag);
    const char *const h[] = {hdr, NULL};
    http(&srv, "GET", "/css/app.css", h, NULL, &r);
    cr_assert_eq(r.status, 304);
    cr_assert_eq(r.body_len, 0);
    char again[128];
    cr_assert_str_eq(response_header(&r, "ETag", again, sizeof(again)), etag);
    response_free(&r);
    const char *const stale[] = {"If-None-Match: \"1-1\"", NULL};
    http(&srv, "GET", "/css/app.css", stale, NULL, &r);
    cr_assert_eq(r.status, 200);
    response_free(&r);
}

Test(static_files, head_answers_like_get_without_a_body)
{
    response r;
    char v[64];
    http(&srv, "HEAD", "/css/app.css", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_eq(r.body_len, 0);
    cr_assert_str_eq(response_header(&r, "Content-Length", v, sizeof(v)), "14");
    response_free(&r);
}

Test(static_files, screens_of_the_front_end_fall_back_to_index_html)
{
    response r;
    http(&srv, "GET", "/over", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(r.body, "<!doctype html><title>openifzo</title>");
    response_free(&r);
    http(&srv, "GET", "/clienten/12/indicaties", NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(r.body, "<!doctype html><title>openifzo</title>");
    response_free(&r);
    /* A missing file (with an extension) is a real 404, not the page. */
    http(&srv, "GET", "/vendor/missing.css", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    cr_assert_str_eq(error_code(&r), "not_found");
    response_free(&r);
    /* A folder is not a page. */
    http(&srv, "GET", "/css", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    response_free(&r);
}

Test(static_files, api_paths_stay_api)
{
    response r;
    http(&srv, "GET", "/api/nothing-here", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    cr_assert_str_eq(error_code(&r), "not_found");
    response_free(&r);
    http(&srv, "GET", "/api", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    cr_assert_not_null(r.json);
    response_free(&r);
    http(&srv, "GET", "/metrics/x", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    cr_assert_not_null(r.json);
    response_free(&r);
    /* Only GET and HEAD reach the files. */
    http(&srv, "POST", "/index.html", NULL, NULL, &r);
    cr_assert_eq(r.status, 404);
    cr_assert_str_eq(error_code(&r), "not_found");
    response_free(&r);
}

Test(static_files, path_tricks_never_yield_a_file_outside_the_root)
{
    static const struct {
        const char *target;
        int status;
    } cases[] = {
        {"/../etc/passwd", 400},
        {"/../secret.txt", 400},
        {"/css/../../secret.txt", 400},
        {"/%2e%2e/secret.txt", 400},
        {"/%2E%2E/%2e%2e/etc/passwd", 400},
        {"/css/%2e%2e%2f%2e%2e%2fsecret.txt", 400},
        {"/./index.html", 400},
        {"/index.html%00.png", 400},
        {"/secret.txt%00", 400},
        {"/%00", 400},
        {"/..%5csecret.txt", 400},
        {"/css\\..\\..\\secret.txt", 400},
        {"/secret.txt", 404}, /* a symlink in the root pointing outside */
        {"/outside/secret.txt", 404},
        {"/etc/passwd", 404},
        {"/etc/hostname", 404},
        {"/.env", 404}, /* dotfiles are never served */
        {"/css/.%2e/.env", 400},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *answer;
        int status = raw_get(cases[i].target, &answer);
        cr_expect_eq(status, cases[i].status, "%s: got %d", cases[i].target, status);
        cr_assert(strstr(answer, SECRET) == NULL, "%s leaked the secret", cases[i].target);
        cr_assert(strstr(answer, "root:") == NULL, "%s leaked /etc/passwd", cases[i].target);
        cr_assert(strstr(answer, "\"error\"") != NULL, "%s: %s", cases[i].target, answer);
        free(answer);
    }
}

Test(static_files, an_encoded_nul_in_an_api_path_is_400_not_a_shorter_path)
{
    char *answer;
    int status = raw_get("/api/version%00/x", &answer);
    cr_assert_eq(status, 400, "%s", answer);
    cr_assert(strstr(answer, "\"invalid_path\"") != NULL, "%s", answer);
    free(answer);
}

Test(static_start, a_web_root_that_does_not_exist_stops_the_start)
{
    char out[1024];
    FILE *p = popen(IFZO_BIN " serve --db sqlite:/tmp/ifzo-static-never.db --listen 127.0.0.1:0 "
                             "--web-root /nonexistent/web 2>&1",
                    "r");
    cr_assert_not_null(p);
    size_t n = fread(out, 1, sizeof(out) - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    cr_assert_neq(st, 0);
    cr_assert(strstr(out, "web root /nonexistent/web") != NULL, "%s", out);
    unlink("/tmp/ifzo-static-never.db");
}

/* A page loads a dozen files: they must share one connection (an answer queued before the
 * request is complete would make libmicrohttpd close it after each file). */
Test(static_files, files_keep_the_connection_open)
{
    int fd = raw_connect(&srv);
    const char *two = "GET /css/app.css HTTP/1.1\r\nHost: x\r\n\r\n"
                      "GET /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    cr_assert_eq(write(fd, two, strlen(two)), (ssize_t)strlen(two));
    char *answer = raw_read_all(fd, 5000);
    close(fd);
    const char *second = strstr(answer + 1, "HTTP/1.1 200");
    cr_assert(strncmp(answer, "HTTP/1.1 200", 12) == 0, "%s", answer);
    cr_assert_not_null(second, "the second file was not answered: %s", answer);
    cr_assert(strstr(answer, "body{margin:0}") != NULL);
    cr_assert(strstr(second, "export const x = 1;") != NULL);
    char *close_hdr = strstr(answer, "Connection: close");
    cr_assert(close_hdr == NULL || close_hdr > second, "closed after the first file: %s", answer);
    free(answer);
}

/* GETs path with Accept-Encoding ae (NULL: none); returns whether the gzip variant came. */
static bool got_gzip(const char *path, const char *ae, const char *plain_body)
{
    char hdr[200], v[128];
    snprintf(hdr, sizeof(hdr), "Accept-Encoding: %s", ae ? ae : "");
    const char *const h[] = {hdr, NULL};
    response r;
    http(&srv, "GET", path, ae ? h : NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s %s: %ld", path, ae, r.status);
    cr_assert_str_eq(response_header(&r, "Vary", v, sizeof(v)), "Accept-Encoding");
    bool gz = response_header(&r, "Content-Encoding", v, sizeof(v)) != NULL;
    if (gz) {
        cr_assert_str_eq(v, "gzip");
        cr_assert_str_eq(r.body, "GZ-BYTES");
    } else {
        cr_assert_str_eq(r.body, plain_body, "%s %s", path, ae);
    }
    response_free(&r);
    return gz;
}

Test(static_files, a_fresh_gz_beside_a_file_goes_to_a_client_that_accepts_gzip)
{
    const char *css = "body{margin:0}";
    cr_assert(got_gzip("/css/app.css", "gzip", css));
    cr_assert(got_gzip("/css/app.css", "gzip, deflate, br", css));
    cr_assert(got_gzip("/css/app.css", "br;q=1.0, GZIP; q=0.001", css));
    cr_assert(got_gzip("/css/app.css", "x-gzip", css));
    cr_assert(got_gzip("/css/app.css", "br, *", css));
    cr_assert_not(got_gzip("/css/app.css", NULL, css));
    cr_assert_not(got_gzip("/css/app.css", "identity", css));
    cr_assert_not(got_gzip("/css/app.css", "deflate, br", css));
    cr_assert_not(got_gzip("/css/app.css", "gzip;q=0", css));
    cr_assert_not(got_gzip("/css/app.css", "gzip; q=0.000, deflate", css));
    cr_assert_not(got_gzip("/css/app.css", "*;q=0.5, gzip;q=0", css));
    cr_assert_not(got_gzip("/css/app.css", "*;q=0", css));
    /* The type stays the file's; the ETag is the variant's own. */
    const char *const h[] = {"Accept-Encoding: gzip", NULL};
    response r;
    char v[128], etag_gz[128], etag[128];
    http(&srv, "GET", "/css/app.css", h, NULL, &r);
    cr_assert_str_eq(response_header(&r, "Content-Type", v, sizeof(v)), "text/css; charset=utf-8");
    cr_assert_not_null(response_header(&r, "ETag", etag_gz, sizeof(etag_gz)));
    cr_assert(strstr(etag_gz, "-gz\"") != NULL, "%s", etag_gz);
    response_free(&r);
    http(&srv, "GET", "/css/app.css", NULL, NULL, &r);
    cr_assert_not_null(response_header(&r, "ETag", etag, sizeof(etag)));
    cr_assert_str_neq(etag, etag_gz);
    response_free(&r);
    /* A conditional request is answered for the representation it would get. */
    char inm[160];
    snprintf(inm, sizeof(inm), "If-None-Match: %s", etag_gz);
    const char *const cond_gz[] = {"Accept-Encoding: gzip", inm, NULL};
    http(&srv, "GET", "/css/app.css", cond_gz, NULL, &r);
    cr_assert_eq(r.status, 304);
    cr_assert_str_eq(response_header(&r, "Content-Encoding", v, sizeof(v)), "gzip");
    response_free(&r);
    const char *const cond_plain[] = {inm, NULL};
    http(&srv, "GET", "/css/app.css", cond_plain, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(r.body, css);
    response_free(&r);
    /* HEAD says the variant's length. */
    http(&srv, "HEAD", "/css/app.css", h, NULL, &r);
    cr_assert_eq(r.status, 200);
    cr_assert_str_eq(response_header(&r, "Content-Length", v, sizeof(v)), "8");
    response_free(&r);
}

Test(static_files, a_stale_or_symlinked_gz_is_never_sent)
{
    /* app.js.gz is older than app.js: left over from before the file changed. */
    cr_assert_not(got_gzip("/app.js", "gzip", "export const x = 1;"));
    /* logo.svg.gz is a symlink (to the stale file): never followed. */
    cr_assert_not(got_gzip("/logo.svg", "gzip", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
    /* The single-page fallback has no variant either: index.html.gz does not exist. */
    cr_assert_not(got_gzip("/over", "gzip", "<!doctype html><title>openifzo</title>"));
}
