/*
 * harness.c - see harness.h.
 */
#include "harness.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void msleep(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

char *server_log(const server *s)
{
    FILE *f = fopen(s->log_path, "r");
    if (f == NULL)
        return strdup("");
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(f);
    fclose(mem);
    return buf;
}

static void launch(server *s, const char *const *extra);

void server_start(server *s, const char *const *extra)
{
    char err[512];
    memset(s, 0, sizeof(*s));
    cr_assert_eq(testdb_create(&s->db, err, sizeof(err)), 0, "%s", err);
    launch(s, extra);
}

void server_start_shared(server *s, const server *first, const char *const *extra)
{
    memset(s, 0, sizeof(*s));
    s->db = first->db;
    s->shared = true;
    launch(s, extra);
}

/* Servers still running when the test process exits (a failed assertion skips the test's
 * own server_stop): stopped here, so that no `ifzo serve` outlives its test. */
static pid_t live[32];

static void stop_leftovers(void)
{
    for (size_t i = 0; i < sizeof live / sizeof live[0]; i++)
        if (live[i] > 0) {
            kill(live[i], SIGTERM);
            waitpid(live[i], NULL, 0);
            live[i] = 0;
        }
}

static void track(pid_t pid, pid_t replace)
{
    static bool registered;
    if (!registered)
        registered = atexit(stop_leftovers) == 0;
    for (size_t i = 0; i < sizeof live / sizeof live[0]; i++)
        if (live[i] == replace) {
            live[i] = pid;
            return;
        }
}

static void launch(server *s, const char *const *extra)
{
    static int serial;
    snprintf(s->log_path, sizeof(s->log_path), "/tmp/ifzo-api-%ld-%ld-%d.log", (long)getpid(),
             (long)time(NULL), ++serial);
    const char *argv[32] = {IFZO_BIN,      "serve",     "--db", s->db.url,     "--listen",
                            "127.0.0.1:0", "--threads", "3",    "--log-level", "info"};
    int argc = 10;
    for (int i = 0; extra && extra[i] && argc < 30; i++)
        argv[argc++] = extra[i];
    argv[argc] = NULL;
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        int fd = open(s->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        /* stdout too: an orphaned server must not hold the test runner's pipe open. */
        if (fd >= 0) {
            dup2(fd, STDERR_FILENO);
            dup2(fd, STDOUT_FILENO);
            close(fd);
        }
        execv(IFZO_BIN, (char *const *)argv);
        _exit(127);
    }
    s->pid = pid;
    track(pid, 0);
    for (int waited = 0; waited < 15000; waited += 20) {
        char *log = server_log(s);
        const char *l = strstr(log, "\"msg\":\"listening\"");
        if (l) {
            const char *p = strstr(l, "\"port\":");
            if (p)
                s->port = atoi(p + 7);
        }
        free(log);
        if (s->port > 0)
            return;
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            char *why = server_log(s);
            cr_assert_fail("ifzo serve exited early: %s", why);
        }
        msleep(20);
    }
    cr_assert_fail("ifzo serve did not start listening");
}

int server_stop(server *s)
{
    int status = 0;
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        waitpid(s->pid, &status, 0);
        track(0, s->pid);
        s->pid = 0;
    }
    unlink(s->log_path);
    if (!s->shared)
        testdb_drop(&s->db);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

typedef struct {
    char *data;
    size_t len;
} growbuf;

static size_t collect(char *ptr, size_t size, size_t n, void *ud)
{
    growbuf *b = ud;
    size_t add = size * n;
    char *nd = realloc(b->data, b->len + add + 1);
    if (nd == NULL)
        return 0;
    memcpy(nd + b->len, ptr, add);
    b->data = nd;
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

void http(const server *s, const char *method, const char *path, const char *const *headers,
          const char *body, response *out)
{
    memset(out, 0, sizeof(*out));
    CURL *c = curl_easy_init();
    cr_assert_not_null(c);
    char url[1024];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", s->port, path);
    growbuf b = {0}, h = {0};
    struct curl_slist *hl = NULL;
    for (int i = 0; headers && headers[i]; i++)
        hl = curl_slist_append(hl, headers[i]);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    CURLcode rc = curl_easy_perform(c);
    cr_assert_eq(rc, CURLE_OK, "%s %s: %s", method, path, curl_easy_strerror(rc));
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
    curl_slist_free_all(hl);
    curl_easy_cleanup(c);
    out->body = b.data ? b.data : strdup("");
    out->body_len = b.len;
    out->headers = h.data ? h.data : strdup("");
    out->json = json_loads(out->body, 0, NULL);
}

void response_free(response *r)
{
    free(r->body);
    free(r->headers);
    json_decref(r->json);
    memset(r, 0, sizeof(*r));
}

const char *response_header(const response *r, const char *name, char *buf, size_t cap)
{
    size_t n = strlen(name);
    for (const char *line = r->headers; line && *line;) {
        const char *eol = strstr(line, "\r\n");
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        if (len > n && line[n] == ':' && strncasecmp(line, name, n) == 0) {
            const char *v = line + n + 1;
            while (*v == ' ')
                v++;
            size_t vlen = len - (size_t)(v - line);
            if (vlen >= cap)
                vlen = cap - 1;
            memcpy(buf, v, vlen);
            buf[vlen] = '\0';
            return buf;
        }
        line = eol ? eol + 2 : NULL;
    }
    return NULL;
}

const char *error_code(const response *r)
{
    const char *c = json_string_value(json_object_get(json_object_get(r->json, "error"), "code"));
    return c ? c : "";
}

const char *error_field(const response *r)
{
    const char *c = json_string_value(json_object_get(json_object_get(r->json, "error"), "field"));
    return c ? c : "";
}

int raw_connect(const server *s)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof(a)), 0, "%s", strerror(errno));
    return fd;
}

char *raw_read_all(int fd, int timeout_ms)
{
    growbuf b = {0};
    struct pollfd p = {.fd = fd, .events = POLLIN};
    for (int waited = 0; waited < timeout_ms;) {
        int r = poll(&p, 1, 50);
        if (r == 0) {
            waited += 50;
            continue;
        }
        char chunk[4096];
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n <= 0)
            break;
        collect(chunk, 1, (size_t)n, &b);
    }
    return b.data ? b.data : strdup("");
}

static const char *default_kind(const char *role)
{
    if (strcmp(role, "zorgaanbieder") == 0)
        return "zorgaanbieder";
    if (strcmp(role, "indiceerder") == 0)
        return "nifp";
    return "dji";
}

void as_role(server *s, const char *role, const char *org_kind, long long organisation_id,
             client_auth *out)
{
    static int counter;
    memset(out, 0, sizeof(*out));
    snprintf(out->username, sizeof(out->username), "%s.%ld.%d", role, (long)getpid(), ++counter);
    char org[200];
    if (organisation_id > 0)
        snprintf(org, sizeof(org), "--organisation %lld", organisation_id);
    else
        snprintf(org, sizeof(org), "--new-organisation 'Organisatie %s' --kind %s --totp off",
                 out->username, org_kind ? org_kind : default_kind(role));
    char cmd[2048];
    snprintf(cmd, sizeof(cmd),
             "printf '%%s\\n' '%s' | %s user add --db '%s' --username %s --name 'Test %s' "
             "--role %s %s 2>&1",
             HARNESS_PASSWORD, IFZO_BIN, s->db.url, out->username, out->username, role, org);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char line[1024], all[4096] = "";
    long long uid = 0, oid = 0;
    while (fgets(line, sizeof(line), p)) {
        strncat(all, line, sizeof(all) - strlen(all) - 1);
        if (sscanf(line, "user %lld organisation %lld", &uid, &oid) == 2)
            break;
    }
    while (fgets(line, sizeof(line), p))
        ;
    int st = pclose(p);
    cr_assert(st == 0 && uid > 0, "ifzo user add failed (%d): %s", st, all);
    out->user_id = uid;
    out->organisation_id = oid;
    char body[300];
    snprintf(body, sizeof(body), "{\"username\":\"%s\",\"password\":\"%s\"}", out->username,
             HARNESS_PASSWORD);
    const char *const ct[] = {"Content-Type: application/json", NULL};
    response r;
    http(s, "POST", "/api/session", ct, body, &r);
    cr_assert_eq(r.status, 201, "login as %s: %ld %s", role, r.status, r.body);
    char cookie[400];
    cr_assert_not_null(response_header(&r, "Set-Cookie", cookie, sizeof(cookie)));
    char *semi = strchr(cookie, ';');
    if (semi)
        *semi = '\0';
    snprintf(out->cookie, sizeof(out->cookie), "Cookie: %s", cookie);
    const char *csrf = json_string_value(json_object_get(r.json, "csrf_token"));
    cr_assert_not_null(csrf);
    snprintf(out->csrf_token, sizeof(out->csrf_token), "%s", csrf);
    snprintf(out->csrf, sizeof(out->csrf), "X-CSRF-Token: %s", csrf);
    response_free(&r);
}

void http_as(const server *s, const client_auth *who, const char *method, const char *path,
             const char *const *headers, const char *body, response *out)
{
    const char *all[24];
    size_t n = 0;
    for (size_t i = 0; headers && headers[i] && n < 20; i++)
        all[n++] = headers[i];
    if (who && who->cookie[0])
        all[n++] = who->cookie;
    if (who && who->csrf[0])
        all[n++] = who->csrf;
    if (who && who->bearer[0])
        all[n++] = who->bearer;
    all[n] = NULL;
    http(s, method, path, all, body, out);
}

long http_json_as(const server *s, const client_auth *who, const char *method, const char *path,
                  const char *body, long long if_match, response *out)
{
    char im[64];
    snprintf(im, sizeof im, "If-Match: \"%lld\"", if_match);
    const char *h[] = {"Content-Type: application/json", if_match ? im : NULL, NULL};
    http_as(s, who, method, path, h, body, out);
    return out->status;
}

long long post_created(const server *s, const client_auth *who, const char *path, const char *body)
{
    response r;
    cr_assert_eq(http_json_as(s, who, "POST", path, body, 0, &r), 201, "%s %s", path, r.body);
    long long id = json_num(r.json, "id");
    response_free(&r);
    return id;
}

long long json_num(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

const char *json_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

void referral_body(const server *s, const client_auth *who, const char *request_path,
                   const char *modus, long long loc, bool parallel, char *body, size_t cap)
{
    char path[256], mode[64];
    snprintf(path, sizeof path, "%s/voorstellen", request_path);
    snprintf(mode, sizeof mode, "{\"modus\":\"%s\"}", modus ? modus : "regulier");
    const char *h[] = {"Content-Type: application/json", NULL};
    response r;
    http_as(s, who, "POST", path, h, mode, &r);
    cr_assert_eq(r.status, 201, "%s %s", path, r.body);
    long long n = (long long)json_integer_value(json_object_get(r.json, "volgnummer"));
    bool proposed = false;
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(r.json, "locaties"), i, l)
    {
        const char *u = json_string_value(json_object_get(l, "uitkomst"));
        if (json_integer_value(json_object_get(l, "zorglocatie_id")) == loc && u != NULL &&
            strcmp(u, "voorgesteld") == 0)
            proposed = true;
    }
    response_free(&r);
    snprintf(body, cap,
             "{\"zorglocatie_id\":%lld,\"parallel\":%s,\"voorstel\":%lld,\"weging\":{\"01\":\"a\","
             "\"02\":\"b\",\"03\":\"c\",\"04\":\"d\",\"05\":\"e\",\"06\":\"f\",\"07\":\"g\","
             "\"08\":\"h\",\"09\":\"i\",\"10\":\"j\"}%s}",
             loc, parallel ? "true" : "false", n,
             proposed ? ""
                      : ",\"afwijking\":{\"contra_indicatie\":\"WACHT\",\"toelichting\":"
                        "\"Niet in het voorstel.\"}");
}
