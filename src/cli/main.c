/*
 * main.c - `ifzo <command>`: the one binary for operators, like git: small commands that
 * each do one thing and say clearly what went wrong.
 *
 * Settings come from flags, then IFZO_* environment variables, then defaults.
 */
#include "api/log.h"
#include "api/router.h"
#include "api/server.h"
#include "api/static.h"
#include "cli/cli.h"
#include "doc/brief_pdf.h"
#include "store/store.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef IFZO_VERSION
#define IFZO_VERSION "0.0.0"
#endif

#define DEFAULT_DB     "sqlite:ifzo.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_WEB    "web"

typedef struct {
    const char *db;
    const char *listen;
    const char *threads;
    const char *log_level;
    const char *max_body;
    const char *tls_cert;
    const char *tls_key;
    const char *web_root;
} options;

static const char *env_or(const char *flag, const char *env, const char *fallback)
{
    if (flag)
        return flag;
    const char *e = getenv(env);
    return (e && *e) ? e : fallback;
}

static int usage_main(FILE *out);

static int usage_serve(FILE *out)
{
    fprintf(out,
            "usage: ifzo serve [--listen HOST:PORT] [--db URL] [--threads N]\n"
            "                  [--log-level debug|info|warn|error] [--max-body BYTES]\n"
            "                  [--tls-cert FILE --tls-key FILE] [--web-root DIR]\n\n"
            "  --listen     address to listen on (IFZO_LISTEN, default " DEFAULT_LISTEN ")\n"
            "  --db         sqlite:PATH or postgres://... (IFZO_DB, default " DEFAULT_DB ")\n"
            "  --threads    worker threads, each with its own database connection\n"
            "               (IFZO_THREADS, default 4)\n"
            "  --log-level  (IFZO_LOG_LEVEL, default info)\n"
            "  --max-body   largest request body in bytes (IFZO_MAX_BODY, default 1048576)\n"
            "  --tls-cert   PEM certificate (chain): serve HTTPS (IFZO_TLS_CERT)\n"
            "  --tls-key    PEM private key of the certificate (IFZO_TLS_KEY)\n"
            "  --web-root   folder of the web front end, served at / (IFZO_WEB_ROOT,\n"
            "               default ./" DEFAULT_WEB " when it exists; else the API only)\n\n"
            "IFZO_TODAY=YYYY-MM-DD fixes 'today' for every rule (tests, demos).\n"
            "IFZO_TRAVEL=FILE replaces the travel-time model (format of data/geo/travel.tsv).\n"
            "IFZO_STALE_DAYS=N marks offer figures older than N days stale in proposals\n"
            "(default 30); IFZO_DAGBEHANDELING_NORM=30..45 minutes (default 45).\n"
            "SIGTERM or SIGINT: finish the requests in flight, close the database, exit 0.\n");
    return out == stdout ? 0 : 2;
}

static int usage_migrate(FILE *out)
{
    fprintf(out, "usage: ifzo migrate [--db URL]\n\n"
                 "  --db  sqlite:PATH or postgres://... (IFZO_DB, default " DEFAULT_DB ")\n");
    return out == stdout ? 0 : 2;
}

/* Parses --name VALUE / --name=VALUE pairs of the allowed names into opts. */
static int parse_options(int argc, char **argv, const char *const *allowed, options *o,
                         int (*usage)(FILE *))
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return usage(stdout) == 0 ? 1 : -1;
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "ifzo: unexpected argument '%s'\n", a);
            return usage(stderr), -1;
        }
        const char *name = a + 2, *value = NULL;
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        if (eq)
            value = eq + 1;
        else if (i + 1 < argc)
            value = argv[++i];
        const char **slot = NULL;
        for (size_t k = 0; allowed[k]; k++) {
            if (strlen(allowed[k]) != nlen || strncmp(allowed[k], name, nlen) != 0)
                continue;
            if (strcmp(allowed[k], "db") == 0)
                slot = &o->db;
            else if (strcmp(allowed[k], "listen") == 0)
                slot = &o->listen;
            else if (strcmp(allowed[k], "threads") == 0)
                slot = &o->threads;
            else if (strcmp(allowed[k], "log-level") == 0)
                slot = &o->log_level;
            else if (strcmp(allowed[k], "max-body") == 0)
                slot = &o->max_body;
            else if (strcmp(allowed[k], "tls-cert") == 0)
                slot = &o->tls_cert;
            else if (strcmp(allowed[k], "tls-key") == 0)
                slot = &o->tls_key;
            else if (strcmp(allowed[k], "web-root") == 0)
                slot = &o->web_root;
        }
        if (slot == NULL) {
            fprintf(stderr, "ifzo: unknown option '--%.*s'\n", (int)nlen, name);
            return usage(stderr), -1;
        }
        if (value == NULL) {
            fprintf(stderr, "ifzo: option '--%.*s' needs a value\n", (int)nlen, name);
            return -1;
        }
        *slot = value;
    }
    return 0;
}

static int parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    if (s == NULL || *s == '\0' || *s == '-')
        return -1;
    unsigned long v = strtoul(s, &end, 10);
    if (*end != '\0' || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int open_and_migrate(const char *url, store **db)
{
    char err[512];
    int rc = store_open(url, db, err, sizeof(err));
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: %s\n", err);
        return -1;
    }
    int applied = 0;
    rc = store_migrate(*db, &applied, err, sizeof(err));
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: %s\n", err);
        store_close(*db);
        *db = NULL;
        return -1;
    }
    int version = 0;
    (void)store_schema_version(*db, &version); /* only for the log line */
    log_event(LOG_INFO, "database ready",
              json_pack("{s:s,s:i,s:i}", "backend", store_backend(*db), "schema_version", version,
                        "migrations_applied", applied));
    return 0;
}

static int cmd_migrate(int argc, char **argv)
{
    static const char *const allowed[] = {"db", NULL};
    options o = {0};
    int p = parse_options(argc, argv, allowed, &o, usage_migrate);
    if (p != 0)
        return p > 0 ? 0 : 2;
    store *db;
    if (open_and_migrate(env_or(o.db, "IFZO_DB", DEFAULT_DB), &db) != 0)
        return 1;
    int version = 0;
    (void)store_schema_version(db, &version);
    printf("database at schema version %d\n", version);
    store_close(db);
    return 0;
}

/* Reads a whole (small) file; malloc'd, NUL-terminated, or NULL with a message. */
static char *read_file(const char *path, const char *what)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ifzo: cannot read %s '%s'\n", what, path);
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && len + n < (1u << 20)) {
        if (len + n + 1 > cap) {
            cap = (len + n + 1) * 2;
            char *nb = realloc(buf, cap);
            if (nb == NULL)
                break;
            buf = nb;
        }
        memcpy(buf + len, chunk, n);
        len += n;
        buf[len] = '\0';
    }
    fclose(f);
    if (buf == NULL || len == 0) {
        fprintf(stderr, "ifzo: %s '%s' is empty or unreadable\n", what, path);
        free(buf);
        return NULL;
    }
    return buf;
}

static int cmd_serve(int argc, char **argv)
{
    static const char *const allowed[] = {"db",        "listen",   "threads",
                                          "log-level", "max-body", "tls-cert",
                                          "tls-key",   "web-root", NULL};
    options o = {0};
    int p = parse_options(argc, argv, allowed, &o, usage_serve);
    if (p != 0)
        return p > 0 ? 0 : 2;
    const char *level = env_or(o.log_level, "IFZO_LOG_LEVEL", "info");
    int lv = log_level_parse(level);
    unsigned long threads, max_body;
    if (lv < 0) {
        fprintf(stderr, "ifzo: log level must be debug, info, warn or error\n");
        return 2;
    }
    if (parse_uint(env_or(o.threads, "IFZO_THREADS", "4"), 1, 256, &threads) != 0) {
        fprintf(stderr, "ifzo: threads must be a number from 1 to 256\n");
        return 2;
    }
    if (parse_uint(env_or(o.max_body, "IFZO_MAX_BODY", "1048576"), 1024, 64ul << 20, &max_body) !=
        0) {
        fprintf(stderr, "ifzo: max-body must be a number from 1024 to 67108864\n");
        return 2;
    }
    struct ifzo_travel_model travel;
    const char *travel_file = getenv("IFZO_TRAVEL");
    if (travel_file && *travel_file) {
        char terr[512];
        if (cli_travel_load(travel_file, &travel, terr, sizeof(terr)) != 0) {
            fprintf(stderr, "ifzo: IFZO_TRAVEL: %s\n", terr);
            return 2;
        }
    }
    char verr[160];
    if (api_voorstel_configure(verr, sizeof verr) != 0) {
        fprintf(stderr, "ifzo: %s\n", verr);
        return 2;
    }
    const char *cert_path = env_or(o.tls_cert, "IFZO_TLS_CERT", NULL);
    const char *key_path = env_or(o.tls_key, "IFZO_TLS_KEY", NULL);
    if ((cert_path == NULL) != (key_path == NULL)) {
        fprintf(stderr, "ifzo: --tls-cert and --tls-key go together\n");
        return 2;
    }
    char *cert = NULL, *key = NULL;
    if (cert_path) {
        cert = read_file(cert_path, "TLS certificate");
        key = cert ? read_file(key_path, "TLS key") : NULL;
        if (key == NULL) {
            free(cert);
            return 1;
        }
    }
    const char *today = getenv("IFZO_TODAY");
    if (today && *today == '\0')
        today = NULL;
    log_set_level((log_level)lv);

    /* Block the stop signals in every thread (workers inherit the mask); this thread waits
     * for them with sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* The front end: a folder given explicitly must open; the default may be absent (an
     * API-only server, as in the API tests, which run from the build folder). */
    const char *web_dir = env_or(o.web_root, "IFZO_WEB_ROOT", NULL);
    static_root *web = NULL;
    char err[512];
    if (static_root_open(web_dir ? web_dir : DEFAULT_WEB, &web, err, sizeof(err)) != 0) {
        if (web_dir) {
            fprintf(stderr, "ifzo: %s\n", err);
            free(cert);
            free(key);
            return 1;
        }
        log_event(
            LOG_WARN, "no web front end",
            json_pack("{s:s}", "detail", "./" DEFAULT_WEB " not found; serving the API only"));
    } else {
        log_event(LOG_INFO, "web front end",
                  json_pack("{s:s}", "root", web_dir ? web_dir : DEFAULT_WEB));
    }

    store *db;
    if (open_and_migrate(env_or(o.db, "IFZO_DB", DEFAULT_DB), &db) != 0) {
        free(cert);
        free(key);
        static_root_close(web);
        return 1;
    }
    api_app app = {.db = db,
                   .version = IFZO_VERSION,
                   .today = today,
                   .web = web,
                   .travel = travel_file && *travel_file ? &travel : NULL};
    api_config cfg = {.listen = env_or(o.listen, "IFZO_LISTEN", DEFAULT_LISTEN),
                      .threads = (unsigned)threads,
                      .max_body = max_body,
                      .tls_cert_pem = cert,
                      .tls_key_pem = key};
    api_server *srv;
    if (api_server_start(&cfg, &app, &srv, err, sizeof(err)) != 0) {
        fprintf(stderr, "ifzo: %s\n", err);
        store_close(db);
        free(cert);
        if (key)
            memset(key, 0, strlen(key));
        free(key);
        static_root_close(web);
        return 1;
    }
    log_event(LOG_WARN, "listening",
              json_pack("{s:s,s:i,s:i,s:s,s:b}", "listen", cfg.listen, "port",
                        (int)api_server_port(srv), "threads", (int)threads, "backend",
                        store_backend(db), "tls", cert != NULL));
    int sig = 0;
    sigwait(&stop, &sig);
    log_event(LOG_WARN, "stopping", json_pack("{s:s}", "signal", sig == SIGTERM ? "TERM" : "INT"));
    api_server_stop(srv, 30000);
    store_close(db);
    free(cert);
    if (key)
        memset(key, 0, strlen(key));
    free(key);
    static_root_close(web);
    doc_shutdown(); /* the letter's font caches, after the last request */
    log_event(LOG_WARN, "stopped", NULL);
    return 0;
}

static int cmd_routes(int argc, char **argv)
{
    (void)argv;
    if (argc > 0) {
        printf("usage: ifzo routes\n\nPrints METHOD PATTERN ACCESS for every route.\n");
        return 0;
    }
    static const struct {
        unsigned bit;
        const char *name;
    } roles[] = {{API_ACCESS_PUBLIC, "public"},
                 {API_ROLE_INDICEERDER, "indiceerder"},
                 {API_ROLE_PLAATSER, "plaatser"},
                 {API_ROLE_ZORGAANBIEDER, "zorgaanbieder"},
                 {API_ROLE_FUNCTIONEEL_BEHEER, "functioneel_beheer"},
                 {API_ROLE_BELEID, "beleid"}};
    for (size_t i = 0; i < api_route_count; i++) {
        printf("%s %s ", api_routes[i].method, api_routes[i].pattern);
        int first = 1;
        for (size_t k = 0; k < sizeof(roles) / sizeof(roles[0]); k++) {
            if (api_routes[i].access & roles[k].bit) {
                printf("%s%s", first ? "" : ",", roles[k].name);
                first = 0;
            }
        }
        printf("\n");
    }
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    if (argc > 0 && strcmp(argv[0], "--help") == 0) {
        printf("usage: ifzo version\n\nPrints the version of this binary.\n");
        return 0;
    }
    printf("ifzo %s (schema %d)\n", IFZO_VERSION, store_schema_latest());
    return 0;
}

/* The commands, in the order `ifzo --help` lists them. Each gets the arguments after its
 * name. */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} COMMANDS[] = {
    {"serve", cmd_serve, "run the HTTP server (migrates the database first)"},
    {"migrate", cmd_migrate, "apply pending database migrations and exit"},
    {"routes", cmd_routes, "list the HTTP routes and who may call them"},
    {"user", cmd_user, "add a user, set a password, disable a user"},
    {"token", cmd_token, "create or revoke an API token for provider software"},
    {"audit", cmd_audit, "verify the hash chain of the access log"},
    {"import", cmd_import, "import reference data: `ifzo import geo FILE.csv`"},
    {"seed-demo", cmd_seed_demo, "fill an empty database with deterministic demo data"},
    {"match", cmd_match, "print the matching proposal for an indication as a table"},
    {"msg", cmd_msg, "FZ messages: validate, example, send"},
    {"version", cmd_version, "print the version"},
};

static int usage_main(FILE *out)
{
    fprintf(out, "usage: ifzo <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(out, "  %-9s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fprintf(out, "\n`ifzo <command> --help` describes a command's options.\n");
    return out == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_main(stderr);
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
        return usage_main(stdout);
    if (strcmp(cmd, "--version") == 0)
        cmd = "version";
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(cmd, COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 2, argv + 2);
    fprintf(stderr, "ifzo: unknown command '%s'\n\n", cmd);
    return usage_main(stderr);
}
